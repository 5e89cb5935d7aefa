"""From statements to one answer: which statement describes the show's current state.

An article usually tells its news and then its background. The news wins: an
"Update:" box over the original story, a current statement over one marked as past
("last year", "had been"), a decision (renewed, cancelled, ending…) over a wait, and
a wait over speculation. A decision about an earlier season yields to an explicit wait
about a later one ("renewed for season 2 in 2024 … has not been renewed for season 3").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from tracker.extract.model import Evidence

_STATUS_WEIGHT = {
    "revived": 7,
    "cancelled": 6,
    "ended": 4,  # a show that ended and is in the news again is usually back
    "ending": 6,
    "renewed": 5,
    "ordered": 4,
    "pending": 2,
    "in_development": 1,
}
_CERTAINTY_RANK = {"speculative": 0, "reported": 1, "official": 2}
_PROGRESS = ("renewed", "ordered", "revived")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A statement about the tracked show, with where it was found."""

    evidence: Evidence
    lean: str | None
    historical: bool
    block_kind: str
    position: int
    explicit: bool = False
    clause: tuple[int, int] = (0, 0)  # offsets within the sentence, as the cue's
    cue: tuple[int, int] = (0, 0)

    @property
    def status(self) -> str:
        return self.evidence.status

    @property
    def season(self) -> int | None:
        return self.evidence.season

    @property
    def certainty(self) -> str:
        return self.evidence.certainty or "speculative"


def _weight(c: Candidate) -> tuple[bool, bool, bool, int, int, int]:
    weight = _STATUS_WEIGHT.get(c.status, 0)
    if c.status == "pending" and c.certainty == "speculative":
        weight = 0
    # Among decisions, what was announced beats what was reported ("despite reports it was
    # cancelled, Netflix has renewed it"); then the more final decision wins.
    if c.block_kind == "update":
        # An "Update:" box leads with its news; what follows in it is background. Within
        # its first sentence the more final status wins: "has confirmed a third season of
        # Greystone - but it will be the last".
        # (a denial leads only when nothing follows it: "A spokesperson disputes the report.
        # 'Westhaven has been renewed for a third season,' the spokesperson said")
        denial = c.status == "pending" and c.evidence.rule.startswith("denied")
        return (True, not c.historical, not denial, 0, -c.position, weight)
    return (
        False,
        not c.historical,
        weight > 2,
        _CERTAINTY_RANK[c.certainty],
        weight,
        -c.position,
    )


@dataclass(frozen=True, slots=True)
class Decision:
    status: str
    season: int | None
    certainty: str | None
    lean: str | None
    evidence: tuple[Evidence, ...]
    support: tuple[Candidate, ...] = ()  # the statements that agree with the decision
    withdrawn: tuple[str, ...] = ()  # set aside by tracker.extract.safeguard, or a declined guess


def decide(candidates: Sequence[Candidate]) -> Decision:
    """Choose the statement that tells the show's current state; gather what agrees."""
    if not candidates:
        return Decision("unknown", None, None, None, ())
    candidates = [_gone(c) for c in candidates]
    best = _highest_order(max(candidates, key=_weight), candidates)
    best = _later_wait(best, candidates)
    best = _ended_not_ending(best, candidates)
    best = _ended_not_done(best, candidates)
    best = _ending_not_cancelled(best, candidates)
    best = _picked_up_since(best, candidates)
    best = _ended_since(best, candidates)
    best = _developing_not_waiting(best, candidates)
    # "Cancelled by Fox last May, the show has found a new home": a pick-up after an end
    revived = best.status in ("renewed", "ordered") and any(
        (c.historical or _settled_by_update(c, best)) and c.status in ("cancelled", "ended")
        for c in candidates
    )
    if best.status == "renewed" and best.season is None and not revived:
        # "The network ordered 13 episodes" beside a series order is that order.
        orders = [c for c in candidates if c.status == "ordered" and not c.historical]
        best = max(orders, key=_weight) if orders else best
    agreeing = [c for c in candidates if _agrees(c, best)]
    if revived:
        best, agreeing = _as_revived(best), [_as_revived(c) for c in agreeing]
    seasons = [c.season for c in agreeing if c.season]
    season = best.season or (
        # "renewed for two more seasons … takes the series through its sixth": the highest
        max(seasons, default=None) if best.status == "renewed" else next(iter(seasons), None)
    )
    if season is None and best.status == "ordered":
        season = 1  # a new series order is for its first season
    # A headline that just says "renewed" assumes official; "sources say" in the body is
    # what the article actually claims, so stated certainties outrank assumed ones.
    stated = [c for c in agreeing if c.explicit] or agreeing
    certainty = max((c.certainty for c in stated), key=_CERTAINTY_RANK.__getitem__)
    # Lead with the sentence that says who says so, rather than a bare headline.
    lead = next((c for c in stated if c.certainty == certainty), best)
    evidence = (lead.evidence, *(c.evidence for c in agreeing if c is not lead))
    lean = _lean(best, candidates)
    return Decision(best.status, season, certainty, lean, evidence, tuple(agreeing))


# "The final season premieres in May", "will be its last": an end still to come
_TO_COME = re.compile(
    r"\b(?:will|won't|upcoming|(?<!was )(?<!were )coming|next|set to|set for|to premiere|"
    r"premieres|premiering|"
    r"returns|airs|to air|scheduled|slated|heads? into|going into|gearing up|launches|debuts|"
    r"is the|is its|as the|as its)\b"
)


def _ended_not_ending(best: Candidate, candidates: Sequence[Candidate]) -> Candidate:
    """A show said to have ended ("signed off after five seasons") has aired its final
    season: "its final season scored 92 on Metacritic" names that season, it does not
    announce one, unless the text puts the final season, or the end, still to come."""
    if best.status != "ending" or best.block_kind == "update":
        return best
    ended = [
        c
        for c in candidates
        if c.status == "ended"
        and not c.historical
        and (c.season is None or best.season is None or c.season >= best.season)
        and not _TO_COME.search(c.evidence.text)  # "the series finale airs in June"
    ]
    endings = [c for c in candidates if c.status == "ending" and not c.historical]
    if not ended or any(_TO_COME.search(c.evidence.text) for c in endings):
        return best
    end = max(ended, key=_weight)
    if end.season is None and best.season is not None:
        end = replace(end, evidence=replace(end.evidence, season=best.season))
    return end


# "opted not to renew", "passed on another season", "decided not to move forward": a
# network's decision, which is a cancellation however the show's end is described
_DECIDED = re.compile(r"\b(?:opted|decided|chose|chosen|elected|ruled|passed|declined|decision)\b")


# how a planned end is told ("aired its series finale", "wrapped its run", "the story is
# finished"), as against a bare "it ran for three seasons"
_NATURAL_END = re.compile(
    r"finale|final|\blast\b|wrap|conclu|story|limited|own terms|planned|signed off|farewell|"
    r"came to (?:a close|an end)"
)


def _ended_not_done(best: Candidate, candidates: Sequence[Candidate]) -> Candidate:
    """ "Backwater Bend is done. The final episode aired Thursday": "done" says it is over,
    not who ended it; a statement that it ended says how. So does "isn't coming back" or
    "no plans for a ninth season" beside "aired its series finale in 2023": that end is
    the news it restates (a past end counts here), unless the text says that someone
    decided it ("opted not to renew") or cancelled it."""
    if best.status != "cancelled":
        return best
    if best.evidence.rule.startswith("done"):
        ended = [c for c in candidates if c.status == "ended" and not c.historical]
    elif best.evidence.rule.startswith("will-not-return") and not _decided(best, candidates):
        ended = [
            c
            for c in candidates
            if c.status == "ended"
            and _NATURAL_END.search(c.evidence.text.lower())
            and (c.historical or not _TO_COME.search(c.evidence.text))
            and (c.season is None or best.season is None or c.season >= best.season - 1)
        ]
    else:
        return best
    if not ended:
        return best
    end = max(ended, key=_weight)
    if end.season is None and best.season is not None:
        end = replace(end, evidence=replace(end.evidence, season=best.season))
    return end


# "the decision to end Snowbirds", "CBS has decided to end Blue Ridge": an end decided,
# which may still be to come (not "has cancelled", which has happened)
_TO_END = re.compile(r"\b(?:decision|decided|opted|chose|chosen|plans?) to end\b")


def _ending_not_cancelled(best: Candidate, candidates: Sequence[Candidate]) -> Candidate:
    """ "The decision to end Snowbirds … The show's second season, premiering Aug. 8, will
    be its last": a show ended by a decision whose final season is still to air is ending."""
    if (
        best.status != "cancelled"
        or best.block_kind == "update"
        or not _TO_END.search(best.evidence.text.lower())
    ):
        return best
    endings = [
        c
        for c in candidates
        if c.status == "ending"
        and not c.historical
        and c.season
        and (best.season is None or c.season >= best.season)
        and _TO_COME.search(c.evidence.text)
    ]
    return max(endings, key=_weight) if endings else best


def _decided(best: Candidate, candidates: Sequence[Candidate]) -> bool:
    """Whether the show's end is told as someone's decision: the cue itself ("opted not to
    renew") or another statement that it was cancelled."""
    cue = best.evidence.text[best.cue[0] : best.cue[1]] if best.cue != (0, 0) else ""
    return bool(_DECIDED.search(cue.lower())) or any(
        c.status == "cancelled" and c.evidence.rule.startswith("cancelled") for c in candidates
    )


def _picked_up_since(best: Candidate, candidates: Sequence[Candidate]) -> Candidate:
    """ "When CBS cancelled Bluebird Motel in 2023 … Paramount+ picked it up for a third
    season last year": when every statement is background, a pick-up told after the end
    came after it (a story tells its background in order), so the show is back."""
    if best.status not in ("cancelled", "ended") or not best.historical:
        return best
    later = [
        c
        for c in candidates
        if c.status in _PROGRESS
        and c.historical
        and c.position > best.position
        and c.certainty != "speculative"
    ]
    return max(later, key=_weight) if later else best


def _gone(c: Candidate) -> Candidate:
    """ "Five years after it swept the Emmys with its sixth and final season": a final
    season told as the past has been and gone."""
    if c.status == "ending" and c.historical and not _TO_COME.search(c.evidence.text):
        return replace(c, evidence=replace(c.evidence, status="ended"))
    return c


def _ended_since(best: Candidate, candidates: Sequence[Candidate]) -> Candidate:
    """ "Amazon picked it up … the show ended on its own terms with its sixth season": an
    end with a later season than the pick-up came after it."""
    if best.status not in _PROGRESS or best.block_kind == "update" or best.season is None:
        return best
    ended = [
        c
        for c in candidates
        if c.status == "ended" and not c.historical and c.season and c.season > best.season
    ]
    return max(ended, key=_weight) if ended else best


def _settled_by_update(c: Candidate, best: Candidate) -> bool:
    """ "CBS has canceled it … Update: Paramount+ has ordered a fifth season": a pick-up
    in an update box after the story's cancellation is a revival."""
    return best.block_kind == "update" and c.block_kind != "update" and c.position < best.position


def _developing_not_waiting(best: Candidate, candidates: Sequence[Candidate]) -> Candidate:
    """ "HBO is developing The Nightingale Tapes… a spokesperson declined to comment": a
    project in development that nobody will talk about is still in development (a wait
    is for a show that has aired)."""
    if best.status != "pending" or not best.evidence.rule.startswith("wait"):
        return best
    developing = [c for c in candidates if c.status == "in_development" and not c.historical]
    return max(developing, key=_weight) if developing else best


def _as_revived(c: Candidate) -> Candidate:
    return replace(c, evidence=replace(c.evidence, status="revived"))


def _later_wait(best: Candidate, candidates: Sequence[Candidate]) -> Candidate:
    """A decision about season n yields to an explicit, current wait about season > n."""
    if best.status not in _PROGRESS or best.season is None or best.block_kind == "update":
        return best
    waits = [
        c
        for c in candidates
        if c.status == "pending"
        and c.certainty != "speculative"
        and not c.historical
        and c.season is not None
        and c.season > best.season
    ]
    return max(waits, key=_weight) if waits else best


def _highest_order(best: Candidate, candidates: Sequence[Candidate]) -> Candidate:
    """Renewals weighed alike are one story told twice; the season is the highest ordered:
    "renewed for a second season in April … renewed for a third season in November"."""
    if best.status != "renewed" or best.season is None:
        return best
    weight = _weight(best)[:5]  # all but the position
    alike = [c for c in candidates if c.status == "renewed" and _weight(c)[:5] == weight]
    return max(alike, key=lambda c: (c.season or 0, -c.position))


def _agrees(c: Candidate, best: Candidate) -> bool:
    if c.status != best.status or c.historical != best.historical:
        return False
    return c.season is None or best.season is None or c.season == best.season


def _lean(best: Candidate, candidates: Sequence[Candidate]) -> str | None:
    if best.status != "pending":
        return None
    if best.lean:
        return best.lean
    leans = Counter(c.lean for c in candidates if c.status == "pending" and c.lean)
    return leans.most_common(1)[0][0] if leans else None
