"""Leases: the database decides which worker fetches a source or sends an alert.

Two passes at once on one database (as two daemons, or a daemon and `tracker run`, would
run them) fetch each source once; a duplicate firing finds nothing due; a lease held by
a live worker is respected and an expired one taken over; a stopped pass gives back what
it did not do; a dead local process's leases are freed. SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug import Request, Response

from tracker.alerts import build_channels, deliver
from tracker.config import Config, parse_config
from tracker.lock import AlreadyRunning, DaemonLock, is_dead_here, worker_id
from tracker.logs import LogfmtFormatter, quote
from tracker.models import CheckRow, OutboxRow, SourceRow
from tracker.pipeline import Claim, run_once, run_pass
from tracker.store import ShowSpec, Store

SHOWS = [
    "Harbour Lights",
    "The Quiet Acre",
    "Saltmarsh",
    "Kingfisher Lane",
    "Northbound",
    "Glass Orchard",
    "Tidewater",
    "Ember County",
    "The Long Field",
    "Morrow Street",
    "Blackwater Station",
    "Lantern Hill",
]
NOON = datetime(2026, 3, 4, 12, 0, 10, tzinfo=UTC)  # just after the "0 */6 * * *" firing


def article(title: str) -> str:
    """A short renewal story, as a trade site would run it."""
    return f"""<!doctype html><html><head><title>{title} renewed</title>
<meta property="article:published_time" content="2026-03-03T15:00:00Z"></head>
<body><article><h1>{title} renewed for season 3</h1>
<p>The network has renewed {title} for a third season, it announced on Tuesday, citing
strong streaming numbers for the drama's second run.</p>
<p>Production on the new episodes is expected to start in the autumn.</p>
</article></body></html>"""


def slug(title: str) -> str:
    return title.lower().replace(" ", "-")


@pytest.fixture
def slow_site() -> Iterator[HTTPServer]:
    """A threaded loopback news site whose pages take 50 ms each, so passes overlap."""
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()

    def page(request: Request) -> Response:
        time.sleep(0.05)
        title = next(t for t in SHOWS if f"/tv/{slug(t)}" == request.path)
        return Response(article(title), content_type="text/html; charset=utf-8")

    for title in SHOWS:
        server.expect_request(f"/tv/{slug(title)}").respond_with_handler(page)
    server.expect_request("/robots.txt").respond_with_data("", status=404)
    try:
        yield server
    finally:
        server.clear()
        if server.is_running():
            server.stop()


def config_for(
    url: str, server: HTTPServer, *, alerts: list[dict[str, object]] | None = None
) -> Config:
    raw = {
        "database": {"url": url},
        "fetch": {"timeout": 5.0, "concurrency": 4, "per_host": 4, "min_interval": 0},
        "shows": [{"title": t, "sources": [server.url_for(f"/tv/{slug(t)}")]} for t in SHOWS],
        "alerts": alerts if alerts is not None else [{"kind": "console"}],
    }
    return parse_config(raw, Path("config.toml"))


def page_requests(server: HTTPServer) -> int:
    return sum(1 for request, _ in server.log if request.path.startswith("/tv/"))


def checks_per_source(store: Store) -> dict[int, int]:
    with Session(store.engine) as session:
        counts: dict[int, int] = {}
        for check in session.scalars(select(CheckRow)):
            counts[check.source_id] = counts.get(check.source_id, 0) + 1
        return counts


def leases(store: Store) -> list[str | None]:
    with Session(store.engine) as session:
        return list(session.scalars(select(SourceRow.lease_owner)))


def quiet(_line: str) -> None:
    """Alerts printed by the console channel are not this file's subject."""


# -- two workers, one database ----------------------------------------------------------------


def test_two_passes_at_once_fetch_each_source_once(store: Store, slow_site: HTTPServer) -> None:
    config = config_for(store.url, slow_site)
    second = Store(store.url)  # its own engine and connections, as another process has
    summaries = []
    start = threading.Barrier(2)

    def worker(own: Store) -> None:
        start.wait()
        summary, _ = run_once(config, own, echo=quiet, now=lambda: NOON, claim=Claim(due_only=True))
        summaries.append(summary)

    threads = [threading.Thread(target=worker, args=(s,)) for s in (store, second)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        second.close()

    assert len(summaries) == 2
    assert page_requests(slow_site) == len(SHOWS)
    assert sorted(checks_per_source(store).values()) == [1] * len(SHOWS)
    assert sum(s.taken for s in summaries) == len(SHOWS)
    # the pass that came second saw each source either taken or already done
    assert all(s.taken + s.elsewhere + s.waiting == len(SHOWS) for s in summaries)
    assert leases(store) == [None] * len(SHOWS)


def test_a_duplicate_firing_finds_nothing_due_until_the_crontab_fires_again(
    store: Store, slow_site: HTTPServer
) -> None:
    config = config_for(store.url, slow_site)  # default crontab: 0 */6 * * *

    def firing(at: datetime) -> tuple[int, int]:
        before = page_requests(slow_site)
        summary, _ = run_once(config, store, echo=quiet, now=lambda: at, claim=Claim(due_only=True))
        return page_requests(slow_site) - before, summary.waiting

    assert firing(NOON) == (len(SHOWS), 0)
    assert firing(NOON + timedelta(seconds=40)) == (0, len(SHOWS))  # the same firing again
    assert firing(NOON + timedelta(hours=5, minutes=59)) == (0, len(SHOWS))
    assert firing(NOON + timedelta(hours=6)) == (len(SHOWS), 0)  # 18:00 fired since


def test_a_plain_run_checks_every_source_whatever_the_schedule(
    store: Store, slow_site: HTTPServer
) -> None:
    config = config_for(store.url, slow_site)
    run_once(config, store, echo=quiet, now=lambda: NOON, claim=Claim(due_only=True))

    summary, _ = run_once(config, store, echo=quiet, now=lambda: NOON + timedelta(minutes=1))

    assert page_requests(slow_site) == 2 * len(SHOWS)
    assert summary.taken == len(SHOWS) and summary.waiting == 0


# -- leases on sources ------------------------------------------------------------------------


def synced(store: Store) -> list[int]:
    specs = [ShowSpec(slug(t), t, (("page", f"https://news.example/{slug(t)}"),)) for t in SHOWS]
    return [source.id for source in store.sync_shows(specs, NOON)]


def test_a_live_lease_is_respected_and_an_expired_one_taken_over(store: Store) -> None:
    ids = synced(store)
    lease = timedelta(minutes=10)

    first = store.claim_sources(ids, "worker-a", NOON, lease)
    during = store.claim_sources(ids, "worker-b", NOON + timedelta(minutes=9), lease)
    after = store.claim_sources(ids, "worker-b", NOON + timedelta(minutes=11), lease)

    assert [s.id for s in first] == sorted(ids)
    assert during == []
    assert [s.id for s in after] == sorted(ids)
    assert set(leases(store)) == {"worker-b"}


def test_a_claim_judges_dueness_on_the_row_as_it_is_now(store: Store) -> None:
    ids = synced(store)
    taken = store.claim_sources(
        ids, "worker-a", NOON, timedelta(minutes=10), lambda s: s.id % 2 == 0
    )
    assert {s.id for s in taken} == {i for i in ids if i % 2 == 0}
    assert sorted(o for o in leases(store) if o) == ["worker-a"] * len(taken)


def test_renewing_keeps_a_long_pass_s_leases_and_release_frees_only_its_own(store: Store) -> None:
    ids = synced(store)
    half = len(ids) // 2
    store.claim_sources(ids[:half], "worker-a", NOON, timedelta(minutes=10))
    store.claim_sources(ids[half:], "worker-b", NOON, timedelta(minutes=10))

    store.renew_leases("worker-a", NOON + timedelta(minutes=8), timedelta(minutes=10))
    late = NOON + timedelta(minutes=12)  # b's leases ran out; a's were renewed until 12:18
    assert sorted(
        s.id for s in store.claim_sources(ids, "worker-c", late, timedelta(minutes=1))
    ) == sorted(ids[half:])

    assert store.release_sources("worker-a") == half
    assert set(leases(store)) == {None, "worker-c"}


def test_leases_of_a_dead_process_on_this_host_are_freed_and_no_others(store: Store) -> None:
    ids = synced(store)
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    host = worker_id().rsplit(":", 2)[0]
    dead, alive, remote = (
        f"{host}:{gone.stdout.strip()}:0bad",
        worker_id(),
        "elsewhere.example:1:feed",
    )
    lease = timedelta(minutes=10)
    store.claim_sources(ids[:2], dead, NOON, lease)
    store.claim_sources(ids[2:4], alive, NOON, lease)
    store.claim_sources(ids[4:6], remote, NOON, lease)

    assert is_dead_here(dead) and not is_dead_here(alive) and not is_dead_here(remote)
    assert store.free_dead_leases() == 2
    assert sorted(o for o in leases(store) if o) == sorted([alive] * 2 + [remote] * 2)


# -- stopping ---------------------------------------------------------------------------------


def test_a_stopped_pass_writes_what_it_fetched_and_gives_the_rest_back(
    store: Store, slow_site: HTTPServer
) -> None:
    config = config_for(store.url, slow_site)
    claim = Claim(due_only=True)
    served = 0
    lock = threading.Lock()

    def stopping(request: Request) -> Response:
        nonlocal served
        with lock:
            served += 1
            if served == 3:
                claim.stop.set()  # SIGTERM arrives while the third page is being served
        title = next(t for t in SHOWS if f"/tv/{slug(t)}" == request.path)
        return Response(article(title), content_type="text/html; charset=utf-8")

    slow_site.clear()
    for title in SHOWS:
        slow_site.expect_request(f"/tv/{slug(title)}").respond_with_handler(stopping)
    slow_site.expect_request("/robots.txt").respond_with_data("", status=404)

    summary, _ = run_once(config, store, echo=quiet, now=lambda: NOON, claim=claim)

    checked = checks_per_source(store)
    assert 3 <= len(checked) < len(SHOWS)  # what was in flight was finished and written
    assert summary.fetched == len(checked) and not summary.failures
    assert leases(store) == [None] * len(SHOWS)  # nothing left claimed

    rest, _ = run_once(config, store, echo=quiet, now=lambda: NOON, claim=Claim(due_only=True))
    assert rest.fetched == len(SHOWS) - len(checked)
    assert sorted(checks_per_source(store).values()) == [1] * len(SHOWS)


# -- leases on alerts -------------------------------------------------------------------------


def test_an_alert_claimed_by_one_sender_is_not_sent_by_another(
    store: Store, slow_site: HTTPServer
) -> None:
    printed: list[str] = []
    config = config_for(store.url, slow_site)
    channels = build_channels(config, echo=printed.append)
    run_pass(config, store, [c.key for c in channels], now=lambda: NOON)  # written, not sent
    lease = timedelta(minutes=10)

    held = store.claim_deliveries("sender-a", NOON, lease, [c.key for c in channels], limit=5)
    report = deliver(store, channels, NOON, "sender-b")

    assert len(held) == 5
    assert report.sent == len(SHOWS) - 5 and len(printed) == len(SHOWS) - 5
    assert store.release_deliveries("sender-a") == 5
    assert deliver(store, channels, NOON, "sender-b").sent == 5
    with Session(store.engine) as session:
        assert {row.state for row in session.scalars(select(OutboxRow))} == {"sent"}


# -- one daemon per SQLite file, and its logs ---------------------------------------------------


def test_a_second_lock_on_one_database_is_refused_with_the_holder_s_pid(tmp_path: Path) -> None:
    database = tmp_path / "tracker.db"
    refused = r"pid \d+\) is already running on .*tracker\.db"
    with DaemonLock(database), pytest.raises(AlreadyRunning, match=refused):
        DaemonLock(database).acquire()
    with DaemonLock(database) as again:  # released: the next daemon starts
        assert again.path.read_text().strip().isdigit()


def test_log_lines_are_one_logfmt_line_even_with_a_traceback() -> None:
    try:
        raise ValueError('bad "quote"\nsecond line')
    except ValueError:
        record = logging.LogRecord(
            "jobs.scrape", logging.ERROR, __file__, 1, "scrape pass failed", None, sys.exc_info()
        )
    line = LogfmtFormatter().format(record)

    assert "\n" not in line
    assert line.startswith("ts=") and line.split()[0].endswith("Z")
    assert ' level=error logger=jobs.scrape msg="scrape pass failed" exc="Traceback' in line
    assert '\\"quote\\"\\nsecond line' in line
    assert quote("scrape") == "scrape" and quote("a b") == '"a b"' and quote("") == '""'


# -- a worker killed while another waits for its sources --------------------------------------


def test_a_pass_takes_over_the_sources_of_a_worker_killed_after_its_own_work_ended(
    tmp_path: Path,
) -> None:
    """`tracker run --due-only` (A) claims every page of a slow site; a second pass (B)
    finds them all held, and lingers; A is killed; B frees A's leases and does the work
    in the same pass instead of leaving it to the next firing."""
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    titles = SHOWS[:6]

    def slow(request: Request) -> Response:
        time.sleep(1.0)
        title = next(t for t in titles if f"/tv/{slug(t)}" == request.path)
        return Response(article(title), content_type="text/html; charset=utf-8")

    for title in titles:
        server.expect_request(f"/tv/{slug(title)}").respond_with_handler(slow)
    server.expect_request("/robots.txt").respond_with_data("", status=404)
    database = tmp_path / "tracker.db"
    shows = "".join(
        f'[[shows]]\ntitle = "{t}"\nsources = ["{server.url_for(f"/tv/{slug(t)}")}"]\n'
        for t in titles
    )
    fetch = "[fetch]\nconcurrency = 1\nper_host = 1\nmin_interval = 0\n"
    config_file = tmp_path / "config.toml"
    config_file.write_text(f'[database]\nurl = "sqlite:///{database}"\n{fetch}{shows}', "utf-8")
    store = Store(f"sqlite:///{database}")
    store.migrate()
    tracker = Path(sys.executable).with_name("tracker")
    first = subprocess.Popen(
        [str(tracker), "--config", str(config_file), "run", "--due-only"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while sum(1 for owner in leases(store) if owner) < len(titles):  # A holds them all
            assert time.monotonic() < deadline and first.poll() is None
            time.sleep(0.05)
        config = parse_config(
            {
                "database": {"url": store.url},
                "fetch": {"concurrency": 3, "per_host": 3, "min_interval": 0},
                "shows": [
                    {"title": t, "sources": [server.url_for(f"/tv/{slug(t)}")]} for t in titles
                ],
            },
            config_file,
        )
        results = []
        second = threading.Thread(
            target=lambda: results.append(
                run_once(config, store, echo=quiet, claim=Claim(due_only=True))
            )
        )
        second.start()
        time.sleep(1.5)  # B has found everything held and is waiting
        first.kill()
        first.wait(timeout=10)
        second.join(timeout=30)
    finally:
        if first.poll() is None:
            first.kill()
        server.clear()
        server.stop()

    [(summary, _)] = results
    counts = checks_per_source(store)
    assert len(counts) == len(titles) and set(counts.values()) == {1}  # each done once, all done
    assert summary.fetched == len(titles) - summary.elsewhere >= len(titles) - 1
    assert leases(store) == [None] * len(titles)
    store.close()


def test_one_drain_sends_every_due_alert_in_rounds(
    store: Store, slow_site: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tracker.alerts

    printed: list[str] = []
    config = config_for(store.url, slow_site)
    channels = build_channels(config, echo=printed.append)
    run_pass(config, store, [c.key for c in channels], now=lambda: NOON)
    monkeypatch.setattr(tracker.alerts, "CLAIM_LIMIT", 5)  # 12 alerts: rounds of 5, 5, 2

    report = deliver(store, channels, NOON, "sender", timedelta(seconds=30))

    assert report.sent == len(SHOWS) == len(printed)
    assert store.undelivered() == []
