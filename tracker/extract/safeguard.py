"""A last check before a decision is reported: is it this show's, is it now, and did
someone who can decide say it?

The rules find decisions clause by clause and tell the tracked show's sentences apart
from other shows'. A wrong "renewed" alert is the worst thing the tracker can send, and
on blind text the wrong ones take a few recurring shapes: another show's renewal in a
comparison or a round-up, a pilot or a creator's new series next to the show's name, an
old renewal next to today's wait, an executive who loves the show but announces nothing.
So before a decision (renewed, ordered, revived, cancelled; and in_development, for
attribution) is reported, at least one of the statements behind it must pass three
structural checks:

1. Attribution: in the decision's own clause, the show the decision words are about (the
   name or reference nearest to them, plus anything coordinated with it) is the tracked
   show, or the clause names no show and the sentence was already found to be about it.
   A title that only qualifies someone or something else ("Ballard creator Jane Doe",
   "the team behind Ballard") is not what was renewed. A title held up for comparison
   ("unlike Tracker") is not what was renewed either.
2. Time: an order scoped in the past ("last year", "in 2023" in an undated text, or a
   season that has since aired) says nothing of now when the document also reports an
   open present ("now", "currently", "still" beside a wait, a doubt, or a later season).
   An order is used up once its season airs; a cancellation stands, so this check only
   applies to orders.
3. Voice: a quoted decision counts only when a network or studio voice states it. "We're
   looking at bringing it back" wants it; "we've renewed it" and "we're thrilled to
   bring it back" state it. Talent's good news is a hope.

When no statement passes, the decision is withdrawn. The document's other statements that
decide nothing (waits, hedges) then decide; failing those, the result is a wait when the
document speaks of the show's future (a hope for a wanted decision, a wait after a spent
order), else unknown. It is never another decision. Only the few statements behind the
decision about to be reported are read, cheapest test first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from tracker.extract.attribution import _own_anaphors
from tracker.extract.decide import Candidate, Decision, decide
from tracker.extract.discourse import described_before, in_passing
from tracker.extract.model import Evidence
from tracker.extract.quotes import Quotes
from tracker.extract.seasons import season_refs
from tracker.extract.shows import ShowMatcher, _is_common, _overlaps
from tracker.extract.text import Sentence, is_title_case

GUARDED = frozenset(("renewed", "ordered", "revived", "cancelled", "in_development"))
# An order is spent once its season has aired, so an old one says nothing of now; a
# cancellation stands until something reverses it.
_SPENT = frozenset(("renewed", "ordered", "revived"))
_DECISIONS = frozenset(("renewed", "ordered", "revived", "cancelled", "ended", "ending"))


def confirm(
    decision: Decision,
    candidates: Sequence[Candidate],
    context: Context,
) -> Decision:
    """The decision if one statement behind it passes the checks; otherwise what remains."""
    if decision.status not in GUARDED or not decision.support:
        return decision
    if any(_failure(c, context) is None for c in decision.support):
        return decision  # the common case: stops at the first statement that passes
    failures = [_failure(c, context) for c in decision.support]
    why = tuple(
        f"withdrawn ({f}: {c.status}, rule {c.evidence.rule}): {c.evidence.text}"
        for f, c in zip(failures, decision.support, strict=True)
    )
    return replace(_without(decision, candidates, failures, context), withdrawn=why)


def _without(
    decision: Decision,
    candidates: Sequence[Candidate],
    failures: Sequence[str | None],
    context: Context,
) -> Decision:
    """What the document says once the decision is withdrawn: its other statements that
    decide nothing (a wait, a hedge), else a wait or a hope built from the checks."""
    if all(f == "attribution" for f in failures):
        # another show's news: this one's is whatever else the text says, decisions
        # included ("X has been renewed … alongside the cancellation of Y")
        # (a support may have been re-read as a revival: match statements by place)
        dropped = {(c.position, c.clause, c.cue) for c in decision.support}
        remaining = [c for c in candidates if (c.position, c.clause, c.cue) not in dropped]
        if len(remaining) < len(candidates):  # (each round drops a statement: it ends)
            return confirm(decide(remaining), remaining, context)
    rest = decide(
        [c for c in candidates if c.status not in _DECISIONS and c not in decision.support]
    )
    if all(f == "attribution" for f in failures):
        return rest
    if rest.status == "unknown":
        return _hoped(decision) if "quote" in failures else _waiting(decision, context)
    after = _next_season(decision)
    if rest.status == "pending" and after and (rest.season or 0) < after:
        return replace(rest, season=after)  # the wait is for a season not ordered yet
    return rest


class Context:
    """What the checks read: the document's sentences, the show, who is quoted, its year."""

    __slots__ = ("_nows", "about", "matcher", "quotes", "sentences", "year")

    def __init__(
        self,
        sentences: Sequence[Sentence],
        matcher: ShowMatcher,
        about: Sequence[int],
        quotes: Quotes,
        year: int | None,
    ) -> None:
        self.sentences, self.matcher, self.about = sentences, matcher, about
        self.quotes, self.year = quotes, year
        self._nows: list[tuple[int, int]] | None = None

    def nows(self) -> list[tuple[int, int]]:
        """(index, offset) of each sentence about the show that speaks of now, found once."""
        if self._nows is None:
            found = (
                (i, _NOW.search(self.sentences[i].norm))
                for i in self.about
                if _mentions_now(self.sentences[i].norm)
            )
            self._nows = [(i, m.start()) for i, m in found if m]
        return self._nows


def anothers_past_end(c: Candidate, sentences: Sequence[Sentence], matcher: ShowMatcher) -> bool:
    """Whether a past end falls on another show: "After cancelling Dusk, Netflix renewed
    Lumen" is no background of Lumen's, and must not make its renewal a revival."""
    return (
        c.historical
        and c.status in ("cancelled", "ended")
        and c.cue != (0, 0)
        and _argument(sentences[c.position], c.clause, c.cue, matcher) is False
    )


def _failure(c: Candidate, context: Context) -> str | None:
    """Why a statement cannot carry a decision, or None when it can."""
    if c.cue == (0, 0):
        return None
    sentence = context.sentences[c.position]
    if _argument(sentence, c.clause, c.cue, context.matcher) is False:
        return "attribution"
    if c.status in ("in_development", "ordered") and _new_unnamed(sentence, c, context.matcher):
        return "attribution"
    if _several_others(sentence, c, context.matcher):
        return "attribution"
    if c.status in _SPENT and _spent(c, context):
        return "past"
    return _unvoiced(c, sentence, context.quotes)


# "is developing a new project for the network": a work not yet named is no show named
_NEW_WORK = re.compile(
    r"\b(?:a|an) (?:new|untitled|fresh|separate|different|second|another) (?:[\w-]+ ){0,2}"
    r"(?:project|series|show|drama|comedy|thriller|pilot|idea|venture)\b"
)


def _new_unnamed(sentence: Sentence, c: Candidate, matcher: ShowMatcher) -> bool:
    """Whether a development or order is of a new, unnamed work ("Jo Pruitt is developing a
    new project with Cole Hennessey, whose breakout came on Dead Reckoning"): unless the
    tracked title names that work beside it ("a new drama, Dead Reckoning")."""
    norm = sentence.norm
    found = _NEW_WORK.search(norm, max(0, c.cue[0] - 5), c.cue[1] + 40)
    if found is None:
        return False
    return not any(
        0 <= m.start - found.end() <= 12 or 0 <= found.start() - m.end <= 4
        for m in matcher.mentions(norm, sentence.text)
    )  # ("ordered Shoreline, a new drama set in …" names it too)


# "The CW cancelled three series this week, but Ridgeline wasn't one of them"
# ("will not return after six series" counts the show's own seasons)
_COUNTED = re.compile(
    r"\s+(?:(?!(?:after|following|over|across|through|for|in|of|with)\b)\w+\s+){0,2}?"
    r"(?:two|three|four|five|six|seven|several|a handful of|a trio of|"
    r"a pair of|a string of|a slew of|a batch of|\d+)\s+(?:[\w-]+\s+)?(?:series|shows|dramas|"
    r"comedies|sitcoms|originals|titles|programmes|programs)\b"
)


_COUNTED_BEFORE = re.compile(
    r"\b(?:two|three|four|five|six|seven|several|many|some|other|a number of|a handful of|"
    r"a slew of|\d+)\s+(?:[\w-]+\s+)?(?:series|shows|dramas|comedies|sitcoms|originals|titles|"
    r"programmes|programs)\s+(?:(?:were|have been|had been|are being|are|got|being)\s+)"
    r"(?:\w+\s+)?$"
)


_NOT_A_SHOW = re.compile(
    # ("will not be moving forward with more episodes" is the show's end)
    r"(?!\s+(?:with |on |for |of )?(?:any |more |new |further |additional )episodes\b)"
    r"\s+(?:(?:the|its|this|that|this year's|tonight's|[a-z]+day's|[a-z]+'s)\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:live finale|finale|episode|panel|premiere party|party|tour|special|"
    r"screening|taping|concert|appearance|broadcast|red carpet|wedding|podcast|event|"
    r"storyline|plot|character)s?\b"
)


# ... or its subject, in the passive: "Nolan and Bailey's dinner plans are cancelled"
_NOT_A_SHOW_BEFORE = re.compile(
    r"\b(?:plans|dinner|date|trip|wedding|party|meeting|concert|panel|appearance|flight|"
    r"vacation|holiday|shift|event|screening|premiere|tour|signing|q&a|reunion|shoot|"
    r"appointment|interview|visit)s?\s+(?:is|are|was|were|has been|have been|had been|gets?|"
    r"got)\s+(?:\w+\s+)?$"
)


_COUNTED_INSIDE = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|several|a pair of|a trio of|\d+) "
    r"(?:new |more |other )?(?:[\w-]+ )?(?:series|shows|dramas|comedies|sitcoms|originals|"
    r"titles|projects)\b"
)


def _several_others(sentence: Sentence, c: Candidate, matcher: ShowMatcher) -> bool:
    """Whether a decision falls on a number of shows the clause does not name ("cancelled
    three series this week"), or on something other than a show ("have cancelled Monday's
    live finale"): the tracked show is not its object unless named there."""
    thing = _NOT_A_SHOW.match(sentence.norm, c.cue[1])
    if thing and not any(
        m.start < thing.end() <= m.end for m in matcher.mentions(sentence.norm, sentence.text)
    ):
        return True  # (not "ordered a pilot for Kitchen Party": the thing is the show)
    if _NOT_A_SHOW_BEFORE.search(sentence.norm, max(0, c.cue[0] - 60), c.cue[0]):
        return True
    if _COUNTED_BEFORE.search(sentence.norm, c.clause[0], c.cue[0]):
        return True  # "even as several dramas were cancelled"
    # "picked up three new dramas for next season": the count inside the cue's words
    counted = _COUNTED_INSIDE.search(sentence.norm, c.cue[0], c.cue[1] + 2)
    if not counted and not _COUNTED.match(sentence.norm, c.cue[1]):
        return False
    start, end = c.clause
    return not any(start <= m.start < end for m in matcher.mentions(sentence.norm, sentence.text))


def _unvoiced(c: Candidate, sentence: Sentence, quotes: Quotes) -> str | None:
    """A decision whose words are quoted is the speaker's: a network's or studio's says
    so only when stated; anyone else's good news is a hope (bad news they can report)."""
    at = sentence.start + c.cue[0]
    if not any(s <= at < e for s, e in quotes.spans):
        return None
    role = quotes.role_at(sentence.block, at)
    if role == "exec":
        # ("We have Empire of Salt in development," the executive said: a fact of the
        # network's own slate, not a promise)
        return None if c.status == "in_development" or _stated(sentence, c) else "quote"
    return "quote" if c.status in ("renewed", "ordered", "revived") else None


# A title that qualifies a person or another work: "Ballard creator Jane Doe", "the Ballard
# team", "from the team behind Ballard".
_QUALIFIER_AFTER = re.compile(
    r"(?:'s)?\s+(?:co-?creators?|creators?|showrunners?|stars?|co-?stars?|actors?|actress(?:es)?|"
    r"alums?|alumn[ai]|veterans?|writers?(?!'? room)|(?:executive )?producers?|directors?|"
    r"team|cast|authors?|bosses|boss|eps?|helmers?|duo|mastermind|fans?|viewers|audiences?)\b"
)
_QUALIFIER_BEFORE = re.compile(
    r"\b(?:co-?creators?|creators?|showrunners?|stars?|writers?|producers?|directors?|makers?|"
    r"team|minds?|cast|alums?|people|folks|author|boss|players|members|veterans|actors) "
    r"(?:of|behind|from) (?:the )?"
    r"(?:[\w-]+ )?$"
)
# A title held up for comparison is not the decision's subject: "like Tracker, Ballard…"
_COMPARED = re.compile(
    r"\b(?:like|unlike|as with|such as|similar to|than|besides|beside|compared (?:to|with)|"
    r"joining|joins|after|following|before)\s+(?:the\s+)?(?:[\w'-]+\s+){0,2}$"
)
# "renewed Tracker and Ballard", "renewed Ashcombe for a fourth season and Fenwick Lane for a
# second": joined names share the verb.
_COORDINATED = re.compile(
    r"(?:\s+(?:for|through|to) [^,;:()]{1,30}?)?"
    r"\s*(?:,\s*(?:and\s+)?|\s+(?:and|&|or|nor|as well as|along with|alongside|plus)\s+)$"
)


def _argument(
    sentence: Sentence, clause: tuple[int, int], cue: tuple[int, int], matcher: ShowMatcher
) -> bool | None:
    """Whether the show the decision verb is about is the tracked one (None: none named).

    The nearest reference to the cue words, before or after them, in the same clause is
    the decision's subject or object; references coordinated with it share the decision
    ("renewed Tracker and Ballard"); references held up for comparison do not count.
    """
    start, end = clause
    norm, raw = sentence.norm, sentence.text
    relatives = matcher.relative_mentions(norm, raw)
    named = [
        (m.start, m.end)
        for m in matcher.mentions(norm, raw)
        if start <= m.start < end and m not in relatives
    ]
    titles = [
        span
        for span in matcher.other_title_spans(raw, norm)
        if start <= span[0] < end and not _overlaps(span, named) and not in_passing(norm, *span)
    ]
    if not any(s == cue[1] + 1 for s, _ in named):  # "renewed Ballard" needs no second look
        titles += [span for span in _object_name(raw, cue[1]) if not _overlaps(span, named)]
    titles += [span for span in described_before(norm, named) if start <= span[0] < end]
    qualifiers = [
        span for span in named if _qualifies(norm, span) and not _speaker_tag(norm, span, cue)
    ]
    # "Hatchet Lake was a lock for renewal, given it's the biggest original since Reacher"
    qualifiers += [s for s in named if s not in qualifiers and in_passing(norm, *s, False)]
    mine = [span for span in named if span not in qualifiers]
    if not titles and (mine or not qualifiers):
        return True if mine else None  # no other show in the clause: nothing to weigh
    ours = mine + [
        span
        for span in _own_anaphors(norm, mine, titles, titles)
        if start <= span[0] < end
        and not _overlaps(span, titles)
        and not any(0 <= span[0] - e <= 2 for _, e in titles)  # "Cold Spring, the thriller"
    ]
    refs = sorted(
        {(span, True) for span in ours}
        | {(span, False) for span in titles if not _COMPARED.search(norm, start, span[0])}
    )
    if not refs:
        return False if qualifiers else None
    nearest = min(refs, key=lambda ref: _gap(ref[0], cue))
    group = _coordinated(norm, refs, nearest)
    return any(mine for _, mine in group)


def _speaker_tag(norm: str, span: tuple[int, int], cue: tuple[int, int]) -> bool:
    """Whether a title qualifies the speaker of the quoted decision ("'We won't be coming
    back,' Peach State creator Imani Cole wrote"): that "we" is the show."""
    return cue[1] <= span[0] and '"' in norm[cue[1] : span[0]]


# A name right after the decision verb is its object: "the BBC recommissioned Cold Spring".
_OBJECT = re.compile(
    r" ([A-Z][\w'’&-]*(?: (?:of |the |and |& )*[A-Z][\w'’&-]*)*)"
    r"(?=[,.;:!?)]|$| (?:for|through|on|at|in|to|and|after|with|ahead|as|until|by|this|last)\b)"
)
_NOT_OBJECT = re.compile(r"(?:season|series|part|volume|s\d)\b|.*['’]s$", re.IGNORECASE)


def _object_name(raw: str, cue_end: int) -> list[tuple[int, int]]:
    """The capitalised name that directly follows the decision's words, if it may be a
    show's (not a network, a person's possessive, or a season)."""
    if not raw[cue_end + 1 : cue_end + 2].isupper():
        return []  # the common case, checked before any pattern runs
    match = _OBJECT.match(raw, cue_end)
    if (
        match is None
        or is_title_case(raw)
        or _is_common(match.group(1))
        or _NOT_OBJECT.match(match.group(1))
    ):
        return []
    return [match.span(1)]


def _qualifies(norm: str, span: tuple[int, int]) -> bool:
    if _QUALIFIER_AFTER.match(norm, span[1]):
        return True
    window = norm[max(0, span[0] - 40) : span[0]]
    return (" of " in window or "behind " in window or " from " in window) and bool(
        _QUALIFIER_BEFORE.search(window)
    )


def _gap(span: tuple[int, int], cue: tuple[int, int]) -> int:
    if span[1] <= cue[0]:
        return cue[0] - span[1]
    return max(0, span[0] - cue[1])


def _coordinated(
    norm: str, refs: list[tuple[tuple[int, int], bool]], nearest: tuple[tuple[int, int], bool]
) -> list[tuple[tuple[int, int], bool]]:
    """The nearest reference and the ones joined to it by "and", "," or "alongside"."""
    index = refs.index(nearest)
    group = [nearest]
    for step in (-1, 1):
        i = index
        while 0 <= i + step < len(refs):
            left, right = (refs[i + step], refs[i]) if step < 0 else (refs[i], refs[i + step])
            if not _COORDINATED.fullmatch(norm, left[0][1], right[0][0]):
                break
            i += step
            group.append(refs[i])
    return group


# A clause set in the past: a date or a marker of an earlier time. (The rules mark most of
# these as historical; a year with no publication date to compare it with they cannot.)
_PAST_SCOPE = re.compile(r"\b(?:in|back in|during) (?:19|20)\d\d\b")
# The document's now: "now", "currently", "this time", "still", "so far"…
_NOW = re.compile(
    r"\b(?:now|currently|this time|at the moment|at present|as of (?:now|today|this writing|"
    r"press time)|these days|today|for now|still|so far|anymore|any more|this year|"
    r"(?:once|yet) again)\b"
)
# …when what it says of now is open: a wait or a doubt about the show going on, not about
# a premiere date of the season already ordered ("Season 2 still has no date").
_OPEN = re.compile(
    r"\b(?:wait\w*|await\w*|undecided|unclear|unknown|uncertain|limbo|up in the air|"
    r"whether|decid\w*|decision)\b"
)


def _spent(c: Candidate, context: Context) -> bool:
    """Whether an order tells of an earlier time while the document reports an open now.

    Earlier: marked so ("last year"), dated ("in 2023", when the document is not dated
    that year), or an order whose season has since aired ("renewed for a second season,
    which premiered in March": that renewal is used up). Cheapest tests first.
    """
    sentence = context.sentences[c.position]
    clause = sentence.norm[c.clause[0] : c.clause[1]]
    year = context.year
    dated = (
        ("in 19" in clause or "in 20" in clause or "during" in clause)
        and bool(_PAST_SCOPE.search(clause))
        and (year is None or str(year) not in clause)
    )
    marked = c.historical or dated
    if not marked and c.season is None:
        return False
    if _later_state(c, context) is None:
        return False
    return marked or any(_aired(context.sentences[i].norm, c.season or 0) for i in context.about)


# "its second season premiered", "a second season, which wrapped in March"
_AIRED_AFTER = re.compile(
    r",? (?:which|that) (?:has |had |already |just |quietly )*(?:premiered|aired|debuted|"
    r"dropped|wrapped|concluded|ended|finished|bowed|streamed)\b"
)


def _aired(norm: str, season: int) -> bool:
    return any(
        r.number >= season and (r.aired or _AIRED_AFTER.match(norm, r.end))
        for r in season_refs(norm)
        if r.role == "this"
    )


def _later_state(c: Candidate, context: Context) -> int | None:
    """The index of a sentence about the show that reports an open state now, beyond
    the statement's own clause: "renewed last year … now the show is waiting"."""
    for index, now in context.nows():
        if index == c.position and c.clause[0] <= now < c.clause[1]:
            continue
        norm = context.sentences[index].norm
        seasons = [r.number for r in season_refs(norm)]
        if c.season and seasons:
            if max(seasons) > c.season:
                return index  # "now the show waits on a third season"
            continue  # the season already ordered: its dates, its filming
        if _OPEN.search(norm):
            return index
    return None


def _mentions_now(norm: str) -> bool:
    """A cheap test before _NOW runs: most sentences have none of its words."""
    return (
        "now" in norm
        or "current" in norm
        or "still" in norm
        or "today" in norm
        or "this time" in norm
        or "so far" in norm
        or "these days" in norm
        or "at the moment" in norm
        or "at present" in norm
        or "as of " in norm
        or "any more" in norm
        or "anymore" in norm
        or "this year" in norm
        or " again" in norm
    )


def _hoped(decision: Decision) -> Decision:
    """A wished-for decision is a wait for it, leaning its way: "we'd love to bring it back
    for a second season" awaits season 2."""
    lean = "cancel" if decision.status in ("cancelled", "ended", "ending") else "renew"
    evidence = tuple(
        replace(e, status="pending", certainty="speculative", rule=e.rule + "+unstated")
        for e in decision.evidence
    )
    return Decision("pending", decision.season, "speculative", lean, evidence)


def _next_season(decision: Decision) -> int | None:
    """The season after the one a withdrawn order was for."""
    seasons = [c.season for c in decision.support if c.season]
    if not seasons or decision.status not in ("renewed", "ordered", "revived"):
        return None
    return max(seasons) + 1


def _waiting(decision: Decision, context: Context) -> Decision:
    """A past decision beside an open present: the show waits for its next season."""
    season = _next_season(decision)
    later = next((i for c in decision.support if (i := _later_state(c, context)) is not None), None)
    if later is None:
        return Decision("unknown", None, None, None, ())
    sentence = context.sentences[later]
    evidence = Evidence(
        sentence.text, "pending", season, "reported", sentence.start, sentence.end, "later-state"
    )
    return Decision("pending", season, "reported", None, (evidence,))


# In a quote the decision must be asserted ("we've renewed", "we're bringing it back"), not
# the complement of a wish or a plan ("we'd love to bring it back", "we're looking at
# bringing it back", "figuring out how to continue it"). Delight and resolve announce:
# "we're thrilled to bring it back", "we've decided to renew it".
_NONFINITE = re.compile(r"\b(?:to|about|at|on|into|toward|towards|of)\s+(?:[\w'-]+\s+)?$")
_ANNOUNCING = re.compile(
    r"\b(?:thrilled|excited|delighted|happ(?:y|ier)|proud(?:er)?|pleased|glad|honou?red|decided|chosen|agreed|"
    r"going|set|wait|announce|confirm|share)\s+(?:to|about)\s+(?:[\w'-]+\s+)?$"
)


def _stated(sentence: Sentence, c: Candidate) -> bool:
    """Whether a quote states the decision rather than wanting or planning it."""
    norm, at = sentence.norm, c.cue[0]
    before = norm[max(0, at - 40) : at]
    return not _NONFINITE.search(before) or bool(_ANNOUNCING.search(before))
