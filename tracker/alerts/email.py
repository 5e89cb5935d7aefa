"""The email channel: one message per change, plain text and HTML, sent over SMTP.

Scraped text reaches the Subject header, so every header value is sanitised first: control
characters (CR/LF included) collapse to spaces and subjects are clipped, so a headline
cannot add a header or a recipient. Recipients come from the config only.
"""

from __future__ import annotations

import html
import logging
import re
import smtplib
import ssl
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate, make_msgid
from typing import Any

import httpx

from tracker.alerts import Channel, describe
from tracker.config import AlertConfig, Config, EmailAlert, resolve_env
from tracker.errors import AlertError
from tracker.store import ChangeEvent, channel_key

logger = logging.getLogger(__name__)

SUBJECT_PREFIX = "[renewal-tracker] "
MAX_SUBJECT = 150
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]+")


def header_text(value: str, limit: int = MAX_SUBJECT) -> str:
    """One safe header line: control characters become a space, long text is clipped."""
    flat = " ".join(_CONTROL.sub(" ", value).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def subject(event: ChangeEvent) -> str:
    return header_text(SUBJECT_PREFIX + describe(event))


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
    return "\n".join(lines) + "\n"


def html_body(event: ChangeEvent) -> str:
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
    return "<html><body>\n" + "\n".join(rows) + "\n</body></html>\n"


class EmailChannel(Channel):
    """Send each change as an email (plain text and HTML) through an SMTP server."""

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

    def message(self, event: ChangeEvent) -> EmailMessage:
        message = EmailMessage(policy=SMTP)
        message["Subject"] = subject(event)
        message["From"] = self.options.sender
        message["To"] = ", ".join(self.options.to)
        message["Date"] = formatdate(event.occurred_at.timestamp())
        message["Message-ID"] = make_msgid("change-" + str(event.id))
        message.set_content(text_body(event))
        message.add_alternative(html_body(event), subtype="html")
        return message

    def send(self, event: ChangeEvent, client: httpx.Client) -> None:
        options = self.options
        try:
            with self._connect() as smtp:
                if options.username and self.password is not None:
                    smtp.login(options.username, self.password)
                smtp.send_message(message := self.message(event), options.sender, options.to)
        except (smtplib.SMTPException, OSError) as exc:
            raise AlertError(
                f"SMTP {options.host}:{options.port} failed: {type(exc).__name__}: {exc}"
            ) from None
        logger.debug("emailed change %s as %s", event.id, message["Message-ID"])

    def _connect(self) -> smtplib.SMTP:
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
