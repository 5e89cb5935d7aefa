"""`run_once` end to end: a real HTTP server on 127.0.0.1, a SQLite file, the real extractor.

The story is DESIGN.md's: the July 2025 article (the seed) leaves Ballard pending season 2;
the October page announcing the renewal turns that into exactly one alert; the July article
served again changes nothing. Then the ways a source can break, one per source, and the
conditional GET that keeps an unchanged page from costing a snapshot.
"""

from __future__ import annotations

import html
import re
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tracker.config import Config, parse_config
from tracker.errors import ConfigError
from tracker.models import CheckRow, SnapshotRow, SourceRow
from tracker.pipeline import RunSummary, run_once
from tracker.store import Store

SHARED_SEED = Path(__file__).parents[2] / "shared" / "seeds" / "ballard-renewal-article.txt"
SEED = (
    SHARED_SEED if SHARED_SEED.exists() else Path(__file__).parent / "fixtures" / SHARED_SEED.name
)
JULY_10 = datetime(2025, 7, 10, 15, 0, tzinfo=UTC)
OCT_6 = datetime(2025, 10, 6, 16, 0, tzinfo=UTC)
Rows = Callable[[Store, type[Any]], list[Any]]

RENEWAL_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Ballard renewed for season 2 at Prime Video</title>
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Ballard renewed for season 2 at Prime Video",
 "datePublished": "2025-10-06T10:00:00-04:00"}
</script></head>
<body><article>
<h1>Prime Video renews Ballard for season 2</h1>
<p>It's official: Prime Video has renewed Ballard for a second season, the streamer announced
on Monday.</p>
<p>The crime drama, a spin-off of Bosch starring Maggie Q as Detective Renée Ballard, premiered
all ten episodes of its first season in July. Production on the new season is expected to begin
in Los Angeles early next year.</p>
</article></body></html>
"""

JS_SHELL = """<!doctype html><html><head><title>Ballard | StreamNews</title>
<script src="/static/app.7f3a.js" defer></script></head>
<body><div id="root"></div><noscript>Please enable JavaScript.</noscript></body></html>"""

GARBAGE = bytes(range(256)) * 16


@pytest.fixture
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED}")
    return SEED.read_text(encoding="utf-8")


def as_html(text: str) -> str:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n") if p.strip())
    head = "<head><title>Ballard</title></head>"
    return f"<html>{head}<body><article>{paragraphs}</article></body></html>"


@dataclass
class Served:
    body: bytes
    content_type: str
    etag: str | None = None
    status: int = 200


class Site:
    """What each path of the test server serves right now; swapped between passes."""

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.pages: dict[str, Served] = {}
        server.expect_request(re.compile(r"/.*")).respond_with_handler(self._respond)

    def serve(
        self,
        path: str,
        body: str | bytes,
        content_type: str = "text/html; charset=utf-8",
        **kwargs: Any,
    ) -> str:
        raw = body.encode() if isinstance(body, str) else body
        self.pages[path] = Served(raw, content_type, **kwargs)
        return self.server.url_for(path)

    def requests(self, path: str) -> list[Request]:
        return [request for request, _ in self.server.log if request.path == path]

    def _respond(self, request: Request) -> Response:
        page = self.pages.get(request.path)
        if page is None:
            return Response("not found", status=404)
        headers = {"ETag": page.etag} if page.etag else {}
        if page.etag and request.headers.get("If-None-Match") == page.etag:
            return Response(status=304, headers=headers)
        return Response(
            page.body, status=page.status, headers=headers, content_type=page.content_type
        )


@pytest.fixture
def site(httpserver: HTTPServer) -> Site:
    return Site(httpserver)


def make_config(
    store: Store,
    sources: list[str],
    *,
    timeout: float = 5.0,
    alerts: list[dict[str, Any]] | None = None,
) -> Config:
    raw = {
        "database": {"url": store.url},
        "fetch": {"timeout": timeout, "backoff": 0.05, "min_interval": 0},  # quick retries
        "shows": [{"title": "Ballard", "aliases": ["Renée Ballard"], "sources": sources}],
        "alerts": [{"kind": "console"}] if alerts is None else alerts,
    }
    return parse_config(raw, Path("config.toml"))


class Pass:
    """Runs `run_once` at a fixed time and keeps what the console channel printed."""

    def __init__(self, config: Config, store: Store) -> None:
        self.config, self.store = config, store
        self.alerts: list[str] = []

    def __call__(self, at: datetime) -> RunSummary:
        self.alerts.clear()
        summary, report = run_once(self.config, self.store, echo=self.alerts.append, now=lambda: at)
        assert report.failed == 0
        return summary


# -- the Ballard story ---------------------------------------------------------------------


@pytest.mark.parametrize("served_as", ["html", "text"])
def test_the_seed_article_makes_ballard_pending_season_2_with_its_ratings(
    site: Site, sqlite_store: Store, seed_text: str, served_as: str
) -> None:
    if served_as == "html":
        url = site.serve("/tv/ballard", as_html(seed_text))
    else:
        url = site.serve("/tv/ballard", seed_text, "text/plain; charset=utf-8")
    run = Pass(make_config(sqlite_store, [url]), sqlite_store)

    summary = run(JULY_10)

    assert (summary.sources, summary.fetched, summary.snapshots, summary.failures) == (1, 1, 1, [])
    view = sqlite_store.board()[0].view
    assert (view.status, view.season, view.since, view.url) == ("pending", 2, "2025-07-10", url)
    assert view.ratings["imdb"] == 7.5
    assert view.ratings["rotten_tomatoes"] == 100
    assert [c.kind for c in sqlite_store.changes()] == ["first_seen"]
    assert len(run.alerts) == 1 and "first seen as pending (season 2" in run.alerts[0]


def test_the_renewal_page_turns_pending_into_renewed_with_exactly_one_alert(
    site: Site, sqlite_store: Store, seed_text: str
) -> None:
    url = site.serve("/tv/ballard", seed_text, "text/plain; charset=utf-8")
    run = Pass(make_config(sqlite_store, [url]), sqlite_store)
    run(JULY_10)

    site.serve("/tv/ballard", RENEWAL_PAGE)
    summary = run(OCT_6)

    assert (summary.snapshots, summary.changes) == (1, 1)
    [change] = sqlite_store.changes()[1:]
    assert change.kind == "status_changed"
    assert change.previous and (change.previous["status"], change.previous["season"]) == (
        "pending",
        2,
    )
    assert (change.current["status"], change.current["season"]) == ("renewed", 2)
    assert change.evidence and change.evidence["published"] == "2025-10-06"
    assert "renewed Ballard for a second season" in change.evidence["text"]
    assert len(run.alerts) == 1
    assert "Ballard: status changed, pending (season 2" in run.alerts[0]
    assert "→ renewed (season 2, official)" in run.alerts[0]


def test_the_july_article_served_again_later_changes_nothing(
    site: Site, sqlite_store: Store, seed_text: str
) -> None:
    url = site.serve("/tv/ballard", seed_text, "text/plain; charset=utf-8")
    run = Pass(make_config(sqlite_store, [url]), sqlite_store)
    run(JULY_10)
    site.serve("/tv/ballard", RENEWAL_PAGE)
    run(OCT_6)

    republished = seed_text + "\n\nRelated: more Prime Video crime dramas to stream this fall.\n"
    site.serve("/tv/ballard", republished, "text/plain; charset=utf-8")
    summary = run(OCT_6 + timedelta(days=30))

    assert (summary.snapshots, summary.changes, run.alerts) == (1, 0, [])  # new body, old news
    view = sqlite_store.board()[0].view
    assert (view.status, view.season, view.since) == ("renewed", 2, "2025-10-06")
    assert [c.kind for c in sqlite_store.changes()] == ["first_seen", "status_changed"]


def test_a_url_watched_by_two_shows_is_fetched_once_and_read_for_each(
    site: Site, sqlite_store: Store
) -> None:
    url = site.serve("/tv/ballard", RENEWAL_PAGE)
    shows = [{"title": "Ballard", "sources": [url]}, {"title": "Copper Valley", "sources": [url]}]
    config = parse_config({"shows": shows}, Path("config.toml"))
    summary, _ = run_once(config, sqlite_store, now=lambda: OCT_6)
    assert len(site.requests("/tv/ballard")) == 1
    assert (summary.sources, summary.snapshots, summary.changes) == (2, 2, 1)
    statuses = {row.slug: row.view.status for row in sqlite_store.board()}
    assert statuses == {"ballard": "renewed", "copper-valley": "unknown"}


def test_a_page_about_a_spin_off_does_not_renew_the_parent_show_watching_it(
    site: Site, sqlite_store: Store
) -> None:
    url = site.serve("/tv/ballard", RENEWAL_PAGE)
    shows = [{"title": "Ballard", "sources": [url]}, {"title": "Bosch", "sources": [url]}]
    run_once(parse_config({"shows": shows}, Path("config.toml")), sqlite_store, now=lambda: OCT_6)
    statuses = {row.slug: row.view.status for row in sqlite_store.board()}
    assert statuses == {"ballard": "renewed", "bosch": "unknown"}


# -- failures belong to their source -----------------------------------------------------


@pytest.fixture
def silent_url() -> Iterator[str]:
    """A server that accepts connections (kernel backlog) and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/tv/ballard"


def test_each_broken_source_fails_on_its_own_and_the_healthy_one_still_counts(
    site: Site,
    sqlite_store: Store,
    seed_text: str,
    refused_url: str,
    silent_url: str,
    rows: Rows,
) -> None:
    healthy = site.serve("/tv/ballard", seed_text, "text/plain; charset=utf-8")
    broken = {
        "http": site.serve("/error", "<h1>Internal Server Error</h1>", status=500),
        "connect": refused_url,
        "timeout": silent_url,
        "empty": site.serve("/shell", JS_SHELL),
        "binary": site.serve("/garbage", GARBAGE),
    }
    run = Pass(make_config(sqlite_store, [healthy, *broken.values()], timeout=0.5), sqlite_store)

    summary = run(JULY_10)

    assert len(summary.failures) == len(broken)
    assert {url: line.split(":")[0] for url, line in summary.failures} == {
        url: kind for kind, url in broken.items()
    }
    sources = {row.url: row for row in rows(sqlite_store, SourceRow)}
    checks = {row.source_id: row for row in rows(sqlite_store, CheckRow)}
    for kind, url in broken.items():
        source, check = sources[url], checks[sources[url].id]
        assert (source.failure_streak, check.ok, check.error_kind) == (1, False, kind), kind
        assert source.last_error and source.last_error.startswith(f"{kind}: "), kind
    assert checks[sources[broken["http"]].id].http_status == 500
    assert checks[sources[broken["empty"]].id].http_status == 200  # a page, but no article

    snapshots = rows(sqlite_store, SnapshotRow)
    assert [s.url for s in snapshots] == [healthy]
    assert (sources[healthy].failure_streak, sources[healthy].last_error) == (0, None)
    [change] = sqlite_store.changes()
    assert change.kind == "first_seen" and change.evidence and change.evidence["url"] == healthy
    assert sqlite_store.board()[0].sources_failing == len(broken)

    again = run(JULY_10 + timedelta(hours=6))
    assert (again.changes, again.snapshots, len(again.failures)) == (0, 0, len(broken))
    streaks = {row.url: row.failure_streak for row in rows(sqlite_store, SourceRow)}
    assert streaks == {healthy: 0, **dict.fromkeys(broken.values(), 2)}


# -- conditional GET ----------------------------------------------------------------------


def test_an_etag_page_that_answers_304_costs_no_snapshot(
    site: Site, sqlite_store: Store, rows: Rows
) -> None:
    url = site.serve("/tv/ballard", RENEWAL_PAGE, etag='"renewal-v1"')
    run = Pass(make_config(sqlite_store, [url]), sqlite_store)
    run(OCT_6)

    summary = run(OCT_6 + timedelta(hours=6))

    first, second = site.requests("/tv/ballard")
    assert first.headers.get("If-None-Match") is None
    assert second.headers.get("If-None-Match") == '"renewal-v1"'
    assert (summary.not_modified, summary.snapshots, summary.changes) == (1, 0, 0)
    assert len(rows(sqlite_store, SnapshotRow)) == 1
    last_check = rows(sqlite_store, CheckRow)[-1]
    assert (last_check.ok, last_check.http_status, last_check.snapshot_id) == (True, 304, None)
    assert run.alerts == []


def test_the_same_body_twice_without_an_etag_costs_no_snapshot(
    site: Site, sqlite_store: Store, rows: Rows
) -> None:
    url = site.serve("/tv/ballard", RENEWAL_PAGE)
    run = Pass(make_config(sqlite_store, [url]), sqlite_store)
    run(OCT_6)

    summary = run(OCT_6 + timedelta(hours=6))

    assert len(site.requests("/tv/ballard")) == 2
    assert (summary.unchanged, summary.snapshots, summary.changes) == (1, 0, 0)
    assert len(rows(sqlite_store, SnapshotRow)) == 1
    assert run.alerts == []


# -- alerts configuration -----------------------------------------------------------------


def test_a_missing_webhook_secret_fails_before_any_fetch(
    site: Site, sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TRACKER_TEST_SECRET", raising=False)
    url = site.serve("/tv/ballard", RENEWAL_PAGE)
    hook = {
        "kind": "webhook",
        "url": site.server.url_for("/hook"),
        "secret_env": "TRACKER_TEST_SECRET",
    }
    config = make_config(sqlite_store, [url], alerts=[hook])
    with pytest.raises(ConfigError, match=r"alerts\[0\]\.secret_env.*TRACKER_TEST_SECRET"):
        run_once(config, sqlite_store, now=lambda: OCT_6)
    assert site.server.log == []
    assert sqlite_store.board() == []


def test_the_same_alert_destination_listed_twice_alerts_once(
    site: Site, sqlite_store: Store
) -> None:
    url = site.serve("/tv/ballard", RENEWAL_PAGE)
    config = make_config(sqlite_store, [url], alerts=[{"kind": "console"}, {"kind": "console"}])
    printed: list[str] = []
    summary, report = run_once(config, sqlite_store, echo=printed.append, now=lambda: OCT_6)
    assert (summary.changes, report.sent, len(printed)) == (1, 1, 1)
