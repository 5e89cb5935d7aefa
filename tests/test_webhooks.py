"""Webhook delivery against a real threaded HTTP endpoint on 127.0.0.1 that each test
scripts: the answers it gives in turn, how long it stalls, and what it was sent."""

from __future__ import annotations

import base64
import json
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError
from test_alerts import NOW, SENTENCE, URL, channels_for, extraction, store_status_change

from tracker.alerts import Channel, deliver
from tracker.models import OutboxRow
from tracker.store import Attempt, ShowSpec, Store, backoff

Rows = Callable[[Store, type[Any]], list[Any]]
SECRET_ENV = "TRACKER_TEST_WEBHOOK_SECRET"


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Endpoint:
    """What the endpoint answers: `script` in turn (the last answer repeats), after
    stalling `stall` seconds; `received` is every request, in order."""

    url: str = ""
    script: list[int] = field(default_factory=lambda: [200])
    stall: float = 0.0
    received: list[Received] = field(default_factory=list)
    released: threading.Event = field(default_factory=threading.Event)

    def answer(self, request: Received) -> int:
        self.received.append(request)
        status = self.script.pop(0) if len(self.script) > 1 else self.script[0]
        self.released.wait(self.stall)
        return status

    @property
    def paths(self) -> list[str]:
        return [r.path for r in self.received]


def handler_for(endpoint: Endpoint) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length", 0)))
            headers = {k.lower(): v for k, v in self.headers.items()}
            status = endpoint.answer(Received(self.path, headers, body))
            self.send_response(status)
            if 300 <= status < 400:
                self.send_header("Location", "/elsewhere")
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that timed out has closed the socket a stalled answer is written to


@pytest.fixture
def serve() -> Iterator[Callable[[], Endpoint]]:
    """Start endpoints on 127.0.0.1 (each on its own port); all stopped afterwards."""
    running: list[tuple[QuietServer, Endpoint]] = []

    def start() -> Endpoint:
        endpoint = Endpoint()
        server = QuietServer(("127.0.0.1", 0), handler_for(endpoint))
        threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
        endpoint.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
        running.append((server, endpoint))
        return endpoint

    yield start
    for server, endpoint in running:
        endpoint.released.set()
        server.shutdown()
        server.server_close()


@pytest.fixture
def endpoint(serve: Callable[[], Endpoint]) -> Endpoint:
    return serve()


def webhook(endpoint: Endpoint, kind: str = "webhook", **settings: Any) -> list[Channel]:
    return channels_for({"kind": kind, "url": endpoint.url, **settings})


def later_change(store: Store, channels: list[Channel], at: datetime) -> None:
    """Ballard, renewed before, now reported cancelled: one more change per channel."""
    [source] = store.sync_shows([ShowSpec("ballard", "Ballard", (("page", URL),))], at)
    news = "Prime Video has cancelled Ballard after all."
    cancelled = extraction("cancelled", "official", date(2025, 10, 20), news)
    attempt = Attempt(at, 5, True, URL, 200, content_hash="c")
    assert store.record(source, attempt, cancelled, [c.key for c in channels], "1")


def states(store: Store, rows: Rows) -> list[tuple[str, int]]:
    return [(r.state, r.attempts) for r in rows(store, OutboxRow)]


# -- what is sent -------------------------------------------------------------------------


def test_the_payload_is_the_versioned_json_of_the_design(
    sqlite_store: Store, endpoint: Endpoint
) -> None:
    channels = webhook(endpoint)
    change_id = store_status_change(sqlite_store, channels, sentence=SENTENCE + " Ça tourne.")

    assert deliver(sqlite_store, channels, NOW).sent == 1

    [request] = endpoint.received
    assert request.headers["content-type"] == "application/json"
    assert "webhook-signature" not in request.headers
    assert "Ça tourne".encode() in request.body  # UTF-8, not \\u escapes
    body = request.json()
    assert list(body) == [
        *("type", "version", "id", "occurred_at", "show"),
        *("previous", "current", "evidence"),
    ]
    assert (body["type"], body["version"], body["id"]) == ("show.status_changed", 1, str(change_id))
    assert body["occurred_at"] == NOW.isoformat()
    assert body["show"] == {"title": "Ballard", "slug": "ballard"}
    assert {k: body["previous"][k] for k in ("status", "season", "certainty")} == {
        "status": "pending",
        "season": 2,
        "certainty": "reported",
    }
    assert {k: body["current"][k] for k in ("status", "season", "certainty")} == {
        "status": "renewed",
        "season": 2,
        "certainty": "official",
    }
    assert body["evidence"] == {
        "url": URL,
        "text": SENTENCE + " Ça tourne.",
        "published": "2025-10-06",
    }


def signing_secret(monkeypatch: pytest.MonkeyPatch) -> str:
    secret = "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()
    monkeypatch.setenv(SECRET_ENV, secret)
    return secret


def test_a_signed_delivery_verifies_with_the_standard_webhooks_library(
    sqlite_store: Store, endpoint: Endpoint, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = signing_secret(monkeypatch)
    channels = webhook(endpoint, secret_env=SECRET_ENV)
    store_status_change(sqlite_store, channels)

    deliver(sqlite_store, channels, NOW)

    [request] = endpoint.received
    assert abs(int(request.headers["webhook-timestamp"]) - time.time()) < 60
    assert Webhook(secret).verify(request.body, request.headers) == request.json()
    tampered = request.body.replace(b"renewed", b"canceled")
    assert tampered != request.body
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(tampered, request.headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(signing_secret(monkeypatch)).verify(request.body, request.headers)


def test_a_retried_delivery_keeps_its_webhook_id_and_is_signed_afresh(
    sqlite_store: Store, endpoint: Endpoint, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = signing_secret(monkeypatch)
    endpoint.script = [503, 200]
    channels = webhook(endpoint, secret_env=SECRET_ENV)
    store_status_change(sqlite_store, channels)

    deliver(sqlite_store, channels, NOW)
    deliver(sqlite_store, channels, NOW + timedelta(hours=1))

    first, second = endpoint.received
    assert first.headers["webhook-id"] == second.headers["webhook-id"]  # receivers dedupe by it
    for request in (first, second):
        Webhook(secret).verify(request.body, request.headers)


def test_slack_gets_a_text_message_with_its_markup_characters_escaped(
    sqlite_store: Store, endpoint: Endpoint
) -> None:
    channels = webhook(endpoint, "slack")
    store_status_change(sqlite_store, channels, sentence="Renewed <!channel> & <http://x|more>")

    deliver(sqlite_store, channels, NOW)

    body = endpoint.received[0].json()
    assert list(body) == ["text"]
    assert body["text"].splitlines() == [
        "Ballard: status changed, pending (season 2, reported) → renewed (season 2, official)",
        "“Renewed &lt;!channel&gt; &amp; &lt;http://x|more&gt;”",
        URL,
    ]


def test_discord_gets_content_of_at_most_2000_characters(
    sqlite_store: Store, endpoint: Endpoint
) -> None:
    channels = webhook(endpoint, "discord")
    store_status_change(sqlite_store, channels, sentence="Ballard was renewed. " * 200)

    deliver(sqlite_store, channels, NOW)

    body = endpoint.received[0].json()
    assert list(body) == ["content", "allowed_mentions"]
    assert len(body["content"]) == 2000
    assert body["content"].startswith("Ballard: status changed, pending (season 2, reported)")


# -- timeouts and retries -----------------------------------------------------------------


def test_each_endpoint_has_its_own_timeout(
    sqlite_store: Store, serve: Callable[[], Endpoint], rows: Rows
) -> None:
    slow, patient = serve(), serve()
    slow.stall = patient.stall = 0.4
    channels = webhook(slow, timeout=0.1) + webhook(patient, "slack", timeout=3)
    store_status_change(sqlite_store, channels)

    started = time.monotonic()
    report = deliver(sqlite_store, channels, NOW)
    took = time.monotonic() - started

    assert (report.sent, report.failed) == (1, 1)
    assert 0.4 <= took < 1.5  # the patient endpoint was waited for, the slow one was not
    [pending] = sqlite_store.undelivered()
    assert (pending.channel, pending.state, pending.attempts) == (channels[0].key, "pending", 1)
    assert pending.last_error and "Timeout" in pending.last_error

    slow.stall = 0
    assert deliver(sqlite_store, channels, NOW + timedelta(seconds=1)).sent == 0  # backoff
    assert deliver(sqlite_store, channels, NOW + timedelta(hours=1)).sent == 1
    assert len(slow.received) == 2 and len(patient.received) == 1
    assert states(sqlite_store, rows) == [("sent", 2), ("sent", 1)]


def test_three_server_errors_then_success_deliver_exactly_once(
    sqlite_store: Store, endpoint: Endpoint, rows: Rows
) -> None:
    endpoint.script = [500, 500, 500, 200]
    channels = webhook(endpoint)
    store_status_change(sqlite_store, channels)

    now, reports = NOW, []
    for attempt in range(1, 6):
        reports.append(deliver(sqlite_store, channels, now))
        early = deliver(sqlite_store, channels, now + backoff(attempt) - timedelta(seconds=1))
        assert (early.sent, early.failed) == (0, 0)  # not due before its backoff
        now += backoff(attempt) + timedelta(seconds=1)

    assert [(r.sent, r.failed, r.gave_up) for r in reports] == [
        *[(0, 1, 0)] * 3,
        (1, 0, 0),
        (0, 0, 0),
    ]
    assert len(endpoint.received) == 4
    assert len({r.body for r in endpoint.received}) == 1  # the same change every time
    assert states(sqlite_store, rows) == [("sent", 4)]


@pytest.mark.parametrize("status", [408, 429, 503])
def test_a_busy_endpoint_is_tried_again_later(
    sqlite_store: Store, endpoint: Endpoint, rows: Rows, status: int
) -> None:
    endpoint.script = [status, 200]
    channels = webhook(endpoint)
    store_status_change(sqlite_store, channels)

    first = deliver(sqlite_store, channels, NOW)
    [row] = rows(sqlite_store, OutboxRow)
    second = deliver(sqlite_store, channels, NOW + timedelta(hours=1))

    assert (first.failed, first.gave_up, second.sent) == (1, 0, 1)
    assert (row.state, row.attempts) == ("pending", 1)
    assert row.last_error and f"HTTP {status}" in row.last_error
    assert len(endpoint.received) == 2


# -- answers that stop delivery -----------------------------------------------------------


def test_410_gone_switches_the_channel_off_until_requeued(
    sqlite_store: Store, endpoint: Endpoint, rows: Rows
) -> None:
    endpoint.script = [410]
    channels = webhook(endpoint)
    store_status_change(sqlite_store, channels)

    report = deliver(sqlite_store, channels, NOW)

    assert (report.sent, report.failed, report.gave_up) == (0, 1, 0)
    assert list(sqlite_store.disabled_channels()) == [channels[0].key]
    assert "HTTP 410" in sqlite_store.disabled_channels()[channels[0].key][1]
    assert states(sqlite_store, rows) == [("disabled", 0)]

    later = NOW + timedelta(days=1)
    later_change(sqlite_store, channels, later)
    assert deliver(sqlite_store, channels, later).sent == 0
    assert states(sqlite_store, rows) == [("disabled", 0), ("disabled", 0)]
    assert len(endpoint.received) == 1

    endpoint.script = [200]
    assert sqlite_store.requeue(later) == 2
    assert sqlite_store.disabled_channels() == {}
    assert deliver(sqlite_store, channels, later).sent == 2
    assert [r.json()["type"] for r in endpoint.received] == ["show.status_changed"] * 3
    assert endpoint.received[-1].json()["current"]["status"] == "cancelled"
    assert states(sqlite_store, rows) == [("sent", 1), ("sent", 1)]


def test_410_stops_the_rest_of_the_pass_for_that_channel(
    sqlite_store: Store, endpoint: Endpoint, rows: Rows
) -> None:
    endpoint.script = [410, 200]
    channels = webhook(endpoint)
    store_status_change(sqlite_store, channels)
    later_change(sqlite_store, channels, NOW)

    deliver(sqlite_store, channels, NOW)

    assert len(endpoint.received) == 1
    assert states(sqlite_store, rows) == [("disabled", 0), ("disabled", 0)]


@pytest.mark.parametrize("status", [400, 401, 404])
def test_a_refusal_is_given_up_at_once_and_never_retried(
    sqlite_store: Store, endpoint: Endpoint, rows: Rows, status: int
) -> None:
    endpoint.script = [status, 200]
    channels = webhook(endpoint)
    store_status_change(sqlite_store, channels)

    first = deliver(sqlite_store, channels, NOW)
    again = [deliver(sqlite_store, channels, NOW + timedelta(hours=h)) for h in (1, 24)]

    assert (first.sent, first.failed, first.gave_up) == (0, 1, 1)
    assert [(r.sent, r.failed) for r in again] == [(0, 0), (0, 0)]
    assert states(sqlite_store, rows) == [("failed", 1)]
    [row] = rows(sqlite_store, OutboxRow)
    assert row.last_error and f"HTTP {status}" in row.last_error and "not retried" in row.last_error
    assert len(endpoint.received) == 1
    assert sqlite_store.disabled_channels() == {}


@pytest.mark.parametrize("status", [301, 302, 307, 308])
def test_redirects_are_not_followed(
    sqlite_store: Store, endpoint: Endpoint, rows: Rows, status: int
) -> None:
    endpoint.script = [status]
    channels = webhook(endpoint)
    store_status_change(sqlite_store, channels)

    report = deliver(sqlite_store, channels, NOW)

    assert (report.sent, report.gave_up) == (0, 1)
    assert endpoint.paths == ["/hook"]  # /elsewhere was never asked
    assert states(sqlite_store, rows) == [("failed", 1)]
