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
_RT = re.compile(r"\b(?:rotten tomatoes|tomatometer|certified fresh|critics? score|rt score)\b")
_AUDIENCE = re.compile(
    r"\b(?:popcornmeter|audience (?:score|rating)|audience-score|verified audience)\b"
)
_META = re.compile(r"\b(?:metacritic|metascore)\b")
_ANY_SITE = re.compile(r"imdb|tomato|metacritic|metascore|popcorn|audience|certified fresh")

_TEN_SCALE = re.compile(
    r"(?<![\d.])(\d(?:\.\d{1,2})?|10(?:\.0)?)(?:\s*(?:/|out of)\s*10\b)?(?![\d%]|[.,]\d)"
)
_PERCENT = re.compile(r"(?<![\d.])(\d{1,3})\s*(?:%|percent\b)")
_OUT_OF_100 = re.compile(r"(?<![\d.])(\d{1,3})\s*(?:/|out of)\s*100\b")
_HUNDRED = re.compile(r"(?<![\d.])(\d{1,3})(?:\s*(?:/|out of)\s*100\b)?(?![\d%]|[.,]\d)")

# (key, site pattern, number pattern, reach in characters, valid range)
_SITES: tuple[tuple[str, re.Pattern[str], re.Pattern[str], int, float, float], ...] = (
    ("rt_audience", _AUDIENCE, _PERCENT, 40, 0, 100),
    ("rotten_tomatoes", _RT, _PERCENT, 50, 0, 100),
    ("imdb", _IMDB, _TEN_SCALE, 45, 0.1, 10),
    ("metacritic", _META, _HUNDRED, 35, 1, 100),
    # "Metacritic, which uses a weighted average, assigned it a score of 68 out of 100"
    ("metacritic", _META, _OUT_OF_100, 90, 1, 100),
)


def mentions_a_site(norm: str) -> bool:
    """Cheap filter: only sentences naming a rating site are worth reading for scores."""
    return bool(_ANY_SITE.search(norm))


def ratings_in(texts: Iterable[tuple[str, Owner]]) -> Ratings:
    """Ratings from normalised sentences, each with the owner of its positions."""
    values: dict[str, float] = {}
    for norm, owner in texts:
        taken: set[int] = set()  # a figure serves one site: "88%" is not both RT and audience
        for key, site, number, reach, low, high in _SITES:
            found = _site_value(site, number, norm, reach, owner, taken)
            if found is not None and key not in values and low <= found[0] <= high:
                values[key] = found[0]
                taken.add(found[1])
    return Ratings(
        imdb=values.get("imdb"),
        rotten_tomatoes=_int(values.get("rotten_tomatoes")),
        rt_audience=_int(values.get("rt_audience")),
        metacritic=_int(values.get("metacritic")),
    )


def _site_value(
    site: re.Pattern[str],
    number: re.Pattern[str],
    text: str,
    reach: int,
    owner: Owner,
    taken: set[int],
) -> tuple[float, int] | None:
    """The nearest figure to a site name that belongs to the tracked show."""
    for anchor in site.finditer(text):
        for _, value, position in _by_distance(number, text, anchor, reach):
            if position in taken or _inside_other_site(text, position, site):
                continue
            if owner(position):
                return value, position
            # The nearest figure is another show's; a farther one may still be ours:
            # "kinder to Severance (a 96% Tomatometer score) than to Paradise (81%)".
    return None


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
        if 0 <= distance <= reach:
            found.append((distance, float(match.group(1)), match.start()))
    return sorted(found)


def _inside_other_site(text: str, position: int, site: re.Pattern[str]) -> bool:
    """ "an 89% Tomatometer score and an audience score of 72%": 72 is the audience's."""
    if site is _RT:
        following = text[position : position + 14]
        preceding = text[max(0, position - 25) : position]
        return bool(_AUDIENCE.search(following) and not _RT.search(following)) or bool(
            re.search(r"(?:popcornmeter|audience score|audience rating)(?: of)?\s*$", preceding)
        )
    return False


def _int(value: float | None) -> int | None:
    return None if value is None else int(value)
