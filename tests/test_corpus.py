"""The labelled extraction corpus (tests/corpus/), one test per case, ids as in the data.

Every case compares status, season (where the label gives one) and the four ratings.
Cases the extractor still gets wrong are listed, one id per line, in
tests/corpus/known_misses.txt: they run as strict xfails, so a fix shows up as an
unexpected pass and the list can only shrink. `tracker eval` prints the same figures.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tracker.extract_cli import run_case

CORPUS = Path(__file__).parent / "corpus"
KNOWN_MISSES = {
    line.strip()
    for line in (CORPUS / "known_misses.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
}
RATINGS = ("imdb", "rotten_tomatoes", "rt_audience", "metacritic")


def _cases() -> list[Any]:
    params = []
    for name in sorted(path.name for path in CORPUS.glob("*.jsonl")):
        for line in (CORPUS / name).read_text(encoding="utf-8").splitlines():
            case = json.loads(line)
            marks = [pytest.mark.xfail(reason="known miss", strict=True)]
            params.append(
                pytest.param(case, id=case["id"], marks=marks if case["id"] in KNOWN_MISSES else [])
            )
    return params


@pytest.mark.parametrize("case", _cases())
def test_corpus_case(case: dict[str, Any]) -> None:
    expected, got = case["expected"], run_case(case, CORPUS)

    assert got["status"] == expected["status"]
    if expected["season"] is not None:
        assert got["season"] == expected["season"]
    assert {k: got["ratings"][k] for k in RATINGS} == {k: expected[k] for k in RATINGS}


def test_every_known_miss_is_a_corpus_case() -> None:
    ids = {c.values[0]["id"] for c in _cases()}
    assert ids >= KNOWN_MISSES, sorted(KNOWN_MISSES - ids)
