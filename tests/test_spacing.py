"""Per-site spacing in a real run: fetches of one site start `min_interval` apart, while
other sites (another host:port) are not held back by it."""

from __future__ import annotations

import asyncio
import itertools
import time
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from sites import RENEWAL_ARTICLE, ballard_config, run_at
from werkzeug import Request, Response

from bench.fetch_speed import PageServer
from tracker import limits
from tracker.config import parse_config
from tracker.errors import ConfigError
from tracker.limits import Limits
from tracker.store import Store


def run(store: Store, sources: list[str], **fetch: Any) -> float:
    started = time.monotonic()
    summary = run_at(ballard_config(store, sources, **fetch), store)
    assert summary.failures == []
    return time.monotonic() - started


def test_fetches_of_one_site_start_at_least_min_interval_apart(
    httpserver: HTTPServer, sqlite_store: Store
) -> None:
    urls, starts = serve_timed_pages(httpserver, 4, "User-agent: *\nAllow: /\n")

    run(sqlite_store, urls, min_interval=0.3, per_host=4)

    assert len(starts) == 4
    assert min(gaps(starts)) >= 0.28, gaps(starts)  # per_host=4 alone would start all at once


def test_another_site_is_not_held_back_by_the_first_sites_spacing(
    httpserver: HTTPServer, sqlite_store: Store
) -> None:
    other = HTTPServer(host="127.0.0.1", port=0)
    other.no_handler_status_code = 404
    other.start()
    try:
        urls = []
        for server in (httpserver, other):
            server.expect_request("/tv/ballard").respond_with_data(
                RENEWAL_ARTICLE, content_type="text/html"
            )
            urls.append(server.url_for("/tv/ballard"))

        seconds = run(sqlite_store, urls, min_interval=5.0)
    finally:
        other.stop()

    assert seconds < 2.5  # two sites, one fetch each: nobody waited the five seconds


@pytest.mark.parametrize("value", [-1, 301, "1s"])
def test_a_bad_min_interval_names_the_field(value: Any) -> None:
    raw = {"fetch": {"min_interval": value}, "shows": [{"title": "Ballard"}]}
    with pytest.raises(ConfigError) as caught:
        parse_config(raw, Path("/srv/tracker/config.toml"))
    assert str(caught.value).startswith("/srv/tracker/config.toml: fetch.min_interval:")


def serve_timed_pages(server: HTTPServer, count: int, robots: str) -> tuple[list[str], list[float]]:
    """`count` article paths that note when each request arrived, under `robots`."""
    starts: list[float] = []

    def page(request: Request) -> Response:
        starts.append(time.monotonic())
        return Response(RENEWAL_ARTICLE, content_type="text/html")

    server.expect_request("/robots.txt").respond_with_data(robots, content_type="text/plain")
    urls = []
    for n in range(count):
        server.expect_request(f"/tv/ballard-{n}").respond_with_handler(page)
        urls.append(server.url_for(f"/tv/ballard-{n}"))
    return urls, starts


def gaps(starts: list[float]) -> list[float]:
    ordered = sorted(starts)
    return [b - a for a, b in itertools.pairwise(ordered)]


def test_a_crawl_delay_in_robots_txt_spaces_the_sites_fetches(
    httpserver: HTTPServer, sqlite_store: Store
) -> None:
    urls, starts = serve_timed_pages(httpserver, 3, "User-agent: *\nCrawl-delay: 0.5\n")

    run(sqlite_store, urls, min_interval=0, per_host=1)

    assert len(starts) == 3
    assert min(gaps(starts)) >= 0.48, gaps(starts)  # min_interval = 0 alone would not wait


def test_a_huge_crawl_delay_is_capped_so_the_run_ends(
    httpserver: HTTPServer, sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_CRAWL_DELAY", 0.3)  # stands in for the 60 s cap
    urls, starts = serve_timed_pages(httpserver, 3, "User-agent: *\nCrawl-delay: 3600\n")

    seconds = run(sqlite_store, urls, min_interval=0, per_host=1)

    assert len(starts) == 3 and seconds < 5
    assert all(0.28 <= gap < 2 for gap in gaps(starts)), gaps(starts)


# -- lanes: a site's connections are few and reused -------------------------------------


@pytest.mark.parametrize("per_host", [1, 3])
def test_a_sites_fetches_share_per_host_kept_alive_connections(
    sqlite_store: Store, per_host: int
) -> None:
    """Twelve pages of one site: at most `per_host` connections for them (plus the one that
    read robots.txt), reused again by the next run's conditional GETs."""
    pages = {f"/tv/ballard-{i}": RENEWAL_ARTICLE.encode() for i in range(12)}
    with PageServer(pages) as server:
        urls = [f"http://127.0.0.1:{server.port}{path}" for path in pages]
        config = ballard_config(sqlite_store, urls, min_interval=0, per_host=per_host)
        first = run_at(config, sqlite_store)
        first_counts = server.take_counts()
        again = run_at(config, sqlite_store)
        again_counts = server.take_counts()

    assert (first.failures, first.fetched, again.not_modified) == ([], 12, 12)
    assert first_counts["200"] == 12 and again_counts["304"] == 12
    assert 2 <= first_counts["connections"] <= per_host + 1
    assert 2 <= again_counts["connections"] <= per_host + 1


def test_a_turn_woken_late_still_starts_min_interval_after_the_previous_fetch() -> None:
    """The event loop busy past a reserved turn (a page read inline): the late fetch and
    the next one must not start closer together than the site's interval."""

    async def four_fetches() -> list[float]:
        limits = Limits(16, 4, 0.3, lambda: _NoClient())  # type: ignore[arg-type, return-value]
        starts: list[float] = []

        async def fetch(n: int) -> None:
            async with limits.slot("http://news.example/a"):
                starts.append(time.monotonic())
                if n == 1:
                    time.sleep(0.45)  # blocks the loop through the third fetch's turn

        await asyncio.gather(*(fetch(n) for n in range(4)))
        return starts

    starts = asyncio.run(four_fetches())

    assert len(starts) == 4
    assert min(gaps(starts)) >= 0.29, gaps(starts)


class _NoClient:
    """Stands in for a lane's HTTP client: the test takes turns, it never fetches."""

    async def aclose(self) -> None:
        return None
