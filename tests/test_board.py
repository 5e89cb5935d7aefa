"""The status board: grouped source health from the store, plain lines for long boards."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tracker import render
from tracker.feeds import FeedItem
from tracker.store import Attempt, ShowSpec, Store
from tracker.store.values import BoardRow
from tracker.view import View

NOW = datetime(2025, 10, 6, 12, tzinfo=UTC)
LONG = "The Extraordinarily Long-Titled Chronicles of the Northern Lighthouse Keepers"


def test_the_board_counts_configured_sources_only_with_their_latest_check(store: Store) -> None:
    spec = ShowSpec(
        "ballard",
        "Ballard",
        (("page", "https://a.example/ballard"), ("feed", "https://a.example/rss")),
    )
    page, feed = store.sync_shows([spec, ShowSpec("quiet", "Quiet", ())], NOW)
    [article] = store.discover(
        feed, [FeedItem("https://a.example/x", None, "", "", None, None)], NOW
    )
    later = NOW + timedelta(hours=1)
    store.record(page, Attempt(NOW, 5, ok=False, url=page.url, error_kind="http"), None, [], "1")
    store.record(feed, Attempt(later, 5, ok=True, url=feed.url, http_status=200), None, [], "1")
    store.record(
        article, Attempt(later, 5, ok=False, url=article.url, error_kind="http"), None, [], "1"
    )

    board = {row.slug: row for row in store.board()}

    ballard = board["ballard"]
    assert (ballard.sources_ok, ballard.sources_failing) == (1, 1)  # the article is not counted
    assert ballard.last_checked == later
    quiet = board["quiet"]
    assert (quiet.sources_ok, quiet.sources_failing, quiet.last_checked) == (0, 0, None)
    assert [row.title for row in store.board()] == ["Ballard", "Quiet"]


def test_plain_board_lines_keep_the_columns_and_fit_the_width() -> None:
    rows = [
        BoardRow(LONG, "long", View(status="in_development", certainty="speculative"), 3, 1, None),
        BoardRow(
            "Ballard",
            "ballard",
            View("renewed", 2, "official", since="2025-10-06", ratings={"imdb": 7.6}),
            1,
            0,
            NOW - timedelta(hours=3),
        ),
    ]

    lines = render.board_lines(rows, NOW, 80)

    assert lines[0].split() == list(render.BOARD_HEADERS)
    assert max(len(line) for line in lines) <= 80
    assert lines[1].startswith("The Extraordin…  in_development  speculative")
    assert lines[2].split() == [
        "Ballard",
        "renewed",
        "S2",
        "official",
        "2025-10-06",
        "7.6",
        "1/1",
        "3h",
        "ago",
    ]
    assert render.board_lines(rows, NOW, None)[1].startswith(LONG)  # no width: whole titles
