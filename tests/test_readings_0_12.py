"""Readings added in extractor 0.12.0, each beside the look-alike it must not swallow.

The texts are written for these tests (not corpus text). Each fix came from a family of
misses in holdout14–17, retired to development once holdout20–21 had been written.
"""

from __future__ import annotations

import pytest

from tracker.extract import extract
from tracker.extract.rules import read_sentence
from tracker.extract.text import normalise


def _statuses(sentence: str) -> list[str]:
    return [f.status for f in read_sentence(normalise(sentence), None, sentence)]


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        # a season confirmed, committed to, or on its way
        ("Apple has confirmed a third season of the workplace comedy.", "renewed"),
        ("Second season confirmed, with filming set for the spring.", "renewed"),
        ("Hulu has committed to two more seasons of the sitcom.", "renewed"),
        ("Channel 4 has signed on for a third series of the drama.", "renewed"),
        ("The network has ordered two more, carrying the show into 2029.", "renewed"),
        ("Another season of the cooking competition is on the way, the network said.", "renewed"),
        ("The studio announced that a second season is in production.", "renewed"),
        ("Thornfield is secured through Season 7, the network said.", "renewed"),
        ("we're getting s3, people!!!", "renewed"),
        # a look-alike word inside a title is the title ("Hope" is no hope here)
        ("Hope Valley will be back for a fifth series, the broadcaster said.", "renewed"),
        # cancellations in other words
        ("Starz has cut the period drama loose after one season.", "cancelled"),
        ("Network 10 has pulled the pin on the soap after three seasons.", "cancelled"),
        ("The broadcaster has declined to commission a third series.", "cancelled"),
        ("The thriller will not go into production on a fourth season.", "cancelled"),
        # a reboot or a continuation of an old show
        ("The 1990s sitcom is being rebooted at Peacock.", "revived"),
        ("Netflix has ordered an eight-episode continuation of the cult drama.", "revived"),
        # a title's Japanese "no" negates nothing
        ("Akira Mori's manga Hoshi no Umi is getting a TV anime.", "ordered"),
    ],
)
def test_new_phrasings(sentence: str, status: str) -> None:
    assert _statuses(sentence)[:1] == [status]


@pytest.mark.parametrize(
    "sentence",
    [
        "Netflix confirmed a second season premiere date for June.",
        "The network confirmed a third season isn't happening.",
        "The actor has committed to a new project after the finale.",
        "Hope is fading for a fourth series, the star admitted.",
        "The deal will be back on the table for a second season.",
        "The studio cut the budget loose from the old formula.",
    ],
)
def test_their_near_misses_decide_nothing(sentence: str) -> None:
    assert not {"renewed", "cancelled"} & set(_statuses(sentence))


def test_nothing_in_development_is_no_project() -> None:
    assert "in_development" not in _statuses("A spokesperson said nothing was in development.")
    assert _statuses("A sequel series is in development at Hulu.") == ["in_development"]


def test_a_paragraph_naming_no_show_goes_on_with_the_story() -> None:
    text = (
        "Larkspur Lane S3 - it's really happening\n\n"
        "Saw it on the official account. Third season confirmed, filming in Cardiff in the "
        "autumn according to the caption."
    )
    assert extract("Larkspur Lane", text=text).status == "renewed"
    # ... unless another show has been named since: then it is that show's story
    other = text.replace("Saw it on", "Copper Gate was cancelled today. Saw it on")
    assert extract("Larkspur Lane", text=other).status != "renewed"


def test_a_decided_end_still_to_air_is_ending() -> None:
    text = (
        "That is how the creator explained the decision to end Marsh Light, the coastal "
        "comedy.\n\nThe streamer confirmed that the show's third season, premiering in "
        "May, will be its last."
    )
    result = extract("Marsh Light", text=text)
    assert (result.status, result.season) == ("ending", 3)
    aired = (
        "The network has cancelled Marsh Light; the third season that wrapped in May was its last."
    )
    assert extract("Marsh Light", text=aired).status == "cancelled"
