"""Season readings added in extractor 0.14.0, each beside the look-alike it must not swallow.

The texts are written for these tests (not corpus text). Each fix came from a season miss
in the development sets: British totals ("ran for four series"), a season described as
wrapped, "through Season 6" after "two more seasons", a sophomore finale.
"""

from __future__ import annotations

import pytest

from tracker.extract import extract
from tracker.extract.seasons import season_refs
from tracker.extract.text import normalise


def _season(show: str, text: str) -> tuple[str, int | None]:
    found = extract(show, text=text)
    return found.status, found.season


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # how many a British show made, counted after a verb or a preposition
        (
            "Marsh Lane is a British sitcom that aired on ITV from 2011 to 2016 and comprised "
            "five series. It has ended.",
            ("ended", 5),
        ),
        (
            "Marsh Lane, which ran for three series on BBC Two, will not return, its writers "
            "confirmed on Friday.",
            ("cancelled", 3),
        ),
        (
            "So long, Marsh Lane. The sitcom's final episode aired on Sunday. Over four series "
            "and two specials, it became a cult favourite.",
            ("ended", 4),
        ),
        (
            "Marsh Lane won't be coming back, the channel confirmed. Thanks to everyone who "
            "watched both seasons.",
            ("cancelled", 2),
        ),
        # "no season 3": the third was never made
        ("It's official: Marsh Lane has been cancelled. No season 3.", ("cancelled", 2)),
        (
            "Hulu has cancelled Marsh Lane. The comedy's first and only season premiered in "
            "January.",
            ("cancelled", 1),
        ),
    ],
)
def test_seasons_made(text: str, expected: tuple[str, int | None]) -> None:
    assert _season("Marsh Lane", text) == expected


def test_plural_series_alone_counts_nothing() -> None:
    """ "Two series were axed" may be two shows, and "renewed for two series" is an order:
    neither counts the seasons a show made."""
    assert season_refs(normalise("the channel axed two series on monday.")) == []
    assert season_refs(normalise("the bbc has renewed it for two series.")) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a season described as wrapped is made: the wait is for the next one
        (
            "Fox renewed Rescue Point on Friday. Its sister drama Kiln Street wrapped its "
            "second season last week and has not yet been picked up.",
            ("pending", 3),
        ),
        (
            "After Sunday's sophomore finale, the question hanging over Kiln Street is whether "
            "there will be any more. AMC has made no announcement either way.",
            ("pending", 3),
        ),
        # look-alike: a second season still to come is the one awaited
        (
            "Kiln Street has not yet been renewed for a second season, AMC said.",
            ("pending", 2),
        ),
    ],
)
def test_the_season_a_wait_is_about(text: str, expected: tuple[str, int | None]) -> None:
    assert _season("Kiln Street", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the last season ordered, named outright: "two more" is not counted on top of it
        (
            "CBS has renewed Tall Pines for two more seasons, keeping the procedural on the "
            "schedule through at least Season 6.",
            ("renewed", 6),
        ),
        (
            "Channel 4 has recommissioned Tall Pines for two further series, taking the panel "
            "show up to series 22.",
            ("renewed", 22),
        ),
        # look-alike: "two more" counted from the current season
        (
            "Midway through its third season, Tall Pines has been renewed for two more seasons.",
            ("renewed", 5),
        ),
    ],
)
def test_orders_up_to_a_season(text: str, expected: tuple[str, int | None]) -> None:
    assert _season("Tall Pines", text) == expected


def test_a_revival_after_a_season_named_with_following() -> None:
    text = (
        "Three years after ABC dropped it following its second season, Tall Pines is "
        "coming back at Peacock."
    )
    assert _season("Tall Pines", text) == ("revived", 3)
