"""History and diff: what the store has recorded, read back for people and scripts.

One function per command (`board`, `timeline`, `changes_since`, `compare`), each a read
of the store followed by pure work: filtering the board, rating trends, and re-folding a
show's snapshots as they stood on a date (`tracker.view.fold`, the same fold the run
uses), so `tracker diff` shows exactly what the board said then. Dates are UTC days.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from tracker.config import slugify
from tracker.errors import TrackerError
from tracker.store import BoardRow, ChangeEvent, Store
from tracker.view import RATING_KEYS, View, fold

COMPARED = ("status", "season", "certainty", "lean")


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """One rating as one snapshot stated it."""

    when: str  # the date the snapshot speaks for: published, else fetched
    value: float
    snapshot_id: int


@dataclass(frozen=True, slots=True)
class Timeline:
    """`tracker history`: a show's snapshots, its changes and its rating trends."""

    title: str
    slug: str
    snapshots: list[dict[str, Any]]
    changes: list[ChangeEvent]
    trends: dict[str, list[TrendPoint]]  # rating kind -> points, oldest first


@dataclass(frozen=True, slots=True)
class Difference:
    """One field whose value differs between two views."""

    field: str  # status, season, certainty, lean, or a rating kind
    before: Any
    after: Any


@dataclass(frozen=True, slots=True)
class Comparison:
    """`tracker diff`: a show's view as of two dates and what differs between them."""

    title: str
    slug: str
    start: date
    end: date
    before: View
    after: View
    differences: list[Difference]
    snapshots: int  # how many snapshots the show has in all


def board(store: Store, statuses: Sequence[str] = (), names: Sequence[str] = ()) -> list[BoardRow]:
    """The status board, keeping the rows with one of `statuses` that match one of `names`."""
    rows = store.board()
    if statuses:
        rows = [row for row in rows if row.view.status in statuses]
    if names:
        rows = [row for row in rows if any(matches(n, row.title, row.slug) for n in names)]
    return rows


def matches(name: str, title: str, slug: str) -> bool:
    """Whether a name a user typed means this show: part of its title, ignoring case and
    accents ("renee" finds "Renée Ballard"), or of its slug ("copper-valley")."""
    wanted = _plain(name)
    return bool(wanted) and (wanted in _plain(title) or slugify(name) in slug)


def find(store: Store, name: str) -> tuple[int, str, str]:
    """(id, slug, title) of the show a user named: its slug or title exactly, else the one
    show whose title contains the name. Unknown or ambiguous names are errors."""
    shows = store.show_names()
    exact = [show for show in shows if show[1] == slugify(name)]
    found = exact or [show for show in shows if matches(name, show[2], show[1])]
    if len(found) == 1:
        return found[0]
    if not found:
        raise TrackerError(f"no show named {name!r} in the database (see `tracker status`)")
    titles = ", ".join(title for _, _, title in found)
    raise TrackerError(f"{name!r} matches {len(found)} shows ({titles}): give more of the title")


def timeline(store: Store, name: str) -> Timeline:
    """A show's snapshots (fetch order), changes (time order) and rating trends."""
    show_id, slug, title = find(store, name)
    snapshots = store.snapshots(show_id)
    return Timeline(title, slug, snapshots, store.changes(show_id), trends(snapshots))


def trends(snapshots: Sequence[dict[str, Any]]) -> dict[str, list[TrendPoint]]:
    """Each rating kind's values in the fold's order (the date each snapshot speaks for,
    then fetch time), so a trend ends on the rating the board shows."""

    def order(snap: dict[str, Any]) -> tuple[str, str, int]:
        return (snap["published"] or snap["fetched_at"][:10], snap["fetched_at"], snap["id"])

    result: dict[str, list[TrendPoint]] = {}
    for snap in sorted(snapshots, key=order):
        for kind in RATING_KEYS:
            value = snap["ratings"].get(kind)
            if value is not None:
                point = TrendPoint(order(snap)[0], float(value), snap["id"])
                result.setdefault(kind, []).append(point)
    return result


def changes_since(store: Store, since: date | None) -> list[ChangeEvent]:
    """Every show's changes from the start of `since` (UTC) on, oldest first."""
    start = datetime.combine(since, time.min, UTC) if since else None
    return store.changes_since(start)


def compare(
    store: Store, name: str, start: date | None, end: date | None, today: date
) -> Comparison:
    """A show's view as of the end of `start` (default: the day of its first snapshot) vs as
    of the end of `end` (default: `today`): each side folds the snapshots fetched by then."""
    show_id, slug, title = find(store, name)
    everything = store.observations(show_id)
    first = min((o.fetched_at.date() for o in everything), default=today)
    end = end or today
    start = start or min(first, end)
    if start > end:
        raise TrackerError(f"--from {start} is after --to {end}")
    before = fold(store.observations(show_id, before=_end_of(start)))
    after = fold(store.observations(show_id, before=_end_of(end)))
    found = differences(before, after)
    return Comparison(title, slug, start, end, before, after, found, len(everything))


def differences(before: View, after: View) -> list[Difference]:
    """Status, season, certainty, lean and every rating that differ between two views."""
    found = [
        Difference(key, getattr(before, key), getattr(after, key))
        for key in COMPARED
        if getattr(before, key) != getattr(after, key)
    ]
    for kind in RATING_KEYS:
        old, new = before.ratings.get(kind), after.ratings.get(kind)
        if old != new:
            found.append(Difference(kind, old, new))
    return found


def _end_of(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time.min, UTC)


def _plain(text: str) -> str:
    """Lower case without accents or surrounding space, for matching names."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()
