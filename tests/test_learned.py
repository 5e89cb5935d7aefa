"""The learned fallback (tracker.extract.learned): when it may answer, what it answers,
and that the shipped weights are what the training script makes from the development
sets, and from nothing else.

The texts here were written for these tests; they tell a wait or an end in words the
rules have no cue for, so the fallback is what decides them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import cli
from tracker.extract import extract, learned
from tracker.extract.engine import fallback_view, read_document

CORPUS = Path(__file__).parent / "corpus"


def _model(**weights: dict[str, float]) -> learned.Model:
    """A hand-made model: per feature, weights by label name (others 0); no bias."""
    zero = [0.0] * len(learned.LABELS)
    table = {}
    for feature, by_label in weights.items():
        vector = list(zero)
        for label, weight in by_label.items():
            vector[learned.LABELS.index(label)] = weight
        table[feature] = tuple(vector)
    return learned.Model(tuple(zero), table)


def test_features_are_words_and_pairs_with_titles_and_numbers_masked() -> None:
    text = f"{learned.SHOW} bowed out after 4 seasons, unlike {learned.OTHER}"
    assert learned.features([text]) == {
        "showx", "bowed", "out", "after", "num", "seasons", "unlike", "otherx",
        "showx_bowed", "bowed_out", "out_after", "after_num", "num_seasons",
        "seasons_unlike", "unlike_otherx",
    }  # fmt: skip


def test_a_sure_guess_of_an_allowed_status_is_accepted() -> None:
    model = _model(limbo={"pending": 6.0})
    found = learned.guess(["the drama is in limbo", "it stars a fine cast"], model)
    assert found is not None
    assert (found.status, found.accepted, found.sentence) == ("pending", True, 0)
    assert found.probability > learned.THRESHOLD


def test_an_unsure_guess_is_declined() -> None:
    found = learned.guess(["the drama is in limbo"], _model(limbo={"pending": 2.0}))
    assert found is not None and found.status == "pending"
    assert found.probability < learned.THRESHOLD and not found.accepted


@pytest.mark.parametrize("status", ["renewed", "cancelled", "ordered", "revived"])
def test_a_decision_the_rules_did_not_find_is_never_given(status: str) -> None:
    found = learned.guess(["a word on the season"], _model(word={status: 20.0}))
    assert found is not None and found.status == status
    assert found.probability > 0.99 and not found.accepted


def test_no_text_no_guess() -> None:
    assert learned.guess([], _model()) is None


def test_the_evidence_is_the_sentence_leaning_most_to_the_status() -> None:
    model = _model(limbo={"pending": 3.0}, waiting={"pending": 5.0})
    found = learned.guess(["still in limbo", "a recap", "fans are waiting"], model)
    assert found is not None and found.sentence == 2


def test_the_model_file_round_trips() -> None:
    shipped = learned.model()
    again = learned.Model.loads(shipped.dumps())
    assert again == shipped
    assert len(shipped.weights) > 1000 and len(shipped.bias) == len(learned.LABELS)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("# header only\n", "no _bias line"),
        ("_bias 0 0\n", "'_bias' has 2 weights"),
        ("_bias " + "0 " * 8 + "0\nlimbo 1 2 3\n", "'limbo' has 3 weights"),
    ],
)
def test_a_damaged_model_file_is_named(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(f"fallback_model.txt: {message}")):
        learned.Model.loads(text)


@pytest.fixture(scope="module")
def examples() -> list[tuple[list[str], str]]:
    return learned.training_examples(CORPUS)


def test_retraining_on_the_development_sets_gives_the_shipped_model(
    examples: list[tuple[list[str], str]],
) -> None:
    assert len(examples) >= 1400
    retrained = learned.Model.loads(learned.train(examples).dumps())
    shipped = learned.model()
    assert retrained.weights.keys() == shipped.weights.keys()
    worst = max(
        abs(a - b)
        for feature, vector in shipped.weights.items()
        for a, b in zip(vector, retrained.weights[feature], strict=True)
    )
    assert worst <= 0.002, "run `python -m tracker.extract.learned` and commit the model"


def test_the_order_of_the_examples_barely_moves_a_reading(
    examples: list[tuple[list[str], str]],
) -> None:
    """Trained on the same examples in other orders, the reader reads the guard texts below
    within 0.1 of the shipped model (at the 0.5 step size of 0.17.0, seeds 0, 2 and 3 read
    the end 0.84, 0.60 and 0.88), so a retrain after a rule change does not decide by
    chance what is read."""
    models = [learned.model(), *(learned.train(examples, seed=seed) for seed in (2, 3))]
    for show, text, status in (("Copperline", ENDED, "ended"), ("Marrow Lane", WAIT, "pending")):
        texts = fallback_view(read_document(text=text), show)
        column = learned.LABELS.index(status)
        read = [m.probabilities(learned.features(texts))[column] for m in models]
        assert max(read) - min(read) < 0.1, (status, read)


def test_training_reads_no_blind_set() -> None:
    """The blind holdouts (holdout32 on) measure the extractor; training on them would
    make that measure worthless. Every other corpus file is a development set, and all but
    those named in `learned.UNTRAINED` train the reader."""
    names = {path.stem for path in CORPUS.glob("*.jsonl")}
    blind = {n for n in names if (m := re.fullmatch(r"holdout(\d+)", n)) and int(m[1]) >= 32}
    assert len(blind) >= 4
    assert not blind & set(learned.TRAINING_SETS)
    assert set(learned.UNTRAINED) <= names - blind
    assert set(learned.TRAINING_SETS) == names - blind - set(learned.UNTRAINED)


# An end and a wait told without the words the rules read
ENDED = (
    "Copperline has aired its last hour. "
    "The western galloped off after four seasons and a finale fans adored."
)
WAIT = "Nobody knows yet whether Hulu wants a third season of Marrow Lane."


def test_an_end_no_rule_reads_is_read_by_the_fallback() -> None:
    result = extract("Copperline", text=ENDED)
    assert (result.status, result.season, result.certainty) == ("ended", 4, "reported")
    [evidence] = result.evidence
    assert evidence.rule.startswith("learned fallback (ended p=")
    # the evidence is the sentence that, read alone, leans most to the end
    sentences = [ENDED.split(". ")[0] + ".", ENDED.split(". ")[1]]
    masked = [s.replace("Copperline", "\x01" + " " * 9).lower() for s in sentences]
    column = learned.LABELS.index("ended")
    leaning = [learned.model().probabilities(learned.features([m]))[column] for m in masked]
    surest = sentences[leaning.index(max(leaning))]
    assert ENDED[evidence.start : evidence.end] == evidence.text == surest


def test_a_wait_no_rule_reads_is_read_by_the_fallback() -> None:
    result = extract("Marrow Lane", text=WAIT)
    assert (result.status, result.season, result.certainty) == ("pending", 3, "reported")
    assert result.evidence[0].text == WAIT


def test_a_text_naming_no_show_is_read_for_the_show_it_was_given_for(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A batch caller passes the show beside a text that may never name it. The reader is
    hand-made here, so that the test is about whose text it is, not about the weights."""
    monkeypatch.setattr(learned, "model", lambda: _model(spurs={"ended": 20.0}))
    text = "The western hung up its spurs on Sunday after four seasons and a finale fans adored."
    assert extract("Copperline", text=text).status == "ended"
    # look-alike: the same words about another show, named
    other = "Marrow Lane hung up its spurs on Sunday after four seasons and a finale fans adored."
    assert extract("Copperline", text=other).status == "unknown"


@pytest.mark.parametrize(
    "text",
    [
        # named only beside another show, whose end it is
        "Copperline, the western that premiered alongside Marrow Lane, is done. It signed off "
        "for good on Sunday, closing out its fourth and final run.",
        # a text about another show that never names the tracked one
        "Copperline rode off into the sunset on Sunday after four seasons.",
        # no signal: a review
        "Marrow Lane's second season is streaming now. Our critic called it the best season "
        "yet, with sharp writing and a terrific lead performance.",
    ],
)
def test_the_fallback_does_not_guess_from_other_shows_or_reviews(text: str) -> None:
    assert extract("Marrow Lane", text=text).status == "unknown"


def test_a_rule_reading_is_never_replaced() -> None:
    text = "Marrow Lane has been renewed for a third season. Fans are still in the dark about it."
    result = extract("Marrow Lane", text=text)
    assert result.status == "renewed"
    assert not any(e.rule.startswith("learned") for e in result.evidence)


def test_a_declined_guess_is_explained() -> None:
    text = "Hulu is still mulling over a third season of Marrow Lane."
    result = extract("Marrow Lane", text=text, explain=True)
    assert result.status == "unknown" and not result.evidence
    assert any(n.startswith("learned fallback declined (") and " p=0." in n for n in result.notes)


def test_the_cli_explains_a_fallback_reading() -> None:
    outcome = CliRunner().invoke(
        cli, ["extract", "--show", "Copperline", "--text", "-"], input=ENDED
    )
    assert outcome.exit_code == 0, outcome.output
    assert "Copperline: ended (season 4, reported)" in outcome.output
    assert "learned fallback (ended p=" in outcome.output
