"""Publication dates from metadata strings and from visible datelines."""

from __future__ import annotations

import re
from contextlib import suppress
from datetime import date, datetime

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for m in names
}
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})")
_MONTH_FIRST = re.compile(r"\b([A-Z][a-z]{2,8})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})\b")
_DAY_FIRST = re.compile(r"\b(\d{1,2}) ([A-Z][a-z]{2,8})\.? (\d{4})\b")
_YEAR = re.compile(r"\d{4}")
_LABELLED = re.compile(
    r"\b(?:published|posted|updated|date|dated)\b[:\s]*(?:on\s+)?", re.IGNORECASE
)


def parse_date(value: str | None) -> date | None:
    """An ISO-8601 date or datetime, or a "July 10, 2025" style date; None if unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    return _first_date(value)


def _first_date(text: str) -> date | None:
    candidates: list[tuple[int, date]] = []
    for match in _ISO.finditer(text):
        _add(candidates, match.start(), int(match[1]), int(match[2]), int(match[3]))
    for match in _MONTH_FIRST.finditer(text):
        month = _MONTHS.get(match[1].lower())
        if month:
            _add(candidates, match.start(), int(match[3]), month, int(match[2]))
    for match in _DAY_FIRST.finditer(text):
        month = _MONTHS.get(match[2].lower())
        if month:
            _add(candidates, match.start(), int(match[3]), month, int(match[1]))
    return min(candidates)[1] if candidates else None


def _add(out: list[tuple[int, date]], pos: int, year: int, month: int, day: int) -> None:
    with suppress(ValueError):  # "February 30" is not a date
        out.append((pos, date(year, month, day)))


def find_dateline(head: str) -> date | None:
    """A visible dateline near the top: "Published July 10, 2025", "date 2025-07-10".

    Only a labelled date, or a date standing at the very start, counts: the first
    sentences of an article often mention other dates (a premiere, an interview).
    """
    if not _YEAR.search(head):
        return None  # every date read here has a four-digit year: most heads have none
    for label in _LABELLED.finditer(head):
        found = _first_date(head[label.end() : label.end() + 40])
        if found:
            return found
    stripped = head.lstrip()
    return _first_date(stripped[:30])
