"""Email digests: the changes due for an email channel go out as one message, against a
real SMTP server (aiosmtpd) on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from test_email import (
    INJECTION,
    NOW,
    SENTENCE,
    URL,
    Inbox,
    Rows,
    channels_for,
    email_alert,
    free_port,
    parts,
    serve,
    store_status_change,
)

from tracker.alerts import MAX_ATTEMPTS, Channel, deliver
from tracker.extract.model import Evidence, Extraction, Ratings
from tracker.models import OutboxRow
from tracker.store import Attempt, ShowSpec, Store

COPPER_URL = "https://screenledger.example/copper-valley-cancelled"
COPPER = "CBS has cancelled Copper Valley & its spin-off after one season."
HARLAN_URL = "https://tvline.example/harlan-county-line-season-4?ref=a&b=c"
HARLAN = "FX renewed Harlan County Line for a <fourth> season."
SUBJECT = (
    "[renewal-tracker] 3 changes: Ballard renewed (season 2), Copper Valley cancelled, "
    "Harlan County Line renewed (season 4)"
)


@dataclass(frozen=True)
class News:
    """A show seen for the first time, with the sentence that said so."""

    slug: str
    title: str
    url: str
    status: str
    season: int | None
    sentence: str


def first_seen(store: Store, channels: list[Channel], news: News) -> None:
    """One first_seen change, with an outbox row per channel."""
    [source] = store.sync_shows([ShowSpec(news.slug, news.title, (("page", news.url),))], NOW)
    status, season, sentence = news.status, news.season, news.sentence
    reading = Extraction(
        show=news.title,
        status=status,
        season=season,
        certainty="official",
        published=date(2025, 10, 5),
        ratings=Ratings(),
        evidence=(Evidence(sentence, status, season, "official", 0, len(sentence)),),
    )
    attempt = Attempt(NOW, 5, True, news.url, 200, content_hash=news.slug)
    assert store.record(source, attempt, reading, [c.key for c in channels], "1")


def three_changes(store: Store, channels: list[Channel], suffix: str = "") -> None:
    """Ballard renewed, Copper Valley cancelled, Harlan County Line renewed: three rows.
    `suffix` is appended to the first two shows' titles and sentences."""
    store_status_change(store, channels, sentence=SENTENCE + suffix, title="Ballard" + suffix)
    copper = News(
        "copper-valley", "Copper Valley" + suffix, COPPER_URL, "cancelled", None, COPPER + suffix
    )
    first_seen(store, channels, copper)
    harlan = News("harlan-county-line", "Harlan County Line", HARLAN_URL, "renewed", 4, HARLAN)
    first_seen(store, channels, harlan)


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    """A plain SMTP server on 127.0.0.1 that keeps what it accepts."""
    inbox, port = Inbox(), free_port()
    controller = serve(inbox, port)
    yield inbox, port
    controller.stop()


def test_three_due_changes_are_one_message_listing_each_with_its_evidence(
    sqlite_store: Store, smtp: tuple[Inbox, int], rows: Rows
) -> None:
    inbox, port = smtp
    channels = channels_for(email_alert(port))
    three_changes(sqlite_store, channels)

    report = deliver(sqlite_store, channels, NOW)

    assert (report.sent, report.failed) == (3, 0)
    [envelope] = inbox.envelopes
    assert envelope.rcpt_tos == ["me@example.org", "you@example.org"]
    [message] = inbox.messages()
    assert message["Subject"] == SUBJECT
    assert message["Message-ID"] and message["Date"]
    text, html = parts(message)
    lines = text.splitlines()
    assert lines[0] == "3 changes"
    for line in [
        "1. Ballard: status changed, pending (season 2, reported) → renewed (season 2, official)",
        f"“{SENTENCE}”",
        f"Source: {URL}",
        "Published: 2025-10-06",
        "2. Copper Valley: first seen as cancelled (official)",
        f"“{COPPER}”",
        f"Source: {COPPER_URL}",
        "3. Harlan County Line: first seen as renewed (season 4, official)",
        f"Source: {HARLAN_URL}",
        "Published: 2025-10-05",
    ]:
        assert line in lines
    assert text.index("1. Ballard") < text.index("2. Copper") < text.index("3. Harlan")
    assert html.count("<hr>") == 2 and html.count("<blockquote>") == 3
    assert "a &lt;second&gt; season" in html and "a &lt;fourth&gt; season" in html
    assert "<fourth>" not in html and "Copper Valley &amp; its spin-off" in html
    assert f'<a href="{HARLAN_URL.replace("&", "&amp;")}">' in html
    assert "Published: 2025-10-06" in html and "Published: 2025-10-05" in html
    assert [(r.state, r.attempts, r.sent_at) for r in rows(sqlite_store, OutboxRow)] == [
        ("sent", 1, NOW)
    ] * 3
    assert deliver(sqlite_store, channels, NOW + timedelta(hours=1)).sent == 0
    assert len(inbox.envelopes) == 1


def test_with_digest_off_each_change_is_a_message_of_its_own(
    sqlite_store: Store, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    channels = channels_for(email_alert(port, digest=False))
    three_changes(sqlite_store, channels)

    report = deliver(sqlite_store, channels, NOW)

    assert (report.sent, report.failed) == (3, 0)
    subjects = [m["Subject"] for m in inbox.messages()]
    assert subjects == [
        "[renewal-tracker] Ballard: status changed, pending (season 2, reported) → "
        "renewed (season 2, official)",
        "[renewal-tracker] Copper Valley: first seen as cancelled (official)",
        "[renewal-tracker] Harlan County Line: first seen as renewed (season 4, official)",
    ]
    texts = [parts(m)[0] for m in inbox.messages()]
    assert [SENTENCE in t for t in texts] == [True, False, False]
    assert [COPPER in t for t in texts] == [False, True, False]


def test_a_digest_whose_server_is_down_is_retried_and_arrives_once_with_every_change(
    sqlite_store: Store, rows: Rows
) -> None:
    inbox, port = Inbox(), free_port()
    channels = channels_for(email_alert(port))
    three_changes(sqlite_store, channels)

    down = deliver(sqlite_store, channels, NOW)

    assert (down.sent, down.failed, down.gave_up) == (0, 3, 0)
    outbox = rows(sqlite_store, OutboxRow)
    assert [(r.state, r.attempts) for r in outbox] == [("pending", 1)] * 3
    assert len({r.next_attempt_at for r in outbox}) == 1 and outbox[0].next_attempt_at > NOW
    assert all(r.last_error and "SMTP 127.0.0.1" in r.last_error for r in outbox)

    controller = serve(inbox, port)
    try:
        assert deliver(sqlite_store, channels, NOW + timedelta(seconds=1)).sent == 0  # backoff
        assert deliver(sqlite_store, channels, NOW + timedelta(hours=2)).sent == 3
        assert deliver(sqlite_store, channels, NOW + timedelta(hours=4)).sent == 0
    finally:
        controller.stop()
    [message] = inbox.messages()
    assert message["Subject"] == SUBJECT
    assert [(r.state, r.attempts) for r in rows(sqlite_store, OutboxRow)] == [("sent", 2)] * 3


def test_scraped_newlines_cannot_inject_headers_into_a_digest(
    sqlite_store: Store, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    channels = channels_for(email_alert(port))
    three_changes(sqlite_store, channels, suffix=INJECTION)

    assert deliver(sqlite_store, channels, NOW).sent == 3

    [envelope] = inbox.envelopes
    assert envelope.rcpt_tos == ["me@example.org", "you@example.org"]
    [message] = inbox.messages()
    assert message["Bcc"] is None
    line = message["Subject"]
    assert line.startswith("[renewal-tracker] 3 changes: Ballard Bcc: evil@example.org renewed")
    assert "Copper Valley Bcc: evil@example.org cancelled" in line
    assert len(line) == 150 and line.endswith(", Harlan County Line rene…")  # clipped, on one line
    raw = (envelope.original_content or b"").decode()
    headers = raw.split("\r\n\r\n")[0]
    assert "\r\nBcc:" not in headers
    assert [h.split(":")[0] for h in headers.split("\r\n") if h[:1].isalpha()] == [
        "Subject",
        "From",
        "To",
        "Date",
        "Message-ID",
        "MIME-Version",
        "Content-Type",
    ]
    text, _ = parts(message)
    assert text.count("evil@example.org") >= 2  # the evidence is kept, as body text


def test_a_change_that_joins_a_failing_digest_keeps_its_own_attempts(
    sqlite_store: Store, rows: Rows
) -> None:
    channels = channels_for(email_alert(free_port()))  # nothing listens there
    store_status_change(sqlite_store, channels)
    later = NOW
    for _ in range(MAX_ATTEMPTS - 1):  # each drain after the last one's backoff
        assert deliver(sqlite_store, channels, later).failed == 1
        later += timedelta(hours=2)
    first_seen(sqlite_store, channels, News("n", "New Show", COPPER_URL, "renewed", 2, "New."))

    assert deliver(sqlite_store, channels, later).failed == 2

    assert [(r.state, r.attempts) for r in rows(sqlite_store, OutboxRow)] == [
        ("failed", MAX_ATTEMPTS),
        ("pending", 1),
    ]
