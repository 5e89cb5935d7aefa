"""The rating reader on sentences written for it: each phrasing it reads, beside a
look-alike it must leave alone (an episode's score, a count, a denominator, the Rotten
Tomatoes average rating, another show's score).

Each case is (id, show, text, expected ratings); a rating left out is expected to be None.
"""

from __future__ import annotations

import pytest

from tracker.extract import extract

CASES: list[tuple[str, str, str, dict[str, float]]] = [
    # "per cent", the British spelling
    (
        "per-cent-tomatometer",
        "Harrow Lane",
        "Harrow Lane returns for a third series. The thriller holds a 91 per cent Tomatometer.",
        {"rotten_tomatoes": 91},
    ),
    (
        "per-cent-audience-score",
        "Harrow Lane",
        "Harrow Lane has an audience score of 77 per cent on Rotten Tomatoes.",
        {"rt_audience": 77},
    ),
    (
        "per-cent-share-is-no-rating",
        "Harrow Lane",
        "Harrow Lane drew a 24 per cent audience share on Sunday night.",
        {},
    ),
]


@pytest.mark.parametrize(
    ("show", "text", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_ratings(show: str, text: str, expected: dict[str, float]) -> None:
    got = extract(show, text=text).ratings.to_dict()
    assert got == {key: expected.get(key) for key in got}
