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
    # a count of things is no score, even with an adjective between: "12 new episodes"
    (
        "count-with-adjective-is-no-score",
        "Cinder Falls",
        "Cinder Falls, which has a 7.2 on IMDb, will film 10 new episodes this spring.",
        {"imdb": 7.2},
    ),
    (
        "count-alone-is-no-score",
        "Cinder Falls",
        "Cinder Falls is an IMDb darling and will shoot 10 new episodes in June.",
        {},
    ),
    (
        "count-in-relative-clause-is-no-score",
        "Cinder Falls",
        "IMDb users love Cinder Falls, which will shoot 10 more episodes in June.",
        {},
    ),
    (
        "ten-is-a-score",
        "Cinder Falls",
        "Fans are thrilled: IMDb users give Cinder Falls a perfect 10.",
        {"imdb": 10.0},
    ),
    # the scale a figure is given on is no figure: "7.1/10" leaves no "10"
    (
        "denominator-is-no-metascore",
        "Ferrous",
        "On Rotten Tomatoes, Ferrous has an approval rating of 81% with an average rating of "
        "7.1/10, and on Metacritic it holds 69 out of 100.",
        {"rotten_tomatoes": 81, "metacritic": 69},
    ),
    (
        "denominator-alone-is-no-metascore",
        "Ferrous",
        "Ferrous averages 6.2/10 from critics on Rotten Tomatoes; Metacritic has not scored it.",
        {},
    ),
]


@pytest.mark.parametrize(
    ("show", "text", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_ratings(show: str, text: str, expected: dict[str, float]) -> None:
    got = extract(show, text=text).ratings.to_dict()
    assert got == {key: expected.get(key) for key in got}
