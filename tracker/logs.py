"""One-line structured logs (logfmt) for the daemon: grep-able and machine-readable.

`ts=2026-11-26T04:50:00.123Z level=info logger=jobs.scrape msg="scrape done: …"` — one
event per line, whatever it carries: a traceback is folded into an `exc` field with its
newlines escaped, so journald, a log shipper or `grep` never sees half an event.
"""

from __future__ import annotations

import logging
import traceback
from datetime import UTC, datetime

_BARE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:/@+,")


def quote(value: str) -> str:
    """A logfmt value: bare when it is one simple token, else a double-quoted string."""
    if value and all(ch in _BARE for ch in value):
        return value
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + '"'


class LogfmtFormatter(logging.Formatter):
    """Formats a record as one logfmt line (times in UTC, like every schedule here)."""

    def format(self, record: logging.LogRecord) -> str:
        stamp = datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")
        fields = [
            ("ts", stamp.replace("+00:00", "Z")),
            ("level", record.levelname.lower()),
            ("logger", record.name),
            ("msg", record.getMessage()),
        ]
        if record.exc_info and record.exc_info[0] is not None:
            fields.append(("exc", "".join(traceback.format_exception(*record.exc_info)).strip()))
        return " ".join(f"{key}={quote(value)}" for key, value in fields)


def use_logfmt(level: int = logging.INFO) -> None:
    """Route every log record through one stderr handler writing logfmt lines."""
    handler = logging.StreamHandler()
    handler.setFormatter(LogfmtFormatter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(min(level, root.level) if root.level else level)
