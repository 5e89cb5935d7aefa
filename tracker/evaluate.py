"""`tracker eval`: score the extractor on labelled cases, beside a keyword baseline.

The input is the `tracker extract --batch` format plus an `expected` object
(`status`, `season`, `imdb`, `rotten_tomatoes`, `rt_audience`, `metacritic`). The
baseline is what a person skimming headlines for keywords would do ("renew" ->
renewed, "cancel" -> cancelled, …): the extractor has to beat it to be worth having.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker.extract.model import STATUSES
from tracker.extract.seasons import season_refs
from tracker.extract.text import normalise
from tracker.extract_cli import run_case

RATING_KEYS = ("imdb", "rotten_tomatoes", "rt_audience", "metacritic")

_BASELINE = (
    ("cancel", "cancelled"),
    ("renew", "renewed"),
    ("final season", "ending"),
    ("reviv", "revived"),
    ("series order", "ordered"),
    ("development", "in_development"),
    ("ended", "ended"),
)


def baseline(case: dict[str, Any], base: Path) -> dict[str, Any]:
    """The keyword baseline: the first keyword found decides; the first "season N" is the season."""
    text = case.get("text") or case.get("html") or ""
    if "file" in case:
        text = (base / str(case["file"])).read_text(encoding="utf-8", errors="replace")
    norm = normalise(re.sub(r"<[^>]+>", " ", text))
    status = next((s for word, s in _BASELINE if word in norm), "unknown")
    refs = season_refs(norm)
    season = refs[0].number if refs and status != "unknown" else None
    return {"status": status, "season": season, "ratings": dict.fromkeys(RATING_KEYS)}


@dataclass
class Score:
    """Accuracy figures for one predictor over the cases."""

    name: str
    total: int = 0
    status_right: int = 0
    season_total: int = 0
    season_right: int = 0
    rating_total: int = 0
    rating_right: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    def add(self, case_id: str, expected: dict[str, Any], got: dict[str, Any]) -> None:
        self.total += 1
        want, have = expected.get("status", "unknown"), got.get("status", "unknown")
        self.confusion[(want, have)] += 1
        ok = want == have
        self.status_right += ok
        if expected.get("season") is not None:
            self.season_total += 1
            season_ok = got.get("season") == expected["season"]
            self.season_right += season_ok
            ok = ok and season_ok
        ok = self._ratings(expected, got.get("ratings") or {}) and ok
        if not ok:
            self.misses.append(f"{case_id}: expected {_short(expected)}, got {_short(got)}")

    def _ratings(self, expected: dict[str, Any], ratings: dict[str, Any]) -> bool:
        all_ok = True
        for key in RATING_KEYS:
            want, have = expected.get(key), ratings.get(key)
            if want is None and have is None:
                continue
            self.rating_total += 1
            right = want is not None and have is not None and abs(float(want) - float(have)) < 1e-6
            self.rating_right += right
            all_ok = all_ok and right
        return all_ok

    def precision_recall(self, status: str) -> tuple[float | None, float | None, int]:
        predicted = sum(n for (_, have), n in self.confusion.items() if have == status)
        actual = sum(n for (want, _), n in self.confusion.items() if want == status)
        right = self.confusion[(status, status)]
        return _ratio(right, predicted), _ratio(right, actual), actual


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def _short(result: dict[str, Any]) -> str:
    ratings = result.get("ratings")
    if ratings is None:
        ratings = {k: result.get(k) for k in RATING_KEYS}
    shown = ", ".join(f"{k}={v}" for k, v in ratings.items() if v is not None)
    season = f" S{result['season']}" if result.get("season") is not None else ""
    return f"{result.get('status')}{season}" + (f" [{shown}]" if shown else "")


def evaluate(cases: Iterable[tuple[dict[str, Any], Path]]) -> tuple[Score, Score]:
    """Score the extractor and the baseline on the same cases (each with its file's folder)."""
    ours, naive = Score("extractor"), Score("keyword baseline")
    for case, base in cases:
        expected = case.get("expected") or {}
        case_id = str(case.get("id"))
        ours.add(case_id, expected, run_case(case, base))
        naive.add(case_id, expected, baseline(case, base))
    return ours, naive


def report(scores: Sequence[Score], show_misses: int = 50) -> list[str]:
    """The side-by-side table printed by `tracker eval`."""
    lines = [f"{'':28}" + "".join(f"{s.name:>20}" for s in scores)]
    rows: list[tuple[str, Callable[[Score], str]]] = [
        ("cases", lambda s: str(s.total)),
        ("status accuracy", lambda s: _pct(s.status_right, s.total)),
        ("season accuracy", lambda s: _pct(s.season_right, s.season_total)),
        ("ratings exact", lambda s: _pct(s.rating_right, s.rating_total)),
    ]
    for label, cell in rows:
        lines.append(f"{label:28}" + "".join(f"{cell(s):>20}" for s in scores))
    for status in STATUSES:
        cells = []
        for score in scores:
            precision, recall, support = score.precision_recall(status)
            cells.append(f"P {_f(precision)} R {_f(recall)}")
        support = scores[0].precision_recall(status)[2]
        lines.append(f"{status + f' (n={support})':28}" + "".join(f"{c:>20}" for c in cells))
    first = scores[0]
    lines.append(f"misses of the {first.name} ({len(first.misses)}):")
    lines.extend(f"  {miss}" for miss in first.misses[:show_misses])
    return lines


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f}% ({a}/{b})" if b else "n/a"


def _f(value: float | None) -> str:
    return "  - " if value is None else f"{value:.2f}"
