"""`tracker run`'s progress: the pipeline reports each source, the bar shows it on a terminal."""

from __future__ import annotations

import io

from pytest_httpserver import HTTPServer
from rich.console import Console
from sites import RENEWAL_ARTICLE, ballard_config

from tracker.pipeline import RunSummary, run_once
from tracker.render import RunProgress
from tracker.store import Store


def test_the_pipeline_reports_every_source_with_running_totals(
    httpserver: HTTPServer, sqlite_store: Store
) -> None:
    for path in ("/a", "/b"):
        httpserver.expect_request(path).respond_with_data(RENEWAL_ARTICLE, content_type="text/html")
    httpserver.expect_request("/gone").respond_with_data("gone", status=410)
    urls = [httpserver.url_for(p) for p in ("/a", "/b", "/gone")]
    config = ballard_config(sqlite_store, urls, min_interval=0)
    seen: list[tuple[int, int, int, str]] = []

    def progress(summary: RunSummary, site: str) -> None:
        done = summary.fetched + summary.not_modified + summary.unchanged
        seen.append((done + len(summary.failures), summary.sources, len(summary.failures), site))

    run_once(config, sqlite_store, echo=lambda _: None, progress=progress)

    site = f"127.0.0.1:{httpserver.port}"
    assert [(done, total, site_) for done, total, _, site_ in seen] == [
        (1, 3, site),
        (2, 3, site),
        (3, 3, site),
    ]
    assert seen[-1][2] == 1


def test_the_bar_shows_done_total_failures_and_the_site() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=100, color_system=None)
    summary = RunSummary(sources=5, fetched=2, failures=[("https://a.example/x", "http: 500")])

    with RunProgress(console) as bar:
        bar(summary, "news.example:443")

    rendered = out.getvalue()
    assert "3/5" in rendered and "1 failed" in rendered and "news.example:443" in rendered


def test_resting_sources_are_not_counted_in_the_total() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=100, color_system=None)
    summary = RunSummary(sources=10, deferred=4, fetched=6)

    with RunProgress(console) as bar:
        bar(summary, "news.example:443")

    assert "6/6" in out.getvalue()
