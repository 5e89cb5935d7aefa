"""The learned reader's doubt: a renewal or cancellation it all but rules out is set aside.

The wiring tests give the engine a small hand-weighted reader (a real `learned.Model`, not
a mock) so that what it rules out is plain; the last tests read the shipped model.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from tracker.cli import cli
from tracker.extract import extract, learned

# (two sentences: a decision's sentence alone is never doubted)
RENEWAL = (
    "Hulu has renewed Larkspur for a third season, or so my cousin heard at a party. "
    "She was sure of it."
)


def reader(**cousin: float) -> learned.Model:
    """A reader that leans to "renewed" on the word "renewed" and, on "cousin", by the
    weights given (label -> weight)."""
    zero = [0.0] * len(learned.LABELS)
    renewed, hearsay = list(zero), list(zero)
    renewed[learned.LABELS.index("renewed")] = 6.0
    for label, weight in cousin.items():
        hearsay[learned.LABELS.index(label)] = weight
    return learned.Model(tuple(zero), {"renewed": tuple(renewed), "cousin": tuple(hearsay)})


@pytest.fixture
def use_reader(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    def install(model: learned.Model) -> None:
        monkeypatch.setattr(learned, "model", lambda: model)

    return install


def test_a_renewal_the_reader_rules_out_becomes_the_wait_it_reads(use_reader) -> None:  # type: ignore[no-untyped-def]
    use_reader(reader(renewed=-12.0, pending=8.0))
    result = extract("Larkspur", text=RENEWAL, explain=True)
    assert result.status == "pending"
    assert result.evidence[0].rule.startswith("learned reader (pending p=")
    assert any(n.startswith("doubted (renewed p<0.10") for n in result.notes)


def test_without_doubt_the_rules_reading_stands(use_reader) -> None:  # type: ignore[no-untyped-def]
    use_reader(reader(renewed=-12.0, pending=8.0))
    result = extract("Larkspur", text=RENEWAL, doubt=False)
    assert (result.status, result.season) == ("renewed", 3)


def test_a_decision_its_own_sentence_reads_plainly_is_spared(use_reader) -> None:  # type: ignore[no-untyped-def]
    # the whole text rules the renewal out, but its own sentence, read alone, does not
    use_reader(reader(renewed=-12.0, pending=8.0))
    text = "Hulu has renewed Larkspur for a third season.\n\nMy cousin heard it at a party."
    assert learned.doubt(["a cousin renewed"], ["renewed"], "renewed") is None
    assert extract("Larkspur", text=text).status == "renewed"


def test_a_reader_that_reads_another_decision_leaves_a_wait(use_reader) -> None:  # type: ignore[no-untyped-def]
    # ruled out, but no wait, end or silence is likely either: the decision is awaited
    use_reader(reader(renewed=-12.0, cancelled=10.0))
    result = extract("Larkspur", text=RENEWAL, explain=True)
    assert result.status == "pending"
    assert result.evidence[0].text.startswith("Hulu has renewed Larkspur")
    assert result.evidence[0].rule.endswith("renewed doubted")


def test_a_reader_that_reads_nothing_leaves_unknown(use_reader) -> None:  # type: ignore[no-untyped-def]
    use_reader(reader(renewed=-12.0, unknown=10.0))
    result = extract("Larkspur", text=RENEWAL, explain=True)
    assert (result.status, result.season, result.evidence) == ("unknown", None, ())
    assert any("reads unknown p=" in n for n in result.notes)


def test_only_renewals_and_cancellations_are_doubted() -> None:
    model = reader(renewed=-12.0, pending=8.0)
    texts = ["cousin", "she was sure"]
    assert learned.doubt(texts, ["cousin"], "ending", model) is None
    assert learned.doubt([], [], "renewed", model) is None
    found = learned.doubt(texts, ["cousin"], "renewed", model)
    assert found is not None and found.status == "pending"


def test_a_decision_s_sentence_alone_is_not_doubted(use_reader) -> None:  # type: ignore[no-untyped-def]
    # out of fold, a doubt with nothing but the decision's sentence to read was wrong 21
    # times in 26: the rules read one sentence better than the bag of words does
    model = reader(renewed=-12.0, pending=8.0)
    assert learned.doubt(["cousin"], ["cousin"], "renewed", model) is None
    use_reader(model)
    one = "Hulu has renewed Larkspur for a third season, or so my cousin heard at a party."
    assert extract("Larkspur", text=one).status == "renewed"


def test_a_doubt_that_rests_on_one_other_sentence_is_dropped() -> None:
    # as on a plain renewal whose last line ("the cast thanked fans after the news broke")
    # reads like a cancellation's aftermath: the own sentence alone is not spared, the
    # whole text rules the renewal out, and only because of that one line
    zero = [0.0] * len(learned.LABELS)
    renewed, cancelled = learned.LABELS.index("renewed"), learned.LABELS.index("cancelled")
    weights = {word: list(zero) for word in ("renewed", "official", "pickup", "thanked")}
    weights["renewed"][renewed] = 6.0
    weights["official"][renewed] = -6.5
    weights["pickup"][renewed] = 4.0
    weights["thanked"][renewed] = -12.0
    weights["thanked"][cancelled] = 8.0
    model = learned.Model(tuple(zero), {w: tuple(v) for w, v in weights.items()})
    own = ["it's official: renewed"]
    assert not learned.spared(own, "renewed", model)
    texts = [*own, "the pickup came early", "the cast thanked fans"]
    assert learned.doubt(texts, own, "renewed", model) is None
    # a doubt that holds whichever sentence is left out stands
    texts = [*own, "the cast thanked fans", "the crew thanked them too"]
    found = learned.doubt(texts, own, "renewed", model)
    assert found is not None


def test_the_cli_explains_a_doubt(use_reader) -> None:  # type: ignore[no-untyped-def]
    use_reader(reader(renewed=-12.0, pending=8.0))
    outcome = CliRunner().invoke(
        cli, ["extract", "--show", "Larkspur", "--text", "-"], input=RENEWAL
    )
    assert outcome.exit_code == 0, outcome.output
    assert "Larkspur: pending" in outcome.output
    assert "doubted (renewed p<0.10" in outcome.output


@pytest.mark.parametrize(
    ("show", "text", "status"),
    [
        # a plain renewal beside an unrelated line
        (
            "Orchard Road",
            "Orchard Road was renewed for a fifth season. It's the last time the cast meets "
            "in Leeds.",
            "renewed",
        ),
        # a trade scoop's usual attribution is a report, not a hedge
        (
            "Larkspur",
            "Hulu is renewing Larkspur for a third season, according to people familiar with "
            "the streamer's plans.",
            "renewed",
        ),
        ("Copper Valley", "NBC has cancelled Copper Valley after two seasons.", "cancelled"),
    ],
)
def test_the_shipped_reader_leaves_plain_decisions_alone(show: str, text: str, status: str) -> None:
    result = extract(show, text=text, explain=True)
    assert result.status == status, result.notes
    assert not any(n.startswith("doubted") for n in result.notes)


def test_a_renewal_the_reader_reads_as_a_comeback_is_a_revival(use_reader) -> None:  # type: ignore[no-untyped-def]
    # the rules read "has ordered a sixth season" as a renewal; the reader, seeing the
    # twelve years since the finale, rules the renewal out but reads a revival
    zero = [0.0] * len(learned.LABELS)
    comeback = list(zero)
    comeback[learned.LABELS.index("renewed")] = -6.0
    comeback[learned.LABELS.index("revived")] = 8.0
    use_reader(learned.Model(tuple(zero), {"finale": tuple(comeback)}))
    text = (
        "Twelve years after its finale, Cedar Point Motel is checking back in. "
        "Hulu has ordered a sixth season of the cult dramedy, reuniting most of the cast."
    )
    assert extract("Cedar Point Motel", text=text, doubt=False).status == "renewed"
    result = extract("Cedar Point Motel", text=text, explain=True)
    assert (result.status, result.season, result.certainty) == ("revived", 6, "official")
    assert result.evidence[0].text.startswith("Hulu has ordered a sixth season")
    assert result.evidence[0].rule.endswith("read as a revival")
    assert any("reads revived p=" in n for n in result.notes)
