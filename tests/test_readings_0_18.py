"""Readings added in extractor 0.18.0, each beside the look-alike it must not swallow.

The texts were written for these tests and are not taken from the corpus. Each fix came from a
miss in holdout26 or holdout27, the blind sets retired to development in this version.
The rules are read alone (`doubt=False`), so the learned reader cannot hide their errors.
"""

from __future__ import annotations

import pytest

from tracker.extract import extract
from tracker.extract.text import split_sentences


def _read(show: str, text: str, doubt: bool = False) -> tuple[str, int | None]:
    found = extract(show, text=text, doubt=doubt)
    return found.status, found.season


@pytest.mark.parametrize(
    ("show", "text", "expected"),
    [
        # a description after a sentence that names nothing still goes back to the show the
        # paragraph last named alone
        (
            "Glass Harbor",
            "A year ago, Glass Harbor waited until the last minute for its pickup. There was "
            "no such suspense this spring. ABC renewed the Mara Quinn procedural for a third "
            "season on Monday, while cancelling the freshman comedy Night Shift Diner.",
            ("renewed", 3),
        ),
        # ... unless a show was named in between
        (
            "Glass Harbor",
            "Glass Harbor airs on Tuesdays this year. Night Shift Diner, a workplace "
            "comedy, moved to Fridays. ABC cancelled the comedy on Monday.",
            ("unknown", None),
        ),
        # "short of the original's" measures the show against another; it is no subject
        (
            "Lindenfield",
            "Netflix had news for its Brightmoor universe on Tuesday. Both shows share a "
            "seaside town. The flagship series Brightmoor has been renewed for a third "
            "season. Its companion series, Lindenfield, was not so lucky: the streamer has "
            "cancelled it after a single season, citing viewing well short of the original's.",
            ("cancelled", 1),
        ),
        # "we'd be surprised to see it cancelled" is a forecast; another show's axing in
        # the same sentence is that show's
        (
            "Copper Ridge",
            "Will CBS renew Copper Ridge? We'd be surprised to see it cancelled, though the "
            "network did just surprise everyone with its axing of The Long Shift.",
            ("pending", None),
        ),
        (
            "Copper Ridge",
            "Fans were surprised to see it cancelled: CBS has axed Copper Ridge.",
            ("cancelled", None),
        ),
        # a character after ", and" is no show
        (
            "Fenwick Mysteries",
            "Fenwick Mysteries (CBC). Season 9 finale: a body turns up in the canal, and "
            "Ashdown makes a choice he will regret. Relax: the period procedural has already "
            "been picked up for a 10th season.",
            ("renewed", 10),
        ),
        # ... while a title after ", and" in a run of decisions is one
        (
            "Harbor Nine",
            "ABC unveiled its fall slate: Abbott Elementary is back for Season 6, Harbor "
            "Nine was renewed for Season 3, and Will Trent returns for a fifth season.",
            ("renewed", 3),
        ),
    ],
)
def test_reading(show: str, text: str, expected: tuple[str, int | None]) -> None:
    assert _read(show, text) == expected


@pytest.mark.parametrize(
    ("text", "count"),
    [
        # "Bros." and a dateline's "Calif." end no sentence
        ("BURBANK, Calif. (April 3) — The drama from Warner Bros. Television returns.", 1),
        # ... but a state's name as a word does
        ("The star fell ill. The shoot was delayed.", 2),
        ("It was a near miss. Then the network renewed it.", 2),
    ],
)
def test_sentence_split(text: str, count: int) -> None:
    assert len(split_sentences(text, 0, 0, "para")) == count


def test_a_rumour_read_as_one_does_not_feed_the_doubt() -> None:
    """The hearsay sentence is the rules' hedge; the reader may not count it against the
    renewal the answer states."""
    text = (
        "Q: My neighbour swears she read that Tamarind got canceled. A: Tamarind hasn't been "
        "canceled; Hulu picked it up for a third season in March."
    )
    assert _read("Tamarind", text, doubt=True) == ("renewed", 3)
