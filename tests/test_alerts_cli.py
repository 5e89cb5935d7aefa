"""`tracker alerts list | retry | test`: the outbox seen and worked from the CLI, against a
real webhook endpoint on 127.0.0.1."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from pytest_httpserver import HTTPServer
from sites import RENEWAL_ARTICLE
from werkzeug import Request, Response

from tracker.cli import cli
from tracker.store import Store


class Hook:
    """A webhook endpoint whose answer the test sets; it keeps what it was sent."""

    def __init__(self, server: HTTPServer) -> None:
        self.status = 500
        self.received: list[dict[str, Any]] = []
        server.expect_request("/hook", method="POST").respond_with_handler(self._answer)
        self.url = server.url_for("/hook")

    def _answer(self, request: Request) -> Response:
        if self.status < 300:
            self.received.append(json.loads(request.get_data()))
        return Response("", status=self.status)


@pytest.fixture
def setup(httpserver: HTTPServer, tmp_path: Path) -> tuple[Hook, Any]:
    httpserver.expect_request("/tv/ballard").respond_with_data(
        RENEWAL_ARTICLE, content_type="text/html"
    )
    hook = Hook(httpserver)
    config = tmp_path / "config.toml"
    config.write_text(
        f'[database]\nurl = "sqlite:///{tmp_path / "tracker.db"}"\n'
        f"[fetch]\nmin_interval = 0\n"
        f'[[shows]]\ntitle = "Ballard"\nsources = ["{httpserver.url_for("/tv/ballard")}"]\n'
        f'[[alerts]]\nkind = "webhook"\nurl = "{hook.url}"\n',
        encoding="utf-8",
    )
    runner = CliRunner()

    def tracker(*args: str) -> Result:
        return runner.invoke(cli, ["--config", str(config), *args])

    assert tracker("init").exit_code == 0
    return hook, tracker


def test_a_failed_alert_is_listed_then_sent_once_by_retry(setup: tuple[Hook, Any]) -> None:
    hook, tracker = setup
    run = tracker("run")
    assert run.exit_code == 1 and "alerts: 0 sent, 1 failed" in run.stdout

    listed = tracker("alerts", "list")
    as_json = json.loads(tracker("alerts", "list", "--json").stdout)
    hook.status = 200
    retried = tracker("alerts", "retry")
    again = tracker("alerts", "list")

    assert listed.exit_code == 0
    assert "pending via webhook:" in listed.stdout and "1 attempt" in listed.stdout
    assert "Ballard: first seen as renewed (season 2, official)" in listed.stdout
    assert "last error:" in listed.stdout and "500" in listed.stdout
    [row] = as_json
    assert (row["state"], row["attempts"], row["change"]["kind"]) == ("pending", 1, "first_seen")
    assert retried.exit_code == 0, retried.output
    assert "1 alerts queued: 1 sent, 0 failed" in retried.stdout
    assert [r["type"] for r in hook.received] == ["show.first_seen"]
    assert "no alerts waiting" in again.stdout


def test_retry_gives_an_alert_that_was_given_up_a_fresh_start(
    setup: tuple[Hook, Any], tmp_path: Path
) -> None:
    hook, tracker = setup
    tracker("run")
    store = Store(f"sqlite:///{tmp_path / 'tracker.db'}")
    [waiting] = store.undelivered()
    tomorrow = datetime.now(UTC) + timedelta(days=1)  # past any backoff: the row is due
    [held] = store.claim_deliveries("test", tomorrow, timedelta(minutes=1), [waiting.channel])
    store.mark_failed({held.id: None}, "HTTP 500", "test")  # None: given up
    [given_up] = store.undelivered()
    store.close()
    hook.status = 200

    retried = tracker("alerts", "retry")

    assert (given_up.state, given_up.attempts) == ("failed", 2)
    assert "1 alerts queued: 1 sent" in retried.stdout
    assert len(hook.received) == 1


def test_alerts_test_sends_through_every_channel_and_stores_nothing(
    setup: tuple[Hook, Any],
) -> None:
    hook, tracker = setup
    hook.status = 200

    sent = tracker("alerts", "test")
    hook.status = 503
    failed = tracker("alerts", "test")

    assert sent.exit_code == 0 and "webhook: sent" in sent.stdout
    [payload] = hook.received
    assert payload["type"] == "show.test"
    assert payload["show"]["title"] == "renewal-tracker test"
    assert failed.exit_code == 1 and "webhook: failed:" in failed.stdout
    assert "no alerts waiting" in tracker("alerts", "list").stdout  # nothing was stored


def test_alerts_test_without_channels_says_so(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\nurl = "sqlite:///{tmp_path / "t.db"}"\n', encoding="utf-8")

    result = CliRunner().invoke(cli, ["--config", str(config), "alerts", "test"])

    assert result.exit_code == 1
    assert "no [[alerts]] configured" in result.stderr
