"""`tracker daemon` under faults (#6): real daemon processes, a slow news site and two
webhook receivers on 127.0.0.1, SQLite files in tmp_path, the database read with sqlite3.

- a second daemon on the same database refuses to start, naming the holder's pid;
- SIGKILL mid-pass leaves no half-written rows, and a restart finishes the pass without
  fetching a recorded source again or losing the leased ones, each alert sent once;
- SIGTERM mid-pass exits 0 at once, writes what was in flight, keeps no lease, and
  `tracker run --due-only` then fetches exactly what was left;
- a duplicate firing after a complete pass fetches nothing.

Every page is slow (DELAY seconds) and at most two fetches run at once, so a pass over
the thirty shows takes several seconds and the faults land in its middle. The schedule's
crontabs fire once a year: the only pass is the daemon's catch-up at start, and alerts go
out when a pass ends — never while a kill could cut a POST off from its `sent` mark.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import re
import signal
import sqlite3
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from jobs.scrape import scrape
from tracker.cli import cli
from tracker.config import load_config

TRACKER = Path(__file__).resolve().parents[1] / ".venv" / "bin" / "tracker"
SECRET_ENV = "TRACKER_DAEMON_FAULTS_SECRET"
ENV = {**os.environ, SECRET_ENV: base64.b64encode(b"daemon-faults-webhook-secret-32b").decode()}
HOOKS = ("/hooks/newsroom", "/hooks/ops")  # two channels: one outbox row each per change
DELAY = 0.4  # seconds each article takes to arrive
CONCURRENCY = 2
YEARLY = "0 0 1 1 *"
WAIT = 30.0  # the longest any one step may take before the test fails

# (title, network, the season ordered, what the show is): one article per show.
SHOWS = [
    ("Harbor Lights", "Prime Video", 2, "coastal mystery"),
    ("The Glass Orchard", "Netflix", 3, "family saga"),
    ("Saltmarsh", "HBO", 2, "period drama"),
    ("Northbound Express", "Peacock", 2, "train heist thriller"),
    ("Iron Meridian", "Apple TV+", 3, "space western"),
    ("The Lantern Keepers", "Hulu", 2, "fantasy adventure"),
    ("Quarry Road", "FX", 4, "crime drama"),
    ("Silver Creek General", "NBC", 5, "hospital drama"),
    ("The Understudies", "Max", 2, "backstage comedy"),
    ("Paper Kingdoms", "Paramount+", 2, "political thriller"),
    ("Red Tide County", "AMC", 3, "small-town noir"),
    ("The Night Ferry", "BBC One", 2, "psychological thriller"),
    ("Cold Harvest", "Showtime", 2, "rural western"),
    ("Bellwether", "CBS", 6, "legal procedural"),
    ("The Cartographers", "Netflix", 2, "historical epic"),
    ("Stillwater Heights", "ABC", 3, "ensemble comedy"),
    ("Marrow Lane", "Hulu", 2, "horror anthology"),
    ("The Switchboard", "Prime Video", 2, "1960s workplace drama"),
    ("Lowland Saints", "Starz", 3, "gangster drama"),
    ("Ember Falls", "The CW", 4, "teen drama"),
    ("Tin Star Motel", "Peacock", 2, "dark comedy"),
    ("The Orbiters", "Apple TV+", 2, "science-fiction comedy"),
    ("Greyhaven", "HBO", 2, "gothic fantasy"),
    ("Wild Acre", "FX", 3, "farm comedy"),
    ("The Clockmakers", "Netflix", 2, "steampunk mystery"),
    ("Second Chair", "CBS", 3, "courtroom drama"),
    ("Blue Mesa", "Paramount+", 2, "desert thriller"),
    ("Pinewood Precinct", "NBC", 4, "police comedy"),
    ("The Quiet Archive", "Max", 2, "spy drama"),
    ("Foxglove Manor", "PBS", 3, "country-house mystery"),
]
ORDINALS = {2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth"}


def article(title: str, network: str, season: int, what: str, day: int) -> str:
    """A trade site's renewal story for one show, dated in October 2025."""
    return f"""<!doctype html><html><head>
<title>{title} renewed for season {season} at {network}</title>
<meta property="article:published_time" content="2025-10-{day:02d}T16:00:00Z"></head>
<body><nav><a href="/tv/">TV</a> <a href="/news/">News</a></nav>
<article><h1>{network} renews {title} for season {season}</h1>
<p>It's official: {network} has renewed {title} for a {ORDINALS[season]} season, the network
announced on Monday, two months after the {what}'s latest episodes premiered.</p>
<p>The {what} has been one of {network}'s most-watched series this year. Production on the new
episodes is expected to begin early next year; no premiere date has been set.</p>
</article></body></html>"""


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


# -- the site and the receivers ------------------------------------------------------------


class SlowSite:
    """A news site on 127.0.0.1 answering each article after DELAY seconds; it counts
    the requests for each path as they arrive (before the delay)."""

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.pages: dict[str, str] = {}
        self._lock = threading.Lock()
        self._arrivals: list[tuple[float, str]] = []
        server.expect_request(re.compile(r"/.*")).respond_with_handler(self._respond)

    def publish(self, count: int) -> dict[str, str]:
        """Renewal articles for the first `count` shows; their titles -> URLs."""
        urls = {}
        for day, (title, network, season, what) in enumerate(SHOWS[:count], start=1):
            path = f"/tv/news/{slug(title)}-renewed-season-{season}/"
            self.pages[path] = article(title, network, season, what, day)
            urls[title] = self.server.url_for(path)
        return urls

    def asked(self) -> Counter[str]:
        """Requests per article path so far."""
        with self._lock:
            return Counter(path for _, path in self._arrivals)

    def arrivals(self) -> list[tuple[float, str]]:
        """(time.monotonic(), path) of each article request, in the order they came."""
        with self._lock:
            return list(self._arrivals)

    def _respond(self, request: Request) -> Response:
        if request.path not in self.pages:  # robots.txt included: none, fetch freely
            return Response("not found", status=404)
        with self._lock:
            self._arrivals.append((time.monotonic(), request.path))
        time.sleep(DELAY)
        return Response(self.pages[request.path], content_type="text/html; charset=utf-8")


@dataclass(frozen=True, slots=True)
class Delivery:
    hook: str
    webhook_id: str
    change_id: str


class Receivers:
    """Two webhook endpoints that keep every delivery they answer 204 to."""

    def __init__(self, server: HTTPServer) -> None:
        self.urls = [server.url_for(path) for path in HOOKS]
        self._lock = threading.Lock()
        self._got: list[Delivery] = []
        server.expect_request(re.compile("/hooks/.*"), method="POST").respond_with_handler(
            self._answer
        )

    def got(self) -> list[Delivery]:
        with self._lock:
            return list(self._got)

    def _answer(self, request: Request) -> Response:
        change = str(json.loads(request.get_data())["id"])
        with self._lock:
            self._got.append(Delivery(request.path, request.headers["webhook-id"], change))
        return Response("", status=204)


@contextmanager
def loopback_server() -> Iterator[HTTPServer]:
    """A server on 127.0.0.1 answering requests in parallel, as a real site does."""
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.no_handler_status_code = 404
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def site() -> Iterator[SlowSite]:
    with loopback_server() as server:
        yield SlowSite(server)


@pytest.fixture
def receivers() -> Iterator[Receivers]:
    with loopback_server() as server:
        yield Receivers(server)


@dataclass(frozen=True, slots=True)
class Setup:
    config: Path
    database: Path
    urls: dict[str, str]  # show title -> its article's URL


def paths(urls: Iterable[str]) -> set[str]:
    return {urlsplit(url).path for url in urls}


def write_config(folder: Path, urls: dict[str, str], hooks: list[str]) -> Setup:
    """Each show on its own article, two signed webhooks, yearly crontabs, no jitter."""
    database = folder / "tracker.db"
    shows = "".join(f'[[shows]]\ntitle = "{t}"\nsources = ["{u}"]\n\n' for t, u in urls.items())
    alerts = "".join(
        f'[[alerts]]\nkind = "webhook"\nurl = "{hook}"\nsecret_env = "{SECRET_ENV}"\n\n'
        for hook in hooks
    )
    config = folder / "config.toml"
    config.write_text(
        f'[database]\nurl = "sqlite:///{database}"\n\n'
        f'[schedule]\ncron = "{YEARLY}"\ndeliver_cron = "{YEARLY}"\njitter = 0\n\n'
        f"[fetch]\nconcurrency = {CONCURRENCY}\nper_host = 2\nmin_interval = 0\n"
        "timeout = 10\nretries = 0\nworkers = 0\n\n" + shows + alerts,
        encoding="utf-8",
    )
    init = CliRunner().invoke(cli, ["--config", str(config), "init"])
    assert init.exit_code == 0, init.output
    return Setup(config, database, urls)


@pytest.fixture
def setup(tmp_path: Path, site: SlowSite, receivers: Receivers) -> Setup:
    return write_config(tmp_path, site.publish(len(SHOWS)), receivers.urls)


# -- the daemon process ----------------------------------------------------------------------


class Daemon:
    """A `tracker daemon` subprocess and the logfmt lines it has written on stderr."""

    def __init__(self, config: Path) -> None:
        self.process = subprocess.Popen(
            [str(TRACKER), "--config", str(config), "daemon"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=ENV,
        )
        self.pid = self.process.pid
        self.signalled = 0.0  # time.monotonic() of the SIGTERM
        self.lines: list[str] = []
        self._closed = False
        self._news = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            with self._news:
                self.lines.append(line.rstrip("\n"))
                self._news.notify_all()
        with self._news:
            self._closed = True  # the process has exited: no line will come
            self._news.notify_all()

    def log(self) -> str:
        with self._news:
            return "\n".join(self.lines)

    def wait_for(self, text: str) -> str:
        """The first line containing `text`, once it has been written."""
        deadline = time.monotonic() + WAIT
        with self._news:
            while (found := next((s for s in self.lines if text in s), None)) is None:
                left = deadline - time.monotonic()
                why = "exited" if self._closed else f"nothing in {WAIT}s" if left <= 0 else ""
                assert not why, f"waiting for {text!r}: {why}:\n" + "\n".join(self.lines)
                self._news.wait(min(left, 0.2))
            return found

    def terminate(self) -> int:
        """SIGTERM now, whatever the scheduler is doing; the exit code."""
        self.signalled = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=WAIT)


@pytest.fixture
def daemons() -> Iterator[Callable[[Path], Daemon]]:
    """Start daemons; any still running when the test ends is killed."""
    running: list[Daemon] = []

    def start(config: Path) -> Daemon:
        running.append(Daemon(config))
        return running[-1]

    try:
        yield start
    finally:
        for daemon in running:
            if daemon.process.poll() is None:
                daemon.process.kill()
            daemon.process.wait(timeout=WAIT)


def tracker(setup: Setup, *args: str, timeout: float = WAIT) -> subprocess.CompletedProcess[str]:
    """The CLI in a subprocess of its own, as system cron would run it."""
    return subprocess.run(
        [str(TRACKER), "--config", str(setup.config), *args],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=timeout,
        check=False,
    )


def wait_until(what: str, test: Callable[[], bool]) -> None:
    deadline = time.monotonic() + WAIT
    while not test():
        assert time.monotonic() < deadline, f"{what}: not within {WAIT}s"
        time.sleep(0.05)


# -- reading the database --------------------------------------------------------------------


def query(database: Path, sql: str) -> list[tuple[Any, ...]]:
    """Rows of `sql`, read through a read-only connection (a daemon may be writing)."""
    with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=10)) as db:
        return db.execute(sql).fetchall()


def count(database: Path, sql: str) -> int:
    [(value,)] = query(database, sql)
    return int(value)


def pending(database: Path) -> int:
    return count(database, "SELECT count(*) FROM outbox WHERE state != 'sent'")


def leased(database: Path) -> int:
    return count(database, "SELECT count(*) FROM sources WHERE lease_owner IS NOT NULL")


def checked(database: Path) -> set[str]:
    """URLs of the sources with at least one check row."""
    sql = "SELECT DISTINCT s.url FROM checks c JOIN sources s ON s.id = c.source_id"
    return {url for (url,) in query(database, sql)}


def checks_per_source(database: Path) -> dict[str, int]:
    sql = "SELECT s.url, count(c.id) FROM sources s LEFT JOIN checks c ON c.source_id = s.id"
    return dict(query(database, sql + " GROUP BY s.id"))


# Each names the rows that break one rule of a consistent database; all must be empty.
BROKEN = {
    "snapshot without exactly one check": """SELECT n.id FROM snapshots n
        LEFT JOIN checks c ON c.snapshot_id = n.id GROUP BY n.id HAVING count(c.id) != 1""",
    "check of a page not read into a snapshot": """SELECT c.id FROM checks c
        WHERE NOT c.ok OR c.snapshot_id IS NULL""",
    "snapshot without its one change (the show first seen)": """SELECT n.id FROM snapshots n
        LEFT JOIN changes g ON g.snapshot_id = n.id GROUP BY n.id HAVING count(g.id) != 1""",
    "change without one outbox row per channel": f"""SELECT g.id FROM changes g
        LEFT JOIN outbox o ON o.change_id = g.id GROUP BY g.id
        HAVING count(o.id) != {len(HOOKS)} OR count(DISTINCT o.channel) != {len(HOOKS)}""",
    "check without its source's update": """SELECT c.id FROM checks c
        JOIN sources s ON s.id = c.source_id
        WHERE s.last_checked_at IS NULL OR s.last_checked_at != c.started_at""",
    "source update without its check": """SELECT s.id FROM sources s
        WHERE s.last_checked_at IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM checks c WHERE c.source_id = s.id)""",
    "recorded source still leased": """SELECT s.id FROM sources s
        WHERE s.lease_owner IS NOT NULL AND s.last_checked_at IS NOT NULL""",
}


def inconsistencies(database: Path) -> dict[str, list[Any]]:
    found = {rule: [row[0] for row in query(database, sql)] for rule, sql in BROKEN.items()}
    [(integrity,)] = query(database, "PRAGMA integrity_check")
    found["integrity_check"] = [] if integrity == "ok" else [integrity]
    found["foreign_key_check"] = query(database, "PRAGMA foreign_key_check")
    return {rule: rows for rule, rows in found.items() if rows}


def scrape_done(daemon: Daemon) -> str:
    return daemon.wait_for('msg="scrape done:')


# -- the tests -------------------------------------------------------------------------------


def test_a_second_daemon_on_the_same_database_refuses_to_start_naming_the_first(
    tmp_path: Path,
    site: SlowSite,
    receivers: Receivers,
    daemons: Callable[[Path], Daemon],
) -> None:
    setup = write_config(tmp_path, site.publish(3), receivers.urls)
    first = daemons(setup.config)
    first.wait_for("daemon started")

    second = tracker(setup, "daemon", timeout=10)  # one that started would block past this

    assert second.returncode == 4, second.stderr
    assert (
        f"another tracker daemon (pid {first.pid}) is already running on {setup.database}"
        in second.stderr
    )
    assert "daemon started" not in second.stderr
    assert "3 sources: 3 fetched" in scrape_done(first)  # the refusal left it working
    assert first.terminate() == 0
    assert "daemon stopped" in first.log()
    third = daemons(setup.config)
    assert "3 sources: 0 fetched" in scrape_done(third)  # and what it did counts
    assert third.terminate() == 0


def test_sigkill_mid_pass_leaves_whole_rows_and_a_restart_finishes_the_pass_once(
    setup: Setup, site: SlowSite, receivers: Receivers, daemons: Callable[[Path], Daemon]
) -> None:
    killed = daemons(setup.config)
    wait_until("a first source recorded", lambda: bool(checked(setup.database)))
    killed.process.send_signal(signal.SIGKILL)
    assert killed.process.wait(timeout=WAIT) == -signal.SIGKILL

    done = checked(setup.database)
    assert 0 < len(done) < len(SHOWS)
    assert inconsistencies(setup.database) == {}
    # what the killed daemon claimed and did not record is still leased, to it
    held = query(setup.database, "SELECT url, lease_owner FROM sources WHERE lease_owner != ''")
    assert {url for url, _ in held} == set(setup.urls.values()) - done
    assert {owner.split(":")[-2] for _, owner in held} == {str(killed.pid)}

    restarted = daemons(setup.config)
    restarted.wait_for("daemon started")  # logged after the dead daemon's leases are freed
    left = len(SHOWS) - len(done)
    assert f"freed {left} leases left by dead processes on this host" in restarted.log()
    summary = scrape_done(restarted)
    assert f"{len(SHOWS)} sources: {left} fetched" in summary
    assert f"{len(done)} not due" in summary and "taken by another worker" not in summary
    wait_until("the outbox drained", lambda: not pending(setup.database))
    assert restarted.terminate() == 0

    assert checks_per_source(setup.database) == dict.fromkeys(setup.urls.values(), 1)
    asked = site.asked()
    assert {path: asked[path] for path in paths(done)} == dict.fromkeys(paths(done), 1)
    assert inconsistencies(setup.database) == {}
    changes = {str(i) for (i,) in query(setup.database, "SELECT id FROM changes")}
    assert len(changes) == len(SHOWS)  # each show first seen once
    got = receivers.got()
    for hook in HOOKS:
        mine = [d for d in got if d.hook == hook]
        assert sorted(d.change_id for d in mine) == sorted(changes)
        assert sorted(d.webhook_id for d in mine) == sorted(f"msg_change_{c}" for c in changes)
    states = query(setup.database, "SELECT state, lease_owner, count(*) FROM outbox GROUP BY 1, 2")
    assert states == [("sent", None, len(SHOWS) * len(HOOKS))]
    assert leased(setup.database) == 0


def test_sigterm_mid_pass_writes_what_is_in_flight_and_leaves_the_rest_to_the_next_run(
    setup: Setup, site: SlowSite, receivers: Receivers, daemons: Callable[[Path], Daemon]
) -> None:
    daemon = daemons(setup.config)
    wait_until("a first source recorded", lambda: bool(checked(setup.database)))

    assert daemon.terminate() == 0
    took = time.monotonic() - daemon.signalled

    done = checked(setup.database)
    left = len(SHOWS) - len(done)
    assert 0 < len(done) < len(SHOWS)
    assert took < 2.5  # a fetch in flight, the writes and the alerts; not the whole pass
    assert "daemon stopping" in daemon.log() and "daemon stopped" in daemon.log()
    assert f"{len(SHOWS)} sources: {len(done)} fetched" in scrape_done(daemon)
    # no fetch started after the signal (those in flight were under way already)…
    late = [path for at, path in site.arrivals() if at > daemon.signalled + DELAY / 2]
    assert late == []
    # …and each one that was in flight was written
    assert site.asked() == dict.fromkeys(paths(done), 1)
    assert inconsistencies(setup.database) == {}
    assert leased(setup.database) == 0
    # the alerts of what was written went out before the exit
    assert pending(setup.database) == 0
    assert len(receivers.got()) == len(done) * len(HOOKS)

    after = tracker(setup, "run", "--due-only")

    assert after.returncode == 0, after.stderr
    assert f"{len(SHOWS)} sources: {left} fetched" in after.stdout
    assert f"{len(done)} not due" in after.stdout
    assert site.asked() == dict.fromkeys(paths(setup.urls.values()), 1)
    assert checks_per_source(setup.database) == dict.fromkeys(setup.urls.values(), 1)
    assert inconsistencies(setup.database) == {}
    assert pending(setup.database) == 0
    assert len(receivers.got()) == len(SHOWS) * len(HOOKS)


def test_a_duplicate_firing_after_a_complete_pass_fetches_nothing(
    tmp_path: Path,
    site: SlowSite,
    receivers: Receivers,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    setup = write_config(tmp_path, site.publish(6), receivers.urls)
    complete = tracker(setup, "run", "--due-only")
    assert complete.returncode == 0, complete.stderr
    assert "6 sources: 6 fetched" in complete.stdout
    asked = site.asked()
    [cron] = load_config(setup.config).schedules()
    monkeypatch.setenv(SECRET_ENV, ENV[SECRET_ENV])

    with caplog.at_level(logging.INFO, logger="jobs.scrape"):
        scrape(setup.config, None, cron)  # the daemon's scrape job, fired again
    again = tracker(setup, "run", "--due-only")

    [done] = [r.getMessage() for r in caplog.records if r.getMessage().startswith("scrape done")]
    assert "6 sources: 0 fetched" in done and "6 not due" in done
    assert "alerts 0 sent, 0 failed" in done
    assert again.returncode == 0, again.stderr
    assert "6 sources: 0 fetched" in again.stdout and "6 not due" in again.stdout
    assert site.asked() == asked == dict.fromkeys(paths(setup.urls.values()), 1)
    assert checks_per_source(setup.database) == dict.fromkeys(setup.urls.values(), 1)
    assert len(receivers.got()) == 6 * len(HOOKS)
