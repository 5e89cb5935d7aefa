"""Season numbers in renewal language, and the arithmetic around them.

"a second season", "Season Two", "S2", "2nd", "sophomore" all name season 2;
"early renewal ahead of its season 3 premiere" orders season 4; "renewed through
season 6" orders 6; "cancelled after two seasons" made 2; "will not return for a
third season" made 2.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from tracker.extract.text import WordGate

_CARDINALS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
}
_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "sophomore": 2,
    "freshman": 1,
    "freshmen": 1,
    "rookies": 1,
    "debut": 1,
    "inaugural": 1,
    "rookie": 1,
    "first-year": 1,
    "second-year": 2,
}
# Compound ordinals: "twenty-second", "thirty first".
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
_UNITS = {k: v for k, v in _ORDINALS.items() if isinstance(v, int) and 1 <= v <= 9}
_ORDINALS.update(
    {
        f"{ten}{sep}{unit}": tv + uv
        for ten, tv in _TENS.items()
        for unit, uv in _UNITS.items()
        for sep in ("-", " ")
    }
)
_ORDINALS.update({f"{ten}ieth": tv for ten, tv in _TENS.items()})
_ROMAN = {
    "i": 1,
    "ii": 2,
    "iii": 3,
    "iv": 4,
    "v": 5,
    "vi": 6,
    "vii": 7,
    "viii": 8,
    "ix": 9,
    "x": 10,
}

_NUM = r"(\d{1,2}|" + "|".join(_CARDINALS) + r"|[ivx]{1,4})"
_ORD = r"(\d{1,2}(?:st|nd|rd|th)|" + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + r")"

# (pattern, how the number relates to the season the statement is about)
# (pattern, role, gate): the gate is a substring every match contains, checked first
# because Python's re tries each pattern at every position of the text.
_SEASON = (
    "season",
    "series",
    "installment",
    "instalment",
    "chapter",
    "run",
    "outing",
    "batch",
    "go-round",
)
_ORDINAL_WORDS = (
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
)
# What a "freshman …" or "sophomore …" show is called: "freshman entry", "the freshman soap"
_KINDS = (
    "drama|comedy|show|sitcom|thriller|procedural|soap|entry|title|hit|dramedy|docuseries|"
    "anthology|western|mystery|newcomer|offering|original|import"
)
# "its 12th, will be the last": a numeral ordinal ends in one of these
_ORDINAL_GATE = (
    *_ORDINAL_WORDS,
    *(f"{d}{s}" for d in "0123456789" for s in ("st", "nd", "rd", "th")),
)
_NOUNS = r"(?:season|installment|instalment|chapter|series|run|outing|batch|go-round)"
_SEASON_NOUN = re.compile(rf"{_NOUNS}\b")
_ORDINAL_SEASON = re.compile(rf"\b{_ORD}(?: and (?:final|last))? {_NOUNS}\b$")
_PATTERNS: tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...] = tuple(
    (_ORDINAL_SEASON if p == _ORDINAL_SEASON.pattern else re.compile(p), role, gate)
    for p, role, gate in (
        # "two weeks before Salt Creek Parish returns for its third season, FX renewed it
        # early": the season after the one about to air
        (
            rf"\b(?:ahead of|before) (?:[\w'’&:-]+ ){{1,6}}?(?:returns|comes back|premieres|debuts|"
            rf"launches|kicks off) (?:for|with) (?:its|a|the) (?:{_ORD} (?:season|series)|"
            rf"(?:season|series) {_NUM})",
            "next",
            ("ahead of", "before"),
        ),
        # "renew Reacher before its third season has even premiered"
        (
            rf"\b(?:ahead of|before) (?:its|the|a) (?:{_ORD} (?:season|series)|(?:season|series) "
            rf"{_NUM}) (?:has |had |have )?(?:even |yet |actually )?(?:premiered|debuted|aired|"
            r"bowed|launched|dropped)\b",
            "next",
            ("ahead of", "before"),
        ),
        # "ahead of its sixth-season premiere", "before the first season's finale", "before
        # the show's sophomore run debuts": the season after the one named
        (
            rf"\b(?:ahead of|before) (?:(?:its|the|a|their) |(?:the )?(?:[\w-]+ )?[\w-]+'s )?"
            rf"(?:season {_NUM}|{_ORD}[- ](?:season|series|run))(?:'s)? "
            r"(?:premiere|debut|launch|finale|premieres|debuts|launches|bows|airs|drops|even)",
            "next",
            ("ahead of", "before"),
        ),
        (
            # ("will now run until at least series 16", not "wait until season 3")
            rf"(?<!midway )(?<!halfway )(?<!partway )\b(?:through (?:to )?|up to |"
            r"(?:run|runs|running|last|lasts|continue|continues) until |until at least )"
            rf"(?:at least )?(?:(?:season|series) {_NUM}|(?:its |a )?{_ORD} (?:season|series)|"
            # "takes the series through its sixth."
            rf"its {_ORD}(?=[.,;!?)]|$))",
            "through",
            ("through", "up to", "until"),
        ),
        # Patterns open with a literal where they can ("season(?<!\wseason)" is "\bseason"):
        # re then jumps between occurrences instead of trying every position.
        (rf"(?:season|series)(?<!\wseason)s? {_NUM}(?:,? and| &|-) {_NUM}", "pair", _SEASON),
        # "coming back for a fifth and a sixth season"
        # ("renewed for second and third seasons")
        (rf"\b{_ORD} and (?:a |an |the )?{_ORD} (?:seasons?|series)\b", "pair", _SEASON),
        (rf"\bafter (?:just |only )?{_NUM} (?:seasons|season|series)\b", "count", ("after",)),
        # "cancelled X after one season and Y after three": the noun left out
        (rf"\bafter (?:just |only )?{_NUM}(?=[.,;!?)]|$)", "count", ("after",)),
        (
            r"\bafter (?:just |only )?(a single|one|a lone|a sole|its single|its lone|its sole|"
            r"its only)(?: [\w-]+)? (?:season|series|run)\b",
            "count",
            ("after",),
        ),
        (
            rf"\b(?:after|following) (?:just |only )?(?:its|a|one|the) {_ORD}"
            r"(?: and (?:final|last))? (?:season|series)",
            "after",
            ("after", "following"),
        ),
        # "still awaiting a renewal after season 2", "cancelled following series 3"
        (
            # (not "to end after series six": the last one)
            r"(?<!end )(?<!ends )(?<!ending )(?<!wrap )(?<!conclude )"
            rf"\b(?:after|following) (?:its )?(?:season|series) {_NUM}\b(?!'s| (?:premiere|"
            r"finale|trailer)s?\b)",
            "after",
            ("after", "following"),
        ),
        # "its fourth and penultimate season": the fifth is the last
        (rf"\b{_ORD} and penultimate {_NOUNS}\b", "penultimate", ("penultimate",)),
        (_ORDINAL_SEASON.pattern, "this", _SEASON),
        (rf"\b{_ORD}-season\b", "this", ("-season",)),
        (rf"\b{_NUM}-(?:season|series)\b", "total", ("-season", "-series")),
        # "aired its lone season last autumn", "a single eight-episode season": one was made
        (
            r"\b(its lone|its only|its single|its sole|a single|a lone|a sole) "
            r"(?:[\w-]+ )?(?:season|series)\b(?! (?:of|order|renewal|finale|premiere)\b)",
            "total",
            ("lone", "only", "single", "sole"),
        ),
        # "got just one season", "one season and done", "a one-and-done": one was made
        (
            r"\b(?:just|only|but) (one|a single) (?:season|series)\b"
            r"(?! (?:more|left|to go|of|order|renewal|pickup))|\b(one) season and done\b|"
            r"\b(one)-and-done\b|\b(single)-(?:season|series) (?:drama|comedy|series|show|thriller|"
            r"k-drama|anime|run)\b",
            "total",
            (
                "one season",
                "single season",
                "single series",
                "one series",
                "one-and-done",
                "single-season",
                "single-series",
            ),
        ),
        # "a six-part limited series", "the miniseries": one season, by design
        (
            r"\b(?:a|an|its|the|this|that|[\w-]+'s) (?:[\w-]+ )?"
            r"(limited series|miniseries|mini-series)\b",
            "total",
            ("limited series", "miniseries", "mini-series"),
        ),
        # "Drift, the surf noir that debuted in July": a show in its first year has made one
        (
            r"\b(?:that|which) (?:just |only )?(debuted|premiered|launched|bowed) "
            r"(?:in (?:january|february|march|april|may|mmm|june|july|august|september|october|"
            r"november|december)|last (?:month|week|fall|autumn|spring|summer|winter)|"
            r"this (?:year|spring|summer|fall|autumn|winter)|earlier this year)\b"
            r"(?!,? (?:\d|of (?:19|20)\d\d))",
            "total",
            ("debuted", "premiered", "launched", "bowed"),
        ),
        # "filmed its first and only season": one was made
        (
            r"\b(?:its|a|the|their|[\w-]+'s) (first) and only (?:season|series)\b",
            "total",
            ("and only",),
        ),
        (rf"season(?<!\wseason) {_NUM}\b", "this", ("season ",)),
        # the UK's "renewed for series 3" ("the series one of us loved" is no season)
        # ("series four of The Lighthouse Keepers" is one: only "one" is also a pronoun)
        (rf"series(?<!\wseries) (?!one of\b){_NUM}\b", "this", ("series ",)),
        (r"s(?<!\ws)(\d{1,2})\b", "this", tuple(f"s{d}" for d in range(10))),
        (rf"season(?<!\wseason)s?\s*[:#]\s*{_NUM}\b", "this", ("season",)),
        # "not be getting a fourth", "awaiting word on a second": the noun left out
        (
            # "the upcoming sixth will be its final season"
            # (not "ratings down by a third", "cut by a fifth": a fraction)
            rf"\b(?<!\bby )(?<!\bnearly )(?<!\balmost )(?<!\bover )(?:a|an|its|"
            rf"the (?:upcoming|forthcoming|coming|next|new)|the (?:show|series)'s) {_ORD}"
            rf"(?=[.,;!?)\"]|$| (?:as|is|was|would|will|but|and|yet|on|this|next|after|when|"
            # "renewed for a fourth back in June", "picked up a third last month"
            r"back|in|last|earlier|shortly|ahead|before|despite|amid)\b)"
            rf"|\bthe {_ORD}"
            r"(?= (?:will|would) be\b)",
            "this",
            _ORDINAL_GATE,
        ),
        (rf"\bran (?:for )?{_NUM} seasons", "count", ("ran ",)),
        # "comprised five series", "all seven series of", "over four series and two specials":
        # how many a British show made ("two series were axed" may be two shows, so the plural
        # "series" counts only after such a word)
        (
            rf"\b(?:ran (?:for )?|aired for |lasted |comprised |spanned |spanning |over |across |"
            rf"all ){_NUM} series\b|\bfor {_NUM} series (?=from|between|until|before)\b",
            "total",
            ("series",),
        ),
        (r"\b(both) seasons\b", "total", ("both seasons",)),
        (
            r"\b(freshman|rookie|first-year|debut|sophomore|second-year) (?:[\w-]+ )?"
            rf"(?:{_KINDS}|series|run|finale)\b",
            "this",
            ("freshman", "rookie", "first-year", "debut", "sophomore", "second-year"),
        ),
        # "let just one freshman go: Parish Road", "its only rookie": a first-season show
        (
            # ("the Fox freshman's ratings", but not "The Rookie": a title)
            r"\b(?:(?:one|only|lone|sole|its|an?|two|three|four|five) (?:[\w-]+ )?|the [\w-]+ )"
            r"(freshm[ae]n|rookies?)\b"
            r"(?! (?:year|class|students?|seasons?|at|in|from|who|orientation|dorm))",
            "this",
            ("freshm", "rookie"),
        ),
        (
            rf"\b(?:will be|would be|as|becomes) (?:the [\w' -]+'s|its|their) {_ORD}\b",
            "this",
            ("will be", "would be", " as its", " as the", " as their", "becomes"),
        ),
        # "shot two seasons", "two wonderful seasons": how many were made, for ends only.
        (rf"\b{_NUM} (?:[\w-]+ )?seasons\b", "total", ("seasons",)),
    )
)


@dataclass(frozen=True, slots=True)
class SeasonRef:
    number: int
    role: str  # this | next | after | count | pair
    start: int
    end: int
    awaited: bool = False  # "a third season", "for season 3": asked for, not yet made
    aired: bool = False  # "whose second season dropped in July": made, and shown
    bare: bool = False  # "Season 2", "S2" with no determiner: a name, not made or asked
    upto: bool = False  # "through Season 6", "up to series 22": the last season ordered


_ONE = frozenset(
    (
        "single",
        "a single",
        "a lone",
        "a sole",
        "its single",
        "its lone",
        "its sole",
        "its only",
        "limited series",
        "miniseries",
        "mini-series",
        "debuted",
        "premiered",
        "launched",
        "bowed",
    )
)


def to_number(word: str) -> int | None:
    word = word.lower()
    if word in _ONE:
        return 1
    if word == "both":
        return 2  # "watched both seasons"
    if word.isdigit():
        return int(word)
    if word[:-2].isdigit():
        return int(word[:-2])
    return _CARDINALS.get(word) or _ORDINALS.get(word) or _ROMAN.get(word)


_GATE_WORDS = tuple(sorted({word for _, _, gate in _PATTERNS for word in gate}))
# Which gate words a clause holds, found by their first three letters rather than by a
# hundred substring tests (half the cost of season_refs went to that test)
_GATE = WordGate(_GATE_WORDS)


# How the text before a season noun ends when an ordinal (or "and final") precedes it
_ORDINAL_ENDINGS = tuple(
    {f"{word[-2:]} " for word in (*_ORDINALS, "final", "last", "1st", "2nd", "3rd", "4th")}
)


def _ordinal_seasons(norm: str) -> Iterator[re.Match[str]]:
    """ "a third season", "fourth and final installment": found from the noun backwards,
    since trying twenty ordinals at every position of a sentence is slow in re."""
    for noun in _SEASON_NOUN.finditer(norm):
        if not norm.endswith(_ORDINAL_ENDINGS, 0, noun.start()):
            continue  # the word before the noun can't end an ordinal (or "and final")
        window_start = max(0, noun.start() - 40)
        match = _ORDINAL_SEASON.search(norm, window_start, noun.end())
        if match:
            yield match


def season_refs(norm: str) -> list[SeasonRef]:
    """All season references in a normalised clause, earliest first, without overlaps."""
    return list(_season_refs(norm))


# A one-clause sentence is read for seasons by the rules, the engine and the safeguard in
# turn, each with the same string; 64 strings cover the sentences a document reads twice.
@lru_cache(maxsize=64)
def _season_refs(norm: str) -> tuple[SeasonRef, ...]:
    if not any(map(norm.__contains__, _SEASONISH_WORDS)) and not _SEASONISH.search(norm):
        return ()  # the common case: nothing here counts seasons
    refs: list[SeasonRef] = []
    taken: list[range] = []
    present = _GATE(norm)
    for pattern, role, gate in _PATTERNS:
        if present.isdisjoint(gate):
            continue
        matches = _ordinal_seasons(norm) if pattern is _ORDINAL_SEASON else pattern.finditer(norm)
        for match in matches:
            start, end = match.span()
            if any(start in r or end - 1 in r for r in taken):
                continue
            numbers = [to_number(g) for g in match.groups() if g]
            values = [n for n in numbers if n is not None and 0 < n <= 60]
            if not values:
                continue
            taken.append(range(start, end))
            refs.append(_ref(norm, match, max(values), role))
    return tuple(sorted(refs, key=lambda r: r.start))


def _ref(norm: str, match: re.Match[str], number: int, role: str) -> SeasonRef:
    start, end = match.start(), match.end()
    if role == "through":
        # "renewed for two more seasons, through Season 6": the last season ordered, named
        # outright, so nothing is counted on from it
        return SeasonRef(number, "this", start, end, awaited=True, upto=True)
    if role != "this":
        return SeasonRef(number, role, start, end)
    if _CLASS_YEAR.search(norm, start, end):
        # "a sophomore drama" is on the air: its season is made
        return SeasonRef(number, role, start, end, aired=True)
    before = norm[max(0, start - 30) : start]
    if _FRESH_OFF.search(before):
        return SeasonRef(number, role, start, end, aired=True)
    awaited = bool(
        _AWAITED.search(before)
        or _INDEFINITE.match(norm, start)
        or _TOPIC_AFTER.match(norm, end)
        or _PLANNED.search(before)
        or _IN_PRODUCTION_AFTER.match(norm, end)
        or _NOT_MADE_AFTER.match(norm, end)
    )
    aired = not awaited and bool(
        _AIRED_AFTER.match(norm, end) or _CURRENT.search(before) or _AIRED_BEFORE.search(before)
    )
    bare = (
        not (awaited or aired or _DETERMINED.search(before) or _DETERMINER.match(norm, start))
        and _BARE_AFTER.match(norm, end) is not None
    )
    return SeasonRef(number, role, start, end, awaited, aired, bare)


# Words that say a clause may count seasons (plain substrings, tested before the pattern)
_SEASONISH_WORDS = (
    "season",
    "series",
    "freshman",
    "sophomore",
    "rookie",
    "first-year",
    "second-year",
    "installment",
    "chapter",
    "instalment",
    "outing",
    "batch",
)
_SEASONISH = re.compile(
    r"\bs\d|\brun\b|"
    r"\b(?:a|an|its) (?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b|"
    r"\bafter (?:one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})[.,;!?)]|"
    r"\b(?:that|which) (?:just |only )?(?:debuted|premiered|launched|bowed)\b"
)
_ORDER_AFTER = re.compile(r"\s*(?:renewal|pickup|order)\b")
_FINALE_AFTER = re.compile(r"\s*(?:-\s*)?finale\b")
_AWAITED = re.compile(
    r"\b(?:a|an|another|for|of a|of an|about|no|pitch(?:ed|ing)?|plann?(?:ed|ing)|plott?(?:ed|ing)|"
    r"mapp(?:ed|ing) out|outlin(?:ed|ing)|(?:move|moving|go|going) (?:forward|ahead) with)"
    r"(?:\s+(?:a|an|potential|possible|prospective|hypothetical|whole|full|entire))*\s+$"
)
# "had already broken most of the third season's story", "scripts for the fourth season":
# a season written or planned, not made
_PLANNED = re.compile(
    r"\b(?:(?:broken|written|plotted|outlined|drafted|mapped out|planned) (?:out )?"
    r"(?:(?:most|all|much|some|part) of )?|scripts? (?:for|of) )(?:the|its) $"
)
# "Redline Season 3 is filming", "the fourth season is in production": made next, not yet
_IN_PRODUCTION_AFTER = re.compile(
    r"\s+(?:is|are) (?:now |already |currently |reportedly )?(?:filming|shooting|in production|"
    r"being (?:filmed|shot|made))\b"
)
# "wrapped its second season last week", "finished its third series on a high": made and shown
_AIRED_BEFORE = re.compile(
    r"\b(?:wrapped|finished|concluded|completed|closed out) (?:up )?(?:its|their) $"
)
# "Fresh off a second season that doubled its audience": a season just aired, though "a"
# would otherwise make it one to come
_FRESH_OFF = re.compile(
    r"\b(?:fresh|hot|coming) off (?:a|an|its|their) $|\bon the heels of (?:a|an|its) $"
)
# "the third season, which had started pre-production, will not go ahead": never made
_NOT_MADE_AFTER = re.compile(
    r"(?:,[^,.;]{1,80},)?\s+(?:will not|won't|is not going to|isn't going to|will never) "
    r"(?:go ahead|go forward|move forward|proceed|happen|be made)\b"
)
# "midway through its fourth season": the season on the air now
_CURRENT = re.compile(
    r"\b(?:midway|halfway|partway|part way|mid-way) through (?:its|the|their|the [\w-]+'s) $|"
    r"\b(?:currently|now) (?:airing|in|streaming) (?:its|their) $|"
    r"\bin the (?:middle|midst) of (?:its|their) $"
)
# "interest in a third", "the upcoming sixth", "the fourth will be": the determiner is
# part of the reference, and says the season is still to come
_INDEFINITE = re.compile(
    r"an? |the (?:upcoming|forthcoming|coming|next|new) |the \w+ (?:will|would) "
)
# "Season 2: Renewal Odds", "Season 3 release date": the season a story asks about
_TOPIC_AFTER = re.compile(
    r"\s*(?::|(?:renewal|release|odds|news|status|updates?|predictions|rumou?rs|plans)\b)"
)
# "whose second season dropped in July", "the comedy's second series pulling in its best
# figures": a season described as already out
_AIRED_AFTER = re.compile(
    r"(?:'s)?\s+(?:(?:has|had|just|recently|quietly) )?(?:premiered|debuted|dropped|aired|ended|"
    r"wrapped|concluded|finished|launched|arrived|bowed|streamed|drew|drawing|pulled|pulling|"
    r"ends|wraps|concludes|wrapping|concluding|airing|finishes|finishing|"
    r"averaged|averaging|scored|earned|delivered|posted|topped|ratings|viewership|went out|"
    r"signed off|(?:has |had )?come and gone|came and went)\b"
)
# A season named with nothing said about it: the end of a sentence or a title ("Netflix
# hasn't confirmed Season 3.", a script labelled "S2 E1"); "Season 2 was a hit" says more.
_BARE_AFTER = re.compile(r"\s*(?:[\"'?!).]|e\d|$)")
_CLASS_YEAR = re.compile(
    rf"(?:freshman|rookie|first-year|debut|sophomore|second-year) (?:[\w-]+ )?(?:{_KINDS}|finale)\b"
    r"|(?:freshm[ae]n|rookies?)\b(?! season)"
)
_DETERMINER = re.compile(r"(?:its|the|their) ")
_DETERMINED = re.compile(r"(?:\b(?:its|the|their|his|her|this|that|whose)|'s)\s+$")
_AIRED = re.compile(r"\b(?:finale|ended|wrapped|concluded|aired|premiered|wrap|run|debuted)\b")


def infer_season(status: str, clauses: list[str]) -> int | None:
    """A season for a decision whose own sentence named none, from the rest of the article.

    A wait is about the season asked for ("a third season"), or the one after the
    latest season that aired; an end or a cancellation is about the latest season made.
    """
    refs = [(ref, clause) for clause in clauses for ref in season_refs(clause)]
    if not refs:
        return None
    if status == "pending":
        awaited = [r.number for r, _ in refs if r.awaited]
        if awaited:
            return max(awaited)
        # No season asked for by name: the one after the latest season the text mentions
        # ("sophomore drama", "its season 2 finale"), or one named bare ("Season 3: what we
        # know", "a script labelled S2 E1"), which is the season talked about.
        aired = [
            r.number if r.bare else r.number + 1
            for r, _ in refs
            if r.role in ("this", "count", "after", "penultimate")
        ]
        return max(aired) if aired else None
    if status in ("cancelled", "ended"):
        # "Will there be a Season 4? No": a season named bare is asked about, not made
        made = [
            r.number
            for r, clause in refs
            if not r.awaited
            and not r.bare
            and r.role in ("this", "count", "after", "total", "penultimate")
            and not _ORDER_AFTER.match(clause, r.end)  # "an early season 3 renewal": ordered
        ]
        if made:
            return max(made)
        # "Hopes for a fourth season were dashed when Fox cancelled it": three were made
        awaited = [r.number for r, _ in refs if r.awaited and r.number > 1]
        return max(awaited) - 1 if awaited and status == "cancelled" else None
    return None


_UNMADE = re.compile(
    r"^\W*(?:[\w'-]+\s+){0,4}?(?:for|with|of|on|to)\s+(?:a |an |another |its )?$|"
    # "cancelled Wrenfield before production on the third season could begin"
    r"^\W*(?:[\w'-]+\s+){0,4}?before (?:production|filming|shooting|work|writing) (?:on|of|for) "
    r"(?:the |its )?$"
)


# "renewed for another run", "ordered two more seasons", "a two-season renewal", "the
# double pickup": a count on top of the current one
_MORE = re.compile(
    r"\b(?:another|one more|a further|an additional|(\w+) (?:more|further|additional|extra|final))"
    r" (?:[\w-]+ )?(?:season|seasons|series|runs?|outings?|installments?|instalments?|"
    r"chapters?|go-rounds?|rounds?|years?)\b|"
    r"\b(?:(\w+)-season|(double)) (?:renewal|pickup|order|extension)\b|"
    # "renewed for two more, taking it through 2028": the noun left out
    r"\b(?:for|after) (\w+) more(?= ?[,.;!]|$)|"
    # "renewed for the 2026-27 broadcast season": the next year's
    r"\bfor the (?:19|20)\d\d[-–/](?:19|20)?\d\d (?:broadcast |tv |television )?season\b"
)


def more_seasons(clause: str, cue_start: int, cue_end: int) -> int:
    """How many seasons beyond the current one a cue orders, when it counts them that way
    ("picked up for another run" = 1, "ordered two further series" = 2); 0 otherwise."""
    match = _MORE.search(clause, max(0, cue_start - 25), cue_end + 40)
    if match is None:
        return 0
    if match.group(3):
        return 2
    count = match.group(1) or match.group(2) or match.group(4)
    return (to_number(count) or 0) if count else 1


def season_for(
    status: str,
    refs: list[SeasonRef],
    cue_at: int,
    negated_return: bool,
    clause: str = "",
    more: int = 0,
) -> int | None:
    """The season a statement of `status` is about, from the reference nearest its cue.

    A cancellation names the last season made: in "scrapped plans for a second season" or
    "won't move forward with season 3" the season named was never made, so it is n - 1.
    "Now in its fourth season, picked up for another run" (`more` = 1) orders season 5:
    a current season named before the cue is counted on from.
    """
    if status not in ("cancelled", "ended"):
        refs = [r for r in refs if r.role != "total"]
    if not refs:
        return None
    ref = min(refs, key=lambda r: (abs(r.start - cue_at), r.start))
    if status in ("renewed", "revived"):
        # "for a fourth and fifth series", "seasons 5 and 6": the highest season ordered
        ref = next(
            (r for r in refs if r.start > ref.end and clause[ref.end : r.start] == " and "),
            ref,
        )
    n = ref.number
    if (
        more
        and status in ("renewed", "revived", "pending", "ending")
        and not ref.awaited
        and (
            (ref.role == "this" and (ref.end <= cue_at or ref.aired))
            or ref.role in ("count", "after")
        )
    ):
        # "ordered two more seasons of Iron Range, whose second season wrapped in August":
        # counted on from a season made, wherever it stands
        return n + more
    if status == "cancelled" and ref.role == "this" and ref.start > cue_at:
        between = clause[cue_at : ref.start]
        between = between.split(" ", 1)[1] if " " in between else ""
        if _UNMADE.match(between):
            return n - 1 if n > 1 else None
    if status == "cancelled" and ref.role == "this" and _ORDER_AFTER.match(clause, ref.end):
        return n - 1 if n > 1 else None  # "reverses season 3 renewal": season 3 never made
    if status == "cancelled" and ref.role == "this" and ref.awaited and ref.end <= cue_at:
        return n - 1 if n > 1 else None  # "plans for a third season were scrapped"
    if status == "pending" and ref.role == "this" and _FINALE_AFTER.match(clause, ref.end):
        return n + 1  # "in limbo after its season 2 finale": season 3 is the one awaited
    if ref.role == "next":
        return n + 1 if status in ("renewed", "revived") else n
    if ref.role == "penultimate":
        return n if status in ("cancelled", "ended") else n + 1  # the next one is the last
    if ref.role == "after" or ref.aired:
        return n + 1 if status in ("renewed", "revived", "pending") else n
    if ref.role == "total":
        return n
    if ref.role == "count":
        return n + 1 if status in ("renewed", "revived", "pending") else n
    if status in ("cancelled", "ended") and negated_return:
        return n - 1 if n > 1 else None  # "will not return for a third season" -> made 2
    return n
