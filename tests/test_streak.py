"""A source that keeps failing is spaced out across runs, not hammered, and still reported.

Real runs against 127.0.0.1: a port nothing listens on beside a healthy page, passes six
hours apart as the default schedule makes them, with the clock given to `run_once`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pytest_httpserver import HTTPServer
from sites import RENEWAL_ARTICLE, ballard_config, run_at
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.models import CheckRow
from tracker.pipeline import pause_after
from tracker.store import Store

START = datetime(2025, 10, 6, 0, 0, tzinfo=UTC)


def checks(store: Store) -> int:
    with Session(store.engine) as session:
        return session.scalar(select(func.count()).select_from(CheckRow)) or 0


def test_a_dead_source_rests_longer_after_each_failure_and_the_live_one_is_never_skipped(
    httpserver: HTTPServer, sqlite_store: Store, refused_url: str
) -> None:
    httpserver.expect_request("/tv/ballard").respond_with_data(
        RENEWAL_ARTICLE, content_type="text/html"
    )
    live = httpserver.url_for("/tv/ballard")
    config = ballard_config(sqlite_store, [live, refused_url], retries=0)

    tried = []
    for hour in range(0, 72, 6):  # three days of the default every-six-hours schedule
        summary = run_at(config, sqlite_store, START + timedelta(hours=hour))
        assert summary.sources == 2
        tried.append(hour if summary.deferred == 0 else None)
        assert len(summary.failures) == (1 if summary.deferred == 0 else 0)

    # Fails at 0, 6, 12 (streak 3) -> rests 1 h: tried at 18 (4) -> rests 2 h: 24 (5) -> 4 h:
    # 30 (6) -> 8 h: 42 (7) -> 16 h: 60 (8) -> a day.
    assert [h for h in tried if h is not None] == [0, 6, 12, 18, 24, 30, 42, 60]
    assert checks(sqlite_store) == 12 + 8  # the live page every run, the dead one 8 times
    [board] = sqlite_store.board()
    assert board.sources_failing == 1 and board.view.status == "renewed"


def test_a_resting_source_that_comes_back_is_checked_every_run_again(
    httpserver: HTTPServer, sqlite_store: Store
) -> None:
    for _ in range(3):  # down for three runs, then back
        httpserver.expect_oneshot_request("/tv/ballard").respond_with_data("down", status=500)
    httpserver.expect_request("/tv/ballard").respond_with_data(
        RENEWAL_ARTICLE, content_type="text/html"
    )
    url = httpserver.url_for("/tv/ballard")
    config = ballard_config(sqlite_store, [url], retries=0)
    for hour in (0, 6, 12):
        run_at(config, sqlite_store, START + timedelta(hours=hour))
    assert run_at(config, sqlite_store, START + timedelta(hours=12, minutes=30)).deferred == 1

    back = run_at(config, sqlite_store, START + timedelta(hours=13))

    assert (back.deferred, back.failures, back.snapshots) == (0, [], 1)
    again = run_at(config, sqlite_store, START + timedelta(hours=13, minutes=5))
    assert again.deferred == 0  # streak reset: no more resting


def test_the_summary_line_says_how_many_sources_rested(
    sqlite_store: Store, refused_url: str
) -> None:
    config = ballard_config(sqlite_store, [refused_url], retries=0)
    for hour in (0, 6, 12):
        run_at(config, sqlite_store, START + timedelta(hours=hour))

    summary = run_at(config, sqlite_store, START + timedelta(hours=12, minutes=10))

    assert summary.line().startswith("1 sources: 0 fetched, 0 not modified, 0 unchanged, 0 failed")
    assert ", 1 failing sources resting;" in summary.line()


@pytest.mark.parametrize(
    "streak, hours", [(0, 0), (2, 0), (3, 1), (4, 2), (6, 8), (7, 16), (8, 24), (500, 24)]
)
def test_the_pause_doubles_from_an_hour_to_a_day(streak: int, hours: int) -> None:
    assert pause_after(streak) == timedelta(hours=hours)
