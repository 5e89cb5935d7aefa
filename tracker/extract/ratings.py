"""Rating scores stated in text: IMDb x/10, Tomatometer %, Popcornmeter %, Metascore.

A figure counts only when it sits next to the site's name and belongs to the tracked
show: each number is given to the nearest show named around it ("Landman (IMDb: 8.0)
and Tulsa King (IMDb: 7.8)"), with a preference for the name before it, the way
sentences put the subject first. Years, episode counts and other shows' scores are
left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from tracker.extract.model import Ratings

Owner = Callable[[int], bool]  # does the text at this offset speak of the tracked show?

_IMDB = re.compile(r"\bimdb\b")
_RT = re.compile(
    r"\b(?:rotten tomatoes|tomatometer|certified fresh|critics? score|rt score|"
    r"rt(?=:? ?\d)|(?<=on )rt|"  # "RT: 91%", "(IMDb 7.9, RT 91%)", "a 94% on rt"
    # "72% with critics but 88% with audiences", "93 percent with critics"
    r"(?:(?<=% )|(?<=percent )|(?<=per cent ))(?:(?:from|with|among) )?critics)\b"
)
_AUDIENCE = re.compile(
    r"\b(?:popcornmeter|audience (?:score|rating)|audience-score|verified audience|rt audience|"
    r"audiences(?= (?:gave it )?\d)|popcorn(?=:? ?\d)|"
    r"(?:(?<=% )|(?<=percent )|(?<=per cent ))(?:from|with|among) (?:audiences|viewers)|"
    # "Rotten Tomatoes: 93% critics, 71% audience" (not "a 40% audience share")
    r"(?<=% )audience(?! (?:share|growth|drop|decline|increase|gain|loss)))\b"
)
# Beside the Tomatometer, "audiences" alone is the audience score: "sits at 97% with
# critics, though audiences there are cooler on it, at 74%". The anchor runs up to the
# first percentage after it in its clause, which is the only one it takes (reach 0); not
# a share, a part of them ("audiences, 60% of whom…"), nor the critics' figure in the
# next clause ("never found a mass audience but earned a 93% Tomatometer").
_AUDIENCES_ALONE = re.compile(
    r"\baudiences?\b(?:(?!\b(?:up|down|rose|fell|grew|jumped|dropped|share|but|and|while|"
    r"whereas|though|critics)\b)[^.;:%\d]){0,40}?"
    r"(?=\d{1,3}\s*(?:%|per ?cent\b)(?!\s*(?:of|tomatometer|from critics|with critics)\b))"
)
_META = re.compile(r"\b(?:metacritic|metascore)\b")
_ANY_SITE = re.compile(r"imdb|tomato|metacritic|metascore|popcorn|audience|certified fresh")
_RT_SHORT = re.compile(r"\brt(?::? ?\d| score\b)|\bon rt\b")

_TEN_SCALE = re.compile(
    # (not the "2" of a decimal comma, "an 8,2 on IMDb")
    r"(?<![\d.])(?<!\d,)(\d(?:\.\d{1,2})?|10(?:\.0)?)(?:\s*(?:/|out of)\s*10\b)?(?![\d%]|[.,]\d)"
)
_PERCENT = re.compile(r"(?<![\d.])(\d{1,3})\s*(?:%|per ?cent\b)")  # "88 per cent" (UK)
_OUT_OF_100 = re.compile(r"(?<![\d.])(\d{1,3})\s*(?:/|out of)\s*100\b")
_OF_HUNDRED = re.compile(r"(?<=of )(\d{1,3})\b(?!\s*(?:%|per ?cent|/|out of)|[.,]\d)")
_HUNDRED = re.compile(r"(?<![\d.])(\d{1,3})(?:\s*(?:/|out of)\s*100\b)?(?![\d%]|[.,]\d)")

# A whole number named with a Rotten Tomatoes meter and no "%": "Popcornmeter 71", "93 on
# the Tomatometer", "a 93 from critics on Rotten Tomatoes" (not "season 2", "10 episodes")
_RT_METER = re.compile(r"\b(?:tomatometer|rotten tomatoes|rt)\b")
_AUDIENCE_METER = re.compile(r"\b(?:popcornmeter|audience score)\b")
_BARE = re.compile(
    r"(?<![\d.,/])(\d{1,3})\b(?![.,]\d|\s*(?:%|/|out of|per ?cent|million|episodes?|seasons?|"
    r"series|years?|minutes?|times|st|nd|rd|th)\b)"
)

# (key, site pattern, number pattern, reach in characters, valid range)
_SITES: tuple[tuple[str, re.Pattern[str], re.Pattern[str], int, float, float], ...] = (
    ("rt_audience", _AUDIENCE, _PERCENT, 40, 0, 100),
    ("rt_audience", _AUDIENCES_ALONE, _PERCENT, 0, 0, 100),  # only where RT is named
    ("rotten_tomatoes", _RT, _PERCENT, 50, 0, 100),
    ("rotten_tomatoes", _RT, _OF_HUNDRED, 12, 0, 100),  # "a Tomatometer of 91"
    ("rt_audience", _AUDIENCE_METER, _BARE, 12, 0, 100),
    ("rotten_tomatoes", _RT_METER, _BARE, 24, 0, 100),
    ("imdb", _IMDB, _TEN_SCALE, 45, 0.1, 10),
    ("metacritic", _META, _HUNDRED, 35, 1, 100),
    # "Metacritic, which uses a weighted average, assigned it a score of 68 out of 100"
    ("metacritic", _META, _OUT_OF_100, 90, 1, 100),
)


def mentions_a_site(norm: str) -> bool:
    """Cheap filter: only sentences naming a rating site are worth reading for scores."""
    return bool(_ANY_SITE.search(norm)) or ("rt" in norm and bool(_RT_SHORT.search(norm)))


def continues_scores(norm: str) -> bool:
    """Whether a sentence naming no site may go on with the previous sentence's: "Episode
    5 holds a 9.7 on IMDb. The series as a whole sits at 8.4." """
    return bool(_WHOLE.search(norm)) and any(c.isdigit() for c in norm)


def ratings_in(texts: Iterable[tuple[str, Owner]]) -> Ratings:
    """Ratings from normalised sentences, each with the owner of its positions.

    A sentence naming no site continues the one before it (see `continues_scores`): its
    figure for the show as a whole is that site's, when the one before named one site.
    """
    values: dict[str, float] = {}
    named: list[tuple[str, re.Pattern[str], re.Pattern[str], float, float]] = []
    for norm, owner in texts:
        if not mentions_a_site(norm):
            if len({key for key, *_ in named}) == 1:
                _read_continued(norm, owner, named, values)
            named = []
            continue
        previous, named = named, []
        taken: set[int] = set()  # a figure serves one site: "88%" is not both RT and audience
        if len({key for key, *_ in previous}) == 1 and _THE_SITE.search(norm):
            _read_the_site(norm, owner, previous[0], values, taken)
        for key, site, number, reach, low, high in _SITES:
            if site is _AUDIENCES_ALONE and not _RT.search(norm):
                continue
            if site.search(norm):
                named.append((key, site, number, low, high))
            if key in values:
                continue
            _keep(
                key, _site_value(site, number, norm, reach, owner, taken), low, high, values, taken
            )
    return Ratings(
        imdb=values.get("imdb"),
        rotten_tomatoes=_int(values.get("rotten_tomatoes")),
        rt_audience=_int(values.get("rt_audience")),
        metacritic=_int(values.get("metacritic")),
    )


# "IMDb users agree: … The show as a whole sits at 8.1 on the site and 89% on Rotten
# Tomatoes": the site the sentence before named
_THE_SITE = re.compile(r"\b(?:on|at) (?:the|that) (?:same )?site\b")


def _read_the_site(
    norm: str,
    owner: Owner,
    site: tuple[str, re.Pattern[str], re.Pattern[str], float, float],
    values: dict[str, float],
    taken: set[int],
) -> None:
    """The figure a sentence gives "on the site" that the sentence before named."""
    key, _, number, low, high = site
    if key not in values:
        _keep(key, _site_value(_THE_SITE, number, norm, 30, owner, taken), low, high, values, taken)


def _keep(
    key: str,
    found: tuple[float, int] | None,
    low: float,
    high: float,
    values: dict[str, float],
    taken: set[int],
) -> None:
    """Keep a figure found for a site if it lies in the site's range; its position is
    then taken ("88%" is not both the Tomatometer and the audience score)."""
    if found is not None and low <= found[0] <= high:
        values[key] = found[0]
        taken.add(found[1])


def _read_continued(
    norm: str,
    owner: Owner,
    named: list[tuple[str, re.Pattern[str], re.Pattern[str], float, float]],
    values: dict[str, float],
) -> None:
    """The show's figure as a whole in a sentence that goes on with the site just named."""
    key, _, number, low, high = named[0]
    if key in values:
        return
    for match in number.finditer(norm):
        value = float(match.group(1))
        if (
            low <= value <= high
            and not _not_a_score(norm, match)
            and owner(match.start())
            and _scope(norm, match.start()) == "whole"
        ):
            values[key] = value
            return


def _site_value(
    site: re.Pattern[str],
    number: re.Pattern[str],
    text: str,
    reach: int,
    owner: Owner,
    taken: set[int],
) -> tuple[float, int] | None:
    """The nearest figure to a site name that belongs to the tracked show.

    An episode's score is not the show's ("the finale already sits at 9.6 on IMDb"); a
    season's is, unless the sentence also gives the show's as a whole ("the first season
    scraped by at 71% on Rotten Tomatoes, while the show as a whole sits at 90%").
    """
    fallback: tuple[float, int] | None = None
    fallback_season = -1
    for anchor in site.finditer(text):
        for _, value, position in _by_distance(number, text, anchor, reach):
            if not _free_and_ours(text, position, site, owner, taken):
                # The nearest figure is another show's; a farther one may still be ours:
                # "kinder to Severance (a 96% Tomatometer score) than to Paradise (81%)".
                continue
            scope = _scope(text, position)
            if scope == "whole" or (scope is None and fallback is None):
                return value, position
            if scope == "season":
                # "Season 1: 91% | Season 2: 64%": the latest season scored is the show's now
                season = _season_scored(text, position)
                if fallback is None or season > fallback_season > 0:
                    fallback, fallback_season = (value, position), season
    if fallback is not None and fallback_season > 0:
        return _list_end(number, text, fallback, fallback_season)
    return fallback or _whole_farther(site, number, text, reach, owner, taken)


def _whole_farther(
    site: re.Pattern[str],
    number: re.Pattern[str],
    text: str,
    reach: int,
    owner: Owner,
    taken: set[int],
) -> tuple[float, int] | None:
    """A figure said to be the show's as a whole may stand farther from the site name than
    the reach: "The episode drew a 9.6 on IMDb within hours, a high for a series that sits
    at 8.5 overall." """
    for anchor in site.finditer(text):
        for distance, value, position in _by_distance(number, text, anchor, 2 * reach):
            if (
                distance > reach
                and _free_and_ours(text, position, site, owner, taken)
                and _scope(text, position) == "whole"
            ):
                return value, position
    return None


def _free_and_ours(
    text: str, position: int, site: re.Pattern[str], owner: Owner, taken: set[int]
) -> bool:
    """Whether the figure at `position` may be the site's: no other site took it or
    claims it, and it speaks of the tracked show."""
    return (
        position not in taken and not _inside_other_site(text, position, site) and owner(position)
    )


# "Season 1: 93% | Season 2: 71% | Season 3: 64%": the next item of a per-season list
_NEXT_SEASON_ITEM = re.compile(
    r"\s*(?:%|per ?cent|/\s*10)?\s*(?:[|,;/]|\band\b)?\s*(?:season|series) "
    r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s*(?::|-)?\s*"
)


def _list_end(
    number: re.Pattern[str], text: str, found: tuple[float, int], season: int
) -> tuple[float, int]:
    """The latest season's figure of a per-season list that `found` (of `season`) opens."""
    while True:
        figure = number.match(text, found[1])
        item = _NEXT_SEASON_ITEM.match(text, figure.end()) if figure else None
        following = number.match(text, item.end()) if item else None
        if item is None or following is None:
            return found
        word = item.group(1)
        later = int(word) if word.isdigit() else _SEASON_RANK.get(word, 0)
        if later <= season:
            return found
        found, season = (float(following.group(1)), following.start()), later


# What the figure is the score of, read from its clause before it: an episode, a
# season, or the show as a whole (None: the show, by default). A clause that opens on its
# verb ("…, a bottle episode set in a mine, scored 9.8"), on a relative pronoun ("the
# finale, which drew a 9.4"), on a participle ("…, scoring a 9.6") or on a bare "with"
# ("…, with a 9.7") has its subject further back.
_CLAUSE_CUT = re.compile(r".*(?:[;,(]|\s-\s|\b(?:while|whereas|but|and|though)\b)", re.S)
_SENTENCE_CUT = re.compile(r".*(?:[;(]|\s-\s|\b(?:while|whereas|but|though)\b)", re.S)
_NO_SUBJECT = re.compile(
    r"[\s\"']*(?:(?:which|that|who|where (?:it|they)) )?"
    r"(?:(?:currently|now|still|already|also|alone|reportedly) )?"
    r"(?:scor(?:ed|es|ing)|earn(?:ed|s|ing)|holds?|holding|held|sits?|sitting|sat|is|was|has|"
    r"had|receiv(?:ed|es|ing)|rated|drew|draws|drawing|boast(?:s|ing)?|land(?:ed|s|ing)|got|"
    r"gets|getting|pull(?:ed|ing)|racked up|notch(?:ed|ing)|nett(?:ed|ing)|climb(?:ed|ing)|"
    r"peak(?:ed|ing))\b"
    r"|[\s\"']*with (?:an? )?$"
)
_SENTENCE_REACH = 200  # how far back such a clause looks for its subject
# The thing scored, as a noun phrase: an episode ("the Season 2 finale", "episode four"),
# or another work ("the 2019 film that inspired it", "the British original").
_FILLER = r"(?:(?!(?:since|after|before|with|in|on|at|by|from|and|it|has|was|is)\b)[\w'-]+\s+)"
_THING = (
    # ("the final hour" is an episode; "Blue Hour" is a title)
    r"(?:(?<!-)\b(?:(?:series |season )?finale|premiere|pilot|"
    r"(?:(?<=the )|(?<=this )|(?<=that )|(?<=its )|(?<=final )|(?<=last )|(?<=first )|"
    r"(?<=opening )|(?<=closing )|(?<=premiere ))hour(?!-)|episode(?: \d+| one|"
    r" two| three| four| five| six| seven| eight| nine| ten)?|installment|instalment)|film|movie|"
    r"book|novel|"
    r"podcast|documentary|comic|manga|video game|stage play|(?:british|american|uk|us|korean|"
    r"spanish|danish|swedish|norwegian|israeli|french|german|japanese|australian|foreign|"
    r"[\w]+-language) original|original (?:british|american|uk|us|korean|spanish|danish|"
    r"swedish|norwegian|israeli|french|german|japanese|australian|foreign) (?:series|show|"
    r"version)|predecessor|(?:sister|parent) (?:show|series)|(?:last|previous|earlier|former|"
    r"other) (?:show|series|drama|comedy|project))\b"
)
# …as the clause's subject ("the finale already sits at 9.6") or right before the figure
# ("IMDb users rated the pilot 8.8").
# A subject may follow an adverb or a "that" ("no surprise that the episode holds…").
_LEAD = r"(?:(?:(?!(?:the|its|this|a|an)\b)[\w'-]+ ){1,5}?that |(?:also|and|plus|so|even|now) )?"
_THING_SUBJECT = re.compile(
    rf"\W*{_LEAD}(?:the |its |this |that |[\w'-]+'s )?{_FILLER}{{0,3}}{_THING}"
)
_THING_BEFORE = re.compile(rf"(?:the |its |this |that ){_FILLER}{{0,2}}{_THING}\s+(?:an? )?$")
_SEASON_SUBJECT = re.compile(
    r"\b(?:season|series) \d+\b|\b(?:first|second|third|fourth|fifth|sixth|seventh|"
    r"eighth|ninth|tenth|latest|new|debut|final|last|sophomore|current) (?:season|series)\b"
)
_WHOLE = re.compile(
    r"\b(?:as a whole|overall|(?:across|over) (?:all (?:\w+ )?seasons|(?:its|the) "
    r"(?:whole |entire )?run)|series-wide|cumulative)\b"
)

# "8.1 overall", "90% on Rotten Tomatoes across all seasons": said right after the figure
_WHOLE_AFTER = re.compile(
    r"[\d.]+\s*(?:%|per ?cent|/\s*10+)?(?:\s+on (?:rotten tomatoes|imdb|metacritic))?,?\s+"
    r"(?:overall|as a whole|across all (?:\w+ )?seasons|over its (?:whole |entire )?run)\b"
)


_SEASON_NAMED = re.compile(
    r"\b(?:season|series) (\d+|one|two|three|four|five|six|seven|eight|nine|ten)\b|"
    r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|debut|sophomore|"
    r"latest|new|current) (?:season|series)\b"
)
_SEASON_RANK = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "first": 1, "debut": 1, "second": 2, "sophomore": 2, "third": 3,
    "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
    "latest": 100, "new": 100, "current": 100,
}  # fmt: skip


def _season_scored(text: str, position: int) -> int:
    """The number of the season a season's figure scores (the latest: 100), else 0."""
    named = list(_SEASON_NAMED.finditer(text, max(0, position - 40), position))
    if not named:
        return 0
    word = named[-1].group(1) or named[-1].group(2)
    return int(word) if word.isdigit() else _SEASON_RANK.get(word, 0)


# A subject with an aside between it and its verb: "episode six, the one everybody argued
# about," (the text before the verb's clause)
_APPOSED = re.compile(r"([^,;]{1,60}),\s+(?:the|a|an|which|who)\b[^,;]{1,60},$")
_BARE_ARTICLE = re.compile(r"[\s\"']*(?:(?:an?|the) )?")  # "…best IMDb score, a 9.1"


def _scope(text: str, position: int) -> str | None:
    """ "thing", "season" or "whole" for the figure at `position`, else None."""
    before = text[max(0, position - 90) : position]
    cut = _CLAUSE_CUT.match(before)
    clause = before[cut.end() :] if cut else before
    if _NO_SUBJECT.match(clause) or _BARE_ARTICLE.fullmatch(clause):
        apposed = _APPOSED.search(before, 0, len(before) - len(clause))
        if apposed and _THING_SUBJECT.match(apposed.group(1)):
            return "thing"  # "episode six, the one everybody argued about, holds a 9.4"
        before = text[max(0, position - _SENTENCE_REACH) : position]
        cut = _SENTENCE_CUT.match(before)
        clause = before[cut.end() :] if cut else before
    if _WHOLE.search(clause) or _WHOLE_AFTER.match(text, position):
        return "whole"
    if _THING_SUBJECT.match(clause) or _THING_BEFORE.search(clause):
        return "thing"  # an episode's score, or another work's: not the show's
    return "season" if _SEASON_SUBJECT.search(clause) else None


# A number that names a season, an episode or a chart place, or a whole number that
# counts things, is no score: "renewed for season 3, outscoring Dry Gulch on IMDb", "9
# episodes on IMDb" (but "a 96% series-wide score" is one).
_NUMBERED = re.compile(
    r"(?:\b(?:seasons?|series|episodes?|ep|part|volume|vol|chapter|top|no|number)\.?\s*|\b[se]|#)$"
)
_COUNTED = re.compile(
    r"\s*(?:(?:new|more|additional|further|final|extra|straight|consecutive|remaining|total)\s+)?"
    r"(?:seasons?|episodes?|series|million|years?|weeks?|days?|hours?|minutes?|times|"
    r"stars?|nominations?|wins?|emmys?)\b"
)

_MAGNITUDE = re.compile(r"\s*(?:million|billion|thousand|mn|bn)\b")  # "8.3 million viewers"

# "climbed from 7.2 to 7.9", "dropped from 90% to 62%", "(8.3 to 7.2)": the figure after
# "to" stands
_SUPERSEDED = re.compile(r"\s*(?:%|per ?cent|/\s*10+)?\s+to\s+(?:an? )?\d")


# "7.4/10", "8 out of 10": the scale a figure is given on is no figure
_DENOMINATOR = re.compile(r"(?:/|\bout of)\s*$")
_AVERAGE = re.compile(r"\baverage (?:rating|score) (?:is |of )?(?:an? )?$")
_SEPARATOR = re.compile(r"[;|]")
# "only two have cleared 80% on Rotten Tomatoes": a threshold, not a score
_THRESHOLD = re.compile(
    r"\b(?:cleared?|clearing|crossed|crossing|broke|breaking|more than|less than|at least|"
    r"north of|south of)\s+(?:the\s+)?$"
)


def _not_a_score(text: str, match: re.Match[str]) -> bool:
    """A season's number, a count ("10 new episodes", "8.3 million"), a scale's
    denominator, the "from" of "from 7.2 to 7.9", or the Rotten Tomatoes average rating."""
    start, end = match.start(), match.end()
    return bool(
        _NUMBERED.search(text, max(0, start - 9), start)
        or _DENOMINATOR.search(text, max(0, start - 8), start)
        or (match.group().isdigit() and _COUNTED.match(text, end))
        or _MAGNITUDE.match(text, end)
        or _SUPERSEDED.match(text, end)
        or _THRESHOLD.search(text, max(0, start - 14), start)
        or (
            "average" in text
            and "tomato" in text
            and _AVERAGE.search(text, max(0, start - 25), start)
        )
    )


def _by_distance(
    number: re.Pattern[str], text: str, anchor: re.Match[str], reach: int
) -> list[tuple[int, float, int]]:
    found = []
    for match in number.finditer(text):
        if anchor.start() <= match.start() < anchor.end():
            continue
        if match.start() >= anchor.end():
            distance = match.start() - anchor.end()
        else:
            distance = anchor.start() - match.end()
        if not 0 <= distance <= reach or _not_a_score(text, match):
            continue
        # a figure across a ";" or "|" from the site name comes after one that is not
        low, high = sorted((match.start(), anchor.start()))
        if _SEPARATOR.search(text, low, high):
            distance += reach
        found.append((distance, float(match.group(1)), match.start()))
    return sorted(found)


_CRITICS_FIGURE = re.compile(
    # (not "a Popcornmeter score of 88% on Rotten Tomatoes": the site, not its critics)
    r"\d{1,3}\s*(?:%|per ?cent)\s*(?:(?:with|from|among) )?(?:the )?(?:tomatometer|critics)\b"
)
_FROM_AUDIENCES = re.compile(r"\d+\s*%\s+(?:from|with|among) (?:audiences|viewers)\b")


def _inside_other_site(text: str, position: int, site: re.Pattern[str]) -> bool:
    """ "an 89% Tomatometer score and an audience score of 72%": 72 is the audience's,
    and 89 the Tomatometer's ("93% critics / 71% audience")."""
    if site is _AUDIENCE or site is _AUDIENCE_METER:
        return bool(_CRITICS_FIGURE.match(text, position))
    if site is _RT:
        preceding = text[max(0, position - 25) : position]
        following = text[position : position + 14]
        return bool(
            (_AUDIENCE.search(following) and not _RT.search(following))
            or _FROM_AUDIENCES.match(text, position)
        ) or bool(
            re.search(
                r"(?:popcornmeter|audience score|audience rating|audiences|viewers)(?: of)?\s*$",
                preceding,
            )
        )
    return False


def _int(value: float | None) -> int | None:
    return None if value is None else int(value)
