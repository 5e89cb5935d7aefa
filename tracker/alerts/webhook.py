"""Webhook channels: the versioned JSON payload of DESIGN.md, and Slack / Discord shapes."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import time
from typing import Any

import httpx

from tracker.alerts import Channel, describe
from tracker.config import AlertConfig, Config, DiscordAlert, SlackAlert, WebhookAlert, resolve_env
from tracker.errors import AlertError, ConfigError
from tracker.store import ChangeEvent

PAYLOAD_VERSION = 1


def payload(event: ChangeEvent) -> dict[str, Any]:
    """The stable webhook body: `{"type", "version", "id", "occurred_at", "show", …}`."""
    evidence = event.evidence or {}
    return {
        "type": f"show.{event.kind}",
        "version": PAYLOAD_VERSION,
        "id": str(event.id),
        "occurred_at": event.occurred_at.isoformat(),
        "show": {"title": event.show_title, "slug": event.show_slug},
        "previous": event.previous,
        "current": event.current,
        "evidence": {
            "url": evidence.get("url"),
            "text": evidence.get("text"),
            "published": evidence.get("published"),
        },
    }


def sign(secret: bytes, message_id: str, timestamp: int, body: bytes) -> str:
    """A Standard Webhooks `webhook-signature` value: "v1," + base64 HMAC-SHA256."""
    signed = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret, signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def _decode_secret(value: str, field: str, config: Config) -> bytes:
    """Secrets are "whsec_" + base64, as the Standard Webhooks libraries expect."""
    try:
        return base64.b64decode(value.removeprefix("whsec_"), validate=True)
    except (binascii.Error, ValueError):
        raise ConfigError(
            str(config.path or "config"), field, "secret must be base64 (optionally 'whsec_…')"
        ) from None


class WebhookChannel(Channel):
    """POST the versioned JSON payload to a URL (signed when a secret is configured)."""

    kind = "webhook"

    def __init__(self, settings: AlertConfig, config: Config) -> None:
        super().__init__(settings, config)
        assert isinstance(settings, WebhookAlert | SlackAlert | DiscordAlert)
        self.url, self.timeout = settings.url, settings.timeout
        self.secret: bytes | None = None
        secret_env = getattr(settings, "secret_env", None)
        if secret_env:
            field = f"alerts[{config.alerts.index(settings)}].secret_env"
            self.secret = _decode_secret(resolve_env(secret_env, field, config), field, config)

    def body(self, event: ChangeEvent) -> dict[str, Any]:
        return payload(event)

    def headers(self, event: ChangeEvent, body: bytes) -> dict[str, str]:
        headers = {"content-type": "application/json"}
        if self.secret is not None:
            message_id, timestamp = f"msg_change_{event.id}", int(time.time())
            headers["webhook-id"] = message_id
            headers["webhook-timestamp"] = str(timestamp)
            headers["webhook-signature"] = sign(self.secret, message_id, timestamp, body)
        return headers

    def send(self, event: ChangeEvent, client: httpx.Client) -> None:
        url, timeout = self.url, self.timeout
        body = json.dumps(self.body(event), ensure_ascii=False).encode()
        try:
            response = client.post(
                url, content=body, headers=self.headers(event, body), timeout=timeout
            )
        except httpx.HTTPError as exc:
            raise AlertError(f"POST {_host(url)} failed: {type(exc).__name__}: {exc}") from None
        if not response.is_success:
            raise refusal(response.status_code, _host(url))


RETRIED = frozenset({408, 425, 429})  # besides every 5xx: the endpoint may take it later


def refusal(status: int, host: str) -> AlertError:
    """What a non-2xx answer means for the outbox: 410 Gone switches the endpoint off;
    429, 5xx and timeouts are tried again with backoff; any other answer (400, 401, 404,
    a redirect, which is never followed with a signed body) will not change on its own,
    so the alert is given up at once and shown by `tracker alerts list`."""
    message = f"POST {host} answered HTTP {status}"
    if status == 410:
        return AlertError(message + " (Gone): endpoint switched off", gone=True)
    if status >= 500 or status in RETRIED:
        return AlertError(message)
    return AlertError(message + ": not retried", retry=False)


class SlackChannel(WebhookChannel):
    """POST a Slack incoming-webhook message."""

    kind = "slack"

    def body(self, event: ChangeEvent) -> dict[str, Any]:
        return {"text": slack_escape(_message(event))}


def slack_escape(text: str) -> str:
    """Slack reads `<…>` as links and mentions (`<!channel>` notifies everyone): scraped
    text gets the three escapes Slack documents, and shows as written."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class DiscordChannel(WebhookChannel):
    """POST a Discord webhook message."""

    kind = "discord"

    def body(self, event: ChangeEvent) -> dict[str, Any]:
        # scraped text may hold "@everyone": mention nobody, whatever the text says
        return {"content": _message(event)[:2000], "allowed_mentions": {"parse": []}}


def _message(event: ChangeEvent) -> str:
    evidence = event.evidence or {}
    parts = [describe(event)]
    if evidence.get("text"):
        parts.append(f"“{evidence['text']}”")
    if evidence.get("url"):
        parts.append(str(evidence["url"]))
    return "\n".join(parts)


def _host(url: str) -> str:
    """Error messages name the host only: webhook paths often carry secrets."""
    return httpx.URL(url).host or "webhook"
