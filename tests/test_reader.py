"""Reading pages in worker processes: the same result as inline, and a broken pool is
survived by reading inline."""

from __future__ import annotations

import asyncio
import os
import signal
from typing import Any

from pytest_httpserver import HTTPServer
from sites import RENEWAL_ARTICLE, ballard_config, run_at

from tracker.reader import POOL_FROM, Reader, read_page, workers_for
from tracker.store import Store

SHOWS = [("Ballard", ("Renée Ballard",)), ("Bosch", ())]


def test_a_worker_reads_a_page_as_the_event_loop_would() -> None:
    async def read_both() -> tuple[Any, Any]:
        reader = Reader(1)
        try:
            pooled = await reader.read(RENEWAL_ARTICLE, True, SHOWS)
        finally:
            reader.close()
        return pooled, read_page(RENEWAL_ARTICLE, True, SHOWS)

    pooled, inline = asyncio.run(read_both())

    assert pooled == inline
    assert [e.status for e in pooled.extractions] == ["renewed", "unknown"]


def test_a_pool_whose_worker_dies_is_replaced_by_reading_inline() -> None:
    async def read_after_kill() -> Any:
        reader = Reader(1)
        try:
            await reader.read(RENEWAL_ARTICLE, True, SHOWS)  # the worker is up
            pool: Any = reader._pool
            for process in list(pool._processes.values()):
                os.kill(process.pid, signal.SIGKILL)
            first = await reader.read(RENEWAL_ARTICLE, True, SHOWS)
            second = await reader.read(RENEWAL_ARTICLE, True, SHOWS)
            after = reader._pool  # before close() in `finally` empties it anyway
        finally:
            reader.close()
        return first, second, after

    first, second, pool = asyncio.run(read_after_kill())

    assert first.extractions[0].status == second.extractions[0].status == "renewed"
    assert pool is None  # the pass goes on in-process


def test_a_near_empty_page_is_read_as_empty() -> None:
    shell = "<html><body><div id='app'></div><script>boot()</script></body></html>"

    read = read_page(shell, True, SHOWS)

    assert (read.empty, read.extractions) == (True, ())


def test_workers_are_used_for_big_passes_with_cpus_to_spare_unless_configured() -> None:
    assert workers_for(None, POOL_FROM - 1, cpus=8) == 0
    assert workers_for(None, POOL_FROM, cpus=8) == 4  # at most four
    assert workers_for(None, POOL_FROM, cpus=3) == 2  # one CPU left to the event loop
    assert workers_for(None, 5000, cpus=2) == 0  # the loop keeps one of two busy itself
    assert workers_for(0, 5000, cpus=8) == 0
    assert workers_for(3, 1, cpus=1) == 3


def test_a_pass_with_workers_gets_the_same_statuses(
    httpserver: HTTPServer, sqlite_store: Store
) -> None:
    for path in ("/a", "/b", "/c"):
        httpserver.expect_request(path).respond_with_data(RENEWAL_ARTICLE, content_type="text/html")
    urls = [httpserver.url_for(p) for p in ("/a", "/b", "/c")]
    config = ballard_config(sqlite_store, urls, min_interval=0, workers=2)

    summary = run_at(config, sqlite_store)

    assert (summary.failures, summary.fetched, summary.snapshots) == ([], 3, 3)
    [row] = sqlite_store.board()
    assert (row.view.status, row.view.season, row.view.certainty) == ("renewed", 2, "official")
