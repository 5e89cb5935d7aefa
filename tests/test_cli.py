"""The `tracker` command line, end to end: real SQLite files, real HTTP on 127.0.0.1.

Most tests drive `tracker.cli.cli` through click's CliRunner; a few run the installed
console script and `python -m tracker` in a subprocess, so the entry points are real too.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from apscheduler.schedulers.background import BackgroundScheduler
from click.testing import CliRunner, Result
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from jobs.scrape import scrape
from tracker.cli import cli

REPO = Path(__file__).resolve().parents[1]
TRACKER = REPO / ".venv" / "bin" / "tracker"
ENV = {**os.environ, "COLUMNS": "250"}
ANSI = re.compile(r"\x1b\[[0-9;]*m")

PENDING = """<!doctype html><html><head>
<title>Will Ballard return? What we know about season 2</title>
<meta property="article:published_time" content="2025-07-15T09:00:00Z"></head>
<body><article><h1>Will Ballard return? What we know about season 2</h1>
<p>Ballard premiered on Prime Video on July 9, 2025, and the Bosch spin-off starring Maggie Q
as Detective Renée Ballard quickly climbed the streamer's top ten.</p>
<p>As of this writing, Prime Video has not renewed Ballard for a second season.</p>
<p>Ballard holds a 7.5/10 on IMDb and a 100% score on Rotten Tomatoes.</p>
</article></body></html>"""

RENEWED = """<!doctype html><html><head>
<title>Ballard renewed for season 2 at Prime Video</title>
<meta property="article:published_time" content="2025-10-06T16:00:00Z"></head>
<body><article><h1>Ballard renewed for season 2 at Prime Video</h1>
<p>It's official: Prime Video has renewed Ballard for a second season, the streamer announced
Monday.</p>
<p>The Bosch spin-off stars Maggie Q as Detective Renée Ballard, who runs the LAPD's cold case
unit out of a basement office with a team of volunteers.</p>
</article></body></html>"""

CANCELLED = """<!doctype html><html><head><title>Copper Valley cancelled</title>
<meta property="article:published_time" content="2025-09-05T12:00:00Z"></head>
<body><article><h1>Copper Valley cancelled after two seasons</h1>
<p>It's official: Beacon has cancelled Copper Valley after two seasons, the network confirmed
on Friday.</p>
<p>The family drama followed three generations of a mining family in the Rockies and drew a
loyal audience, but its ratings fell through the second season.</p>
</article></body></html>"""


def plain(text: str) -> str:
    """Output without colour codes and with every run of whitespace as one space."""
    return " ".join(ANSI.sub("", text).split())


# -- fixtures ----------------------------------------------------------------------------------


class Site:
    """What each path of the local news site serves; changed between runs."""

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.pages: dict[str, tuple[int, str]] = {}
        server.expect_request(re.compile(r"/.*")).respond_with_handler(self._respond)

    def _respond(self, request: Request) -> Response:
        status, body = self.pages.get(request.path, (404, "not found"))
        return Response(body, status=status, content_type="text/html; charset=utf-8")

    def serve(self, path: str, body: str, status: int = 200) -> str:
        self.pages[path] = (status, body)
        return self.server.url_for(path)


@pytest.fixture
def site(httpserver: HTTPServer) -> Site:
    return Site(httpserver)


def write_config(folder: Path, shows: dict[str, list[str]]) -> Path:
    lines = ['[database]\nurl = "sqlite:///tracker.db"\n', '[[alerts]]\nkind = "console"\n']
    for title, urls in shows.items():
        sources = ", ".join(f'"{u}"' for u in urls)
        lines.append(f'[[shows]]\ntitle = "{title}"\nsources = [{sources}]\n')
    path = folder / "config.toml"
    path.write_text("".join(lines), encoding="utf-8")
    return path


Tracker = Callable[..., Result]


@pytest.fixture
def tracker(tmp_path: Path) -> Tracker:
    """`tracker --config tmp_path/config.toml ARGS…` through CliRunner."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(cli, ["--config", str(tmp_path / "config.toml"), *args], input=input)

    return invoke


def status_json(tracker: Tracker) -> dict[str, dict[str, Any]]:
    result = tracker("status", "--json")
    assert result.exit_code == 0, result.output
    return {row["show"]: row for row in json.loads(result.stdout)}


# -- configuration errors ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [["init"], ["status"], ["run"], ["history", "Ballard"], ["db", "upgrade"], ["daemon"]],
)
def test_a_bad_config_prints_one_line_on_stderr_and_exits_2(
    tmp_path: Path, tracker: Tracker, command: list[str]
) -> None:
    (tmp_path / "config.toml").write_text('[[shows]]\ntitle = "Ballard"\nsourcse = []\n')

    result = tracker(*command)

    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"error: {tmp_path / 'config.toml'}: shows[0].sourcse: unknown key"
    ]
    assert not (tmp_path / "tracker.db").exists()


def test_the_console_script_reports_a_bad_config_in_one_line(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[fetch]\nconcurrency = "16"\n')

    result = subprocess.run(
        [str(TRACKER), "--config", str(config), "run"],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=60,
        check=False,
    )

    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"error: {config}: fetch.concurrency: Input should be a valid integer"
    ]


def test_a_missing_config_file_exits_2_and_says_how_to_point_at_one(
    tmp_path: Path, tracker: Tracker
) -> None:
    result = tracker("init")

    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"error: {tmp_path / 'config.toml'}: file not found (use --config or $TRACKER_CONFIG)"
    )


# -- init / status on an uninitialised database -------------------------------------------------


def test_init_creates_the_database_and_a_second_init_is_harmless(
    tmp_path: Path, tracker: Tracker
) -> None:
    write_config(tmp_path, {})

    first, second = tracker("init"), tracker("init")

    assert (first.exit_code, second.exit_code) == (0, 0)
    assert (tmp_path / "tracker.db").is_file()
    assert first.stdout.strip() == f"database ready: sqlite:///{tmp_path / 'tracker.db'}"
    upgrade = tracker("db", "upgrade")
    assert upgrade.exit_code == 0 and "newest migration" in upgrade.stdout


def test_status_on_a_fresh_database_says_there_are_no_shows_yet(
    tmp_path: Path, tracker: Tracker
) -> None:
    write_config(tmp_path, {})
    tracker("init")

    text, as_json = tracker("status"), tracker("status", "--json")

    assert text.exit_code == 0 and "no shows yet" in text.stdout
    assert as_json.exit_code == 0 and json.loads(as_json.stdout) == []


@pytest.mark.parametrize(
    "command", [["status"], ["status", "--json"], ["run"], ["history", "Ballard"]]
)
def test_a_command_on_an_uninitialised_database_exits_3_and_creates_no_file(
    tmp_path: Path, tracker: Tracker, command: list[str]
) -> None:
    write_config(tmp_path, {"Ballard": ["https://news.example/ballard"]})

    result = tracker(*command)

    assert result.exit_code == 3
    assert result.stderr.strip() == (
        f"error: {tmp_path / 'tracker.db'} does not exist: run `tracker init`"
    )
    assert not (tmp_path / "tracker.db").exists()


def test_python_dash_m_tracker_status_with_db_on_a_missing_file_exits_3(tmp_path: Path) -> None:
    database = tmp_path / "nothing-here.db"

    result = subprocess.run(
        [sys.executable, "-m", "tracker", "--db", f"sqlite:///{database}", "status"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=ENV,
        timeout=60,
        check=False,
    )

    assert result.returncode == 3
    assert result.stderr.splitlines() == [f"error: {database} does not exist: run `tracker init`"]
    assert not database.exists()


def test_status_on_an_empty_sqlite_file_asks_for_init(tmp_path: Path) -> None:
    database = tmp_path / "empty.db"
    database.touch()

    result = CliRunner().invoke(cli, ["--db", f"sqlite:///{database}", "status"])

    assert result.exit_code == 3
    assert "is not initialised: run `tracker init`" in result.stderr


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("nosuchdb://tracker:hunter2@db.example/t", id="unknown-backend"),
        pytest.param("postgresql+nosuch://tracker:hunter2@db.example/t", id="unknown-dialect"),
    ],
)
def test_a_database_url_that_cannot_be_used_is_a_one_line_error(url: str) -> None:
    result = CliRunner().invoke(cli, ["--db", url, "status"])

    assert result.exit_code == 3
    assert len(result.stderr.splitlines()) == 1
    assert "db.example" in result.stderr


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("nosuchdb://tracker:hunter2@db.example/t", id="unknown-backend"),
        pytest.param("postgresql+nosuch://tracker:hunter2@db.example/t", id="unknown-dialect"),
    ],
)
def test_a_database_password_never_appears_in_an_error(url: str) -> None:
    result = CliRunner().invoke(cli, ["--db", url, "status"])

    assert result.exit_code == 3
    assert "hunter2" not in result.output


def test_a_database_password_is_hidden_when_the_server_is_unreachable() -> None:
    url = "postgresql+psycopg://tracker:hunter2@127.0.0.1:1/t"

    result = CliRunner().invoke(cli, ["--db", url, "status"])

    assert result.exit_code == 3
    assert "hunter2" not in result.output
    assert result.stderr.startswith("error: cannot open postgresql+psycopg://tracker:***@")


# -- run / status / history against a local news site -----------------------------------------


def test_run_fetches_extracts_alerts_and_status_shows_the_result(
    tmp_path: Path, tracker: Tracker, site: Site
) -> None:
    url = site.serve("/tv/ballard", RENEWED)
    write_config(tmp_path, {"Ballard": [url]})
    tracker("init")

    result = tracker("run")

    assert result.exit_code == 0, result.output
    out = plain(result.stdout)
    assert "ALERT Ballard: first seen as renewed (season 2, official)" in out
    assert (
        "1 sources: 1 fetched, 0 not modified, 0 unchanged, 0 failed; 1 snapshots, 1 changes" in out
    )
    assert "alerts: 1 sent, 0 failed" in out
    ballard = status_json(tracker)["Ballard"]
    assert {k: ballard[k] for k in ("slug", "status", "season", "certainty", "since")} == {
        "slug": "ballard",
        "status": "renewed",
        "season": 2,
        "certainty": "official",
        "since": "2025-10-06",
    }
    assert ballard["evidence"]["url"] == url
    assert "has renewed Ballard for a second season" in ballard["evidence"]["text"]
    assert (ballard["sources_ok"], ballard["sources_failing"]) == (1, 0)
    assert ballard["last_checked"] is not None
    table = plain(tracker("status").stdout)
    assert "Ballard renewed S2 official 2025-10-06" in table


def test_a_second_run_over_the_same_page_changes_nothing_and_alerts_nobody(
    tmp_path: Path, tracker: Tracker, site: Site
) -> None:
    write_config(tmp_path, {"Ballard": [site.serve("/tv/ballard", RENEWED)]})
    tracker("init")
    tracker("run")

    again = tracker("run")

    assert again.exit_code == 0
    assert "ALERT" not in again.stdout
    assert "0 snapshots, 0 changes" in plain(again.stdout)
    assert "alerts: 0 sent, 0 failed" in again.stdout


def test_run_with_one_source_failing_completes_exits_1_and_names_the_failure(
    tmp_path: Path, tracker: Tracker, site: Site
) -> None:
    good = site.serve("/tv/copper-valley", CANCELLED)
    broken = site.serve("/tv/ballard", "<h1>Internal Server Error</h1>", status=500)
    write_config(tmp_path, {"Ballard": [broken], "Copper Valley": [good]})
    tracker("init")

    result = tracker("run")

    assert result.exit_code == 1, result.output  # the pass completed, but not everything
    [failure] = result.stderr.splitlines()  # one line, naming the URL and the problem
    assert failure.startswith(f"failed: {broken}: http: ")
    assert "500" in failure
    assert "2 sources: 1 fetched, 0 not modified, 0 unchanged, 1 failed" in plain(result.stdout)
    assert "ALERT Copper Valley: first seen as cancelled" in plain(result.stdout)
    board = status_json(tracker)
    assert board["Copper Valley"]["status"] == "cancelled"
    assert (board["Ballard"]["status"], board["Ballard"]["sources_failing"]) == ("unknown", 1)
    assert board["Copper Valley"]["sources_failing"] == 0


def test_a_source_that_breaks_after_a_good_fetch_changes_no_status(
    tmp_path: Path, tracker: Tracker, site: Site
) -> None:
    url = site.serve("/tv/ballard", PENDING)
    write_config(tmp_path, {"Ballard": [url]})
    tracker("init")
    tracker("run")
    site.serve("/tv/ballard", "gateway timeout", status=504)

    broken = tracker("run")

    assert broken.exit_code == 1, "a failed source is a partial pass"
    assert "ALERT" not in broken.stdout
    assert f"failed: {url}: http:" in broken.stderr
    ballard = status_json(tracker)["Ballard"]
    assert (ballard["status"], ballard["season"]) == ("pending", 2)
    assert ballard["sources_failing"] == 1
    history = json.loads(tracker("history", "Ballard", "--json").stdout)
    assert [c["kind"] for c in history["changes"]] == ["first_seen"]


@pytest.fixture
def two_runs(tmp_path: Path, tracker: Tracker, site: Site) -> str:
    """July: the pending article; October: the renewal, at the same URL."""
    url = site.serve("/tv/ballard", PENDING)
    write_config(tmp_path, {"Ballard": [url]})
    tracker("init")
    assert tracker("run").exit_code == 0
    site.serve("/tv/ballard", RENEWED)
    second = tracker("run")
    assert second.exit_code == 0
    assert (
        "ALERT Ballard: status changed, pending (season 2, reported) → renewed (season 2, "
        "official)" in plain(second.stdout)
    )
    return url


def test_history_json_lists_snapshots_and_changes_in_time_order(
    tracker: Tracker, two_runs: str
) -> None:
    result = tracker("history", "Ballard", "--json")

    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["show"], data["slug"]) == ("Ballard", "ballard")
    snapshots, changes = data["snapshots"], data["changes"]
    assert [(s["status"], s["season"], s["certainty"], s["published"]) for s in snapshots] == [
        ("pending", 2, "reported", "2025-07-15"),
        ("renewed", 2, "official", "2025-10-06"),
    ]
    assert snapshots[0]["fetched_at"] < snapshots[1]["fetched_at"]
    assert all(s["url"] == two_runs for s in snapshots)
    assert snapshots[0]["ratings"] == {
        "imdb": 7.5,
        "rotten_tomatoes": 100,
        "rt_audience": None,
        "metacritic": None,
        "tvmaze": None,
    }
    assert [c["kind"] for c in changes] == ["first_seen", "status_changed"]
    assert changes[0]["occurred_at"] < changes[1]["occurred_at"]
    assert (changes[1]["previous"]["status"], changes[1]["current"]["status"]) == (
        "pending",
        "renewed",
    )
    assert changes[1]["evidence"]["url"] == two_runs
    assert set(changes[0]) == {
        "id",
        "kind",
        "occurred_at",
        "show",
        "previous",
        "current",
        "evidence",
    }


def test_history_text_interleaves_snapshots_and_changes_in_time_order(
    tracker: Tracker, two_runs: str
) -> None:
    result = tracker("history", "ballard", "--snapshots")  # the slug or any case works

    assert result.exit_code == 0, result.output
    lines = [plain(line) for line in result.stdout.splitlines() if line.strip()]
    assert lines[0] == "History of Ballard"
    events = [line.split()[0] for line in lines if re.match(r"\d{4}-\d\d-\d\dT", line)]
    kinds = [
        "snapshot pending"
        if "snapshot pending S2 reported" in line
        else "snapshot renewed"
        if "snapshot renewed S2 official" in line
        else "change first seen"
        if "CHANGE Ballard: first seen as pending" in line
        else "change renewed"
        if "CHANGE Ballard: status changed, pending" in line
        else line
        for line in lines
        if re.match(r"\d{4}-\d\d-\d\dT", line)
    ]
    assert kinds == ["snapshot pending", "change first seen", "snapshot renewed", "change renewed"]
    assert events == sorted(events)
    assert "published 2025-07-15" in lines[1] and "published 2025-10-06" in "\n".join(lines)
    assert f"{two_runs}" in lines
    assert "ratings: imdb 7.5, rotten_tomatoes 100" in lines


def test_history_of_an_unknown_show_fails_with_a_clear_message(
    tracker: Tracker, two_runs: str
) -> None:
    for args in (["history", "Bosch"], ["history", "Bosch", "--json"]):
        result = tracker(*args)

        assert result.exit_code != 0
        assert result.stdout == ""
        assert result.stderr.splitlines() == [
            "error: no show named 'Bosch' in the database (see `tracker status`)"
        ]


def test_db_flag_overrides_the_config_and_needs_no_config_file(
    tmp_path: Path, tracker: Tracker, two_runs: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")  # no config.toml here
    monkeypatch.delenv("TRACKER_CONFIG", raising=False)

    result = CliRunner().invoke(
        cli, ["--db", f"sqlite:///{tmp_path / 'tracker.db'}", "status", "--json"]
    )

    assert result.exit_code == 0, result.output
    assert [row["show"] for row in json.loads(result.stdout)] == ["Ballard"]


# -- the daemon and its scrape job --------------------------------------------------------------


def _start_runs_the_first_pass_only(self: BackgroundScheduler) -> None:
    """Instead of starting threads: run the run-now job once, in this thread."""
    for job in self.get_jobs():
        if job.id == "scrape-now":
            job.func(*job.args)


@pytest.fixture
def immediate_scheduler(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The daemon in-process: its catch-up pass runs at start, then a SIGTERM "arrives"."""
    monkeypatch.setattr(BackgroundScheduler, "start", _start_runs_the_first_pass_only)
    monkeypatch.setattr(BackgroundScheduler, "shutdown", lambda self, wait=True: None)
    signals = iter([signal.SIGTERM])  # one SIGTERM; the wait for a second never ends

    def sigwait(_signals: object) -> int:
        received = next(signals, None)
        if received is None:
            threading.Event().wait()
        return received or 0

    monkeypatch.setattr(signal, "sigwait", sigwait)
    root = logging.getLogger()
    handlers = {name: signal.getsignal(name) for name in (signal.SIGTERM, signal.SIGINT)}
    level, log_handlers = root.level, list(root.handlers)
    try:
        yield
    finally:
        for name, handler in handlers.items():
            signal.signal(name, handler)
        root.setLevel(level)
        root.handlers[:] = log_handlers


def test_daemon_runs_a_first_pass_into_the_configured_database(
    tmp_path: Path, tracker: Tracker, site: Site, immediate_scheduler: None
) -> None:
    write_config(tmp_path, {"Ballard": [site.serve("/tv/ballard", RENEWED)]})
    tracker("init")

    result = tracker("daemon")

    assert result.exit_code == 0, result.output
    started = next(line for line in result.stderr.splitlines() if "daemon started" in line)
    assert started.startswith("ts=") and " level=info logger=jobs.daemon " in started
    assert "scrape on '0 */6 * * *'" in started and "jitter 30s" in started
    assert status_json(tracker)["Ballard"]["status"] == "renewed"


def test_daemon_refuses_to_start_on_an_uninitialised_database(
    tmp_path: Path, tracker: Tracker, immediate_scheduler: None
) -> None:
    write_config(tmp_path, {"Ballard": ["https://news.example/ballard"]})

    result = tracker("daemon")

    assert result.exit_code == 3
    assert "run `tracker init`" in result.stderr
    assert "daemon started" not in result.stderr


def test_daemon_scrapes_into_the_database_given_with_db(
    tmp_path: Path, tracker: Tracker, site: Site, immediate_scheduler: None
) -> None:
    write_config(tmp_path, {"Ballard": [site.serve("/tv/ballard", RENEWED)]})
    other = f"sqlite:///{tmp_path / 'other.db'}"
    assert CliRunner().invoke(cli, ["--db", other, "init"]).exit_code == 0

    result = tracker("--db", other, "daemon")

    assert result.exit_code == 0, result.output
    board = CliRunner().invoke(cli, ["--db", other, "status", "--json"])
    assert [row["show"] for row in json.loads(board.stdout)] == ["Ballard"]
    assert not (tmp_path / "tracker.db").exists()  # the config's database was never touched


def test_the_scrape_job_logs_a_failed_pass_instead_of_raising(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = write_config(tmp_path, {"Ballard": ["https://news.example/ballard"]})

    scrape(config)  # the database was never initialised

    assert "scrape pass failed" in caplog.text
    assert "run `tracker init`" in caplog.text


def test_the_scrape_job_logs_a_config_broken_after_start_instead_of_raising(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = write_config(tmp_path, {"Ballard": ["ftp://news.example/ballard"]})

    scrape(config)  # returns: the scheduler never sees the ConfigError

    assert "shows[0].sources[0].url: must be an http(s) URL" in caplog.text
    assert any(r.levelname == "ERROR" for r in caplog.records)


def _lines(stream: Any, into: queue.Queue[str]) -> None:
    for line in stream:
        into.put(line)


def test_the_daemon_subprocess_scrapes_at_once_and_stops_cleanly_on_sigterm(
    tmp_path: Path, tracker: Tracker, site: Site
) -> None:
    write_config(tmp_path, {"Ballard": [site.serve("/tv/ballard", RENEWED)]})
    tracker("init")
    process = subprocess.Popen(
        [str(TRACKER), "--config", str(tmp_path / "config.toml"), "daemon"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    logged: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_lines, args=(process.stderr, logged), daemon=True).start()
    seen: list[str] = []
    try:
        deadline = time.monotonic() + 30
        while not any("scrape done" in line for line in seen):
            assert time.monotonic() < deadline, "".join(seen)
            seen.append(logged.get(timeout=max(0.1, deadline - time.monotonic())))
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()

    done = next(line for line in seen if "scrape done" in line)
    assert "1 sources: 1 fetched" in done and "alerts 1 sent, 0 failed" in done
    assert status_json(tracker)["Ballard"]["status"] == "renewed"


# -- the offline demo --------------------------------------------------------------------------


def test_demo_runs_offline_prints_alerts_board_history_and_keeps_its_database(
    tmp_path: Path,
) -> None:
    import sqlite3

    database = tmp_path / "demo.db"

    demo = subprocess.run(
        [str(TRACKER), "demo", "--db", str(database)],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=120,
        check=False,
    )

    assert demo.returncode == 0, demo.stderr
    out = plain(demo.stdout)
    ballard = [
        "ALERT Ballard: first seen as pending (season 2, reported)",
        "ALERT Ballard: status changed, pending (season 2, reported) → renewed "
        "(season 2, reported)",
        "ALERT Ballard: confirmed, renewed (season 2, reported) → renewed (season 2, official)",
    ]
    copper_valley = [
        "ALERT Copper Valley: first seen as pending (season 3, official)",
        "ALERT Copper Valley: status changed, pending (season 3, official) → cancelled "
        "(season 2, official)",
    ]
    starfall = [
        "ALERT Starfall Station: first seen as renewed (season 3, official)",
        "ALERT Starfall Station: status changed, renewed (season 3, official) → ending "
        "(season 3, official)",
    ]
    kittiwake = [  # watched only through a feed and TVmaze
        "ALERT Kittiwake Point: first seen as pending (season 3, reported)",
        "“TVmaze lists Kittiwake Point as To Be Determined.”",
        "/tvmaze/shows/79214?embed[]=previousepisode&embed[]=nextepisode",
        "ALERT Kittiwake Point: status changed, pending (season 3, reported) → renewed "
        "(season 3, official)",
        "“Kittiwake Point Renewed for Season 3 at Northlight”",
        "/2025/09/18/kittiwake-point-renewed-season-3/ (published 2025-09-18)",
    ]
    report = [
        "status board",
        "Ballard renewed S2 official 2025-10-06",
        "Copper Valley cancelled S2 official 2025-09-05",
        "Kittiwake Point renewed S3 official 2025-09-18 7.8 92% 2/2",
        "Starfall Station ending S3 official 2025-10-28",
        "History of Ballard",
        f"demo database kept at {database}",
    ]
    for story in (ballard, copper_valley, starfall, kittiwake, report):  # passes may interleave
        positions = [out.find(text) for text in story]
        assert -1 not in positions, [t for t, p in zip(story, positions, strict=True) if p == -1]
        assert positions == sorted(positions)
    assert out.count("ALERT ") == 9
    assert out.rfind("ALERT ") < out.find("status board")
    marks = [out.find(f"pass {n} ") for n in (1, 2, 3, 4)] + [out.find("status board")]
    passes = [out[marks[n] : marks[n + 1]] for n in range(4)]
    assert "ALERT Ballard" not in passes[3]  # the old July story fetched late moves nothing
    assert "ALERT Kittiwake Point: first seen" in passes[0]
    assert "ALERT Kittiwake Point: status changed" in passes[1]
    assert out.count("ALERT Kittiwake Point") == 2  # a later TVmaze "To Be Determined" is outranked
    # Three pages, the feed and TVmaze each pass; the feed's article joins once, in pass 2.
    # In pass 3 the feed changed (200) but still lists the known article: not fetched again.
    assert "5 sources: 5 fetched, 0 not modified" in passes[0]
    assert "6 sources (incl. 1 article from feeds): 6 fetched, 0 not modified" in passes[1]
    assert "5 sources: 2 fetched, 3 not modified" in passes[2]
    assert "5 sources: 2 fetched, 3 not modified" in passes[3]
    assert "127.0.0.1" in out and "http://" in out and "https://" not in out

    status = subprocess.run(
        [str(TRACKER), "--db", f"sqlite:///{database}", "status", "--json"],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=60,
        check=False,
    )

    assert status.returncode == 0, status.stderr
    board = {row["show"]: row for row in json.loads(status.stdout)}
    assert (
        board["Ballard"]["status"],
        board["Ballard"]["season"],
        board["Ballard"]["certainty"],
    ) == ("renewed", 2, "official")
    assert board["Copper Valley"]["status"] == "cancelled"
    assert board["Starfall Station"]["status"] == "ending"
    kittiwake_row = board["Kittiwake Point"]
    assert (
        kittiwake_row["status"],
        kittiwake_row["season"],
        kittiwake_row["certainty"],
        kittiwake_row["since"],
    ) == ("renewed", 3, "official", "2025-09-18")
    article = "/2025/09/18/kittiwake-point-renewed-season-3/"
    assert kittiwake_row["evidence"]["url"].endswith(article)
    assert kittiwake_row["ratings"]["tvmaze"] == 7.7  # TVmaze's newer listing, still undecided
    with sqlite3.connect(database) as db:
        fetches = db.execute(
            "SELECT s.kind, s.url, count(c.id), sum(c.http_status = 200) FROM sources s"
            " JOIN shows sh ON sh.id = s.show_id LEFT JOIN checks c ON c.source_id = s.id"
            " WHERE sh.slug = 'kittiwake-point' GROUP BY s.id ORDER BY s.kind"
        ).fetchall()
    assert [(kind, url.split("/", 3)[3], checks, ok) for kind, url, checks, ok in fetches] == [
        ("article", "2025/09/18/kittiwake-point-renewed-season-3/", 1, 1),  # requested once
        ("feed", "feed/", 4, 3),  # 200, 200, 200, then 304
        ("tvmaze", "tvmaze/shows/79214?embed[]=previousepisode&embed[]=nextepisode", 4, 2),
    ]


def test_demo_without_db_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from urllib.parse import urlsplit

    monkeypatch.chdir(tmp_path)

    result = CliRunner().invoke(cli, ["demo", "--show", "Kittiwake Point"])

    assert result.exit_code == 0, result.output
    out = plain(result.stdout)
    history = out[out.index("History of Kittiwake Point") :]
    snapshots = re.findall(r"snapshot (\w+ S\d \w+)(?: published ([\d-]+))? (\S+)", history)
    paths = [urlsplit(url).path for _, _, url in snapshots]  # a long URL wraps at 80 columns
    assert [(what, published) for what, published, _ in snapshots] == [
        ("pending S3 reported", ""),  # TVmaze, July
        ("pending S3 reported", ""),  # TVmaze, September: still "To Be Determined"
        ("renewed S3 official", "2025-09-18"),  # the article the feed named
    ]
    assert paths == [
        "/tvmaze/shows/79214",
        "/tvmaze/shows/79214",
        "/2025/09/18/kittiwake-point-renewed-season-3/",
    ]
    assert "demo database kept" not in out
    assert list(tmp_path.iterdir()) == []


def test_demo_server_types_each_file_points_feeds_at_itself_and_answers_304() -> None:
    import httpx

    from tracker.demo import _Pages, _server

    pages = _Pages()
    pages.serve(
        {
            "/feed/": "renewal-desk-feed-2025-09-23.rss",
            "/tvmaze/shows/79214": "tvmaze-kittiwake-point-2025-07.json",
            "/tv/ballard": "ballard-2025-07-10-pending.html",
        }
    )
    with _server(pages) as port, httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
        feed = client.get("/feed/")
        show = client.get("/tvmaze/shows/79214?embed[]=previousepisode&embed[]=nextepisode")
        page = client.get("/tv/ballard")
        again = client.get("/feed/", headers={"If-None-Match": feed.headers["etag"]})
        unlisted = client.get("/2025/09/05/copper-valley-cancelled-beacon-no-season-3/")

    assert feed.headers["content-type"] == "application/rss+xml; charset=utf-8"
    assert show.headers["content-type"] == "application/json; charset=utf-8"
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert show.json()["status"] == "To Be Determined"
    assert (again.status_code, again.content, again.headers["etag"]) == (
        304,
        b"",
        feed.headers["etag"],
    )
    assert unlisted.status_code == 404
    article = f"http://127.0.0.1:{port}/2025/09/18/kittiwake-point-renewed-season-3/"
    assert f"<link>{article}?utm_source=rss&#038;utm_medium=rss" in feed.text
    assert "renewaldesk.example" not in feed.text
    assert '<link rel="canonical" href="https://renewaldesk.example/2025/07/10/' in page.text


def test_demo_refuses_an_existing_db_path_in_one_line_and_leaves_it_alone(
    tmp_path: Path,
) -> None:
    database = tmp_path / "demo.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", f"sqlite:///{database}", "init"]).exit_code == 0
    before = database.read_bytes()

    again = runner.invoke(cli, ["demo", "--db", str(database)])

    assert again.exit_code != 0
    assert "ALERT" not in again.stdout
    [line] = again.stderr.splitlines()
    assert line.startswith(f"error: {database} already exists")
    assert database.read_bytes() == before
