"""TVmaze: its listing mapped to the vocabulary, and used only where the news is silent.

Responses are shaped like the public API's `/shows/:id?embed[]=previousepisode&
embed[]=nextepisode` (and `/singlesearch/shows?q=`), served from 127.0.0.1 through a
configured [tvmaze].base_url.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from sites import RENEWAL_ARTICLE, requested, run_at

from tracker.config import parse_config
from tracker.errors import FetchError
from tracker.models import ChangeRow, SnapshotRow
from tracker.store import Store
from tracker.tvmaze import read_show

CANCELLED_ARTICLE = """<!doctype html><html><head><title>Ballard cancelled</title>
<meta property="article:published_time" content="2026-03-02T15:00:00Z"></head>
<body><article><h1>Prime Video cancels Ballard after two seasons</h1>
<p>Prime Video has cancelled Ballard after two seasons, the streamer confirmed on Monday,
ending the Bosch spinoff before a third season could be written.</p>
<p>The decision comes weeks after the second season finished its run.</p>
</article></body></html>"""


def episode(season: int, number: int, airdate: str) -> dict[str, Any]:
    return {"id": season * 1000 + number, "season": season, "number": number, "airdate": airdate}


def listing(
    status: str,
    previous: dict[str, Any] | None = None,
    upcoming: dict[str, Any] | None = None,
    rating: object = 7.9,
    name: str = "Ballard",
) -> dict[str, Any]:
    embedded = {}
    if previous:
        embedded["previousepisode"] = previous
    if upcoming:
        embedded["nextepisode"] = upcoming
    return {
        "id": 74217,
        "name": name,
        "type": "Scripted",
        "language": "English",
        "status": status,
        "premiered": "2025-07-09",
        "rating": {"average": rating},
        "network": None,
        "webChannel": {"id": 3, "name": "Prime Video"},
        "_embedded": embedded,
    }


S1_FINALE = episode(1, 10, "2025-07-09")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(
            listing("Running", S1_FINALE, episode(2, 1, "2026-01-15")),
            ("renewed", 2),
            id="running-next-season-scheduled",
        ),
        pytest.param(
            listing("Running", episode(2, 3, "2026-01-29"), episode(2, 4, "2026-02-05")),
            ("pending", 3),
            id="running-mid-season-is-not-renewed",
        ),
        pytest.param(listing("Running", S1_FINALE), ("pending", 2), id="running-nothing-next"),
        pytest.param(
            listing("Running", None, episode(1, 1, "2025-07-09")),
            ("ordered", 1),
            id="running-not-yet-premiered",
        ),
        pytest.param(listing("To Be Determined", S1_FINALE), ("pending", 2), id="tbd"),
        pytest.param(listing("To Be Determined"), ("pending", None), id="tbd-no-episodes"),
        pytest.param(listing("Ended", episode(4, 8, "2024-05-01")), ("ended", 4), id="ended"),
        pytest.param(listing("In Development"), ("in_development", None), id="in-development"),
        pytest.param(listing("Hiatus-ish", S1_FINALE), ("unknown", None), id="unknown-status"),
    ],
)
def test_tvmaze_statuses_map_to_the_vocabulary(
    data: dict[str, Any], expected: tuple[str, int | None]
) -> None:
    extraction = read_show(json.dumps(data), "Ballard")

    assert (extraction.status, extraction.season) == expected
    if extraction.status == "unknown":
        assert extraction.evidence == () and extraction.certainty is None
    else:
        assert extraction.certainty == "reported"  # an editor's listing, never official
        assert extraction.evidence[0].text.startswith(f"TVmaze lists Ballard as {data['status']}")


def test_the_evidence_names_the_next_episode_and_the_rating_is_kept() -> None:
    data = listing("Running", S1_FINALE, episode(2, 1, "2026-01-15"), rating=8.04)

    extraction = read_show(json.dumps(data), "Ballard")

    assert extraction.evidence[0].text == (
        "TVmaze lists Ballard as Running; next episode S02E01 on 2026-01-15."
    )
    assert extraction.ratings.tvmaze == 8.0
    assert "tvmaze" not in extraction.to_json()["ratings"]  # not part of the extraction JSON


@pytest.mark.parametrize("rating", [None, "8.1", True, 11.5, -1])
def test_a_missing_or_implausible_rating_is_no_rating(rating: object) -> None:
    data = listing("Ended", S1_FINALE, rating=rating)

    assert read_show(json.dumps(data), "Ballard").ratings.tvmaze is None


@pytest.mark.parametrize(
    "body",
    ["<html><body>Too many requests</body></html>", "[]", '{"message": "Not Found"}', ""],
)
def test_an_answer_that_is_not_a_show_is_a_fetch_error(body: str) -> None:
    with pytest.raises(FetchError) as caught:
        read_show(body, "Ballard")

    assert caught.value.kind == "not_json"


# -- in a run -------------------------------------------------------------------------


def tvmaze_config(store: Store, server: HTTPServer, sources: list[Any]) -> Any:
    raw = {
        "database": {"url": store.url},
        "fetch": {"timeout": 5.0, "min_interval": 0, "retries": 0},
        "tvmaze": {"base_url": server.url_for("/api")},
        "shows": [{"title": "Ballard", "sources": sources}],
        "alerts": [{"kind": "console"}],
    }
    return parse_config(raw, Path("config.toml"))


def serve_show(server: HTTPServer, data: dict[str, Any]) -> None:
    server.expect_request("/api/shows/74217").respond_with_json(data)


def test_a_tvmaze_listing_alone_gives_a_status_and_a_rating(
    httpserver: HTTPServer, sqlite_store: Store, rows: Any
) -> None:
    serve_show(httpserver, listing("Running", S1_FINALE, episode(2, 1, "2026-01-15")))
    config = tvmaze_config(sqlite_store, httpserver, [{"kind": "tvmaze", "id": 74217}])

    summary = run_at(config, sqlite_store)

    assert summary.failures == [] and summary.snapshots == 1
    [request] = [r for r, _ in httpserver.log if r.path == "/api/shows/74217"]
    assert request.args.getlist("embed[]") == ["previousepisode", "nextepisode"]
    [row] = sqlite_store.board()
    assert (row.view.status, row.view.season, row.view.certainty) == ("renewed", 2, "reported")
    assert row.view.ratings["tvmaze"] == 7.9
    assert row.view.evidence is not None and row.view.evidence.startswith("TVmaze lists")
    [change] = rows(sqlite_store, ChangeRow)
    assert change.kind == "first_seen"


def test_a_show_without_an_id_is_found_by_title(
    httpserver: HTTPServer, sqlite_store: Store
) -> None:
    httpserver.expect_request("/api/singlesearch/shows").respond_with_json(
        listing("Ended", episode(2, 10, "2026-02-12"))
    )
    config = tvmaze_config(sqlite_store, httpserver, [{"kind": "tvmaze"}])

    summary = run_at(config, sqlite_store)

    assert summary.failures == []
    [request] = [r for r, _ in httpserver.log if r.path == "/api/singlesearch/shows"]
    assert request.args["q"] == "Ballard"
    [row] = sqlite_store.board()
    assert (row.view.status, row.view.season) == ("ended", 2)


def test_a_show_tvmaze_does_not_know_is_a_recorded_404(
    httpserver: HTTPServer, sqlite_store: Store
) -> None:
    httpserver.expect_request("/api/singlesearch/shows").respond_with_json(
        {"name": "Not Found", "message": "", "code": 0, "status": 404}, status=404
    )
    config = tvmaze_config(sqlite_store, httpserver, [{"kind": "tvmaze"}])

    summary = run_at(config, sqlite_store)

    [(_, problem)] = summary.failures
    assert problem.startswith("http: HTTP 404")
    [row] = sqlite_store.board()
    assert (row.view.status, row.sources_failing) == ("unknown", 1)


def test_news_outranks_tvmaze_whatever_the_order_and_tvmaze_fills_in_only_when_silent(
    httpserver: HTTPServer, sqlite_store: Store, rows: Any
) -> None:
    """TVmaze says Running (renewed S2); a dated article says cancelled; TVmaze lags behind."""
    serve_show(httpserver, listing("Running", S1_FINALE, episode(2, 1, "2026-01-15")))
    httpserver.expect_request("/news/ballard").respond_with_data(
        "<html><body><article><p>Coming soon.</p></article></body></html>",
        content_type="text/html",
    )
    sources = [{"kind": "tvmaze", "id": 74217}, httpserver.url_for("/news/ballard")]
    config = tvmaze_config(sqlite_store, httpserver, sources)
    run_at(config, sqlite_store)
    assert sqlite_store.board()[0].view.status == "renewed"  # the news page said nothing yet

    httpserver.clear()
    httpserver.no_handler_status_code = 404
    serve_show(httpserver, listing("Running", episode(2, 8, "2026-02-26"), rating=8.3))
    httpserver.expect_request("/news/ballard").respond_with_data(
        CANCELLED_ARTICLE, content_type="text/html"
    )
    run_at(config, sqlite_store)

    view = sqlite_store.board()[0].view
    assert (view.status, view.season, view.certainty) == ("cancelled", 2, "official")
    assert view.url == httpserver.url_for("/news/ballard")
    assert view.ratings["tvmaze"] == 8.3  # the rating still comes from TVmaze
    kinds = [c.kind for c in rows(sqlite_store, ChangeRow)]
    assert kinds == ["first_seen", "status_changed", "rating_changed"]
    assert {s.status for s in rows(sqlite_store, SnapshotRow)} >= {"pending", "cancelled"}


def test_an_unchanged_tvmaze_answer_is_not_read_again(
    httpserver: HTTPServer, sqlite_store: Store, rows: Any
) -> None:
    serve_show(httpserver, listing("To Be Determined", S1_FINALE))
    config = tvmaze_config(sqlite_store, httpserver, [{"kind": "tvmaze", "id": 74217}])
    run_at(config, sqlite_store)

    again = run_at(config, sqlite_store)

    assert "1 unchanged" in again.line() and again.snapshots == 0
    assert requested(httpserver, "/api/shows/74217") == 2
    assert len(rows(sqlite_store, SnapshotRow)) == 1


def test_tvmaze_and_a_renewal_article_agree_without_the_listing_counting_as_news(
    httpserver: HTTPServer, sqlite_store: Store
) -> None:
    serve_show(httpserver, listing("Running", S1_FINALE, episode(2, 1, "2026-01-15")))
    httpserver.expect_request("/news/ballard").respond_with_data(
        RENEWAL_ARTICLE, content_type="text/html"
    )
    article = httpserver.url_for("/news/ballard")
    config = tvmaze_config(sqlite_store, httpserver, [{"kind": "tvmaze", "id": 74217}, article])

    run_at(config, sqlite_store)

    view = sqlite_store.board()[0].view
    assert (view.status, view.certainty, view.url) == ("renewed", "official", article)
    assert view.agreeing == (article,)
