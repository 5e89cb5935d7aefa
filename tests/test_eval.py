"""`tracker eval`: scores beside the keyword baseline, misses listed, bad lines refused."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from tracker.cli import cli

EMPTY = {"imdb": None, "rotten_tomatoes": None, "rt_audience": None, "metacritic": None}


def write_cases(path: Path, cases: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(c) + "\n" for c in cases), encoding="utf-8")
    return path


def test_eval_scores_the_extractor_beside_the_baseline(tmp_path: Path) -> None:
    cases = write_cases(
        tmp_path / "cases.jsonl",
        [
            {
                "id": "renewed",
                "show": "Harbor Lights",
                "text": "Netflix has renewed Harbor Lights for a third season.",
                "expected": {"status": "renewed", "season": 3, **EMPTY, "imdb": 7.9},
            },
            {
                "id": "not-yet",
                "show": "Harbor Lights",
                "text": "Harbor Lights has not been renewed yet.",
                "expected": {"status": "pending", "season": None, **EMPTY},
            },
        ],
    )

    result = CliRunner().invoke(cli, ["eval", str(cases)])

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "extractor" in lines[0] and "keyword baseline" in lines[0]
    status = next(line for line in lines if line.startswith("status accuracy"))
    assert "100.0% (2/2)" in status  # both statuses right
    assert "50.0% (1/2)" in status  # the baseline calls "not been renewed" renewed
    ratings = next(line for line in lines if line.startswith("ratings exact"))
    assert "0.0% (0/1)" in ratings  # the expected IMDb score is not in the text
    assert "renewed: expected renewed S3 [imdb=7.9], got renewed S3" in result.output


def test_eval_takes_several_files_and_reads_html_files_beside_them(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(
        "<html><body><article><h1>Renewed</h1><p>Peacock has cancelled Copper Bluff after "
        "two seasons, the network said.</p></article></body></html>",
        encoding="utf-8",
    )
    first = write_cases(
        tmp_path / "a.jsonl",
        [
            {
                "id": "p",
                "show": "Copper Bluff",
                "file": "page.html",
                "expected": {"status": "cancelled", "season": 2, **EMPTY},
            }
        ],
    )
    second = write_cases(
        tmp_path / "b.jsonl",
        [
            {
                "id": "t",
                "show": "Copper Bluff",
                "text": "A review of the finale.",
                "expected": {"status": "unknown", "season": None, **EMPTY},
            }
        ],
    )

    result = CliRunner().invoke(cli, ["eval", str(first), str(second)])

    assert result.exit_code == 0, result.output
    assert "100.0% (2/2)" in next(
        line for line in result.output.splitlines() if line.startswith("status accuracy")
    )


def test_eval_refuses_a_bad_line_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")

    result = CliRunner().invoke(cli, ["eval", str(bad)])

    assert result.exit_code == 2
    assert "bad.jsonl" in result.output and "invalid JSON" in result.output
