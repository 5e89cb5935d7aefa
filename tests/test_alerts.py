"""Alert channels and outbox delivery, against a real webhook receiver on 127.0.0.1."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tracker.alerts import MAX_ATTEMPTS, Channel, build_channels, deliver
from tracker.config import parse_config
from tracker.errors import ConfigError
from tracker.extract.model import Evidence, Extraction, Ratings
from tracker.models import OutboxRow
from tracker.store import Attempt, ShowSpec, Store, backoff

NOW = datetime(2025, 10, 6, 14, 0, tzinfo=UTC)
URL = "https://screenwire.example/tv/ballard-renewed"
SENTENCE = "It's official: Prime Video has renewed Ballard for a second season."
SECRET = b"0123456789abcdef0123456789abcdef"
Rows = Callable[[Store, type[Any]], list[Any]]


def extraction(
    status: str, certainty: str, published: date, sentence: str, imdb: float = 7.5
) -> Extraction:
    return Extraction(
        show="Ballard",
        status=status,
        season=2,
        certainty=certainty,
        published=published,
        ratings=Ratings(imdb=imdb, rotten_tomatoes=100),
        evidence=(Evidence(sentence, status, 2, certainty, 0, len(sentence)),),
    )


def channels_for(
    *alerts: dict[str, Any], echo: Callable[[str], None] | None = None
) -> list[Channel]:
    config = parse_config({"alerts": list(alerts)}, Path("config.toml"))
    return build_channels(config, echo)


def store_status_change(
    store: Store, channels: list[Channel], sentence: str = SENTENCE, imdb: float = 7.5
) -> int:
    """Ballard pending (no alerts) then renewed: one status_changed row per channel."""
    [source] = store.sync_shows([ShowSpec("ballard", "Ballard", (("page", URL),))], NOW)
    july = NOW - timedelta(days=88)
    pending = extraction("pending", "reported", date(2025, 7, 10), "No green light yet.")
    store.record(source, Attempt(july, 5, True, URL, 200, content_hash="a"), pending, [], "1")
    renewed = extraction("renewed", "official", date(2025, 10, 6), sentence, imdb)
    keys = [c.key for c in channels]
    changes = store.record(
        source, Attempt(NOW, 5, True, URL, 200, content_hash="b"), renewed, keys, "1"
    )
    assert changes
    return store.changes()[-1].id


class Receiver:
    """A webhook endpoint whose HTTP status can be switched between deliveries."""

    def __init__(self, server: HTTPServer, path: str = "/hook") -> None:
        self.server, self.status = server, 200
        self.url = server.url_for(path)
        server.expect_request(path, method="POST").respond_with_handler(self._respond)

    def _respond(self, request: Request) -> Response:
        return Response("ok" if self.status < 400 else "boom", status=self.status)

    @property
    def received(self) -> list[Request]:
        return [request for request, _ in self.server.log]

    def json(self, index: int = -1) -> dict[str, Any]:
        return json.loads(self.received[index].get_data())  # type: ignore[no-any-return]


@pytest.fixture
def receiver(httpserver: HTTPServer) -> Receiver:
    return Receiver(httpserver)


# -- payloads -----------------------------------------------------------------------------


def test_the_webhook_posts_the_versioned_payload_of_the_design(
    sqlite_store: Store, receiver: Receiver
) -> None:
    channels = channels_for({"kind": "webhook", "url": receiver.url})
    change_id = store_status_change(sqlite_store, channels)

    report = deliver(sqlite_store, channels, NOW)

    assert (report.sent, report.failed) == (1, 0)
    [request] = receiver.received
    assert request.headers["Content-Type"] == "application/json"
    assert "webhook-signature" not in request.headers  # no secret configured
    body = receiver.json()
    assert set(body) == {
        "type",
        "version",
        "id",
        "occurred_at",
        "show",
        "previous",
        "current",
        "evidence",
    }
    assert body["type"] == "show.status_changed"
    assert body["version"] == 1
    assert body["id"] == str(change_id)
    assert body["occurred_at"] == "2025-10-06T14:00:00+00:00"
    assert body["show"] == {"title": "Ballard", "slug": "ballard"}
    assert (body["previous"]["status"], body["previous"]["season"]) == ("pending", 2)
    assert (body["current"]["status"], body["current"]["season"]) == ("renewed", 2)
    assert body["current"]["certainty"] == "official"
    assert body["evidence"] == {"url": URL, "text": SENTENCE, "published": "2025-10-06"}


def test_a_rating_move_is_posted_as_show_rating_changed(
    sqlite_store: Store, receiver: Receiver
) -> None:
    channels = channels_for({"kind": "webhook", "url": receiver.url})
    store_status_change(sqlite_store, channels, imdb=8.1)

    assert deliver(sqlite_store, channels, NOW).sent == 2
    types = [json.loads(r.get_data())["type"] for r in receiver.received]
    assert types == ["show.status_changed", "show.rating_changed"]
    rating = receiver.json(1)
    assert rating["previous"] == {"rating": "imdb", "value": 7.5}
    assert rating["current"] == {"rating": "imdb", "value": 8.1, "status": "renewed"}


def test_slack_gets_one_text_message_with_the_change_and_its_evidence(
    sqlite_store: Store, receiver: Receiver
) -> None:
    channels = channels_for({"kind": "slack", "url": receiver.url})
    store_status_change(sqlite_store, channels)

    deliver(sqlite_store, channels, NOW)

    body = receiver.json()
    assert list(body) == ["text"]
    lines = body["text"].splitlines()
    assert lines[0] == (
        "Ballard: status changed, pending (season 2, reported) → renewed (season 2, official)"
    )
    assert lines[1:] == [f"“{SENTENCE}”", URL]


def test_discord_gets_content_clipped_to_its_2000_character_limit(
    sqlite_store: Store, receiver: Receiver
) -> None:
    channels = channels_for({"kind": "discord", "url": receiver.url})
    store_status_change(sqlite_store, channels, sentence="Ballard was renewed. " * 150)

    deliver(sqlite_store, channels, NOW)

    body = receiver.json()
    assert list(body) == ["content", "allowed_mentions"]
    assert body["allowed_mentions"] == {"parse": []}  # "@everyone" in a headline pings nobody
    assert body["content"].startswith("Ballard: status changed, pending (season 2, reported)")
    assert len(body["content"]) == 2000


def test_the_console_prints_the_change_and_its_evidence(
    sqlite_store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    channels = channels_for({"kind": "console"})
    store_status_change(sqlite_store, channels)

    assert deliver(sqlite_store, channels, NOW).sent == 1

    out = capsys.readouterr().out
    assert "ALERT Ballard: status changed, pending (season 2, reported) → renewed" in out
    assert f"“{SENTENCE}”" in out
    assert f"{URL} (published 2025-10-06)" in out


def test_the_console_echo_hook_receives_the_same_text(sqlite_store: Store) -> None:
    printed: list[str] = []
    channels = channels_for({"kind": "console"}, echo=printed.append)
    store_status_change(sqlite_store, channels)

    deliver(sqlite_store, channels, NOW)

    [text] = printed
    assert text.startswith("ALERT Ballard: status changed")
    assert SENTENCE in text and URL in text


# -- signing ------------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["whsec_", ""])
def test_a_signed_webhook_carries_a_standard_webhooks_signature(
    sqlite_store: Store, receiver: Receiver, monkeypatch: pytest.MonkeyPatch, prefix: str
) -> None:
    monkeypatch.setenv("TRACKER_WEBHOOK_SECRET", prefix + base64.b64encode(SECRET).decode())
    channels = channels_for(
        {"kind": "webhook", "url": receiver.url, "secret_env": "TRACKER_WEBHOOK_SECRET"}
    )
    store_status_change(sqlite_store, channels)

    deliver(sqlite_store, channels, NOW)

    [request] = receiver.received
    message_id = request.headers["webhook-id"]
    timestamp = request.headers["webhook-timestamp"]
    assert message_id and abs(int(timestamp) - time.time()) < 60
    signed = f"{message_id}.{timestamp}.".encode() + request.get_data()
    expected = base64.b64encode(hmac.new(SECRET, signed, hashlib.sha256).digest()).decode()
    assert request.headers["webhook-signature"] == f"v1,{expected}"


def test_a_missing_secret_variable_is_a_config_error_naming_the_field(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("TRACKER_WEBHOOK_SECRET", raising=False)
    with pytest.raises(ConfigError) as raised:
        channels_for(
            {"kind": "console"},
            {
                "kind": "webhook",
                "url": "https://hooks.example/t",
                "secret_env": "TRACKER_WEBHOOK_SECRET",
            },
        )
    assert raised.value.field == "alerts[1].secret_env"
    assert "TRACKER_WEBHOOK_SECRET is not set" in str(raised.value)


def test_a_secret_that_is_not_base64_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_WEBHOOK_SECRET", "not base64!")
    with pytest.raises(ConfigError, match=r"alerts\[0\]\.secret_env: secret must be base64"):
        channels_for(
            {
                "kind": "webhook",
                "url": "https://hooks.example/t",
                "secret_env": "TRACKER_WEBHOOK_SECRET",
            }
        )


# -- the outbox ---------------------------------------------------------------------------


def test_a_failed_delivery_stays_pending_and_is_sent_once_after_the_receiver_recovers(
    sqlite_store: Store, receiver: Receiver, rows: Rows
) -> None:
    channels = channels_for({"kind": "webhook", "url": receiver.url})
    store_status_change(sqlite_store, channels)
    receiver.status = 500

    report = deliver(sqlite_store, channels, NOW)

    assert (report.sent, report.failed, report.gave_up) == (0, 1, 0)
    [row] = rows(sqlite_store, OutboxRow)
    assert (row.state, row.attempts, row.sent_at) == ("pending", 1, None)
    assert row.last_error and "HTTP 500" in row.last_error
    assert row.next_attempt_at == NOW + backoff(1) > NOW

    receiver.status = 200
    assert deliver(sqlite_store, channels, NOW + timedelta(seconds=1)).sent == 0  # not due yet
    assert len(receiver.received) == 1

    later = NOW + timedelta(minutes=5)
    assert deliver(sqlite_store, channels, later).sent == 1
    assert deliver(sqlite_store, channels, later + timedelta(hours=1)).sent == 0
    assert [r.status_code for _, r in receiver.server.log] == [500, 200]
    [row] = rows(sqlite_store, OutboxRow)
    assert (row.state, row.attempts, row.last_error, row.sent_at) == ("sent", 2, None, later)


def test_a_sent_change_is_never_sent_again(sqlite_store: Store, receiver: Receiver) -> None:
    channels = channels_for({"kind": "webhook", "url": receiver.url})
    store_status_change(sqlite_store, channels)

    sent = [deliver(sqlite_store, channels, NOW + timedelta(days=d)).sent for d in range(3)]

    assert sent == [1, 0, 0]
    assert len(receiver.received) == 1


def test_each_channel_gets_the_change_once_even_when_another_fails(
    sqlite_store: Store, httpserver: HTTPServer
) -> None:
    good, bad = Receiver(httpserver, "/good"), Receiver(httpserver, "/bad")
    bad.status = 503
    channels = channels_for({"kind": "webhook", "url": good.url}, {"kind": "slack", "url": bad.url})
    store_status_change(sqlite_store, channels)

    first = deliver(sqlite_store, channels, NOW)
    bad.status = 200
    second = deliver(sqlite_store, channels, NOW + timedelta(hours=1))

    assert (first.sent, first.failed, second.sent) == (1, 1, 1)
    paths = [request.path for request, _ in httpserver.log]
    assert paths.count("/good") == 1 and paths.count("/bad") == 2


def test_delivery_gives_up_after_the_maximum_number_of_attempts(
    sqlite_store: Store, receiver: Receiver, rows: Rows
) -> None:
    channels = channels_for({"kind": "webhook", "url": receiver.url})
    store_status_change(sqlite_store, channels)
    receiver.status = 500

    reports = [
        deliver(sqlite_store, channels, NOW + timedelta(hours=2 * n))
        for n in range(MAX_ATTEMPTS + 1)
    ]

    assert [r.failed for r in reports] == [1] * MAX_ATTEMPTS + [0]
    assert [r.gave_up for r in reports] == [0] * (MAX_ATTEMPTS - 1) + [1, 0]
    [row] = rows(sqlite_store, OutboxRow)
    assert (row.state, row.attempts) == ("failed", MAX_ATTEMPTS)
    assert len(receiver.received) == MAX_ATTEMPTS


def test_a_channel_removed_from_the_config_keeps_its_rows_pending(
    sqlite_store: Store, receiver: Receiver, rows: Rows
) -> None:
    store_status_change(sqlite_store, channels_for({"kind": "webhook", "url": receiver.url}))

    report = deliver(sqlite_store, channels_for({"kind": "console"}), NOW)

    assert (report.sent, report.failed) == (0, 0)
    assert [(r.state, r.attempts) for r in rows(sqlite_store, OutboxRow)] == [("pending", 0)]
    assert receiver.received == []


def test_a_webhook_key_never_contains_its_url() -> None:
    [channel] = channels_for({"kind": "webhook", "url": "https://hooks.example/T0/B1/secret"})
    assert channel.key.startswith("webhook:") and "secret" not in channel.key
