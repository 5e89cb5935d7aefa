"""History in the store: bodies kept for re-extraction, `tracker reextract`, retention,
source failing / recovered changes, configurable rating thresholds and the anti-flap hold.

Every scenario runs real passes (`run_once`) against pages served on 127.0.0.1.
"""

from __future__ import annotations

import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from sqlalchemy import update
from sqlalchemy.orm import Session

from tracker.cli import cli
from tracker.config import Config, parse_config
from tracker.models import BodyRow, ChangeRow, CheckRow, OutboxRow, ShowRow, SnapshotRow
from tracker.pipeline import policy_of, run_once
from tracker.reextract import reextract
from tracker.retention import prune
from tracker.store import Store

JULY = datetime(2025, 7, 15, 12, tzinfo=UTC)
OCT_6 = datetime(2025, 10, 6, 18, tzinfo=UTC)

PENDING = """<!doctype html><html><head>
<title>Will Ballard return? What we know about season 2</title>
<meta property="article:published_time" content="2025-07-15T09:00:00Z"></head>
<body><article><h1>Will Ballard return? What we know about season 2</h1>
<p>Ballard premiered on Prime Video on July 9, 2025, and the Bosch spin-off starring Maggie Q
as Detective Renée Ballard quickly climbed the streamer's top ten.</p>
<p>As of this writing, Prime Video has not renewed Ballard for a second season.</p>
<p>Ballard holds a 7.5/10 on IMDb and a 100% score on Rotten Tomatoes.</p>
</article></body></html>"""

REPORTED = """<!doctype html><html><head><title>Ballard set for season 2, sources say</title>
<meta property="article:published_time" content="2025-10-06T16:00:00Z"></head>
<body><article><h1>Ballard set for season 2 at Prime Video, sources say</h1>
<p>Prime Video is renewing Ballard for a second season, according to two people familiar with
the plans, though the streamer has not announced anything yet.</p>
<p>The Bosch spin-off stars Maggie Q as Detective Renée Ballard, who runs the LAPD's cold case
unit out of a basement office with a team of volunteers.</p>
</article></body></html>"""

DENIED = """<!doctype html><html><head><title>Prime Video: no decision on Ballard yet</title>
<meta property="article:published_time" content="2025-10-07T11:00:00Z"></head>
<body><article><h1>Prime Video says no decision has been made on Ballard</h1>
<p>A day after reports of a second season, a Prime Video spokesperson said the streamer has
not renewed Ballard and that no decision on its future has been made.</p>
<p>The Bosch spin-off stars Maggie Q as Detective Renée Ballard, who runs the LAPD's cold case
unit out of a basement office with a team of volunteers.</p>
</article></body></html>"""


def config_for(store: Store, url: str, **sections: Any) -> Config:
    raw = {
        "database": {"url": store.url},
        "fetch": {"timeout": 5.0, "min_interval": 0, "retries": 0},
        "shows": [{"title": "Ballard", "sources": [url]}],
        "alerts": [{"kind": "console"}],
        **sections,
    }
    return parse_config(raw, Path("config.toml"))


def serve(server: HTTPServer, body: str, status: int = 200) -> str:
    server.clear()
    server.no_handler_status_code = 404
    server.expect_request("/tv/ballard").respond_with_data(
        body, status=status, content_type="text/html"
    )
    return server.url_for("/tv/ballard")


def run(config: Config, store: Store, at: datetime) -> list[str]:
    """One pass at `at`; the alerts the console printed."""
    alerts: list[str] = []
    run_once(config, store, echo=alerts.append, now=lambda: at)
    return alerts


def rows(store: Store, model: Any) -> list[Any]:
    with Session(store.engine) as session:
        return list(session.query(model).order_by(*model.__table__.primary_key.columns))


# -- stored bodies ----------------------------------------------------------------------


def test_the_latest_body_of_a_source_is_kept_compressed_and_replaced_when_it_changes(
    httpserver: HTTPServer, sqlite_store: Store
) -> None:
    url = serve(httpserver, PENDING)
    config = config_for(sqlite_store, url)
    run(config, sqlite_store, JULY)
    [first] = rows(sqlite_store, BodyRow)
    serve(httpserver, "<html><body>Service unavailable</body></html>", status=503)
    run(config, sqlite_store, JULY + timedelta(hours=6))  # a failure keeps the old body
    [kept] = rows(sqlite_store, BodyRow)
    serve(httpserver, REPORTED)

    run(config, sqlite_store, OCT_6)

    [latest] = rows(sqlite_store, BodyRow)
    assert zlib.decompress(first.body).decode() == PENDING
    assert kept.fetched_at == first.fetched_at
    assert zlib.decompress(latest.body).decode() == REPORTED
    assert (latest.fetched_at, latest.url, latest.content_type) == (OCT_6, url, "text/html")
    assert len(latest.body) < len(REPORTED.encode())


# -- reextract --------------------------------------------------------------------------


def misread_as_pending(store: Store) -> None:
    """Make the stored reading of the renewal page what an older, worse extractor said."""
    with Session(store.engine) as session, session.begin():
        session.execute(update(SnapshotRow).values(status="pending", certainty="speculative"))
        view = {"status": "pending", "season": 2, "certainty": "speculative", "ratings": {}}
        session.execute(update(ShowRow).values(view=view))


def test_reextract_dry_run_reports_and_writes_nothing_then_apply_rewrites_and_alerts(
    httpserver: HTTPServer, sqlite_store: Store
) -> None:
    url = serve(httpserver, REPORTED)
    config = config_for(sqlite_store, url)
    run(config, sqlite_store, OCT_6)
    misread_as_pending(sqlite_store)
    httpserver.clear()  # nothing may be fetched from here on
    policy, keys = policy_of(config), ["console"]

    dry = reextract(config, sqlite_store, keys, policy, dry_run=True)
    unchanged = [(s.status, s.certainty) for s in rows(sqlite_store, SnapshotRow)]
    applied = reextract(config, sqlite_store, keys, policy, dry_run=False, now=OCT_6)
    again = reextract(config, sqlite_store, keys, policy, dry_run=True)

    assert (dry.pages, len(dry.differing)) == (1, 1)
    assert dry.differing[0].before["status"] == "pending"
    assert (dry.differing[0].after.status, dry.differing[0].after.certainty) == (
        "renewed",
        "reported",
    )
    assert [c.kind for c in dry.changes["Ballard"]] == ["status_changed"]
    assert unchanged == [("pending", "speculative")]  # the dry run wrote nothing
    assert applied.applied and [c.kind for c in applied.changes["Ballard"]] == ["status_changed"]
    [snapshot] = rows(sqlite_store, SnapshotRow)  # rewritten in place, not a second one
    assert (snapshot.status, snapshot.certainty) == ("renewed", "reported")
    assert sqlite_store.board()[0].view.status == "renewed"
    change = rows(sqlite_store, ChangeRow)[-1]
    assert change.kind == "status_changed" and change.previous["status"] == "pending"
    assert [o.state for o in rows(sqlite_store, OutboxRow) if o.change_id == change.id] == [
        "pending"
    ]  # alerted like any other change
    assert (again.pages, again.differing, again.changes) == (1, [], {})
    assert len(httpserver.log) == 0


def test_the_reextract_and_prune_commands_run_from_the_cli(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    url = serve(httpserver, REPORTED)
    db = tmp_path / "tracker.db"
    (tmp_path / "config.toml").write_text(
        f'[database]\nurl = "sqlite:///{db}"\n[fetch]\nmin_interval = 0\n'
        f'[[shows]]\ntitle = "Ballard"\nsources = ["{url}"]\n',
        encoding="utf-8",
    )
    runner = CliRunner()

    def tracker(*args: str) -> Any:
        return runner.invoke(cli, ["--config", str(tmp_path / "config.toml"), *args])

    assert tracker("init").exit_code == 0
    assert tracker("run").exit_code == 0
    store = Store(f"sqlite:///{db}")
    misread_as_pending(store)
    store.close()

    dry = tracker("reextract", "--dry-run")
    pruned = tracker("prune", "--dry-run")

    assert dry.exit_code == 0, dry.output
    assert "1 stored pages read again (0 skipped); 1 read differently" in dry.stdout
    assert "Ballard: pending S2 speculative → renewed S2 reported" in dry.stdout
    assert "Ballard: would change (status_changed)" in dry.stdout
    assert pruned.exit_code == 0 and "would delete 0 checks and 0 stored bodies" in pruned.stdout


# -- retention --------------------------------------------------------------------------


def test_prune_deletes_old_checks_and_bodies_and_keeps_history(
    httpserver: HTTPServer, sqlite_store: Store
) -> None:
    url = serve(httpserver, PENDING)
    config = config_for(sqlite_store, url, retention={"checks_days": 30, "bodies_days": 60})
    run(config, sqlite_store, JULY)
    serve(httpserver, REPORTED)
    run(config, sqlite_store, OCT_6)  # 83 days later: the July check is old, the body new
    later = OCT_6 + timedelta(days=1)

    counted = prune(config, sqlite_store, now=later, dry_run=True)
    checks_before = len(rows(sqlite_store, CheckRow))
    done = prune(config, sqlite_store, now=later)
    checks_kept = [c.started_at for c in rows(sqlite_store, CheckRow)]
    much_later = prune(config, sqlite_store, now=OCT_6 + timedelta(days=61))

    assert (counted.checks, counted.bodies, checks_before) == (1, 0, 2)
    assert (done.checks, done.bodies) == (1, 0)
    assert checks_kept == [OCT_6]
    assert (much_later.checks, much_later.bodies) == (1, 1)
    assert len(rows(sqlite_store, SnapshotRow)) == 2  # history stays
    assert len(rows(sqlite_store, ChangeRow)) == 2
    assert done.line() == "deleted 1 checks and 0 stored bodies"


# -- source failing and recovered -------------------------------------------------------


def test_a_source_failing_n_times_in_a_row_is_one_change_and_its_recovery_another(
    httpserver: HTTPServer, sqlite_store: Store
) -> None:
    url = serve(httpserver, PENDING)
    config = config_for(sqlite_store, url, changes={"failing_after": 3})
    run(config, sqlite_store, JULY)
    serve(httpserver, "down", status=500)
    alerts = [run(config, sqlite_store, JULY + timedelta(hours=6 * n)) for n in range(1, 5)]
    serve(httpserver, PENDING)

    recovered = run(config, sqlite_store, JULY + timedelta(days=2))

    assert [len(a) for a in alerts] == [0, 0, 1, 0]  # the third failure in a row, once
    assert f"Ballard: source failing (3 checks in a row): {url}" in alerts[2][0]
    assert "http: HTTP 500" in alerts[2][0]
    assert recovered and f"Ballard: source answering again: {url}" in recovered[0]
    kinds = [c.kind for c in rows(sqlite_store, ChangeRow)]
    assert kinds == ["first_seen", "source_failing", "source_recovered"]
    assert sqlite_store.board()[0].view.status == "pending"  # no status change from failures


# -- thresholds -------------------------------------------------------------------------


def test_rating_thresholds_come_from_config(httpserver: HTTPServer, sqlite_store: Store) -> None:
    """IMDb 7.5 -> 8.0: not a change at a threshold of 1.0, a change at the default 0.3."""
    moved = PENDING.replace("7.5/10", "8.0/10")
    found = {}
    for round_, threshold in enumerate((1.0, 0.3)):
        start = JULY + timedelta(days=round_)
        url = serve(httpserver, PENDING)
        config = config_for(sqlite_store, url, changes={"ratings": {"imdb": threshold}})
        run(config, sqlite_store, start)
        before = len(rows(sqlite_store, ChangeRow))
        serve(httpserver, moved)
        run(config, sqlite_store, start + timedelta(hours=6))
        found[threshold] = [c.kind for c in rows(sqlite_store, ChangeRow)[before:]]
        serve(httpserver, PENDING)
        run(config, sqlite_store, start + timedelta(hours=12))  # back to 7.5 for the next round

    assert found == {1.0: [], 0.3: ["rating_changed"]}


# -- anti-flap --------------------------------------------------------------------------


def test_a_status_that_flips_back_within_the_window_is_never_alerted(
    httpserver: HTTPServer, sqlite_store: Store
) -> None:
    url = serve(httpserver, PENDING)
    config = config_for(sqlite_store, url, changes={"flap_window": 60})
    first = run(config, sqlite_store, JULY)
    serve(httpserver, REPORTED)
    held = run(config, sqlite_store, OCT_6)
    serve(httpserver, DENIED)

    flipped = run(config, sqlite_store, OCT_6 + timedelta(minutes=20))
    after_window = run(config, sqlite_store, OCT_6 + timedelta(hours=2))

    assert len(first) == 1 and "first seen as pending" in first[0]
    assert held == [] and flipped == [] and after_window == []
    changes = rows(sqlite_store, ChangeRow)
    assert [c.kind for c in changes] == ["first_seen", "status_changed", "status_changed"]
    states = {o.change_id: o.state for o in rows(sqlite_store, OutboxRow)}
    assert states[changes[1].id] == "withdrawn"
    assert changes[2].id not in states  # the flip back has no alert to send
    assert sqlite_store.board()[0].view.status == "pending"


def test_a_held_status_alert_goes_out_when_nothing_flips_back(
    httpserver: HTTPServer, sqlite_store: Store
) -> None:
    url = serve(httpserver, PENDING)
    config = config_for(sqlite_store, url, changes={"flap_window": 60})
    run(config, sqlite_store, JULY)
    serve(httpserver, REPORTED)

    held = run(config, sqlite_store, OCT_6)
    released = run(config, sqlite_store, OCT_6 + timedelta(minutes=61))

    assert held == []
    assert len(released) == 1 and "pending (season 2, reported) → renewed" in released[0]


def test_without_a_window_a_flip_back_after_an_alert_is_alerted_too(
    httpserver: HTTPServer, sqlite_store: Store
) -> None:
    url = serve(httpserver, REPORTED)
    config = config_for(sqlite_store, url)
    run(config, sqlite_store, OCT_6)
    serve(httpserver, DENIED)

    flipped = run(config, sqlite_store, OCT_6 + timedelta(minutes=20))

    assert len(flipped) == 1 and "renewed (season 2, reported) → pending" in flipped[0]
