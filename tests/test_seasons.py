"""Season arithmetic: how news states the season a renewal, an end or a wait concerns.

Each phrasing comes with a look-alike that must leave the season alone. The sentences
are written for these tests, not taken from the corpus.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tracker.extract import extract
from tracker.extract.seasons import _PATTERNS, more_seasons, season_refs
from tracker.extract.text import normalise

CORPUS = Path(__file__).parent / "corpus"


def _season(show: str, text: str) -> tuple[str, int | None]:
    found = extract(show, text=text)
    return found.status, found.season


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a renewal timed by a premiere or a finale orders the season after it
        (
            "Hulu has renewed Tin Lantern. The news arrived a week before the first season's "
            "finale.",
            ("renewed", 2),
        ),
        (
            "Max gave Tin Lantern an early renewal ahead of its fourth-season premiere.",
            ("renewed", 5),
        ),
        (
            "Max has renewed Tin Lantern, ordering another batch of episodes days before the "
            "show's sophomore run debuts.",
            ("renewed", 3),
        ),
        # look-alike: the season named is the one ordered
        ("Max renewed Tin Lantern for a second season before the finale.", ("renewed", 2)),
    ],
)
def test_before_a_premiere_or_finale(text: str, expected: tuple[str, int | None]) -> None:
    assert _season("Tin Lantern", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a count on top of the seasons made: "a two-season renewal", "the double pickup"
        (
            "With its third season wrapping next week, Starz handed Marsh Lights a "
            "two-season renewal.",
            ("renewed", 5),
        ),
        (
            "Starz has renewed Marsh Lights with a double pickup. The news came days after the "
            "third season wrapped.",
            ("renewed", 5),
        ),
        # look-alike: "a two-season arc" counts no order
        ("Starz renewed Marsh Lights for a fourth season, a two-season arc.", ("renewed", 4)),
    ],
)
def test_more_seasons_counted_on(text: str, expected: tuple[str, int | None]) -> None:
    assert _season("Marsh Lights", text) == expected


def test_more_seasons_reads_counts_and_doubles() -> None:
    clause = "the network handed it a three-season renewal"
    assert more_seasons(clause, clause.index("renewal"), len(clause)) == 3
    clause = "the double pickup came as a surprise"
    assert more_seasons(clause, clause.index("pickup"), len(clause)) == 2
    clause = "the double bill drew a crowd"
    assert more_seasons(clause, 0, len(clause)) == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the season on the air is the one made; a wait is for the next
        (
            '"We have not made a decision on Copper Loom yet," said the executive of the '
            "drama, whose third season ends next month.",
            ("pending", 4),
        ),
        (
            "Copper Loom is on the bubble, and the freshman soap needs a ratings bump.",
            ("pending", 2),
        ),
        (
            "As for freshman entry Copper Loom, the network is still deciding.",
            ("pending", 2),
        ),
        # a season rumoured to be filming is the one awaited, not one made
        (
            "Fans insist Copper Loom Season 2 is filming. The network has not confirmed a renewal.",
            ("pending", 2),
        ),
        # look-alike: a season that aired ends the wait on the next
        (
            "Copper Loom Season 2 aired in May. The network has not confirmed a renewal.",
            ("pending", 3),
        ),
    ],
)
def test_the_season_a_wait_is_about(text: str, expected: tuple[str, int | None]) -> None:
    assert _season("Copper Loom", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one season, however it is said
        ("Peacock axed Gull Rock. One season and done.", ("cancelled", 1)),
        ("Peacock has cancelled Gull Rock. The thriller got only one season.", ("cancelled", 1)),
        (
            "Gull Rock, the network's eight-part limited series, wrapped its run with "
            "Sunday's finale, and there won't be more.",
            ("ended", 1),
        ),
        (
            "Peacock won't be bringing back Gull Rock, the thriller that premiered in March.",
            ("cancelled", 1),
        ),
        # look-alikes: a year makes the premiere no guide; "one season more" is no count
        (
            "Peacock won't be bringing back Gull Rock, the thriller that premiered in March 2019.",
            ("cancelled", None),
        ),
        ("Peacock renewed Gull Rock for just one season more.", ("renewed", None)),
    ],
)
def test_one_season_made(text: str, expected: tuple[str, int | None]) -> None:
    assert _season("Gull Rock", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a season written, planned or blocked before production was never made
        (
            "Apple has cancelled Red Orchard before production on the second season could "
            "start. The show ends at one season.",
            ("cancelled", 1),
        ),
        (
            "Apple has cancelled Red Orchard. It aired three seasons, and its creator has a "
            "full fourth season on paper.",
            ("cancelled", 3),
        ),
        (
            "Apple has cancelled Red Orchard. It ran two seasons, though the writers had "
            "already outlined the third season's scripts.",
            ("cancelled", 2),
        ),
        # look-alike: a season that aired counts as made
        (
            "Apple has cancelled Red Orchard. The third season, which aired in June, was "
            "watched by few.",
            ("cancelled", 3),
        ),
    ],
)
def test_a_cancellation_counts_seasons_made(text: str, expected: tuple[str, int | None]) -> None:
    assert _season("Red Orchard", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a headline's bare "Season 5?" is asked about, not made
        (
            "Is There a Harbor Glass Season 5?\n\nNo. The drama's fourth season was its last, "
            "and the series finale aired in May.",
            ("ended", 4),
        ),
        # "penultimate": the season after it is the last
        (
            "Harbor Glass's third and penultimate season ended on Sunday. AMC confirmed on "
            "Monday that the next season will be the show's last.",
            ("ending", 4),
        ),
        # a numeral ordinal with the noun left out
        (
            "ABC said the current season of Harbor Glass, its 9th, will be the last.",
            ("ending", 9),
        ),
    ],
)
def test_final_seasons(text: str, expected: tuple[str, int | None]) -> None:
    assert _season("Harbor Glass", text) == expected


def test_midway_through_is_the_current_season_not_an_order() -> None:
    (ref,) = season_refs("the drama, midway through its fifth season, will wrap next year")
    assert (ref.number, ref.role, ref.aired) == (5, "this", True)
    (ref,) = season_refs("the drama has been renewed through its fifth season")
    assert (ref.number, ref.role, ref.aired) == (5, "this", False)


# "its first", "its debut" with the noun left out are too often no season at all: the gate
# of that pattern leaves them out on purpose
_UNGATED = ("first", "debut")


def _texts() -> list[str]:
    texts = []
    for name in ("sentences.jsonl", "holdout.jsonl", "holdout2.jsonl", "holdout13.jsonl"):
        for line in (CORPUS / name).read_text(encoding="utf-8").splitlines():
            texts.append(normalise(json.loads(line)["text"]))
    return texts


def test_every_season_pattern_match_passes_its_gate() -> None:
    """A season pattern runs only where a gate word occurs: a match must bring one."""
    for text in _texts():
        for pattern, role, gate in _PATTERNS:
            for match in pattern.finditer(text):
                if match.group().endswith(_UNGATED):
                    continue
                assert any(word in text for word in gate), f"{role}: {match.group()!r}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the season is named in a sentence that names no show
        (
            "Will the network renew Birch Hollow? The family drama's second season is down 12% "
            "from its first. Our odds: 60/40 in favour of a third season.",
            ("pending", 3),
        ),
        (
            "Good news for fans: Birch Hollow is coming back. The broadcaster confirmed a third "
            "series this morning, and filming starts in June.",
            ("renewed", 3),
        ),
        # in a listicle, the learned fallback may lean on another item's line: the tracked
        # show's own item names its season first
        (
            "Best Shows Ending in 2026\n\n1. Birch Hollow (AMC)\nThe frontier saga wraps up with "
            "its sixth season in May.\n\n2. Gull Rock (HBO)\nSeason 3 will be the last, HBO "
            "confirmed.",
            ("ending", 6),
        ),
        # look-alike: a sentence naming another show keeps its season
        (
            "Good news for fans: Birch Hollow is coming back. Meanwhile Harbor Lights was "
            "cancelled after a third series this morning.",
            ("renewed", None),
        ),
    ],
)
def test_a_season_named_beside_the_show(text: str, expected: tuple[str, int | None]) -> None:
    assert _season("Birch Hollow", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two renewals told alike: the highest season ordered
        (
            "In May 2023, Hulu renewed Dry Creek for a second season. In June 2024, before the "
            "second season's finale, Hulu renewed the series for a third season.",
            ("renewed", 3),
        ),
        # look-alike: another show's higher season is not the tracked show's
        (
            "Hulu renewed Dry Creek for a second season, and renewed Night Owls for a fifth.",
            ("renewed", 2),
        ),
    ],
)
def test_the_highest_season_ordered(text: str, expected: tuple[str, int | None]) -> None:
    assert _season("Dry Creek", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "one more season" in one sentence, the current season in the next
        (
            "HBO has renewed Sand Hill for one more season - its last. The western, which is "
            "midway through its second season, will wrap up next year, the network said.",
            ("ending", 3),
        ),
        # look-alike: no count, so the season on the air is the one named
        (
            "HBO has renewed Sand Hill. The western, which is midway through its second "
            "season, will wrap up next year, the network said.",
            ("ending", 2),
        ),
    ],
)
def test_one_more_counted_across_sentences(text: str, expected: tuple[str, int | None]) -> None:
    assert _season("Sand Hill", text) == expected
