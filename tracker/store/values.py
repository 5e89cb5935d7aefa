"""Values the store hands out and takes in: frozen dataclasses, never rows."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from tracker.diff import RATING_THRESHOLDS
from tracker.extract.model import Extraction
from tracker.view import View

EXTRACTOR_VERSION_UNSET = "0"
# The newest migration in tracker/migrations (a test keeps the two equal). Checking a
# database against it needs no Alembic import: every `tracker run` saves that startup time.
SCHEMA_HEAD = "0004"
CONFIGURED_KINDS = ("page", "feed", "tvmaze")  # `article` sources are found through feeds
ARTICLE_ATTEMPTS = 5  # a discovered article that failed this often in a row is given up


@dataclass(frozen=True, slots=True)
class ShowSpec:
    """What the store needs to know of a configured show."""

    slug: str
    title: str
    sources: tuple[tuple[str, str], ...]  # (kind, url)


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """A source as the pipeline sees it: identity plus conditional-GET state."""

    id: int
    show_id: int
    show_slug: str
    kind: str
    url: str
    etag: str | None
    last_modified: str | None
    content_hash: str | None
    failure_streak: int
    last_checked_at: datetime | None = None
    origin_id: int | None = None  # for an article: the feed source that named it


@dataclass(frozen=True, slots=True)
class Attempt:
    """The outcome of one fetch of one source (success or failure)."""

    started_at: datetime
    duration_ms: int
    ok: bool
    url: str
    http_status: int | None = None
    error_kind: str | None = None
    error: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None
    canonical_url: str | None = None  # what the page says its own URL is


@dataclass(frozen=True, slots=True)
class Outcome:
    """One source's fetch in a pass: what happened, and what the page said (if read)."""

    source: SourceInfo
    attempt: Attempt
    extraction: Extraction | None
    body: StoredBody | None = None  # the body read, kept for `tracker reextract`


@dataclass(frozen=True, slots=True)
class StoredBody:
    """A body as stored: zlib-compressed UTF-8 text, with its type and hash."""

    content_type: str
    content_hash: str
    compressed: bytes


@dataclass(frozen=True, slots=True)
class StoredPage:
    """A stored body, its source, and what its snapshot said (None: no snapshot made)."""

    source: SourceInfo
    fetched_at: datetime
    url: str
    content_type: str
    text: str
    snapshot_id: int | None
    snapshot: dict[str, Any] | None


@dataclass(frozen=True, slots=True)
class Policy:
    """What makes a change, from config [changes]: rating thresholds, how many failed
    checks in a row make a source failing, and how long status alerts are held."""

    thresholds: dict[str, float] = field(default_factory=lambda: dict(RATING_THRESHOLDS))
    failing_after: int = 3
    flap_window: timedelta = timedelta(0)


DEFAULT_POLICY = Policy()


@dataclass(frozen=True, slots=True)
class ChangeEvent:
    """A stored change, ready to be rendered by an alert channel."""

    id: int
    kind: str
    occurred_at: datetime
    show_title: str
    show_slug: str
    previous: dict[str, Any] | None
    current: dict[str, Any]
    evidence: dict[str, Any] | None


@dataclass(frozen=True, slots=True)
class Delivery:
    """One outbox row with its change (and, for `tracker alerts list`, its state)."""

    id: int
    channel: str
    attempts: int
    change: ChangeEvent
    state: str = "pending"
    last_error: str | None = None
    next_attempt_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class BoardRow:
    """One line of `tracker status`."""

    title: str
    slug: str
    view: View
    sources_ok: int
    sources_failing: int
    last_checked: datetime | None


def channel_key(kind: str, target: str) -> str:
    """A stable outbox key for a channel that never stores a secret-bearing URL."""
    digest = hashlib.sha256(target.encode()).hexdigest()[:12] if target else ""
    return f"{kind}:{digest}" if digest else kind


def backoff(attempts: int, base: float = 30.0, cap: float = 3600.0) -> timedelta:
    """Exponential spacing for outbox retries: after the first failure 60 s, then 120 s,
    240 s … capped at an hour."""
    return timedelta(seconds=min(cap, base * 2 ** max(0, attempts)))
