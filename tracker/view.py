"""The fold: a show's current view from all its observations. Pure; `now` is passed in.

Rules (DESIGN.md): observations are ordered by publication date (fetch time only when
no date is known); a newer statement beats an older one, so an old article fetched late
never moves the status back; on the same date, official beats reported beats
speculative; speculation never overrides a reported or official decision; `unknown`
observations (failed, empty or signal-free pages) change nothing. Structured signals
(TVmaze) have no date and are nobody's announcement: the newest one decides only when
no news statement does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

CERTAINTY_RANK = {"speculative": 0, "reported": 1, "official": 2}
RATING_KEYS = ("imdb", "rotten_tomatoes", "rt_audience", "metacritic", "tvmaze")


@dataclass(frozen=True, slots=True)
class Observation:
    """One snapshot's extraction, as the fold sees it."""

    snapshot_id: int
    url: str
    fetched_at: datetime
    published: date | None
    status: str
    season: int | None
    certainty: str | None
    lean: str | None
    ratings: dict[str, float | int | None]
    evidence_text: str | None
    structured: bool = False  # a database's listing (TVmaze), not a news statement

    @property
    def when(self) -> date:
        """The date this observation speaks for: its publication date, else its fetch date."""
        return self.published or self.fetched_at.date()


@dataclass(frozen=True, slots=True)
class View:
    """A show's current status, since when, says who, and how it is rated."""

    status: str = "unknown"
    season: int | None = None
    certainty: str | None = None
    lean: str | None = None
    since: str | None = None  # the deciding statement's date: published, else fetched
    published: str | None = None  # its publication date only (none for undated pages, TVmaze)
    url: str | None = None
    evidence: str | None = None
    snapshot_id: int | None = None
    agreeing: tuple[str, ...] = ()
    conflict: bool = False
    ratings: dict[str, float | int | None] = field(default_factory=dict)
    structured: bool = False  # decided by a listing (TVmaze), not by news
    # (when, fetched_at, snapshot id) of the newest observation folded in, so the next one
    # can be folded alone when it is newer still (`fold_one`)
    newest: tuple[str, str, int] | None = field(default=None, compare=False)  # bookkeeping

    def to_dict(self) -> dict[str, Any]:
        """The view as JSON-ready values (what asdict gives, without its deep recursion:
        one is written per show per pass)."""
        data = {name: getattr(self, name) for name in self.__dataclass_fields__}
        data["agreeing"] = list(self.agreeing)
        data["ratings"] = dict(self.ratings)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> View:
        if not data:
            return cls()
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        known["agreeing"] = tuple(known.get("agreeing", ()))
        if known.get("newest") is not None:
            known["newest"] = tuple(known["newest"])
        return cls(**known)


def fold(observations: Iterable[Observation]) -> View:
    """Fold observations (any order) into the show's current view."""
    ordered = sorted(observations, key=_order)
    decided, conflict = _decide([o for o in ordered if not o.structured])
    if decided is None:
        decided = _latest_listing(ordered)
    ratings = _latest_ratings(ordered)
    newest = _newest(ordered[-1]) if ordered else None
    if decided is None:
        return View(ratings=ratings, newest=newest)
    return _decided_view(decided, _agreeing(ordered, decided), conflict, ratings, newest)


def fold_one(
    view: View, new: Observation, agreeing: Callable[[Observation], tuple[str, ...]]
) -> View | None:
    """The view after one more observation, without reading the others; None when that
    cannot be known (the new one is not the newest, or the view predates `newest`).

    Equal to `fold` over all observations (a property test checks it): the fold reads
    observations oldest first, so the newest one only meets the decision standing before
    it, which the view holds. `agreeing(new)` lists, in fold order, the URLs of the
    observations that make the same claim as `new` when the decision moves to it.
    """
    if view.newest is None or _newest(new) <= view.newest:
        return None
    ratings = {**view.ratings, **{k: v for k, v in new.ratings.items() if v is not None}}
    ratings = {key: ratings.get(key) for key in RATING_KEYS}
    newest = _newest(new)
    current = _as_observation(view)
    if new.status == "unknown" or (new.structured and current and not current.structured):
        return replace(view, ratings=ratings, newest=newest)  # news outranks any listing
    if current is None or (current.structured and not new.structured) or new.structured:
        return _decided_view(new, agreeing(new), False, ratings, newest)
    if _supersedes(new, current):
        return _decided_view(new, agreeing(new), False, ratings, newest)
    conflict = view.conflict or _conflicts(new, current)
    agrees = new.status == view.status and new.season == view.season
    urls = tuple(dict.fromkeys((*view.agreeing, new.url))) if agrees else view.agreeing
    return replace(view, agreeing=urls, conflict=conflict, ratings=ratings, newest=newest)


def _order(obs: Observation) -> tuple[date, datetime, int]:
    return (obs.when, obs.fetched_at, obs.snapshot_id)


def _newest(obs: Observation) -> tuple[str, str, int]:
    return (obs.when.isoformat(), obs.fetched_at.isoformat(), obs.snapshot_id)


def _decided_view(
    decided: Observation,
    agreeing: tuple[str, ...],
    conflict: bool,
    ratings: dict[str, float | int | None],
    newest: tuple[str, str, int] | None,
) -> View:
    return View(
        status=decided.status,
        season=decided.season,
        certainty=decided.certainty,
        lean=decided.lean,
        since=decided.when.isoformat(),
        published=decided.published.isoformat() if decided.published else None,
        url=decided.url,
        evidence=decided.evidence_text,
        snapshot_id=decided.snapshot_id,
        agreeing=agreeing,
        conflict=conflict,
        ratings=ratings,
        structured=decided.structured,
        newest=newest,
    )


def _as_observation(view: View) -> Observation | None:
    """The deciding observation as far as the fold's rules read it (None: undecided)."""
    if view.status == "unknown" or view.since is None or view.snapshot_id is None:
        return None
    when = date.fromisoformat(view.since)
    return Observation(
        snapshot_id=view.snapshot_id,
        url=view.url or "",
        fetched_at=datetime(when.year, when.month, when.day),
        published=when,
        status=view.status,
        season=view.season,
        certainty=view.certainty,
        lean=view.lean,
        ratings={},
        evidence_text=view.evidence,
        structured=view.structured,
    )


def _decide(news: Sequence[Observation]) -> tuple[Observation | None, bool]:
    """The news statement that stands, and whether an equal one contradicts it."""
    decided: Observation | None = None
    conflict = False
    for obs in news:
        if obs.status == "unknown":
            continue
        if decided is None or _supersedes(obs, decided):
            conflict = False
            decided = obs
        elif _conflicts(obs, decided):
            conflict = True
    return decided, conflict


def _latest_listing(ordered: Sequence[Observation]) -> Observation | None:
    """The newest structured listing that says something (TVmaze's current state)."""
    listings = [o for o in ordered if o.structured and o.status != "unknown"]
    return max(listings, key=lambda o: (o.fetched_at, o.snapshot_id), default=None)


def _rank(obs: Observation) -> int:
    return CERTAINTY_RANK.get(obs.certainty or "speculative", 0)


def _supersedes(new: Observation, current: Observation) -> bool:
    """Whether `new` (not older than `current`) replaces the current decision."""
    if _same_claim(new, current):
        # A restatement replaces the decision only when it says more: a higher certainty,
        # or a season where there was none or a different one, at no lower certainty.
        if _rank(new) != _rank(current):
            return _rank(new) > _rank(current)
        return new.season is not None and new.season != current.season
    if new.certainty == "speculative" and _rank(current) > 0:
        return False  # speculation never overrides a reported or official status
    if new.when == current.when:
        return _rank(new) > _rank(current)
    return True


def _conflicts(new: Observation, current: Observation) -> bool:
    return (
        new.when == current.when and _rank(new) == _rank(current) and not _same_claim(new, current)
    )


def _same_claim(a: Observation, b: Observation) -> bool:
    return a.status == b.status and (a.season == b.season or None in (a.season, b.season))


def _agreeing(ordered: Sequence[Observation], decided: Observation) -> tuple[str, ...]:
    urls = (
        o.url
        for o in ordered
        if o.status == decided.status
        and o.season == decided.season
        and o.structured == decided.structured
    )
    return tuple(dict.fromkeys(urls))


def _latest_ratings(ordered: Sequence[Observation]) -> dict[str, float | int | None]:
    """Each rating from the newest observation that states it."""
    ratings: dict[str, float | int | None] = dict.fromkeys(RATING_KEYS)
    for obs in ordered:
        for key in RATING_KEYS:
            if obs.ratings.get(key) is not None:
                ratings[key] = obs.ratings[key]
    return ratings
