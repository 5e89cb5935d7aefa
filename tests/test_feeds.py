"""Feeds: which items name a show, one fetch per article, and feeds in a real run.

The feeds in tests/fixtures/feeds are written like a trade site's RSS and a streaming
blog's Atom; `{base}` becomes the test server's URL.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from sites import RENEWAL_ARTICLE, requested, run_at

from tracker.config import parse_config
from tracker.errors import FetchError
from tracker.extract.shows import ShowMatcher
from tracker.feeds import FeedItem, canonical_url, naming, parse_feed
from tracker.models import CheckRow, SnapshotRow, SourceRow
from tracker.store import ARTICLE_ATTEMPTS, Attempt, ShowSpec, Store

FEEDS = Path(__file__).parent / "fixtures" / "feeds"
BASE = "https://screenledger.example"

SCORECARD = """<!doctype html><html><head><title>Fall TV Scorecard</title>
<meta property="article:published_time" content="2025-10-02T12:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/tv">TV</a></nav><article>
<h1>Fall TV Scorecard: What's Renewed, What's Cancelled and What's Still on the Bubble</h1>
<p>Our running list of every network and streaming decision, updated as news breaks.</p>
<h2>Ballard</h2>
<p>Prime Video has not yet decided on a second season of the Bosch spinoff, which
premiered in July to solid viewing numbers.</p>
<h2>Copper Valley</h2>
<p>Cancelled. The mining-town drama will not return for a third season, the network
confirmed on Tuesday.</p>
<h2>Harbour Lights</h2>
<p>Renewed. The coastal mystery was picked up for a fourth season in September.</p>
<h2>The Night Ferry</h2>
<p>Still waiting. The limited series could come back if its January run draws a crowd.</p>
</article><footer>Screen Ledger</footer></body></html>"""

COPPER_VALLEY_CANCELLED = """<!doctype html><html><head><title>Copper Valley cancelled</title>
<meta property="article:published_time" content="2025-10-04T10:00:00Z"></head>
<body><article><h1>Copper Valley cancelled after two seasons</h1>
<p>The network has cancelled Copper Valley after two seasons, a spokesperson confirmed on
Saturday, ending the mining-town drama's run before a planned third season.</p>
<p>The cast had been told earlier in the week, according to people close to the show.</p>
</article></body></html>"""


def feed(name: str, base: str = BASE) -> str:
    return (FEEDS / name).read_text().replace("{base}", base)


# -- reading feeds --------------------------------------------------------------------


def test_rss_items_keep_their_article_guid_date_and_plain_summary() -> None:
    items = parse_feed(feed("tv-news.rss"), f"{BASE}/feeds/tv.rss")

    assert len(items) == 5
    first = items[0]
    assert first.url == f"{BASE}/news/ballard-renewed-season-2"  # utm_* dropped
    assert first.guid == "screenledger-48113"
    assert first.title == "Prime Video Renews \u2018Ballard\u2019 for Season 2"
    assert first.summary.startswith("The Maggie Q crime drama, a spinoff of Bosch,")
    assert first.published == date(2025, 10, 6)
    assert items[4].url == f"{BASE}/news/sunday-ratings"  # the #comments fragment dropped


def test_atom_links_are_resolved_against_the_feed_url() -> None:
    items = parse_feed(feed("streaming.atom"), "https://streamdesk.example/feeds/streaming.atom")

    assert [i.url for i in items] == [
        "https://streamdesk.example/2025/10/06/ballard-second-season",
        "https://streamdesk.example/2025/10/04/copper-valley-cancelled",
    ]
    assert items[0].guid == "tag:streamdesk.example,2025:9921"
    assert items[0].updated == "2025-10-06T17:10:00Z"


def test_an_rss_guid_that_is_a_permalink_stands_in_for_a_missing_link() -> None:
    rss = """<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
    <item><title>Ballard renewed</title><guid>https://a.example/ballard</guid></item>
    <item><title>No link at all</title><guid isPermaLink="false">x-1</guid></item>
    </channel></rss>"""

    [item] = parse_feed(rss, "https://a.example/rss")

    assert item.url == "https://a.example/ballard"


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("<!doctype html><html><body><h1>TV news</h1></body></html>", id="html-page"),
        pytest.param("\x00\x9f\x12garbage\xff" * 20, id="garbage"),
        pytest.param("", id="empty"),
    ],
)
def test_a_body_that_is_not_a_feed_is_a_fetch_error(body: str) -> None:
    with pytest.raises(FetchError) as caught:
        parse_feed(body, "https://a.example/rss")

    assert caught.value.kind == "not_a_feed"


def test_an_empty_but_valid_feed_has_no_items() -> None:
    rss = '<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>'

    assert parse_feed(rss, "https://a.example/rss") == []


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("HTTPS://News.Example:443/a/b?utm_source=x&id=4#top", "https://news.example/a/b?id=4"),
        ("http://news.example:8080/a?fbclid=1&gclid=2", "http://news.example:8080/a"),
        ("https://news.example", "https://news.example/"),
        ("https://news.example/a?b=1&a=2", "https://news.example/a?b=1&a=2"),  # order kept
        ("ftp://news.example/a", None),
        ("/relative/path", None),
        ("https://news.example:99999/a", None),
    ],
)
def test_canonical_urls_spell_one_article_one_way(url: str, canonical: str | None) -> None:
    assert canonical_url(url) == canonical


def test_items_are_matched_with_the_extractors_own_rules() -> None:
    items = parse_feed(feed("tv-news.rss"), f"{BASE}/feeds/tv.rss")

    ballard = naming(items, ShowMatcher("Ballard"), limit=50)
    bosch = naming(items, ShowMatcher("Bosch"), limit=50)

    assert [i.url.rsplit("/", 1)[1] for i in ballard] == [
        "ballard-renewed-season-2",
        "fall-tv-scorecard",  # named in the summary, inside <strong>
    ]
    # "Bosch: Legacy" is another show; the Ballard item names Bosch only as its parent
    assert [i.url.rsplit("/", 1)[1] for i in bosch] == ["ballard-renewed-season-2"]


def test_an_alias_matches_accent_and_case_insensitively_and_the_limit_holds() -> None:
    items = parse_feed(feed("streaming.atom"), "https://streamdesk.example/feeds/x.atom")

    found = naming(items, ShowMatcher("Ballard", ["Renee Ballard"]), limit=50)
    limited = naming(items * 3, ShowMatcher("Copper Valley"), limit=1)

    assert [i.title for i in found] == ["Renée Ballard returns: Prime Video orders a second season"]
    assert len(limited) == 1


# -- feeds in a run -------------------------------------------------------------------


def config_for(store: Store, shows: dict[str, list[Any]], **extra: Any) -> Any:
    raw = {
        "database": {"url": store.url},
        "fetch": {"timeout": 5.0, "min_interval": 0, "retries": 0},
        "shows": [{"title": title, "sources": sources} for title, sources in shows.items()],
        "alerts": [{"kind": "console"}],
        **extra,
    }
    return parse_config(raw, Path("config.toml"))


def serve_news_site(server: HTTPServer) -> str:
    """The trade site: its RSS feed and the articles it links to."""
    base = server.url_for("").rstrip("/")
    server.expect_request("/feeds/tv.rss").respond_with_data(
        feed("tv-news.rss", base), content_type="application/rss+xml"
    )
    pages = {
        "/news/ballard-renewed-season-2": RENEWAL_ARTICLE,
        "/news/fall-tv-scorecard": SCORECARD,
        "/news/bosch-legacy-final-season": "<html><body>never asked for</body></html>",
    }
    for path, body in pages.items():
        server.expect_request(path).respond_with_data(body, content_type="text/html")
    return server.url_for("/feeds/tv.rss")


def feed_source(url: str) -> dict[str, str]:
    return {"kind": "feed", "url": url}


def test_a_feed_turns_the_items_naming_the_show_into_article_fetches(
    httpserver: HTTPServer, sqlite_store: Store, rows: Any
) -> None:
    rss = serve_news_site(httpserver)
    config = config_for(sqlite_store, {"Ballard": [feed_source(rss)]})

    summary = run_at(config, sqlite_store)

    assert summary.failures == []
    assert "3 sources (incl. 2 articles from feeds): 3 fetched" in summary.line()
    assert requested(httpserver, "/news/ballard-renewed-season-2") == 1
    assert requested(httpserver, "/news/fall-tv-scorecard") == 1
    assert requested(httpserver, "/news/bosch-legacy-final-season") == 0
    [row] = sqlite_store.board()
    assert (row.view.status, row.view.season, row.view.certainty) == ("renewed", 2, "official")
    assert (row.sources_ok, row.sources_failing) == (1, 0)  # the feed; articles are derived
    articles = [s for s in rows(sqlite_store, SourceRow) if s.kind == "article"]
    feed_row = next(s for s in rows(sqlite_store, SourceRow) if s.kind == "feed")
    assert {a.origin_id for a in articles} == {feed_row.id}
    assert {a.guid for a in articles} == {"screenledger-48113", "screenledger-48077"}


def test_an_unchanged_feed_fetches_no_article_again(
    httpserver: HTTPServer, sqlite_store: Store, rows: Any
) -> None:
    rss = serve_news_site(httpserver)
    config = config_for(sqlite_store, {"Ballard": [feed_source(rss)]})
    run_at(config, sqlite_store)

    again = run_at(config, sqlite_store)

    assert again.failures == [] and again.discovered == 0
    assert "1 sources: 0 fetched, 0 not modified, 1 unchanged" in again.line()
    assert requested(httpserver, "/news/ballard-renewed-season-2") == 1
    assert len(rows(sqlite_store, SnapshotRow)) == 2


def test_an_item_the_feed_marks_updated_is_fetched_again(
    httpserver: HTTPServer, sqlite_store: Store
) -> None:
    base = httpserver.url_for("").rstrip("/")
    atom = feed("streaming.atom").replace('href="/', f'href="{base}/')
    httpserver.expect_request("/feeds/streaming.atom").respond_with_data(
        atom, content_type="application/atom+xml"
    )
    path = "/2025/10/06/ballard-second-season"
    httpserver.expect_request(path).respond_with_data(RENEWAL_ARTICLE, content_type="text/html")
    config = config_for(
        sqlite_store, {"Ballard": [feed_source(httpserver.url_for("/feeds/streaming.atom"))]}
    )
    run_at(config, sqlite_store)
    httpserver.clear()
    httpserver.no_handler_status_code = 404
    updated = atom.replace(
        "<updated>2025-10-06T17:10:00Z</updated>", "<updated>2025-10-07T08:00:00Z</updated>", 1
    )
    httpserver.expect_request("/feeds/streaming.atom").respond_with_data(
        updated, content_type="application/atom+xml"
    )
    httpserver.expect_request(path).respond_with_data(RENEWAL_ARTICLE, content_type="text/html")

    again = run_at(config, sqlite_store)

    assert again.discovered == 1
    assert requested(httpserver, path) == 1  # asked again, once, after the update


def test_one_article_in_two_feeds_for_two_shows_is_fetched_once(
    httpserver: HTTPServer, sqlite_store: Store, rows: Any
) -> None:
    base = httpserver.url_for("").rstrip("/")
    rss = serve_news_site(httpserver)
    # a second feed of the same site lists the scorecard again, through a tracking link
    mirror = feed("tv-news.rss", base).replace(
        "/news/fall-tv-scorecard", "/news/fall-tv-scorecard?utm_campaign=weekly"
    )
    httpserver.expect_request("/feeds/weekly.rss").respond_with_data(
        mirror, content_type="application/rss+xml"
    )
    weekly = httpserver.url_for("/feeds/weekly.rss")
    httpserver.expect_request("/news/copper-valley").respond_with_data(
        COPPER_VALLEY_CANCELLED, content_type="text/html"
    )
    config = config_for(
        sqlite_store,
        {
            "Ballard": [feed_source(rss), feed_source(weekly)],
            "Copper Valley": [feed_source(rss), feed_source(weekly)],
        },
    )

    summary = run_at(config, sqlite_store)

    assert summary.failures == []
    assert requested(httpserver, "/news/fall-tv-scorecard") == 1
    assert requested(httpserver, "/feeds/tv.rss") == 1  # one feed fetch serves both shows
    board = {r.title: r.view for r in sqlite_store.board()}
    assert (board["Ballard"].status, board["Copper Valley"].status) == ("renewed", "cancelled")
    snapshots = {(s.show_id, s.url) for s in rows(sqlite_store, SnapshotRow)}
    assert len(snapshots) == len(rows(sqlite_store, SnapshotRow))  # never one article twice


def test_an_item_whose_link_changed_but_guid_did_not_is_the_same_article(
    httpserver: HTTPServer, sqlite_store: Store
) -> None:
    rss = serve_news_site(httpserver)
    config = config_for(sqlite_store, {"Ballard": [feed_source(rss)]})
    run_at(config, sqlite_store)
    httpserver.clear()
    httpserver.no_handler_status_code = 404
    base = httpserver.url_for("").rstrip("/")
    moved = feed("tv-news.rss", base).replace(
        "/news/ballard-renewed-season-2", "/news/2025/ballard-renewed"
    )
    httpserver.expect_request("/feeds/tv.rss").respond_with_data(
        moved, content_type="application/rss+xml"
    )

    again = run_at(config, sqlite_store)

    assert again.failures == [] and again.discovered == 0
    assert requested(httpserver, "/news/2025/ballard-renewed") == 0


def test_a_feed_link_to_a_watched_page_adds_no_second_snapshot(
    httpserver: HTTPServer, sqlite_store: Store, rows: Any
) -> None:
    """Directly (same canonical URL) or through a redirector whose page names it canonical."""
    page = httpserver.url_for("/tv/ballard")
    canonical = RENEWAL_ARTICLE.replace("</title>", f'</title><link rel="canonical" href="{page}">')
    httpserver.expect_request("/tv/ballard").respond_with_data(canonical, content_type="text/html")
    httpserver.expect_request("/r/48113").respond_with_data(canonical, content_type="text/html")
    rss = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
    <item><title>Ballard renewed</title><link>{page}?utm_source=rss</link></item>
    <item><title>Ballard: the full story</title>
    <link>{httpserver.url_for("/r/48113")}</link></item></channel></rss>"""
    httpserver.expect_request("/rss").respond_with_data(rss, content_type="application/rss+xml")
    config = config_for(sqlite_store, {"Ballard": [page, feed_source(httpserver.url_for("/rss"))]})

    summary = run_at(config, sqlite_store)

    assert summary.failures == [] and summary.snapshots == 1
    assert requested(httpserver, "/tv/ballard") == 1  # the tracking link is the watched page
    assert requested(httpserver, "/r/48113") == 1
    assert [s.url for s in rows(sqlite_store, SnapshotRow)] == [page]
    [view] = [r.view for r in sqlite_store.board()]
    assert view.agreeing == (page,)


def test_a_search_feed_template_asks_about_each_show(
    httpserver: HTTPServer, sqlite_store: Store
) -> None:
    base = httpserver.url_for("").rstrip("/")
    queries: list[str] = []

    def search(request: Any) -> Any:
        from werkzeug import Response

        queries.append(request.args["q"])
        body = feed("tv-news.rss", base) if "Ballard" in request.args["q"] else feed("empty.rss")
        return Response(body, content_type="application/rss+xml")

    httpserver.expect_request("/search").respond_with_handler(search)
    serve_news_site(httpserver)
    template = httpserver.url_for("/search") + "?q=%22{query}%22&sort=date"
    config = config_for(
        sqlite_store,
        {"Ballard": [], "The Night Ferry": []},
        feeds={"search": [template]},
    )

    summary = run_at(config, sqlite_store)

    assert sorted(queries) == ['"Ballard"', '"The Night Ferry"']
    assert summary.failures == [] and summary.discovered == 2
    board = {r.title: r.view.status for r in sqlite_store.board()}
    assert board == {"Ballard": "renewed", "The Night Ferry": "unknown"}


def test_a_show_query_replaces_its_title_in_search_feeds() -> None:
    raw = {
        "feeds": {"search": ["https://news.example/rss?q={query}"]},
        "shows": [{"title": "Ballard", "query": "Ballard Prime Video & Maggie Q"}],
    }
    config = parse_config(raw, Path("config.toml"))

    [target] = config.targets(config.shows[0])

    assert (target.kind, target.url) == (
        "feed",
        "https://news.example/rss?q=Ballard+Prime+Video+%26+Maggie+Q",
    )


def test_a_page_that_is_not_a_feed_is_recorded_against_the_feed(
    httpserver: HTTPServer, sqlite_store: Store, rows: Any
) -> None:
    httpserver.expect_request("/rss").respond_with_data(
        "<html><body><h1>Subscribe to our newsletter!</h1></body></html>",
        content_type="text/html",
    )
    config = config_for(sqlite_store, {"Ballard": [feed_source(httpserver.url_for("/rss"))]})

    summary = run_at(config, sqlite_store)

    [(url, problem)] = summary.failures
    assert url == httpserver.url_for("/rss")
    assert problem.startswith("not_a_feed: not an RSS or Atom feed")
    [check] = rows(sqlite_store, CheckRow)
    assert (check.ok, check.error_kind, check.http_status) == (False, "not_a_feed", 200)
    assert sqlite_store.board()[0].sources_failing == 1


def test_an_article_that_failed_is_retried_next_run_though_the_feed_is_unchanged(
    httpserver: HTTPServer, sqlite_store: Store
) -> None:
    rss = serve_news_site(httpserver)
    httpserver.clear()
    httpserver.no_handler_status_code = 404
    httpserver.expect_request("/feeds/tv.rss").respond_with_data(
        feed("tv-news.rss", httpserver.url_for("").rstrip("/")),
        content_type="application/rss+xml",
    )
    httpserver.expect_request("/news/ballard-renewed-season-2").respond_with_data(
        "busy", status=503
    )
    httpserver.expect_request("/news/fall-tv-scorecard").respond_with_data(
        SCORECARD, content_type="text/html"
    )
    config = config_for(sqlite_store, {"Ballard": [feed_source(rss)]})
    first = run_at(config, sqlite_store)
    assert [kind.split(":")[0] for _, kind in first.failures] == ["http"]
    assert sqlite_store.board()[0].view.status == "pending"  # only the scorecard so far
    httpserver.clear()
    httpserver.no_handler_status_code = 404
    serve_news_site(httpserver)

    second = run_at(config, sqlite_store)

    assert second.failures == []
    assert requested(httpserver, "/news/ballard-renewed-season-2") == 1
    assert requested(httpserver, "/news/fall-tv-scorecard") == 0
    assert sqlite_store.board()[0].view.status == "renewed"


# -- the store's side, on SQLite and PostgreSQL -----------------------------------------


def item(url: str, guid: str | None = None, updated: str | None = None) -> FeedItem:
    return FeedItem(url, guid, "Ballard renewed", "", None, updated)


def test_discover_dedupes_by_url_and_guid_and_refetches_on_update(store: Store) -> None:
    now = datetime(2025, 10, 6, 12, tzinfo=UTC)
    page = "https://news.example/tv/ballard"
    spec = ShowSpec("ballard", "Ballard", (("page", page), ("feed", "https://news.example/rss")))
    _, feed_source = store.sync_shows([spec], now)

    first = store.discover(
        feed_source,
        [item("https://news.example/a", "g-1", "Mon"), item(page), item("https://news.example/b")],
        now,
    )
    again = store.discover(
        feed_source,
        [
            item("https://news.example/a-moved", "g-1", "Mon"),  # same GUID, new link
            item("https://news.example/b"),  # same link, no stamp
        ],
        now,
    )
    updated = store.discover(feed_source, [item("https://news.example/a", "g-1", "Tue")], now)

    assert [s.url for s in first] == ["https://news.example/a", "https://news.example/b"]
    assert all(s.kind == "article" and s.origin_id == feed_source.id for s in first)
    assert again == []
    assert [s.url for s in updated] == ["https://news.example/a"]
    assert {s.url for s in store.articles_to_retry([feed_source.id])} == {
        "https://news.example/a",
        "https://news.example/b",
    }  # found but not yet read
    assert store.articles_to_retry([]) == []


def test_an_article_that_keeps_failing_is_given_up(store: Store) -> None:
    now = datetime(2025, 10, 6, 12, tzinfo=UTC)
    spec = ShowSpec("ballard", "Ballard", (("feed", "https://news.example/rss"),))
    [feed_source] = store.sync_shows([spec], now)
    [article] = store.discover(feed_source, [item("https://news.example/a")], now)
    failed = Attempt(now, 5, ok=False, url=article.url, error_kind="http", error="HTTP 500")

    for _ in range(ARTICLE_ATTEMPTS):
        assert [a.url for a in store.articles_to_retry([feed_source.id])] == [article.url]
        store.record(article, failed, None, [], "test")

    assert store.articles_to_retry([feed_source.id]) == []
