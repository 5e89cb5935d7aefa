"""The diff: previous view vs new view -> typed Change events. Pure.

A change carries the evidence that caused it (URL, sentence, publication date), so an
alert can always say "says who". Rating moves alert only past a threshold so that a
7.5 -> 7.6 drift on IMDb does not page anyone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tracker.view import CERTAINTY_RANK, View

RATING_THRESHOLDS: dict[str, float] = {
    "imdb": 0.3,
    "rotten_tomatoes": 5,
    "rt_audience": 5,
    "metacritic": 5,
    "tvmaze": 0.3,
}

CHANGE_KINDS = (
    "first_seen",
    "status_changed",
    "season_changed",
    "certainty_upgraded",
    "rating_changed",
    "source_failing",  # written by the store from a source's failure streak, not by diff
    "source_recovered",
)


@dataclass(frozen=True, slots=True)
class Change:
    """One thing a user should hear about."""

    kind: str
    previous: dict[str, Any] | None
    current: dict[str, Any]
    evidence: dict[str, Any] | None


def diff(
    previous: View, current: View, thresholds: Mapping[str, float] = RATING_THRESHOLDS
) -> list[Change]:
    """Every change between two views of one show, status first; a rating counts when it
    moved at least its threshold ([changes.ratings] in config)."""
    changes: list[Change] = []
    status_change = _status_change(previous, current)
    if status_change:
        changes.append(status_change)
    changes.extend(_rating_changes(previous, current, thresholds))
    return changes


def _summary(view: View) -> dict[str, Any]:
    return {
        "status": view.status,
        "season": view.season,
        "certainty": view.certainty,
        "since": view.since,
        "ratings": view.ratings,
    }


def _evidence(view: View) -> dict[str, Any]:
    return {"url": view.url, "text": view.evidence, "published": view.published}


def _status_change(previous: View, current: View) -> Change | None:
    kind = _status_kind(previous, current)
    if kind is None:
        return None
    before = None if kind == "first_seen" else _summary(previous)
    return Change(kind, before, _summary(current), _evidence(current))


def _status_kind(previous: View, current: View) -> str | None:
    if current.status == "unknown":
        return None
    if previous.status == "unknown":
        return "first_seen"
    if current.status != previous.status:
        return "status_changed"
    if current.season != previous.season and current.season is not None:
        return "season_changed"
    if CERTAINTY_RANK.get(current.certainty or "", -1) > CERTAINTY_RANK.get(
        previous.certainty or "", -1
    ):
        return "certainty_upgraded"
    return None


def _rating_changes(previous: View, current: View, thresholds: Mapping[str, float]) -> list[Change]:
    changes = []
    for key, threshold in thresholds.items():
        old, new = previous.ratings.get(key), current.ratings.get(key)
        if old is None or new is None or round(abs(float(new) - float(old)), 6) < threshold:
            continue
        changes.append(
            Change(
                "rating_changed",
                {"rating": key, "value": old},
                {"rating": key, "value": new, "status": current.status},
                _evidence(current),
            )
        )
    return changes
