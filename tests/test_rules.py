"""The rule tables themselves: gates that never hide a cue, and cues read like their names.

Each cue carries a "gate", words one of which every match must contain, so that the
regular expression only runs where it could match. A gate that misses a word the
pattern can match would silently drop statements; this test runs every cue pattern,
ungated, over every corpus text and every clause of the rules' own examples below.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tracker.extract.cues import CUES, Cue
from tracker.extract.rules import read_sentence
from tracker.extract.text import normalise

CORPUS = Path(__file__).parent / "corpus"


def _texts() -> list[str]:
    texts = []
    for name in ("sentences.jsonl", "holdout.jsonl", "holdout2.jsonl"):
        for line in (CORPUS / name).read_text(encoding="utf-8").splitlines():
            texts.append(normalise(json.loads(line)["text"]))
    return texts


@pytest.mark.parametrize("cue", CUES, ids=[cue.rule for cue in CUES])
def test_every_match_of_a_cue_passes_its_gate(cue: Cue) -> None:
    """The gate is checked on the sentence, so a match must bring a gate word with it."""
    for text in _texts():
        for match in cue.pattern.finditer(text):
            assert any(word in text for word in cue.gate), (
                f"{cue.rule}: {match.group()!r} has none of {sorted(cue.gate)}"
            )


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("Netflix has renewed the show for a second season.", "renewed"),
        ("The network has cancelled the drama after two seasons.", "cancelled"),
        ("The series will not return for a third season.", "cancelled"),
        ("The upcoming fifth season will be its last.", "ending"),
        ("The series finale aired Sunday.", "ended"),
        ("Peacock has revived the comedy for a fourth season.", "revived"),
        ("HBO has given the adaptation a series order.", "ordered"),
        ("A series based on the novel is in development at Hulu.", "in_development"),
        ("The show has not been renewed yet.", "pending"),
        ("The drama is on the bubble.", "pending"),
        ("Fans wonder whether the show could be renewed.", "pending"),
        # waits told without "renew": a deadline, a silence, a shrug
        ("ABC has until its May upfront to decide on the drama.", "pending"),
        ("Now we just need Peacock to say yes.", "pending"),
        ("So far, Freeform has stayed quiet about a third season.", "pending"),
        ('"The ball\'s in their court," the showrunner said.', "pending"),
        ('"There\'s nothing to announce today," the network chief said.', "pending"),
        ("The network said nothing about the comedy at its upfront.", "pending"),
        ("The thriller hasn't been given the go-ahead for a second season.", "pending"),
        ("The network has pushed its decision on a fourth season to the fall.", "pending"),
        # a decision against it, in other words
        ("Hulu has declined to move forward with the comedy.", "cancelled"),
        ("It ends tonight, by the network's decision not to continue the show.", "cancelled"),
        ("There won't be a sophomore season of the thriller, the streamer confirmed.", "cancelled"),
        ('"We won\'t be making season three," the creator wrote.', "cancelled"),
        ("The streamer is not going forward with a second season.", "cancelled"),
        ("Starz has let the drama go after two seasons.", "cancelled"),
        # an end in other words
        ("The comedy wrapped up its planned four-season run last month.", "ended"),
        ("The drama ran for six series on ITV.", "ended"),
        ("The sitcom aired its last-ever episode on Thursday.", "ended"),
        # an order in other words
        ("Max has given a second season to the comedy.", "renewed"),
        ("FX has handed the mystery an early order for a third season.", "renewed"),
        ("The fourth season is going ahead as planned, the network said.", "renewed"),
        ("hulu just confirmed paper lanterns s3!!!", "renewed"),
        # what a clause concedes is background to what it states
        ("Picked up for Season 3 despite rumours it was on the chopping block.", "renewed"),
    ],
)
def test_each_status_has_a_plain_example(sentence: str, status: str) -> None:
    findings = read_sentence(normalise(sentence), None, sentence)

    assert [f.status for f in findings][:1] == [status]


@pytest.mark.parametrize(
    "sentence",
    [
        "The star renewed her contract with the network.",
        "The show's Comic-Con panel was cancelled.",
        "Season 1 ended on a cliffhanger.",
        "The city's urban renewal plan stalled.",
        "The wedding is cancelled at the last minute in the finale.",
        "The drama has axed one of its longest-serving doctors.",
    ],
)
def test_look_alikes_make_no_statement(sentence: str) -> None:
    assert read_sentence(normalise(sentence), None, sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "It's hard to imagine the network letting its longest-running drama go.",
        "The network let the cast go home early for the holidays.",
        "She has stayed quiet about her own exit.",
    ],
)
def test_near_misses_of_those_phrasings(sentence: str) -> None:
    statuses = [f.status for f in read_sentence(normalise(sentence), None, sentence)]
    assert "cancelled" not in statuses and "renewed" not in statuses
