"""The email channel, against a real SMTP server (aiosmtpd) on 127.0.0.1."""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP as SMTPServer
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session
from pytest_httpserver import HTTPServer

from tracker.alerts import Channel, build_channels, deliver
from tracker.alerts.email import EmailChannel, subject
from tracker.config import parse_config
from tracker.errors import ConfigError
from tracker.extract.model import Evidence, Extraction, Ratings
from tracker.models import OutboxRow
from tracker.pipeline import run_once
from tracker.store import Attempt, ShowSpec, Store

NOW = datetime(2025, 10, 6, 14, 0, tzinfo=UTC)
URL = "https://screenwire.example/tv/ballard-renewed?a=1&b=2"
SENTENCE = "It's official: Prime Video has renewed Ballard for a <second> season."
INJECTION = "\r\nBcc: evil@example.org"
PASSWORD = "s3cret-smtp-password"
Rows = Callable[[Store, type[Any]], list[Any]]


@dataclass
class Inbox:
    """What the SMTP server accepted: envelopes, and the logins it saw."""

    envelopes: list[Envelope] = field(default_factory=list)
    logins: list[tuple[str, str]] = field(default_factory=list)

    async def handle_DATA(self, server: SMTPServer, session: Session, envelope: Envelope) -> str:
        self.envelopes.append(envelope)
        return "250 OK"

    def authenticate(
        self, server: SMTPServer, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        assert isinstance(data, LoginPassword)
        login, password = data.login.decode(), data.password.decode()
        self.logins.append((login, password))
        return AuthResult(success=(login, password) == ("tracker", PASSWORD))

    def messages(self) -> list[EmailMessage]:
        return [
            message_from_bytes(e.original_content or b"", policy=policy.default)  # type: ignore[misc]
            for e in self.envelopes
        ]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(inbox: Inbox, port: int, **kwargs: Any) -> Controller:
    controller = Controller(inbox, hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    return controller


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    """A plain SMTP server (no TLS) that accepts AUTH for tracker / PASSWORD."""
    inbox, port = Inbox(), free_port()
    controller = serve(inbox, port, authenticator=inbox.authenticate, auth_require_tls=False)
    yield inbox, port
    controller.stop()


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, made with the openssl CLI."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl CLI not available")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"),
            *("-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1"),
            *("-addext", "subjectAltName=IP:127.0.0.1"),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def server_context(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*certificate)
    return context


def email_alert(port: int, **overrides: Any) -> dict[str, Any]:
    return {
        "kind": "email",
        "host": "127.0.0.1",
        "port": port,
        "security": "none",
        "from": "tracker@example.org",
        "to": ["me@example.org", "you@example.org"],
        "timeout": 5,
        **overrides,
    }


def channels_for(*alerts: dict[str, Any]) -> list[Channel]:
    return build_channels(parse_config({"alerts": list(alerts)}, Path("config.toml")))


def extraction(status: str, certainty: str, published: date, sentence: str) -> Extraction:
    return Extraction(
        show="Ballard",
        status=status,
        season=2,
        certainty=certainty,
        published=published,
        ratings=Ratings(imdb=7.5),
        evidence=(Evidence(sentence, status, 2, certainty, 0, len(sentence)),),
    )


def store_status_change(
    store: Store, channels: list[Channel], sentence: str = SENTENCE, title: str = "Ballard"
) -> None:
    """Ballard pending (no alerts) then renewed: one status_changed row per channel."""
    [source] = store.sync_shows([ShowSpec("ballard", title, (("page", URL),))], NOW)
    july = NOW - timedelta(days=88)
    pending = extraction("pending", "reported", date(2025, 7, 10), "No green light yet.")
    store.record(source, Attempt(july, 5, True, URL, 200, content_hash="a"), pending, [], "1")
    renewed = extraction("renewed", "official", date(2025, 10, 6), sentence)
    keys = [c.key for c in channels]
    attempt = Attempt(NOW, 5, True, URL, 200, content_hash="b")
    assert store.record(source, attempt, renewed, keys, "1")


def parts(message: EmailMessage) -> tuple[str, str]:
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert text is not None and html is not None
    return text.get_content(), html.get_content()  # type: ignore[attr-defined]


# -- one change, one message -----------------------------------------------------------------


def test_a_change_is_one_message_with_text_and_html_parts(
    sqlite_store: Store, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    channels = channels_for(email_alert(port))
    store_status_change(sqlite_store, channels)

    report = deliver(sqlite_store, channels, NOW)

    assert (report.sent, report.failed) == (1, 0)
    [envelope] = inbox.envelopes
    assert envelope.mail_from == "tracker@example.org"
    assert envelope.rcpt_tos == ["me@example.org", "you@example.org"]
    [message] = inbox.messages()
    assert message["From"] == "tracker@example.org"
    assert message["To"] == "me@example.org, you@example.org"
    assert message["Subject"] == (
        "[renewal-tracker] Ballard: status changed, pending (season 2, reported) → "
        "renewed (season 2, official)"
    )
    assert message["Message-ID"] and message["Date"]
    text, html = parts(message)
    assert "Previous: pending, season 2, reported" in text
    assert "Current:  renewed, season 2, official" in text
    assert f"“{SENTENCE}”" in text
    assert f"Source: {URL}" in text
    assert "Published: 2025-10-06" in text
    assert "a &lt;second&gt; season" in html and "<second>" not in html
    assert '<a href="https://screenwire.example/tv/ballard-renewed?a=1&amp;b=2">' in html
    assert deliver(sqlite_store, channels, NOW + timedelta(hours=1)).sent == 0  # never twice


def test_scraped_newlines_cannot_inject_headers_or_recipients(
    sqlite_store: Store, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    channels = channels_for(email_alert(port))
    store_status_change(
        sqlite_store, channels, sentence=SENTENCE + INJECTION, title="Ballard" + INJECTION
    )

    assert deliver(sqlite_store, channels, NOW).sent == 1

    [envelope] = inbox.envelopes
    assert envelope.rcpt_tos == ["me@example.org", "you@example.org"]
    [message] = inbox.messages()
    assert message["Bcc"] is None
    assert message["Subject"].startswith("[renewal-tracker] Ballard Bcc: evil@example.org: ")
    headers = (envelope.original_content or b"").decode().split("\r\n\r\n")[0]
    assert "\nBcc:" not in headers and "evil@" not in headers.split("Subject:")[0]
    text, _ = parts(message)
    assert "evil@example.org" in text  # the evidence is kept, as body text


def test_long_subjects_are_clipped_and_control_characters_flattened() -> None:
    from tracker.store import ChangeEvent

    event = ChangeEvent(
        1, "first_seen", NOW, "A\x00B\tC\u2028" + "x" * 500, "a", None, {"status": "renewed"}, None
    )

    line = subject(event)

    assert len(line) == 150 and line.endswith("…")
    assert line.startswith("[renewal-tracker] A B C x")


# -- auth and TLS ----------------------------------------------------------------------------


def test_auth_uses_the_password_from_the_environment(
    sqlite_store: Store, smtp: tuple[Inbox, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox, port = smtp
    monkeypatch.setenv("TRACKER_TEST_SMTP_PASSWORD", PASSWORD)
    alert = email_alert(port, username="tracker", password_env="TRACKER_TEST_SMTP_PASSWORD")
    channels = channels_for(alert)
    monkeypatch.delenv("TRACKER_TEST_SMTP_PASSWORD")  # read once, when the channel was built
    store_status_change(sqlite_store, channels)

    assert deliver(sqlite_store, channels, NOW).sent == 1

    assert inbox.logins == [("tracker", PASSWORD)]
    assert len(inbox.envelopes) == 1


def test_a_wrong_password_fails_the_delivery_without_showing_it(
    sqlite_store: Store,
    smtp: tuple[Inbox, int],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    rows: Rows,
) -> None:
    inbox, port = smtp
    monkeypatch.setenv("TRACKER_TEST_SMTP_PASSWORD", "wrong-password")
    alert = email_alert(port, username="tracker", password_env="TRACKER_TEST_SMTP_PASSWORD")
    alert["timeout"] = 1  # aiosmtpd stalls the client's next mechanism after a refusal
    channels = channels_for(alert)
    store_status_change(sqlite_store, channels)

    report = deliver(sqlite_store, channels, NOW)

    assert (report.sent, report.failed) == (0, 1)
    assert inbox.envelopes == []
    [due] = sqlite_store.undelivered()
    assert due.attempts == 1
    [row] = rows(sqlite_store, OutboxRow)
    assert row.last_error and "wrong-password" not in row.last_error
    assert "wrong-password" not in caplog.text


def test_starttls_upgrades_the_connection_before_auth(
    sqlite_store: Store, certificate: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox, port = Inbox(), free_port()
    controller = serve(
        inbox,
        port,
        tls_context=server_context(certificate),
        require_starttls=True,
        authenticator=inbox.authenticate,
    )
    try:
        monkeypatch.setenv("TRACKER_TEST_SMTP_PASSWORD", PASSWORD)
        alert = email_alert(
            port,
            security="starttls",
            username="tracker",
            password_env="TRACKER_TEST_SMTP_PASSWORD",
        )
        [channel] = channels_for(alert)
        assert isinstance(channel, EmailChannel)
        channel.tls_context = ssl.create_default_context(cafile=str(certificate[0]))
        store_status_change(sqlite_store, [channel])

        assert deliver(sqlite_store, [channel], NOW).sent == 1
    finally:
        controller.stop()
    assert inbox.logins == [("tracker", PASSWORD)]
    assert len(inbox.envelopes) == 1


def test_starttls_refuses_a_certificate_it_cannot_verify(
    sqlite_store: Store, certificate: tuple[Path, Path]
) -> None:
    inbox, port = Inbox(), free_port()
    controller = serve(inbox, port, tls_context=server_context(certificate), require_starttls=True)
    try:
        channels = channels_for(email_alert(port, security="starttls"))
        store_status_change(sqlite_store, channels)

        assert deliver(sqlite_store, channels, NOW).failed == 1
    finally:
        controller.stop()
    assert inbox.envelopes == []


def test_ssl_speaks_tls_from_the_first_byte(
    sqlite_store: Store, certificate: tuple[Path, Path]
) -> None:
    inbox, port = Inbox(), free_port()
    controller = serve(inbox, port, ssl_context=server_context(certificate))
    try:
        [channel] = channels_for(email_alert(port, security="ssl"))
        assert isinstance(channel, EmailChannel)
        channel.tls_context = ssl.create_default_context(cafile=str(certificate[0]))
        store_status_change(sqlite_store, [channel])

        assert deliver(sqlite_store, [channel], NOW).sent == 1
    finally:
        controller.stop()
    assert len(inbox.envelopes) == 1


# -- failures --------------------------------------------------------------------------------


def test_a_server_that_is_down_keeps_the_alert_until_it_is_sent_exactly_once(
    sqlite_store: Store,
) -> None:
    inbox, port = Inbox(), free_port()
    channels = channels_for(email_alert(port))
    store_status_change(sqlite_store, channels)

    report = deliver(sqlite_store, channels, NOW)

    assert (report.sent, report.failed) == (0, 1)
    [pending] = sqlite_store.undelivered()
    assert pending.attempts == 1 and pending.channel == channels[0].key

    controller = serve(inbox, port)
    try:
        assert deliver(sqlite_store, channels, NOW + timedelta(hours=2)).sent == 1
        assert deliver(sqlite_store, channels, NOW + timedelta(hours=4)).sent == 0
    finally:
        controller.stop()
    assert len(inbox.envelopes) == 1


def test_a_missing_password_variable_fails_before_any_fetch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, httpserver: HTTPServer
) -> None:
    monkeypatch.delenv("TRACKER_TEST_SMTP_PASSWORD", raising=False)
    alert = email_alert(25, username="tracker", password_env="TRACKER_TEST_SMTP_PASSWORD")
    raw = {
        "database": {"url": f"sqlite:///{tmp_path / 'tracker.db'}"},
        "shows": [{"title": "Ballard", "sources": [httpserver.url_for("/b")]}],
        "alerts": [{"kind": "console"}, alert],
    }
    config = parse_config(raw, tmp_path / "config.toml")
    store = Store(config.database.url)
    store.migrate()
    try:
        with pytest.raises(ConfigError) as caught:
            run_once(config, store, now=lambda: NOW)
    finally:
        store.close()

    assert caught.value.field == "alerts[1].password_env"
    assert "TRACKER_TEST_SMTP_PASSWORD is not set" in str(caught.value)
    assert httpserver.log == []


# -- config ----------------------------------------------------------------------------------

BAD_EMAIL_CONFIGS = [
    pytest.param(
        {"security": "tls"}, "alerts[0].security", "'starttls', 'ssl' or 'none'", id="security"
    ),
    pytest.param({"to": None}, "alerts[0].to", "required field is missing", id="missing-to"),
    pytest.param({"to": []}, "alerts[0].to", "at least 1 item", id="empty-to"),
    pytest.param({"to": ["me@"]}, "alerts[0].to[0]", "must be an email address", id="bad-to"),
    pytest.param({"from": "tracker"}, "alerts[0].from", "must be an email address", id="bad-from"),
    pytest.param(
        {"from": "t@example.org\r\nBcc: evil@example.org"},
        "alerts[0].from",
        "must be an email address",
        id="from-with-newline",
    ),
    pytest.param(
        {"to": ["a@example.org, b@example.org"]},
        "alerts[0].to[0]",
        "must be an email address",
        id="two-addresses-in-one",
    ),
    pytest.param(
        {"username": "tracker"},
        "alerts[0]",
        "password_env is required when username is set",
        id="username-without-password",
    ),
    pytest.param({"password_env": "MY-PASS"}, "alerts[0].password_env", "environment", id="env"),
    pytest.param({"port": 0}, "alerts[0].port", "greater than or equal to 1", id="port"),
]


@pytest.mark.parametrize(("overrides", "path", "problem"), BAD_EMAIL_CONFIGS)
def test_a_bad_email_alert_names_the_field(
    overrides: dict[str, Any], path: str, problem: str
) -> None:
    alert = {
        key: value for key, value in {**email_alert(587), **overrides}.items() if value is not None
    }

    with pytest.raises(ConfigError) as caught:
        parse_config({"alerts": [alert]}, Path("config.toml"))

    assert caught.value.field == path
    assert problem in caught.value.problem


def test_the_design_defaults_are_starttls_on_587() -> None:
    raw = {"kind": "email", "host": "smtp.example.org", "from": "t@example.org", "to": ["m@x.org"]}
    [alert] = parse_config({"alerts": [raw]}, Path("config.toml")).alerts

    assert (alert.port, alert.security, alert.timeout) == (587, "starttls", 10.0)  # type: ignore[union-attr]
