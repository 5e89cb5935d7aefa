"""Readings added in extractor 0.15.0, each beside the look-alike it must not swallow.

The texts are written for these tests (not corpus text). Each fix came from a false
renewal or cancellation the rules gave on the development sets, read without the learned
reader (`doubt=False`), so that its memory of the corpus could not hide the rule's error.
"""

from __future__ import annotations

import pytest
from readings import read as _read

from tracker.extract import extract


@pytest.mark.parametrize(
    ("show", "text", "expected"),
    [
        # a renewal of something else: a deal, the cast's options, plural contracts
        (
            "Puddle Jumpers",
            "ABC Kids and Moonbeam Studios have renewed their worldwide distribution agreement "
            "for Puddle Jumpers, the companies said on Monday.",
            ("unknown", None),
        ),
        (
            "Puddle Jumpers",
            "Contracts Renewed for Two Puddle Jumpers Voice Actors as Talks Continue",
            ("unknown", None),
        ),
        (
            "Puddle Jumpers",
            "ABC Kids has renewed Puddle Jumpers for a fourth season, the network said on Monday.",
            ("renewed", 4),
        ),
        # people brought back, not the show
        (
            "Juniper Hall",
            "The series finale of Juniper Hall aired on Sunday, closing out the drama's "
            "six-season run with a wedding that brought back almost every former cast member.",
            ("ended", 6),
        ),
        (
            "Juniper Hall",
            "Channel 4 is bringing back Juniper Hall for a seventh series.",
            ("renewed", 7),
        ),
        # "a full-season pickup" is more episodes of this season
        (
            "Juniper Hall",
            "NBC has handed Juniper Hall a full-season pickup, but that is not a renewal: a "
            "decision on a second season comes in May.",
            ("pending", 2),
        ),
        # a bubble column's verdict is a guess
        ("Juniper Hall", "Juniper Hall (NBC) — Lean renew.", ("pending", None)),
        # shows in general
        (
            "Juniper Hall",
            "Juniper Hall has had a quiet run. Its numbers put it ahead of some shows Netflix "
            "has cancelled, but behind the ones it renewed without a second thought.",
            ("unknown", None),
        ),
        (
            "Juniper Hall",
            "On this week's episode: Juniper Hall, and our list of the best cancelled shows of "
            "the decade.",
            ("unknown", None),
        ),
        # (shows counted or named are these ones)
        (
            "Juniper Hall",
            "NBC cancelled two dramas on Friday, Juniper Hall and Harbor Nights.",
            ("cancelled", None),
        ),
        (
            "Juniper Hall",
            "NBC has cancelled the comedies Juniper Hall and Harbor Nights.",
            ("cancelled", None),
        ),
        # a drop in viewers is no dropped show
        (
            "Juniper Hall",
            "Juniper Hall's audience dropped by about 30% in its second week.",
            ("unknown", None),
        ),
        (
            "Juniper Hall",
            "Juniper Hall was dropped by Netflix after a single season.",
            ("cancelled", 1),
        ),
        # hearsay and certainty that turned out wrong
        (
            "Juniper Hall",
            "A coworker told me Juniper Hall was canceled. Is that true?",
            ("pending", None),
        ),
        (
            "Juniper Hall",
            "Honestly I was sure Juniper Hall was getting the chop after that finale.",
            ("pending", None),
        ),
        # a question in quotes is still a question
        (
            "Juniper Hall",
            "The replies under the Juniper Hall trailer are all 'wait, is it cancelled??'",
            ("pending", None),
        ),
        # a cast member axed beside a renewal
        (
            "Juniper Hall",
            "Fox renewed Juniper Hall for a fifth season, and confirmed that series regular "
            "Dana Cole has been axed ahead of the new season.",
            ("renewed", 5),
        ),
    ],
)
def test_lookalikes(show: str, text: str, expected: tuple[str, int | None]) -> None:
    assert _read(show, text) == expected


@pytest.mark.parametrize(
    ("show", "text", "expected"),
    [
        # a pickup of a show another network cancelled is a revival
        (
            "Copper Flats",
            "Prime Video has picked up the Peacock-cancelled comedy Copper Flats for a second "
            "season.",
            ("revived", 2),
        ),
        (
            "Copper Flats",
            "#SaveCopperFlats Worked: Prime Video Picks Up Cancelled Comedy Copper Flats for "
            "Season 2",
            ("revived", 2),
        ),
        # a new series' first season is an order, not a renewal
        (
            "Copper Flats",
            "After years in development, Copper Flats is happening: Netflix has greenlit an "
            "eight-episode first season.",
            ("ordered", 1),
        ),
        (
            "Copper Flats",
            "Netflix renewed Copper Flats on Monday, citing strong viewing of the first season.",
            ("renewed", 2),
        ),
        # "it would be the last", reported by whoever announced it
        (
            "Copper Flats",
            "In May, NBC renewed Copper Flats for a fifth season, and in January announced "
            "that it would be the last.",
            ("ending", 5),
        ),
        (
            "Copper Flats",
            "Copper Flats aired on NBC from September 24, 2019, to May 16, 2024.",
            ("ended", None),
        ),
        # an update that renews and ends in one breath
        (
            "Copper Flats",
            "Update, Nov. 21: Paramount+ has confirmed a third season of Copper Flats — but it "
            "will be the last.",
            ("ending", 3),
        ),
        # a time stamp's zone is no title
        (
            "Copper Flats",
            "Netflix has renewed Copper Flats for a third season, according to a report.\n\n"
            "Update, 6:10 p.m. ET: A Netflix spokesperson has pushed back on the report.",
            ("pending", 3),
        ),
        # "a week after Showtime let it go" dates the pickup; alone it is the news
        (
            "Copper Flats",
            "Showtime has cancelled Copper Flats.\n\nUPDATE: Netflix has picked up Copper Flats "
            "for a third season, less than a week after Showtime let it go.",
            ("revived", 3),
        ),
        (
            "Copper Flats",
            "The news came a day after the network quietly cancelled Copper Flats, its "
            "motorcycle-club drama, after three seasons.",
            ("cancelled", 3),
        ),
        # a season's run closed is no show's
        (
            "Copper Flats",
            "Paramount+ is bringing back Copper Flats for a third season. The pickup comes two "
            "weeks after the drama closed out its sophomore run.",
            ("renewed", 3),
        ),
    ],
)
def test_decisions(show: str, text: str, expected: tuple[str, int | None]) -> None:
    assert _read(show, text) == expected


def test_a_listicle_items_description_is_that_items_show() -> None:
    """Another item's "the conspiracy thriller" is not the tracked thriller, however the
    tracked show is described in its own item."""
    html = (
        "<html><body><article><h1>Every Show Cancelled This Year</h1>"
        "<h2>1. Kestrel Point (Hulu)</h2><p>Status: Renewed</p>"
        "<p>Hulu renewed the spy thriller for a third season in April.</p>"
        "<h2>2. Signal Lost (Peacock)</h2><p>Status: Cancelled</p>"
        "<p>Peacock confirmed that the conspiracy thriller would not return for a third "
        "season.</p>"
        "<h2>3. Low Tide (Max)</h2><p>Status: Cancelled after one season</p>"
        "</article></body></html>"
    )
    found = extract("Kestrel Point", html=html, doubt=False)
    assert (found.status, found.season) == ("renewed", 3)


def test_headline_second_verb_is_its_own_clause() -> None:
    """ "CBS orders Off the Grid: Alaska, renews flagship for season 9": the flagship's
    renewal is not the spinoff's."""
    text = "CBS orders Trail Blazers: Yukon, renews flagship for season 9"
    assert _read("Trail Blazers: Yukon", text)[0] != "renewed"
    assert _read("Ridge Patrol", "CBS cancels Dune Riders, renews Ridge Patrol for season 4") == (
        "renewed",
        4,
    )
