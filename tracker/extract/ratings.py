"""Rating scores stated in text: IMDb x/10, Tomatometer %, Popcornmeter %, Metascore.

A figure counts only when it sits next to the site's name in a clause about the
tracked show; years, episode counts and other shows' scores are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tracker.extract.model import Ratings

_IMDB = re.compile(r"\bimdb\b")
_RT = re.compile(r"\b(?:rotten tomatoes|tomatometer|certified fresh|critics? score|rt score)\b")
_AUDIENCE = re.compile(
    r"\b(?:popcornmeter|audience (?:score|rating)|audience-score|verified audience)\b"
)
_META = re.compile(r"\b(?:metacritic|metascore)\b")

_TEN_SCALE = re.compile(
    r"(?<![\d.])(\d(?:\.\d{1,2})?|10(?:\.0)?)(?:\s*(?:/|out of)\s*10\b)?(?![\d%]|[.,]\d)"
)
_PERCENT = re.compile(r"(?<![\d.])(\d{1,3})\s*(?:%|percent\b)")
_HUNDRED = re.compile(r"(?<![\d.])(\d{1,3})(?:\s*(?:/|out of)\s*100\b)?(?![\d%]|[.,]\d)")


def _nearest(pattern: re.Pattern[str], text: str, anchor: re.Match[str], reach: int) -> str | None:
    """The number matching `pattern` closest to the site name, within `reach` characters."""
    best: tuple[int, str] | None = None
    for match in pattern.finditer(text):
        if match.start() >= anchor.start() and match.end() <= anchor.end():
            continue
        distance = (
            match.start() - anchor.end()
            if match.start() >= anchor.end()
            else anchor.start() - match.end()
        )
        if 0 <= distance <= reach and (best is None or distance < best[0]):
            best = (distance, match.group(1))
    return best[1] if best else None


def _site_value(
    site: re.Pattern[str], number: re.Pattern[str], clause: str, reach: int
) -> str | None:
    for anchor in site.finditer(clause):
        found = _nearest(number, clause, anchor, reach)
        if found is not None:
            return found
    return None


def ratings_in(clauses: Iterable[str]) -> Ratings:
    """Ratings from normalised clauses already attributed to the tracked show."""
    values: dict[str, float | int] = {}
    for clause in clauses:
        _imdb(clause, values)
        _percent_sites(clause, values)
        _metacritic(clause, values)
    return Ratings(
        imdb=_float(values.get("imdb")),
        rotten_tomatoes=_int(values.get("rotten_tomatoes")),
        rt_audience=_int(values.get("rt_audience")),
        metacritic=_int(values.get("metacritic")),
    )


def _imdb(clause: str, values: dict[str, float | int]) -> None:
    if "imdb" in values or not _IMDB.search(clause):
        return
    found = _site_value(_IMDB, _TEN_SCALE, clause, 45)
    if found is not None and 0 < float(found) <= 10:
        values["imdb"] = float(found)


def _percent_sites(clause: str, values: dict[str, float | int]) -> None:
    audience = _site_value(_AUDIENCE, _PERCENT, clause, 40) if _AUDIENCE.search(clause) else None
    if audience is not None and "rt_audience" not in values and int(audience) <= 100:
        values["rt_audience"] = int(audience)
    if "rotten_tomatoes" in values or not _RT.search(clause):
        return
    masked = _AUDIENCE.sub(lambda m: "#" * len(m.group()), clause)
    if audience is not None:
        masked = re.sub(
            rf"(?<![\d.]){audience}\s*(?:%|percent)",
            lambda m: "#" * len(m.group()),
            masked,
            count=1,
        )
    found = _site_value(_RT, _PERCENT, masked, 50)
    if found is not None and int(found) <= 100:
        values["rotten_tomatoes"] = int(found)


def _metacritic(clause: str, values: dict[str, float | int]) -> None:
    if "metacritic" in values or not _META.search(clause):
        return
    found = _site_value(_META, _HUNDRED, clause, 35)
    if found is not None and 0 < int(found) <= 100:
        values["metacritic"] = int(found)


def _float(value: float | int | None) -> float | None:
    return None if value is None else float(value)


def _int(value: float | int | None) -> int | None:
    return None if value is None else int(value)
