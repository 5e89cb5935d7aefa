"""The email channel: plain text and HTML messages sent over SMTP.

With `digest` on (the default) every change due for the channel at once goes out as one
message; with it off, each change is a message of its own.

Scraped text reaches the Subject header, so every header value is sanitised first: control
characters (CR/LF included) collapse to spaces and subjects are clipped, so a headline
cannot add a header or a recipient. Recipients come from the config only.
"""

from __future__ import annotations

import html
import logging
import re
import ssl
from collections.abc import Sequence
from datetime import datetime
from email.utils import formatdate, make_msgid
from typing import TYPE_CHECKING, Any

import httpx

from tracker.alerts import Channel, describe
from tracker.config import AlertConfig, Config, EmailAlert, resolve_env
from tracker.errors import AlertError
from tracker.store import ChangeEvent, Delivery, channel_key

if TYPE_CHECKING:
    import smtplib
    from email.message import EmailMessage

logger = logging.getLogger(__name__)

SUBJECT_PREFIX = "[renewal-tracker] "
MAX_SUBJECT = 150
DIGEST_MAX = 50  # changes per digest message
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]+")


def header_text(value: str, limit: int = MAX_SUBJECT) -> str:
    """One safe header line: control characters become a space, long text is clipped."""
    flat = " ".join(_CONTROL.sub(" ", value).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def subject(event: ChangeEvent) -> str:
    return header_text(SUBJECT_PREFIX + describe(event))


def digest_subject(events: Sequence[ChangeEvent]) -> str:
    """One header line naming every change, clipped: `[renewal-tracker] 3 changes: Ballard
    renewed (season 2), Copper Valley cancelled, …`."""
    count = f"{len(events)} change{'' if len(events) == 1 else 's'}"
    return header_text(f"{SUBJECT_PREFIX}{count}: " + ", ".join(map(headline, events)))


def headline(event: ChangeEvent) -> str:
    """A change in a few words, for a digest's subject: "Ballard renewed (season 2)"."""
    current, title = event.current, event.show_title
    if event.kind == "rating_changed":
        return f"{title} {current.get('rating')} {current.get('value')}"
    if event.kind == "source_failing":
        return f"{title} source failing"
    if event.kind == "source_recovered":
        return f"{title} source back"
    season = f" (season {current['season']})" if current.get("season") else ""
    return f"{title} {current.get('status', 'unknown')}{season}"


def _details(event: ChangeEvent) -> dict[str, str]:
    """The parts of the body, as plain strings (scraped values may be anything)."""
    evidence = event.evidence or {}
    previous = event.previous or {}
    return {
        "change": describe(event),
        "previous": _state(previous) if previous else "",
        "current": _state(event.current),
        "text": str(evidence.get("text") or ""),
        "url": str(evidence.get("url") or ""),
        "published": str(evidence.get("published") or ""),
    }


def _state(view: dict[str, Any]) -> str:
    if "rating" in view:
        return f"{view['rating']} {view.get('value')}"
    if "source" in view:
        return str(view["source"])
    season = f", season {view['season']}" if view.get("season") else ""
    certainty = f", {view['certainty']}" if view.get("certainty") else ""
    return f"{view.get('status', 'unknown')}{season}{certainty}"


def text_body(event: ChangeEvent) -> str:
    return "\n".join(_text_lines(event)) + "\n"


def digest_text(events: Sequence[ChangeEvent]) -> str:
    """Each change as in a message of its own, numbered, separated by a rule."""
    sections = []
    for number, event in enumerate(events, 1):
        first, *rest = _text_lines(event)
        sections.append("\n".join([f"{number}. {first}", *rest]))
    return f"{len(events)} changes\n\n" + "\n\n----\n\n".join(sections) + "\n"


def _text_lines(event: ChangeEvent) -> list[str]:
    parts = _details(event)
    lines = [parts["change"], ""]
    if parts["previous"]:
        lines.append(f"Previous: {parts['previous']}")
    lines.append(f"Current:  {parts['current']}")
    if parts["text"]:
        lines += ["", f"“{parts['text']}”"]
    if parts["url"]:
        lines += ["", f"Source: {parts['url']}"]
    if parts["published"]:
        lines.append(f"Published: {parts['published']}")
    return lines


def html_body(event: ChangeEvent) -> str:
    return _html_page(_html_rows(event))


def digest_html(events: Sequence[ChangeEvent]) -> str:
    heading = f"<h1>{len(events)} changes</h1>"
    sections = ["\n".join(_html_rows(event)) for event in events]
    return _html_page([heading, "\n<hr>\n".join(sections)])


def _html_page(rows: list[str]) -> str:
    return "<html><body>\n" + "\n".join(rows) + "\n</body></html>\n"


def _html_rows(event: ChangeEvent) -> list[str]:
    """One change as HTML paragraphs; every scraped value is escaped."""
    parts = {key: html.escape(value) for key, value in _details(event).items()}
    rows = [f"<p><strong>{parts['change']}</strong></p>", "<p>"]
    if parts["previous"]:
        rows.append(f"Previous: {parts['previous']}<br>")
    rows += [f"Current: {parts['current']}", "</p>"]
    if parts["text"]:
        rows.append(f"<blockquote>“{parts['text']}”</blockquote>")
    if parts["url"]:
        rows.append(f'<p>Source: <a href="{parts["url"]}">{parts["url"]}</a></p>')
    if parts["published"]:
        rows.append(f"<p>Published: {parts['published']}</p>")
    return rows


class EmailChannel(Channel):
    """Send changes as email (plain text and HTML, one digest per batch) through SMTP."""

    kind = "email"

    def __init__(self, settings: AlertConfig, config: Config) -> None:
        super().__init__(settings, config)
        assert isinstance(settings, EmailAlert)
        self.options = settings
        self.key = channel_key(
            self.kind, f"{settings.host}:{settings.port}:{settings.sender}:{','.join(settings.to)}"
        )
        self.password: str | None = None
        if settings.password_env:
            field = f"alerts[{config.alerts.index(settings)}].password_env"
            self.password = resolve_env(settings.password_env, field, config)
        self.tls_context = ssl.create_default_context()  # tests trust their own certificate

    def batches(self, deliveries: list[Delivery]) -> list[list[Delivery]]:
        """With `digest` on, what is due for this channel goes out in messages of up to
        DIGEST_MAX changes (a backlog after a long outage stays readable)."""
        if self.options.digest and deliveries:
            return [
                deliveries[start : start + DIGEST_MAX]
                for start in range(0, len(deliveries), DIGEST_MAX)
            ]
        return super().batches(deliveries)

    def message(self, event: ChangeEvent) -> EmailMessage:
        tag = f"change-{event.id}"
        return self._compose(
            subject(event), text_body(event), html_body(event), event.occurred_at, tag
        )

    def digest(self, events: Sequence[ChangeEvent]) -> EmailMessage:
        latest = max(event.occurred_at for event in events)
        tag = f"digest-{events[0].id}-{len(events)}"
        return self._compose(
            digest_subject(events), digest_text(events), digest_html(events), latest, tag
        )

    def _compose(self, title: str, text: str, page: str, when: datetime, tag: str) -> EmailMessage:
        # Loaded with the first email, not when `tracker run` builds the channel (startup).
        from email.message import EmailMessage
        from email.policy import SMTP

        message = EmailMessage(policy=SMTP)
        message["Subject"] = title
        message["From"] = self.options.sender
        message["To"] = ", ".join(self.options.to)
        message["Date"] = formatdate(when.timestamp())
        message["Message-ID"] = make_msgid(tag)
        message.set_content(text)
        message.add_alternative(page, subtype="html")
        return message

    def send(self, event: ChangeEvent, client: httpx.Client) -> None:
        self._submit(self.message(event))

    def send_digest(self, events: Sequence[ChangeEvent], client: httpx.Client) -> None:
        self._submit(self.digest(events))

    def _submit(self, message: EmailMessage) -> None:
        """Hand one message to the SMTP server; any failure is an AlertError (retried)."""
        import smtplib  # see _compose

        options = self.options
        try:
            with self._connect() as smtp:
                if options.username and self.password is not None:
                    smtp.login(options.username, self.password)
                smtp.send_message(message, options.sender, options.to)
        except (smtplib.SMTPException, OSError) as exc:
            raise AlertError(
                f"SMTP {options.host}:{options.port} failed: {type(exc).__name__}: {exc}"
            ) from None
        logger.debug("emailed %r as %s", message["Subject"], message["Message-ID"])

    def _connect(self) -> smtplib.SMTP:
        import smtplib  # see _compose

        host, port, timeout = self.options.host, self.options.port, self.options.timeout
        if self.options.security == "ssl":
            return smtplib.SMTP_SSL(host, port, timeout=timeout, context=self.tls_context)
        smtp = smtplib.SMTP(host, port, timeout=timeout)
        if self.options.security == "starttls":
            try:
                smtp.starttls(context=self.tls_context)
            except BaseException:
                smtp.close()
                raise
        return smtp
