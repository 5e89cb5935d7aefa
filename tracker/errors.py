"""The tracker's exceptions, one tree so callers can catch as broadly as they need.

TrackerError                 anything the tracker raises on purpose
├── ConfigError              config.toml missing, unreadable or invalid (CLI exit 2)
├── FetchError               a source could not be fetched (recorded, never raised into a run)
├── ExtractError             input the extractor cannot read at all
├── StoreError               the database is unreachable, locked or not migrated (exit 3)
└── AlertError               a channel could not deliver (the outbox retries it)
"""

from __future__ import annotations


class TrackerError(Exception):
    """Base class: the CLI turns any of these into a one-line message."""

    exit_code = 1


class ConfigError(TrackerError):
    """The configuration is invalid; the message names the file, field path and problem."""

    exit_code = 2

    def __init__(self, path: str, field: str, problem: str) -> None:
        self.path = path
        self.field = field
        self.problem = problem
        where = f"{path}: {field}" if field else path
        super().__init__(f"{where}: {problem}")


class FetchError(TrackerError):
    """A fetch failed; `kind` is a short machine-readable class (timeout, http, too_large…)."""

    def __init__(
        self,
        kind: str,
        message: str,
        http_status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        self.kind = kind
        self.message = message
        self.http_status = http_status
        self.retry_after = retry_after  # seconds the server asked us to wait (429/503)
        super().__init__(f"{kind}: {message}")


class ExtractError(TrackerError):
    """The extractor was given input it cannot read (not text, not HTML)."""


class StoreError(TrackerError):
    """The database could not be opened, migrated or written."""

    exit_code = 3


class AlertError(TrackerError):
    """A channel failed to deliver; the outbox keeps the row and retries.

    `retry=False` says trying again cannot help (a 400 or 401 from a webhook): the row is
    given up at once. `gone=True` says the endpoint no longer exists (HTTP 410): the
    channel is switched off and its alerts kept until `tracker alerts retry`.
    """

    def __init__(self, message: str, *, retry: bool = True, gone: bool = False) -> None:
        super().__init__(message)
        self.retry, self.gone = retry and not gone, gone
