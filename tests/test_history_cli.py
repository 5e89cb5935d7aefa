"""`tracker status / history / changes / diff / export` on a real SQLite database.

The data comes from the real pipeline: three `tracker run` passes at fixed times (July,
September and October 2025) against pages served on 127.0.0.1, so every date below is
known. Widths are checked by running the console script with COLUMNS=80.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from sites import run_at
from test_cli import (  # the `tracker` fixture, shared with test_cli
    PENDING,
    RENEWED,
    TRACKER,
    Site,
    Tracker,
    plain,
    tracker,  # noqa: F401
    write_config,
)

from tracker import render
from tracker.cli import cli
from tracker.config import load_config, sqlite_url_relative_to
from tracker.store import BoardRow, Store
from tracker.view import View

JULY, SEPTEMBER, OCTOBER = (
    datetime(2025, 7, 15, 12, 0, tzinfo=UTC),
    datetime(2025, 9, 5, 12, 0, tzinfo=UTC),
    datetime(2025, 10, 6, 12, 0, tzinfo=UTC),
)
LONG_TITLE = "Renée Ballard and the Extraordinarily Long Night Shift Chronicles"

# The October renewal, now with ratings: IMDb moved from July's 7.5 to 7.9.
RENEWED_RATED = RENEWED.replace(
    "</article>",
    "<p>Ballard holds a 7.9/10 on IMDb and a 100% score on Rotten Tomatoes.</p></article>",
)
COPPER_CANCELLED = """<!doctype html><html><head><title>Copper Valley cancelled</title>
<meta property="article:published_time" content="2025-09-05T12:00:00Z"></head>
<body><article><h1>Copper Valley cancelled after two seasons</h1>
<p>It's official: Beacon has cancelled Copper Valley after two seasons, the network confirmed
on Friday.</p>
<p>The family drama followed three generations of a mining family in the Rockies and drew a
loyal audience, but its ratings fell through the second season.</p>
</article></body></html>"""
NIGHT_SHIFT = """<!doctype html><html><head><title>Night shift recap</title>
<meta property="article:published_time" content="2025-07-14T08:00:00Z"></head>
<body><article><h1>Recap: a long night</h1>
<p>The detectives of the night shift spend the episode chasing a stolen painting across the
city, and the case ends where it began, in a quiet gallery at dawn.</p>
<p>Along the way the squad questions a nervous night porter, a retired forger and a taxi
driver who remembers every fare, and the episode saves its best scene for the drive home.</p>
</article></body></html>"""

STATUS_KEYS = {  # what `status --json` has always had; scripts depend on these
    "show",
    "slug",
    "status",
    "season",
    "certainty",
    "lean",
    "since",
    "ratings",
    "evidence",
    "sources_ok",
    "sources_failing",
    "last_checked",
}
EXPORT_COLUMNS = [
    "show",
    "slug",
    "status",
    "season",
    "certainty",
    "lean",
    "since",
    "published",
    "imdb",
    "rotten_tomatoes",
    "rt_audience",
    "metacritic",
    "tvmaze",
    "evidence_url",
    "evidence_text",
    "sources_ok",
    "sources_failing",
    "last_checked",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """Three passes, once per module: July (Ballard pending; Copper Valley's page missing),
    September (Copper Valley cancelled), October (Ballard renewed, IMDb 7.5 -> 7.9)."""
    folder = tmp_path_factory.mktemp("history")
    server = HTTPServer(host="127.0.0.1", port=0)
    server.no_handler_status_code = 404
    server.start()
    try:
        site = Site(server)
        urls = {
            "Ballard": site.serve("/tv/ballard", PENDING),
            "Copper Valley": site.serve("/tv/copper-valley", "gone", status=404),
            LONG_TITLE: site.serve("/tv/night-shift", NIGHT_SHIFT),
        }
        path = write_config(folder, {title: [url] for title, url in urls.items()})
        path.write_text(path.read_text() + "[fetch]\nmin_interval = 0\n", encoding="utf-8")
        config = load_config(path)
        store = Store(sqlite_url_relative_to(config.database.url, config.path))
        store.migrate()
        run_at(config, store, JULY)
        site.serve("/tv/copper-valley", COPPER_CANCELLED)
        run_at(config, store, SEPTEMBER)
        site.serve("/tv/ballard", RENEWED_RATED)
        run_at(config, store, OCTOBER)
        store.close()
    finally:
        server.clear()
        server.stop()
    return folder, urls


@pytest.fixture
def passes(tmp_path: Path, built: tuple[Path, dict[str, str]]) -> dict[str, str]:
    """This test's own copy of the three passes' config and database (tmp_path)."""
    folder, urls = built
    for name in ("config.toml", "tracker.db"):
        shutil.copyfile(folder / name, tmp_path / name)
    return urls


def ok(result: Any) -> str:
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def entries(out: str) -> list[str]:
    """Each timestamped line of `history` or `changes`, joined with its wrapped
    continuation (indented past the evidence's four spaces), whitespace collapsed."""
    found: list[str] = []
    for line in out.splitlines():
        if re.match(r"\d{4}-\d\d-\d\dT", line):
            found.append(plain(line))
        elif found and line.startswith(" " * 5):
            found[-1] += " " + plain(line)
    return found


def at_80_columns(tmp_path: Path, *args: str) -> list[str]:
    """The console script's output lines at COLUMNS=80 (a real process, a real console)."""
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1"}
    result = subprocess.run(
        [str(TRACKER), "--config", str(tmp_path / "config.toml"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


# -- status ------------------------------------------------------------------------------------


def test_status_shows_last_checked_and_keeps_every_json_key(
    tracker: Tracker,  # noqa: F811
    passes: dict[str, str],
) -> None:
    rows = {row["show"]: row for row in json.loads(ok(tracker("status", "--json")))}

    assert set(rows) == {"Ballard", "Copper Valley", LONG_TITLE}
    assert all(set(row) >= STATUS_KEYS for row in rows.values())
    ballard = rows["Ballard"]
    assert (ballard["status"], ballard["season"], ballard["certainty"]) == (
        "renewed",
        2,
        "official",
    )
    assert ballard["last_checked"] == OCTOBER.isoformat()
    assert ballard["evidence"]["url"] == passes["Ballard"]
    assert set(ballard["evidence"]) == {"url", "text"}
    assert ballard["ratings"]["imdb"] == 7.9
    table = plain(ok(tracker("status")))
    assert "Checked" in table
    assert re.search(r"Ballard renewed S2 official 2025-10-06 7\.9 100% 1/1 \d+d ago", table)


@pytest.mark.parametrize(
    ("args", "shows"),
    [
        (["--status", "renewed"], ["Ballard"]),
        (["--status", "renewed,cancelled"], ["Ballard", "Copper Valley"]),
        (["--status", "cancelled", "--status", "unknown"], ["Copper Valley", LONG_TITLE]),
        (["--status", " Renewed , CANCELLED "], ["Ballard", "Copper Valley"]),
        (["--show", "renee"], [LONG_TITLE]),  # no accent typed, any case
        (["--show", "RENÉE BALLARD"], [LONG_TITLE]),
        (["--show", "ballard"], ["Ballard", LONG_TITLE]),
        (["--show", "copper-valley"], ["Copper Valley"]),  # the slug
        (["--show", "valley", "--show", "night"], ["Copper Valley", LONG_TITLE]),
        (["--status", "renewed", "--show", "night"], []),
        (["--status", "ending"], []),
    ],
)
def test_status_filters_by_status_and_by_name(
    tracker: Tracker,  # noqa: F811
    passes: dict[str, str],
    args: list[str],
    shows: list[str],
) -> None:
    data = json.loads(ok(tracker("status", *args, "--json")))

    assert [row["show"] for row in data] == shows
    text = plain(ok(tracker("status", *args)))
    if shows:
        assert all(show[:10] in text for show in shows)
    else:
        assert text == "no shows match"


@pytest.mark.parametrize("value", ["renwed", "renewed,", "all"])
def test_status_rejects_a_status_outside_the_vocabulary(
    tracker: Tracker,  # noqa: F811
    passes: dict[str, str],
    value: str,
) -> None:
    result = tracker("status", "--status", value)

    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Invalid value for '--status': unknown status" in result.stderr
    assert "renewed, ordered, in_development, pending, ending, ended, cancelled" in (
        " ".join(result.stderr.split())
    )


def test_status_fits_80_columns_and_ellipsizes_a_long_title(
    tmp_path: Path, passes: dict[str, str]
) -> None:
    lines = at_80_columns(tmp_path, "status")

    assert max(len(line) for line in lines) <= 80
    [long_row] = [line for line in lines if line.startswith("Renée")]
    assert "…" in long_row and LONG_TITLE not in long_row
    assert "unknown" in long_row and "1/1" in long_row and "d ago" in long_row
    header = next(line for line in lines if line.startswith("Show"))
    assert header.split() == ["Show", "Status", "Certainty", "Since", "IMDb", "RT", "OK", "Checked"]


def test_the_board_fits_80_columns_at_its_widest() -> None:
    from rich.console import Console

    now = datetime(2025, 11, 1, tzinfo=UTC)
    view = View(status="in_development", certainty="speculative", since="2025-10-06")
    rows = [
        BoardRow(LONG_TITLE, "x", view, 12, 1, now - timedelta(days=400)),
        BoardRow("Ballard", "b", View(status="cancelled", season=12), 1, 0, None),
    ]
    console = Console(width=80, record=True, color_system=None)

    console.print(render.board_table(rows, now, 80))

    lines = console.export_text().splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "in_development  speculative  2025-10-06" in lines[3]  # nothing else is cut
    assert lines[3].endswith("12/13  400d ago") and lines[3].startswith("Renée Bal")
    assert lines[4].endswith("1/1     never")


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "now"),
        (59, "now"),
        (60, "1m ago"),
        (3599, "59m ago"),
        (3600, "1h ago"),
        (47 * 3600, "47h ago"),
        (48 * 3600, "2d ago"),
        (400 * 86400, "400d ago"),
    ],
)
def test_last_checked_is_an_age(seconds: int, text: str) -> None:
    now = datetime(2025, 11, 1, tzinfo=UTC)

    assert render.age(now - timedelta(seconds=seconds), now) == text
    assert render.age(None, now) == "never"


# -- history -----------------------------------------------------------------------------------


def test_history_lists_changes_with_evidence_and_rating_trends(
    tracker: Tracker,  # noqa: F811
    passes: dict[str, str],
) -> None:
    out = ok(tracker("history", "Ballard"))
    lines = [plain(line) for line in out.splitlines()]

    assert lines[0] == "History of Ballard"
    assert not any(" snapshot " in line for line in lines)  # changes only by default
    assert entries(out) == [
        "2025-07-15T12:00 CHANGE Ballard: first seen as pending (season 2, reported)",
        "2025-10-06T12:00 CHANGE Ballard: status changed, pending (season 2, reported) → "
        "renewed (season 2, official)",
        "2025-10-06T12:00 CHANGE Ballard: imdb rating moved 7.5 → 7.9",
    ]
    text = " ".join(lines)  # evidence wraps
    assert "“As of this writing, Prime Video has not renewed Ballard for a second season.”" in text
    assert f"{passes['Ballard']} (published 2025-07-15)" in lines
    assert f"{passes['Ballard']} (published 2025-10-06)" in lines
    assert "Ratings, oldest → newest:" in lines
    assert "IMDb ▁█ 7.9 now, 7.5–7.9 over 2 snapshots" in lines
    assert "RT ▄▄ 100% now, steady over 2 snapshots" in lines


def test_history_with_snapshots_interleaves_every_snapshot(
    tracker: Tracker,  # noqa: F811
    passes: dict[str, str],
) -> None:
    out = ok(tracker("history", "ballard", "--snapshots"))
    lines = [plain(line) for line in out.splitlines()]

    assert entries(out) == [
        "2025-07-15T12:00 snapshot pending S2 reported published 2025-07-15",
        "2025-07-15T12:00 CHANGE Ballard: first seen as pending (season 2, reported)",
        "2025-10-06T12:00 snapshot renewed S2 official published 2025-10-06",
        "2025-10-06T12:00 CHANGE Ballard: status changed, pending (season 2, reported) → "
        "renewed (season 2, official)",
        "2025-10-06T12:00 CHANGE Ballard: imdb rating moved 7.5 → 7.9",
    ]
    assert "ratings: imdb 7.5, rotten_tomatoes 100" in lines
    assert "ratings: imdb 7.9, rotten_tomatoes 100" in lines


def test_history_of_a_show_without_changes_says_so_and_lists_snapshots_on_request(
    tracker: Tracker,  # noqa: F811
    passes: dict[str, str],
) -> None:
    quiet = plain(ok(tracker("history", "night shift")))  # part of one title
    full = plain(ok(tracker("history", "night shift", "--snapshots")))

    assert quiet == f"History of {LONG_TITLE} no changes yet (1 snapshot; --snapshots lists them)"
    assert "2025-07-15T12:00 snapshot unknown published 2025-07-14" in full
    assert passes[LONG_TITLE] in full


def test_history_json_has_snapshots_changes_and_trends(
    tracker: Tracker,  # noqa: F811
    passes: dict[str, str],
) -> None:
    data = json.loads(ok(tracker("history", "Ballard", "--json")))

    assert list(data) == ["show", "slug", "snapshots", "changes", "trends"]
    assert [s["status"] for s in data["snapshots"]] == ["pending", "renewed"]
    assert [c["kind"] for c in data["changes"]] == [
        "first_seen",
        "status_changed",
        "rating_changed",
    ]
    assert data["trends"]["imdb"] == {
        "sparkline": "▁█",
        "points": [
            {"date": "2025-07-15", "value": 7.5, "snapshot_id": data["snapshots"][0]["id"]},
            {"date": "2025-10-06", "value": 7.9, "snapshot_id": data["snapshots"][1]["id"]},
        ],
    }
    assert set(data["trends"]) == {"imdb", "rotten_tomatoes"}


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("Bosch", "error: no show named 'Bosch' in the database (see `tracker status`)"),
        (
            "a",
            f"error: 'a' matches 3 shows (Ballard, Copper Valley, {LONG_TITLE}): "
            "give more of the title",
        ),
    ],
)
@pytest.mark.parametrize("command", ["history", "diff"])
def test_an_unknown_or_ambiguous_show_is_a_one_line_error(
    tracker: Tracker,  # noqa: F811
    passes: dict[str, str],
    command: str,
    name: str,
    error: str,
) -> None:
    for args in ([command, name], [command, name, "--json"]):
        result = tracker(*args)

        assert result.exit_code == 1
        assert result.stdout == ""
        assert result.stderr.splitlines() == [error]


def test_sparkline_scales_from_lowest_to_highest() -> None:
    assert render.sparkline([]) == ""
    assert render.sparkline([7.0, 7.0, 7.0]) == "▄▄▄"
    assert render.sparkline([1, 2, 3, 4, 5, 6, 7, 8]) == "▁▂▃▄▅▆▇█"
    assert render.sparkline([8.0, 6.0, 7.0]) == "█▁▅"


# -- changes -----------------------------------------------------------------------------------


def test_changes_lists_every_show_oldest_first_with_evidence(
    tracker: Tracker,  # noqa: F811
    passes: dict[str, str],
) -> None:
    out = ok(tracker("changes"))
    lines = [plain(line) for line in out.splitlines()]

    assert [re.sub(r":\d\d (.+?): .*", r" \1", head) for head in entries(out)] == [
        "2025-07-15T12 Ballard",
        "2025-09-05T12 Copper Valley",
        "2025-10-06T12 Ballard",
        "2025-10-06T12 Ballard",
    ]
    assert entries(out)[2].endswith("pending (season 2, reported) → renewed (season 2, official)")
    assert "2025-09-05T12:00 Copper Valley: first seen as cancelled (season 2, official)" in lines
    assert f"{passes['Copper Valley']} (published 2025-09-05)" in lines


def test_changes_since_a_day_starts_at_its_midnight_utc(
    tracker: Tracker,  # noqa: F811
    passes: dict[str, str],
) -> None:
    def kinds(*args: str) -> list[tuple[str, str]]:
        found = json.loads(ok(tracker("changes", *args, "--json")))
        return [(c["occurred_at"][:10], c["kind"]) for c in found]

    assert kinds() == [
        ("2025-07-15", "first_seen"),
        ("2025-09-05", "first_seen"),
        ("2025-10-06", "status_changed"),
        ("2025-10-06", "rating_changed"),
    ]
    assert kinds("--since", "2025-09-05") == kinds()[1:]
    assert kinds("--since", "2025-09-06") == kinds()[2:]
    assert kinds("--since", "2025-10-07") == []
    assert ok(tracker("changes", "--since", "2025-10-07")).strip() == "no changes since 2025-10-07"
    [first] = json.loads(ok(tracker("changes", "--json")))[:1]
    assert list(first) == ["id", "kind", "occurred_at", "show", "previous", "current", "evidence"]
    assert first["show"] == "Ballard" and first["evidence"]["url"] == passes["Ballard"]


@pytest.mark.parametrize("command", [["changes", "--since"], ["diff", "Ballard", "--from"]])
@pytest.mark.parametrize("value", ["2025-13-01", "2025-02-30", "yesterday", "2025-1-5", "20251006"])
def test_a_bad_date_is_a_usage_error(
    tracker: Tracker,  # noqa: F811
    passes: dict[str, str],
    command: list[str],
    value: str,
) -> None:
    result = tracker(*command, value)

    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"'{value}' is not a date: use YYYY-MM-DD (UTC)" in result.stderr
    assert result.stderr.startswith("Usage: ") and f" {command[0]} " in result.stderr


# -- diff --------------------------------------------------------------------------------------


def test_diff_compares_the_view_as_of_two_days_with_each_sides_evidence(
    tracker: Tracker,  # noqa: F811
    passes: dict[str, str],
) -> None:
    lines = [
        plain(line)
        for line in ok(
            tracker("diff", "Ballard", "--from", "2025-07-31", "--to", "2025-10-31")
        ).splitlines()
    ]

    assert lines[:4] == [
        "Ballard: as of 2025-07-31 → as of 2025-10-31 (end of day, UTC)",
        "status pending → renewed",
        "certainty reported → official",
        "IMDb 7.5 → 7.9",
    ]
    assert "as of 2025-07-31: pending S2 reported, since 2025-07-15" in lines
    assert "as of 2025-10-31: renewed S2 official, since 2025-10-06" in lines
    text = " ".join(lines)  # evidence wraps
    assert "not renewed Ballard for a second season" in text
    assert "has renewed Ballard for a second season" in text


def test_diff_json_and_its_defaults(
    tracker: Tracker,  # noqa: F811
    passes: dict[str, str],
) -> None:
    data = json.loads(ok(tracker("diff", "ballard", "--json")))

    assert list(data) == ["show", "slug", "from", "to", "before", "after", "differences"]
    assert data["from"] == "2025-07-15"  # the first snapshot's day
    assert data["to"] == datetime.now(UTC).date().isoformat()
    assert data["differences"] == [
        {"field": "status", "before": "pending", "after": "renewed"},
        {"field": "certainty", "before": "reported", "after": "official"},
        {"field": "imdb", "before": 7.5, "after": 7.9},
    ]
    before = data["before"]
    assert list(before) == [
        "status",
        "season",
        "certainty",
        "lean",
        "since",
        "ratings",
        "evidence",
    ]
    assert before["evidence"] == {
        "url": passes["Ballard"],
        "text": "As of this writing, Prime Video has not renewed Ballard for a second season.",
        "published": "2025-07-15",
    }
    assert data["after"]["ratings"]["imdb"] == 7.9


@pytest.mark.parametrize(
    ("start", "end", "before", "after"),
    [
        ("2025-07-14", "2025-07-15", "unknown", "pending"),  # fetched at noon on the 15th
        ("2025-07-15", "2025-10-05", "pending", "pending"),
        ("2025-10-05", "2025-10-06", "pending", "renewed"),
        ("2025-10-06", "2030-01-01", "renewed", "renewed"),
    ],
)
def test_diff_counts_a_snapshot_from_the_end_of_the_day_it_was_fetched(
    tracker: Tracker,  # noqa: F811
    passes: dict[str, str],
    start: str,
    end: str,
    before: str,
    after: str,
) -> None:
    data = json.loads(ok(tracker("diff", "Ballard", "--from", start, "--to", end, "--json")))

    assert (data["before"]["status"], data["after"]["status"]) == (before, after)
    assert bool(data["differences"]) == (before != after)


def test_diff_without_difference_shows_the_evidence_once(
    tracker: Tracker,  # noqa: F811
    passes: dict[str, str],
) -> None:
    out = ok(tracker("diff", "copper", "--from", "2025-09-05"))

    assert "no difference" in out
    assert out.count("“It's official: Beacon has cancelled Copper Valley") == 1
    assert "as of 2025-09-05 and " in out


def test_diff_from_after_to_is_a_usage_error(
    tracker: Tracker,  # noqa: F811
    passes: dict[str, str],
) -> None:
    result = tracker("diff", "Ballard", "--from", "2025-10-06", "--to", "2025-07-15")

    assert result.exit_code == 2
    assert "Error: --from 2025-10-06 is after --to 2025-07-15" in result.stderr


# -- export ------------------------------------------------------------------------------------


def test_export_csv_parses_back_with_a_header_in_a_fixed_column_order(
    tracker: Tracker,  # noqa: F811
    passes: dict[str, str],
) -> None:
    out = ok(tracker("export", "--format", "csv"))

    reader = csv.DictReader(io.StringIO(out, newline=""))
    records = list(reader)
    assert reader.fieldnames == EXPORT_COLUMNS
    assert [r["show"] for r in records] == ["Ballard", "Copper Valley", LONG_TITLE]
    ballard = records[0]
    assert {k: ballard[k] for k in ("status", "season", "certainty", "since", "imdb")} == {
        "status": "renewed",
        "season": "2",
        "certainty": "official",
        "since": "2025-10-06",
        "imdb": "7.9",
    }
    assert ballard["rotten_tomatoes"] == "100" and ballard["metacritic"] == ""
    assert ballard["evidence_url"] == passes["Ballard"]
    assert ballard["evidence_text"].startswith("It's official: Prime Video has renewed Ballard")
    assert (ballard["sources_ok"], ballard["sources_failing"]) == ("1", "0")
    assert ballard["last_checked"] == OCTOBER.isoformat()
    assert records[2]["status"] == "unknown" and records[2]["season"] == ""


def test_export_json_is_a_list_with_the_same_columns_and_output_writes_a_file(
    tmp_path: Path,
    tracker: Tracker,  # noqa: F811
    passes: dict[str, str],
) -> None:
    data = json.loads(ok(tracker("export")))
    target = tmp_path / "shows.csv"
    written = tracker("export", "--format", "csv", "--output", str(target))

    assert [list(record) for record in data] == [EXPORT_COLUMNS] * 3
    assert data[0]["imdb"] == 7.9 and data[0]["season"] == 2 and data[2]["season"] is None
    assert written.exit_code == 0, written.output
    assert written.stdout == ""
    assert written.stderr.strip() == f"exported 3 shows to {target}"
    with target.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == EXPORT_COLUMNS and [r[0] for r in rows[1:]] == [
        "Ballard",
        "Copper Valley",
        LONG_TITLE,
    ]


def test_export_to_an_unwritable_path_is_a_one_line_error(
    tmp_path: Path,
    tracker: Tracker,  # noqa: F811
    passes: dict[str, str],
) -> None:
    result = tracker("export", "--output", str(tmp_path / "missing" / "shows.json"))

    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: cannot write {tmp_path / 'missing' / 'shows.json'}: ")
    assert len(result.stderr.splitlines()) == 1


# -- an empty database, and 80 columns ----------------------------------------------------------


def test_every_command_on_an_empty_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    Store(url).migrate()

    def run(*args: str) -> Any:
        return CliRunner().invoke(cli, ["--db", url, *args])

    assert ok(run("status")).strip().startswith("no shows yet")
    assert json.loads(ok(run("status", "--json"))) == []
    assert ok(run("changes")).strip() == "no changes yet"
    assert json.loads(ok(run("changes", "--json"))) == []
    assert json.loads(ok(run("export"))) == []
    assert ok(run("export", "--format", "csv")).splitlines() == [",".join(EXPORT_COLUMNS)]
    for command in ("history", "diff"):
        missing = run(command, "Ballard")
        assert missing.exit_code == 1
        assert "no show named 'Ballard'" in missing.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["history", "Ballard", "--snapshots"],
        ["history", "renee", "--snapshots"],
        ["changes"],
        ["diff", "Ballard", "--from", "2025-07-01"],
    ],
)
def test_history_changes_and_diff_fit_80_columns(
    tmp_path: Path, passes: dict[str, str], args: list[str]
) -> None:
    lines = at_80_columns(tmp_path, *args)

    assert len(lines) >= 3
    assert max(len(line) for line in lines) <= 80
    starts = r"History of |\d{4}-\d\d-\d\dT\d\d:\d\d  |Ratings, |Ballard: as of |as of \d|  \S|    "
    assert [line for line in lines if not re.match(starts, line)] == []  # wrapped, indented
