"""A `tracker run` pass split across processes (tracker.split): every page fetched once and
read as one process would read it, robots.txt read once, each site's limits kept by the
processes together, progress merged, and a process that dies has its part finished."""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import signal
import sqlite3
import subprocess
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import httpx
import pytest
from pytest_httpserver import HTTPServer
from sites import RENEWAL_ARTICLE, ballard_config
from werkzeug import Request, Response

from bench.fetch_speed import PageServer
from tracker import pipeline, split
from tracker.limits import Limits, Share
from tracker.pipeline import RunSummary, run_once
from tracker.store import SourceInfo, Store

PAGES = {f"/tv/ballard-{n}": RENEWAL_ARTICLE.encode() for n in range(40)}  # > SPLIT_FROM


def run(store: Store, urls: list[Any], processes: int, **fetch: Any) -> RunSummary:
    config = ballard_config(store, urls, min_interval=0, per_host=4, **fetch)
    summary, _ = run_once(config, store, echo=lambda _: None, processes=processes)
    return summary


def mark_pids(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Each forked pass process leaves a file named by its pid before it starts work."""
    original = split._child_main

    def marked(*args: Any) -> None:
        (folder / str(os.getpid())).touch()
        original(*args)

    monkeypatch.setattr(split, "_child_main", marked)


def test_a_split_pass_fetches_each_page_once_in_two_processes(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pids = tmp_path / "pids"
    pids.mkdir()
    mark_pids(monkeypatch, pids)
    with PageServer(PAGES) as server:
        urls = [f"http://127.0.0.1:{server.port}{path}" for path in PAGES]
        first = run(store, urls, processes=2)
        first_counts = server.take_counts()
        again = run(store, urls, processes=2)
        again_counts = server.take_counts()

    assert (first.failures, first.sources, first.fetched, first.snapshots) == ([], 40, 40, 40)
    assert (first_counts["200"], first_counts["robots 404"]) == (40, 1)  # robots.txt once
    assert (again.failures, again.not_modified, again.snapshots) == ([], 40, 0)
    assert (again_counts["304"], again_counts["200"], again_counts["robots 404"]) == (40, 0, 1)
    assert len(list(pids.iterdir())) == 4  # two processes per pass
    [row] = store.board()
    assert (row.view.status, row.view.season, row.view.certainty) == ("renewed", 2, "official")


def test_a_split_pass_stores_what_one_process_stores(tmp_path: Path) -> None:
    stores = [Store(f"sqlite:///{tmp_path / f'{n}.db'}") for n in (1, 2)]
    for store in stores:
        store.migrate()
    try:
        with PageServer(PAGES) as server:
            urls = [f"http://127.0.0.1:{server.port}{path}" for path in PAGES]
            summaries = [
                run(store, urls, processes) for store, processes in zip(stores, (1, 2), strict=True)
            ]
        boards = [[_reading(row.title, row.view) for row in store.board()] for store in stores]
    finally:
        for store in stores:
            store.close()

    one, two = (s.line().rsplit(" in ", 1)[0] for s in summaries)
    expected = "40 sources: 40 fetched, 0 not modified, 0 unchanged, 0 failed; 40 snapshots"
    assert one == two == f"{expected}, 1 changes"
    assert boards[0] == boards[1]


def _reading(title: str, view: Any) -> tuple[Any, ...]:
    """What the board says of a show, without row ids and times that differ by run."""
    return (title, view.status, view.season, view.certainty, view.evidence, view.ratings)


def test_progress_from_every_process_is_merged(sqlite_store: Store) -> None:
    seen: list[tuple[int, int]] = []

    def progress(summary: RunSummary, site: str) -> None:
        seen.append((summary.fetched + len(summary.failures), summary.taken))

    with PageServer(PAGES) as server:
        urls = [f"http://127.0.0.1:{server.port}{path}" for path in PAGES]
        config = ballard_config(sqlite_store, urls, min_interval=0, per_host=4)
        run_once(config, sqlite_store, echo=lambda _: None, progress=progress, processes=2)

    assert len(seen) == 40
    assert [done for done, _ in seen] == list(range(1, 41))
    assert {total for _, total in seen} == {40}


def test_failures_in_every_process_are_recorded_and_merged(sqlite_store: Store) -> None:
    with PageServer(PAGES) as server:
        base = f"http://127.0.0.1:{server.port}"
        gone = [f"{base}/tv/gone-{n}" for n in range(6)]  # 404s, dealt to both processes
        summary = run(sqlite_store, [base + path for path in PAGES] + gone, processes=2)

    assert (summary.sources, summary.fetched, summary.snapshots) == (46, 40, 40)
    assert sorted(url for url, _ in summary.failures) == sorted(gone)
    assert all(problem.startswith("http: HTTP 404") for _, problem in summary.failures)
    health = {(row.sources_ok, row.sources_failing) for row in sqlite_store.board()}
    assert health == {(40, 6)}


def test_a_pass_process_that_dies_has_its_part_finished_by_the_parent(
    sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = split._child_main

    def second_dies(*args: Any) -> None:
        work = args[5]
        if work.share.index == 1:
            os._exit(9)  # killed before it fetched anything
        original(*args)

    monkeypatch.setattr(split, "_child_main", second_dies)
    with PageServer(PAGES) as server:
        urls = [f"http://127.0.0.1:{server.port}{path}" for path in PAGES]
        summary = run(sqlite_store, urls, processes=2)
        counts = server.take_counts()

    assert (summary.failures, summary.fetched, summary.snapshots) == ([], 40, 40)
    assert counts["200"] == 40  # each page still fetched once


def test_processes_together_keep_a_sites_spacing(
    httpserver: HTTPServer, sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "SPLIT_FROM", 2)
    starts: list[float] = []

    def page(request: Request) -> Response:
        starts.append(time.monotonic())
        return Response(RENEWAL_ARTICLE, content_type="text/html")

    urls = []
    for n in range(6):
        httpserver.expect_request(f"/tv/ballard-{n}").respond_with_handler(page)
        urls.append(httpserver.url_for(f"/tv/ballard-{n}"))
    config = ballard_config(sqlite_store, urls, min_interval=0.3, per_host=2)

    summary, _ = run_once(config, sqlite_store, echo=lambda _: None, processes=2)

    assert (summary.failures, summary.fetched) == ([], 6)
    gaps = [b - a for a, b in itertools.pairwise(sorted(starts))]
    assert len(starts) == 6 and min(gaps) >= 0.27, gaps


def test_shares_divide_a_sites_lanes_and_interleave_its_turns() -> None:
    """Two processes' Limits on one site (per_host 2, 0.2 s apart): one lane each, and
    their turns alternate 0.2 s apart, each process's own 0.4 s apart."""

    async def turns(limits: Limits, out: list[tuple[int, float]], index: int) -> None:
        async def one() -> None:
            async with limits.slot("http://news.example/a"):
                out.append((index, time.monotonic()))
                await asyncio.sleep(0.01)

        await asyncio.gather(*(one() for _ in range(3)))

    async def both() -> list[tuple[int, float]]:
        start = time.monotonic()
        out: list[tuple[int, float]] = []
        lanes = cast(Callable[[], httpx.AsyncClient], _NoClient)
        pair = [Limits(16, 2, 0.2, lanes, Share(i, 2, start)) for i in (0, 1)]
        await asyncio.gather(*(turns(limits, out, i) for i, limits in enumerate(pair)))
        return out

    out = sorted(asyncio.run(both()), key=lambda turn: turn[1])

    assert [index for index, _ in out] == [0, 1, 0, 1, 0, 1]
    gaps = [b - a for (_, a), (_, b) in itertools.pairwise(out)]
    assert all(0.17 <= gap <= 0.6 for gap in gaps), gaps  # never closer; late under load


class _NoClient:
    """Stands in for a lane's HTTP client: the test takes turns, it never fetches."""

    async def aclose(self) -> None:
        return None


def test_share_parts_add_up_to_the_limit() -> None:
    for limit, count in [(2, 2), (16, 2), (5, 3), (4, 4)]:
        parts = [Share(i, count, 0.0).part(limit) for i in range(count)]
        assert sum(parts) == limit and min(parts) >= 1
    assert Share(3, 4, 0.0).part(1) == 1  # never no lane at all


def source(n: int, url: str, kind: str = "page") -> SourceInfo:
    return SourceInfo(n, 1, "ballard", kind, url, None, None, None, 0)


def test_deal_keeps_a_urls_sources_together_and_spreads_each_sites_urls() -> None:
    wanted = [source(n, f"https://a.example/{n // 2}") for n in range(8)]  # 4 URLs, 2 each
    wanted += [source(10 + n, f"https://b.example/{n}") for n in range(4)]

    parts = split.deal(wanted, 2, whole=set())

    for part in parts:
        urls = [s.url for s in part]
        assert all(urls.count(url) == 2 for url in urls if "a.example" in url)
    assert sorted(s.id for part in parts for s in part) == sorted(s.id for s in wanted)
    for site in ("a.example", "b.example"):
        assert [sum(1 for s in part if site in s.url) for part in parts] in ([4, 4], [2, 2])


def test_deal_gives_a_site_in_whole_to_one_process() -> None:
    wanted = [source(n, f"https://slow.example/{n}") for n in range(6)]

    parts = split.deal(wanted, 3, whole={"https://slow.example"})

    assert sorted(len(part) for part in parts) == [0, 0, 6]


def test_processes_for_auto_configured_and_capped(sqlite_store: Store) -> None:
    assert split.processes_for(None, per_host=2, store=sqlite_store, cpus=8) == 2
    assert split.processes_for(None, per_host=16, store=sqlite_store, cpus=8) == 4
    assert split.processes_for(None, per_host=16, store=sqlite_store, cpus=1) == 1
    assert split.processes_for(3, per_host=16, store=sqlite_store, cpus=1) == 3
    assert split.processes_for(8, per_host=2, store=sqlite_store, cpus=8) == 2


def test_an_in_memory_database_is_never_split() -> None:
    memory = Store("sqlite://")
    try:
        assert split.processes_for(4, per_host=4, store=memory, cpus=8) == 1
    finally:
        memory.close()


TRACKER = Path(__file__).resolve().parents[1] / ".venv" / "bin" / "tracker"


def test_ctrl_c_stops_every_process_with_its_work_written_and_no_lease_kept(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    """SIGINT to `tracker run` mid-pass: each process finishes what is in flight, writes
    it and gives its leases back; the next run fetches exactly the rest."""
    for n in range(40):
        httpserver.expect_request(f"/tv/ballard-{n}").respond_with_handler(_slowly)
    urls = [httpserver.url_for(f"/tv/ballard-{n}") for n in range(40)]
    config = tmp_path / "config.toml"
    config.write_text(
        '[database]\nurl = "sqlite:///tracker.db"\n'
        "[fetch]\nper_host = 2\nmin_interval = 0\nprocesses = 2\n"
        f'[[shows]]\ntitle = "Ballard"\nsources = {json.dumps(urls)}\n'
    )
    command = [str(TRACKER), "--config", str(config)]
    subprocess.run([*command, "init"], check=True, capture_output=True)

    run = subprocess.Popen([*command, "run"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while _pages_served(httpserver) < 4 and time.monotonic() < deadline:
        time.sleep(0.05)  # mid-pass: both processes are fetching
    run.send_signal(signal.SIGINT)
    run.communicate(timeout=30)
    first = Counter(r.path for r, _ in httpserver.log if r.path.startswith("/tv/"))
    with sqlite3.connect(tmp_path / "tracker.db") as db:
        leased = db.execute("SELECT COUNT(*) FROM sources WHERE lease_owner IS NOT NULL")
        checked = db.execute("SELECT COUNT(DISTINCT source_id) FROM checks").fetchone()[0]
        assert leased.fetchone()[0] == 0
    again = subprocess.run([*command, "run"], capture_output=True, text=True, timeout=60)

    assert run.returncode != 0
    assert 0 < checked == len(first) < 40  # every page fetched was recorded, once
    assert set(first.values()) == {1}
    # a plain run fetches every source: those read before the interrupt come back unchanged
    done = f"{40 - checked} fetched, 0 not modified, {checked} unchanged, 0 failed"
    assert done in again.stdout, again.stdout + again.stderr


def _pages_served(server: HTTPServer) -> int:
    return sum(1 for request, _ in server.log if request.path.startswith("/tv/"))


def _slowly(request: Request) -> Response:
    time.sleep(0.2)
    return Response(RENEWAL_ARTICLE, content_type="text/html")


def test_a_site_whose_robots_txt_is_slow_goes_whole_to_one_process(
    httpserver: HTTPServer, sqlite_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """robots.txt not known in time: the split does not wait for it, and the one process
    that gets the site's pages reads it (and honours it) before fetching them."""
    monkeypatch.setattr(split, "ROBOTS_WAIT", 0.2)
    pids = tmp_path / "pids"
    pids.mkdir()
    _record_fetching_pids(monkeypatch, pids)

    def slow_robots(request: Request) -> Response:
        time.sleep(0.6)
        return Response("User-agent: *\nDisallow: /private/\n", content_type="text/plain")

    httpserver.expect_request("/robots.txt").respond_with_handler(slow_robots)
    for n in range(40):
        httpserver.expect_request(f"/tv/ballard-{n}").respond_with_data(
            RENEWAL_ARTICLE, content_type="text/html"
        )
    urls = [httpserver.url_for(f"/tv/ballard-{n}") for n in range(40)]
    urls.append(httpserver.url_for("/private/ballard"))

    summary = run(sqlite_store, urls, processes=2)

    assert (summary.fetched, summary.snapshots) == (40, 40)
    assert [problem.split(":")[0] for _, problem in summary.failures] == ["robots"]
    assert len(list(pids.iterdir())) == 1  # one process fetched every page of the site


def _record_fetching_pids(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Each process that records a fetched page leaves a file named by its pid."""
    original = pipeline._Pass.record

    def record(self: Any, *args: Any, **kwargs: Any) -> None:
        (folder / str(os.getpid())).touch()
        original(self, *args, **kwargs)

    monkeypatch.setattr(pipeline._Pass, "record", record)


def test_pages_opted_out_of_robots_txt_are_still_dealt_to_every_process(
    httpserver: HTTPServer, sqlite_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pids = tmp_path / "pids"
    pids.mkdir()
    _record_fetching_pids(monkeypatch, pids)
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /\n")
    for n in range(40):
        httpserver.expect_request(f"/tv/ballard-{n}").respond_with_data(
            RENEWAL_ARTICLE, content_type="text/html"
        )
    sources = [{"url": httpserver.url_for(f"/tv/ballard-{n}"), "robots": False} for n in range(40)]

    summary = run(sqlite_store, sources, processes=2)

    assert (summary.failures, summary.fetched) == ([], 40)
    assert len(list(pids.iterdir())) == 2
