"""`tracker extract` on the article the project was born from, and on every kind of input.

The seed (shared/seeds/ballard-renewal-article.txt) says Ballard "has not officially been
renewed for a second season" (pending, season 2), rates it 7.5/10 on IMDb and 100% on
Rotten Tomatoes, and mentions that Bosch ran for ten seasons — Bosch's history, not Ballard's.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from pytest_httpserver import HTTPServer

from tracker.cli import cli

REPO = Path(__file__).resolve().parents[1]
TRACKER = REPO / ".venv" / "bin" / "tracker"
SHARED_SEED = (
    Path(__file__).resolve().parents[2] / "shared" / "seeds" / "ballard-renewal-article.txt"
)
# The repository keeps a copy, so the suite runs the seed checks even without shared/.
SEED = (
    SHARED_SEED if SHARED_SEED.is_file() else Path(__file__).parent / "fixtures" / SHARED_SEED.name
)

KEYS = ["show", "status", "season", "certainty", "lean", "published", "ratings", "evidence"]
RATING_KEYS = ["imdb", "rotten_tomatoes", "rt_audience", "metacritic"]
EVIDENCE_KEYS = ["text", "status", "season", "certainty", "start", "end"]
DECIDING = (
    "As of the writing of this article, the series has not officially been renewed for a "
    "second season; however, multiple factors hint at the possibility of the return of the "
    "renowned detective."
)

RENEWED_HTML = """<!doctype html><html><head>
<title>Ballard renewed for season 2 at Prime Video</title>
<meta property="article:published_time" content="2025-10-06T16:00:00Z"></head>
<body><article><h1>Ballard renewed for season 2 at Prime Video</h1>
<p>It's official: Prime Video has renewed Ballard for a second season, the streamer announced
Monday.</p>
<p>The Bosch spin-off stars Maggie Q as Detective Renée Ballard, who runs the LAPD's cold case
unit out of a basement office.</p></article></body></html>"""


@pytest.fixture
def seed() -> Path:
    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED} (shared/ is not beside the repository)")
    return SEED


def extract(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, ["extract", *args], input=input)


def extract_json(*args: str, input: str | None = None) -> dict[str, Any]:
    result = extract(*args, "--json", input=input)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def assert_design_shape(data: dict[str, Any], with_id: bool = False) -> None:
    """Exactly the keys of DESIGN.md's extraction JSON, in order; nothing missing."""
    assert list(data) == (["id"] if with_id else []) + KEYS
    assert list(data["ratings"]) == RATING_KEYS
    for evidence in data["evidence"]:
        assert list(evidence) == EVIDENCE_KEYS


# -- the seed --------------------------------------------------------------------------------


def test_the_seed_is_pending_season_2_with_its_ratings(seed: Path) -> None:
    data = extract_json("--show", "Ballard", str(seed))

    assert (data["show"], data["status"], data["season"]) == ("Ballard", "pending", 2)
    assert data["ratings"]["imdb"] == 7.5
    assert data["ratings"]["rotten_tomatoes"] == 100
    assert data["published"] == "2025-07-10"
    assert data["certainty"] in ("reported", "official")


def test_the_seed_json_has_exactly_the_design_keys_with_nulls_not_gaps(seed: Path) -> None:
    data = extract_json("--show", "Ballard", str(seed))

    assert_design_shape(data)
    assert "id" not in data  # only batch lines carry an id
    assert data["ratings"]["rt_audience"] is None
    assert data["ratings"]["metacritic"] is None


def test_the_seed_decision_rests_on_the_not_renewed_sentence(seed: Path) -> None:
    data = extract_json("--show", "Ballard", str(seed))

    first = data["evidence"][0]
    assert first["text"] == DECIDING
    assert (first["status"], first["season"]) == ("pending", 2)
    assert first["end"] - first["start"] == len(DECIDING)
    green_light = [e for e in data["evidence"] if "green light" in e["text"]]
    assert green_light and all(e["status"] == "pending" for e in green_light)


def test_evidence_offsets_index_the_plain_text_that_was_given(seed: Path) -> None:
    text = seed.read_text(encoding="utf-8")

    data = extract_json("--show", "Ballard", str(seed))

    for evidence in data["evidence"]:
        assert text[evidence["start"] : evidence["end"]] == evidence["text"]


def test_bosch_running_ten_seasons_never_becomes_ballards_status(seed: Path) -> None:
    data = extract_json("--show", "Ballard", str(seed))

    assert data["season"] != 10
    assert data["status"] not in ("ended", "cancelled", "renewed")
    assert all(e["season"] != 10 for e in data["evidence"])
    assert all(e["status"] != "ended" for e in data["evidence"])
    assert not any("ten seasons" in e["text"] for e in data["evidence"])


def test_a_show_the_seed_does_not_discuss_is_unknown_with_every_key_null(seed: Path) -> None:
    data = extract_json("--show", "Severance", str(seed))

    assert_design_shape(data)
    assert data["status"] == "unknown"
    assert (data["season"], data["certainty"], data["lean"]) == (None, None, None)
    assert data["ratings"] == dict.fromkeys(RATING_KEYS)
    assert data["evidence"] == []
    assert data["published"] == "2025-07-10"


def test_without_json_the_explanation_names_the_deciding_sentence(seed: Path) -> None:
    result = extract("--show", "Ballard", str(seed))

    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert out.startswith("Ballard: pending (season 2, ")
    assert "published: 2025-07-10" in out
    assert "ratings: imdb 7.5, rotten_tomatoes 100" in out
    assert re.search(r"decided by \[\d+:\d+\] rule [\w+ ()-]+: “" + re.escape(DECIDING) + "”", out)
    assert out.index("decided by") < out.index("agrees")
    # Bosch's "ten seasons" is shown as set aside, not as a reason
    assert re.search(r"set aside \([^)]*\): Welliver agreed, and the series ultimately ran", out)


def test_the_installed_command_reads_the_seed_by_a_relative_path(seed: Path) -> None:
    relative = os.path.relpath(seed, REPO)  # ../shared/seeds/ballard-renewal-article.txt

    result = subprocess.run(
        [str(TRACKER), "extract", "--show", "Ballard", "--json", relative],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (
        data["status"],
        data["season"],
        data["ratings"]["imdb"],
        data["ratings"]["rotten_tomatoes"],
    ) == ("pending", 2, 7.5, 100)


def test_stdin_dash_reads_the_same_article(seed: Path) -> None:
    from_file = extract_json("--show", "Ballard", str(seed))

    from_stdin = extract_json("--show", "Ballard", "-", input=seed.read_text(encoding="utf-8"))

    assert from_stdin == from_file


def test_an_alias_lets_the_extractor_find_the_show(tmp_path: Path) -> None:
    article = tmp_path / "svu.txt"
    article.write_text(
        "NBC has renewed SVU for a 27th season, the network announced Tuesday.\n",
        encoding="utf-8",
    )
    show = "Law & Order: Special Victims Unit"

    without = extract_json("--show", show, str(article))
    with_alias = extract_json("--show", show, "--alias", "SVU", str(article))

    assert without["status"] == "unknown"
    assert (with_alias["status"], with_alias["season"]) == ("renewed", 27)


def test_a_title_written_without_its_colon_is_still_the_show(tmp_path: Path) -> None:
    article = tmp_path / "legacy.txt"
    article.write_text(
        "Amazon has renewed Bosch Legacy for a third season, the streamer announced Tuesday.\n",
        encoding="utf-8",
    )

    found = extract_json("--show", "Bosch: Legacy", str(article))

    assert (found["status"], found["season"]) == ("renewed", 3)


def test_an_html_file_is_read_as_html_with_its_publication_date(tmp_path: Path) -> None:
    page = tmp_path / "renewed.html"
    page.write_text(RENEWED_HTML, encoding="utf-8")

    data = extract_json("--show", "Ballard", str(page))

    assert (data["status"], data["season"], data["certainty"]) == ("renewed", 2, "official")
    assert data["published"] == "2025-10-06"
    assert not any("<" in e["text"] for e in data["evidence"])


# -- URLs ------------------------------------------------------------------------------------


def test_an_http_url_is_fetched_and_read(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/tv/ballard-renewed").respond_with_data(
        RENEWED_HTML, content_type="text/html; charset=utf-8"
    )

    data = extract_json("--show", "Ballard", httpserver.url_for("/tv/ballard-renewed"))

    assert (data["status"], data["season"], data["published"]) == ("renewed", 2, "2025-10-06")
    assert len(httpserver.log) == 1


def test_a_url_that_answers_404_is_a_one_line_error(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/gone").respond_with_data("no such page", status=404)
    url = httpserver.url_for("/gone")

    result = extract("--show", "Ballard", url)

    assert result.exit_code != 0
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"error: cannot fetch {url}: http")


# -- bad input -------------------------------------------------------------------------------


def test_a_missing_file_is_a_one_line_error_and_a_nonzero_exit(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-article.txt"

    result = extract("--show", "Ballard", "--json", str(missing))

    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"error: cannot read {missing}: No such file or directory"
    ]


def test_extract_without_show_or_source_is_a_usage_error(seed: Path) -> None:
    for args in (["--json", str(seed)], ["--show", "Ballard"]):
        result = extract(*args)

        assert result.exit_code == 2
        assert "give --show TITLE and a PATH, URL or -" in result.stderr


# -- batches ---------------------------------------------------------------------------------


def batch_lines(seed_text: str) -> list[str]:
    return [
        json.dumps(
            {"id": "seed-text", "show": "Ballard", "aliases": ["Renée Ballard"], "text": seed_text}
        ),
        json.dumps(
            {
                "id": "renewal-html",
                "show": "Ballard",
                "html": RENEWED_HTML,
                "url": "https://news.example/ballard-renewed",
            }
        ),
        '{"id": "broken", "show": "Ballard", "text": "unterminated',
        json.dumps({"id": "no-show", "text": "Prime Video has renewed Ballard for season 2."}),
        json.dumps(
            {
                "id": 7,
                "show": "Ballard",
                "published": "2025-10-07",
                "text": "Prime Video has renewed Ballard for a second season.",
            }
        ),
    ]


def check_batch_output(stdout: str) -> None:
    out = [json.loads(line) for line in stdout.splitlines()]
    assert len(out) == 5  # one line per input line, in input order
    assert [line.get("id") for line in out] == ["seed-text", "renewal-html", None, "no-show", 7]
    seed_line, html_line, broken, no_show, dated = out
    assert_design_shape(seed_line, with_id=True)
    assert (seed_line["status"], seed_line["season"], seed_line["ratings"]["imdb"]) == (
        "pending",
        2,
        7.5,
    )
    assert_design_shape(html_line, with_id=True)
    assert (html_line["status"], html_line["published"]) == ("renewed", "2025-10-06")
    assert set(broken) == {"id", "error"}
    assert broken["error"].startswith("line 3: invalid JSON")
    assert no_show == {"id": "no-show", "error": "missing 'show'"}
    assert (dated["status"], dated["published"]) == ("renewed", "2025-10-07")


def test_batch_writes_one_line_per_input_keeping_ids_and_reporting_bad_lines(
    tmp_path: Path, seed: Path
) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text(
        "\n".join(batch_lines(seed.read_text(encoding="utf-8"))) + "\n", encoding="utf-8"
    )

    result = extract("--batch", str(cases))

    assert result.exit_code == 0, result.output
    check_batch_output(result.stdout)


def test_batch_reads_stdin_with_dash(seed: Path) -> None:
    lines = batch_lines(seed.read_text(encoding="utf-8"))

    result = extract("--batch", "-", input="\n".join(lines) + "\n")

    assert result.exit_code == 0, result.output
    check_batch_output(result.stdout)


def test_a_batch_case_without_text_or_html_is_an_error_line(tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text('{"id": "empty", "show": "Ballard"}\n[1, 2]\n', encoding="utf-8")

    result = extract("--batch", str(cases))

    assert [json.loads(line) for line in result.stdout.splitlines()] == [
        {"id": "empty", "error": "give one of 'text', 'html' or 'file'"},
        {"id": None, "error": "line 2: not an object"},
    ]


def test_every_batch_output_line_has_an_id_key_even_when_the_case_has_none(
    tmp_path: Path,
) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text(
        '{"show": "Ballard", "text": "Prime Video has renewed Ballard."}\n', encoding="utf-8"
    )

    result = extract("--batch", str(cases))

    [line] = [json.loads(text) for text in result.stdout.splitlines()]
    assert "id" in line and line["id"] is None


def test_a_missing_batch_file_is_a_one_line_error(tmp_path: Path) -> None:
    missing = tmp_path / "none.jsonl"

    result = extract("--batch", str(missing))

    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: cannot read {missing}: No such file or directory"
    ]


def test_the_repository_copy_of_the_seed_matches_shared() -> None:
    if not SHARED_SEED.is_file():
        pytest.skip("shared/ is not beside the repository")
    copy = Path(__file__).parent / "fixtures" / SHARED_SEED.name
    assert copy.read_bytes() == SHARED_SEED.read_bytes()
