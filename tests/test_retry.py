"""Retries within a run, against a real server on 127.0.0.1 that fails and then recovers.

A 5xx, a 429 or a refused connection is tried again (backoff with jitter, or the server's
Retry-After); a 404 or a Retry-After longer than the run will wait is final at once. A
recovered fetch is an ordinary success: no failure streak, the show's status from the page.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from sites import RENEWAL_ARTICLE, ballard_config, requested, run_at
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.config import FetchSettings, parse_config
from tracker.errors import ConfigError, FetchError
from tracker.fetch import Page, make_client, retry_after
from tracker.models import SourceRow
from tracker.retry import fetch_with_retries, retryable
from tracker.store import Store

QUICK = {"backoff": 0.05, "timeout": 5.0}


def settings(**overrides: Any) -> FetchSettings:
    return FetchSettings.model_validate({**QUICK, **overrides})


def get(url: str, fetch_settings: FetchSettings) -> Page | FetchError:
    async def go() -> Page | FetchError:
        async with make_client(fetch_settings) as client:
            return await fetch_with_retries(client, url, fetch_settings)

    return asyncio.run(go())


def fail_then_serve(
    server: HTTPServer, path: str, failures: list[tuple[int, dict[str, str]]]
) -> str:
    """`path` answers each (status, headers) once, in order, then serves the article."""
    for status, headers in failures:
        server.expect_oneshot_request(path).respond_with_data(
            "busy", status=status, headers=headers
        )
    server.expect_request(path).respond_with_data(RENEWAL_ARTICLE, content_type="text/html")
    return server.url_for(path)


def test_two_500s_then_the_page_is_a_success_on_the_third_attempt(httpserver: HTTPServer) -> None:
    url = fail_then_serve(httpserver, "/tv/ballard", [(500, {}), (502, {})])

    result = get(url, settings(retries=2))

    assert isinstance(result, Page) and "renewed Ballard" in result.text
    assert requested(httpserver, "/tv/ballard") == 3


def test_a_page_that_keeps_failing_gives_up_after_the_configured_attempts(
    httpserver: HTTPServer,
) -> None:
    httpserver.expect_request("/tv/ballard").respond_with_data("down", status=503)

    result = get(httpserver.url_for("/tv/ballard"), settings(retries=3))

    assert isinstance(result, FetchError)
    assert (result.kind, result.http_status) == ("http", 503)
    assert result.message == "HTTP 503 Service Unavailable (4 attempts)"
    assert requested(httpserver, "/tv/ballard") == 4


def test_retries_zero_means_one_attempt(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/tv/ballard").respond_with_data("down", status=500)

    result = get(httpserver.url_for("/tv/ballard"), settings(retries=0))

    assert isinstance(result, FetchError) and result.message == "HTTP 500 Internal Server Error"
    assert requested(httpserver, "/tv/ballard") == 1


def test_a_429_waits_as_long_as_retry_after_asks(httpserver: HTTPServer) -> None:
    url = fail_then_serve(httpserver, "/tv/ballard", [(429, {"Retry-After": "1"})])

    started = time.monotonic()
    result = get(url, settings())
    waited = time.monotonic() - started

    assert isinstance(result, Page)
    assert waited >= 1.0  # the server's wish, not our 0.05 s backoff
    assert requested(httpserver, "/tv/ballard") == 2


def test_a_retry_after_longer_than_the_run_will_wait_is_recorded_not_slept(
    httpserver: HTTPServer,
) -> None:
    httpserver.expect_request("/tv/ballard").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "3600"}
    )

    started = time.monotonic()
    result = get(httpserver.url_for("/tv/ballard"), settings(max_retry_wait=60))

    assert time.monotonic() - started < 2
    assert isinstance(result, FetchError) and result.retry_after == 3600
    assert result.message == "HTTP 429 Too Many Requests (server asked to retry after 3600 s)"
    assert requested(httpserver, "/tv/ballard") == 1


@pytest.mark.parametrize("status", [404, 410, 403])
def test_a_client_error_is_final_at_once(httpserver: HTTPServer, status: int) -> None:
    httpserver.expect_request("/tv/ballard").respond_with_data("no", status=status)

    result = get(httpserver.url_for("/tv/ballard"), settings(retries=5))

    assert isinstance(result, FetchError) and result.http_status == status
    assert requested(httpserver, "/tv/ballard") == 1


def test_a_refused_connection_is_retried_then_recorded_with_the_attempts(refused_url: str) -> None:
    result = get(refused_url, settings(retries=2))

    assert isinstance(result, FetchError) and result.kind == "connect"
    assert result.message.endswith("(3 attempts)")


def test_a_recovered_fetch_in_a_run_leaves_no_failure_streak(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    url = fail_then_serve(httpserver, "/tv/ballard", [(503, {}), (500, {})])
    store = Store(f"sqlite:///{tmp_path / 'tracker.db'}")
    store.migrate()
    config = ballard_config(store, [url], **QUICK)

    summary = run_at(config, store)

    assert summary.failures == [] and summary.snapshots == 1
    with Session(store.engine) as session:
        [source] = session.scalars(select(SourceRow))
        assert (source.failure_streak, source.last_error) == (0, None)
    assert store.board()[0].view.status == "renewed"
    store.close()


def test_which_failures_are_worth_a_second_attempt() -> None:
    def http(status: int) -> FetchError:
        return FetchError("http", f"HTTP {status}", http_status=status)

    assert all(retryable(http(s)) for s in (500, 502, 503, 504, 429))
    assert not any(retryable(http(s)) for s in (400, 401, 403, 404, 410))
    assert retryable(FetchError("connect", "refused"))
    assert retryable(FetchError("reset", "connection reset mid-response"))
    for kind in (
        "dns",
        "tls",
        "timeout",
        "too_large",
        "wrong_type",
        "robots",
        "binary",
        "protocol",
    ):
        assert not retryable(FetchError(kind, "x")), kind


def test_retry_after_reads_seconds_and_http_dates() -> None:
    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    assert retry_after("120") == 120.0
    assert retry_after(format_datetime(now + timedelta(seconds=90), usegmt=True), now) == 90.0
    assert retry_after(format_datetime(now - timedelta(hours=1), usegmt=True), now) == 0.0
    assert retry_after("") is None
    assert retry_after("soon") is None
    assert retry_after("-5") is None


@pytest.mark.parametrize(
    "field, value", [("retries", -1), ("retries", 11), ("backoff", "fast"), ("max_retry_wait", -1)]
)
def test_bad_retry_settings_name_the_field(field: str, value: Any) -> None:
    raw = {"fetch": {field: value}, "shows": [{"title": "Ballard"}]}
    with pytest.raises(ConfigError) as caught:
        parse_config(raw, Path("/srv/tracker/config.toml"))
    assert str(caught.value).startswith(f"/srv/tracker/config.toml: fetch.{field}:")
