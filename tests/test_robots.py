"""robots.txt in a real run: a real server on 127.0.0.1 publishes the rules, `run_once` obeys.

What a site owner would check: a disallowed page is never requested, robots.txt is read once
per site per run however many sources share the site, a site whose robots.txt answers 5xx is
left alone, and each refusal is recorded against its own source without touching the show's
status. A user who has permission can opt one source out.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from sites import RENEWAL_ARTICLE, ballard_config, requested, run_at
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.config import parse_config
from tracker.errors import ConfigError
from tracker.models import CheckRow, SnapshotRow, SourceRow
from tracker.robots import site_of
from tracker.store import Store

OCT_6 = datetime(2025, 10, 6, 16, 0, tzinfo=UTC)
ROBOTS = """# Crawlers welcome, except on print views and the members area.
User-agent: *
Disallow: /members/
Disallow: /*?print=

User-agent: GreedyBot
Disallow: /
"""


def read_rows(store: Store, model: Any) -> list[Any]:
    with Session(store.engine) as session:
        return list(session.scalars(select(model).order_by(model.id)))


def checks_by_url(store: Store) -> dict[str, CheckRow]:
    sources = {row.id: row.url for row in read_rows(store, SourceRow)}
    return {sources[row.source_id]: row for row in read_rows(store, CheckRow)}


def serve_article(server: HTTPServer, path: str) -> str:
    server.expect_request(path).respond_with_data(RENEWAL_ARTICLE, content_type="text/html")
    return server.url_for(path)


def test_a_disallowed_page_is_never_requested_and_the_allowed_one_is_read(
    httpserver: HTTPServer, sqlite_store: Store
) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data(ROBOTS, content_type="text/plain")
    allowed = serve_article(httpserver, "/tv/ballard")
    members = serve_article(httpserver, "/members/ballard")
    printed = httpserver.url_for("/tv/ballard-renewed") + "?print=1"
    httpserver.expect_request("/tv/ballard-renewed").respond_with_data(
        RENEWAL_ARTICLE, content_type="text/html"
    )

    summary = run_at(ballard_config(sqlite_store, [allowed, members, printed]), sqlite_store, OCT_6)

    assert requested(httpserver, "/robots.txt") == 1  # once for the site, not once per source
    assert requested(httpserver, "/members/ballard") == 0
    assert requested(httpserver, "/tv/ballard-renewed") == 0  # the `/*?print=` wildcard
    assert requested(httpserver, "/tv/ballard") == 1
    checks = checks_by_url(sqlite_store)
    for url, path in ((members, "/members/ballard"), (printed, "/tv/ballard-renewed?print=1")):
        assert (checks[url].ok, checks[url].error_kind) == (False, "robots")
        assert checks[url].error == (
            f"{site_of(url)}/robots.txt disallows {path} for renewal-tracker"
        )
    assert checks[allowed].ok
    assert sorted(url for url, _ in summary.failures) == sorted([members, printed])
    [status] = sqlite_store.board()
    assert (status.view.status, status.view.season) == ("renewed", 2)  # from the allowed page alone


def test_the_group_for_our_product_token_wins_over_the_wildcard(
    httpserver: HTTPServer, sqlite_store: Store
) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nAllow: /\n\nUser-agent: renewal-tracker\nDisallow: /tv/\n"
    )
    url = serve_article(httpserver, "/tv/ballard")

    ours = run_at(ballard_config(sqlite_store, [url]), sqlite_store, OCT_6)
    assert [line.split(":")[0] for _, line in ours.failures] == ["robots"]
    assert requested(httpserver, "/tv/ballard") == 0

    # Under another name (the user's own agent string), only the wildcard group applies.
    other = ballard_config(sqlite_store, [url], user_agent="ShowWatch/2.0 (+https://example.org)")
    assert run_at(other, sqlite_store, OCT_6 + timedelta(hours=1)).failures == []
    assert requested(httpserver, "/tv/ballard") == 1


def test_a_source_that_opts_out_is_fetched_despite_a_disallow(
    httpserver: HTTPServer, sqlite_store: Store
) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /\n")
    exempt = serve_article(httpserver, "/tv/ballard")
    obeyed = serve_article(httpserver, "/tv/ballard-news")

    summary = run_at(
        ballard_config(sqlite_store, [{"url": exempt, "robots": False}, obeyed]),
        sqlite_store,
        OCT_6,
    )

    assert requested(httpserver, "/tv/ballard") == 1
    assert requested(httpserver, "/tv/ballard-news") == 0
    assert [url for url, _ in summary.failures] == [obeyed]
    assert sqlite_store.board()[0].view.status == "renewed"


def redirect(server: HTTPServer, path: str, to: str) -> str:
    server.expect_request(path).respond_with_data("", status=302, headers={"Location": to})
    return server.url_for(path)


def test_redirects_are_asked_of_robots_txt_hop_by_hop_unless_the_source_opted_out(
    httpserver: HTTPServer, sqlite_store: Store
) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data(ROBOTS, content_type="text/plain")
    serve_article(httpserver, "/members/ballard")
    serve_article(httpserver, "/tv/ballard-2")
    into_members = redirect(httpserver, "/go/1", "/members/ballard")
    allowed = redirect(httpserver, "/go/2", "/tv/ballard-2")
    exempt = redirect(httpserver, "/go/3", "/members/ballard")

    summary = run_at(
        ballard_config(sqlite_store, [into_members, allowed, {"url": exempt, "robots": False}]),
        sqlite_store,
        OCT_6,
    )

    [(url, problem)] = summary.failures
    assert url == into_members and problem.startswith("robots: ")
    assert "disallows /members/ballard" in problem
    assert requested(httpserver, "/tv/ballard-2") == 1
    assert requested(httpserver, "/members/ballard") == 1  # only for the opted-out source
    assert requested(httpserver, "/robots.txt") == 1


@pytest.mark.parametrize("status", [404, 403, 410])
def test_a_missing_or_forbidden_robots_txt_means_no_rules(
    httpserver: HTTPServer, sqlite_store: Store, status: int
) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("nope", status=status)
    url = serve_article(httpserver, "/tv/ballard")

    summary = run_at(ballard_config(sqlite_store, [url]), sqlite_store, OCT_6)

    assert summary.failures == []
    assert requested(httpserver, "/tv/ballard") == 1


def test_a_robots_txt_that_answers_503_closes_the_site_until_it_recovers(
    httpserver: HTTPServer, sqlite_store: Store
) -> None:
    httpserver.expect_oneshot_request("/robots.txt").respond_with_data("down", status=503)
    url = serve_article(httpserver, "/tv/ballard")
    config = ballard_config(sqlite_store, [url])

    first = run_at(config, sqlite_store, OCT_6)

    assert requested(httpserver, "/tv/ballard") == 0  # RFC 9309: unreachable means keep out
    check = checks_by_url(sqlite_store)[url]
    assert (check.ok, check.error_kind, check.http_status) == (False, "http", 503)
    assert "robots.txt unreachable (HTTP 503 Service Unavailable)" in (check.error or "")
    assert [url for url, _ in first.failures] == [url]
    assert sqlite_store.changes() == [] and read_rows(sqlite_store, SnapshotRow) == []
    assert sqlite_store.board()[0].view.status == "unknown"

    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    second = run_at(config, sqlite_store, OCT_6 + timedelta(hours=6))

    assert second.failures == [] and requested(httpserver, "/tv/ballard") == 1
    assert sqlite_store.board()[0].view.status == "renewed"
    [source] = read_rows(sqlite_store, SourceRow)
    assert source.failure_streak == 0


def test_a_dead_host_fails_with_its_own_kind_not_as_a_robots_refusal(
    sqlite_store: Store, refused_url: str
) -> None:
    summary = run_at(ballard_config(sqlite_store, [refused_url]), sqlite_store, OCT_6)

    [(failed, line)] = summary.failures
    assert failed == refused_url and line.startswith("connect: robots.txt unreachable")


def test_robots_must_be_true_or_false_in_config() -> None:
    raw = {
        "shows": [{"title": "Ballard", "sources": [{"url": "https://a.example/x", "robots": "no"}]}]
    }
    with pytest.raises(ConfigError) as caught:
        parse_config(raw, Path("/etc/tracker/config.toml"))
    message = str(caught.value)
    assert message.startswith("/etc/tracker/config.toml: shows[0].sources[0].robots:"), message


@pytest.mark.parametrize(
    "url, site",
    [
        ("https://Example.COM/tv/a?b=1", "https://example.com"),
        ("http://127.0.0.1:8080/x", "http://127.0.0.1:8080"),
        ("http://user:secret@news.example:81/a", "http://news.example:81"),
        ("https://[::1]:9/x", "https://[::1]:9"),
        ("ftp://example.com/a", None),
        ("not a url", None),
    ],
)
def test_one_robots_txt_covers_one_scheme_host_and_port(url: str, site: str | None) -> None:
    assert site_of(url) == site
