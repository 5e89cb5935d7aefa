"""tracker.store on real databases: a SQLite file and (when configured) a PostgreSQL schema."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from tracker.errors import StoreError
from tracker.extract.model import Evidence, Extraction, Ratings
from tracker.models import ChangeRow, CheckRow, OutboxRow, ShowRow, SnapshotRow, SourceRow
from tracker.store import Attempt, ShowSpec, SourceInfo, Store

NOW = datetime(2025, 10, 6, 14, 0, tzinfo=UTC)
BALLARD = ShowSpec(
    "ballard",
    "Ballard",
    (("page", "https://news.example/ballard"), ("page", "https://tv.example/ballard")),
)
Rows = Callable[[Store, type[Any]], list[Any]]


def attempt(at: datetime = NOW, *, ok: bool = True, **fields: Any) -> Attempt:
    defaults: dict[str, Any] = {"url": "https://news.example/ballard", "duration_ms": 12}
    if ok:
        defaults.update(http_status=200, content_hash=f"hash-{at.isoformat()}")
    return Attempt(started_at=at, ok=ok, **{**defaults, **fields})


def extraction(
    status: str, season: int | None, certainty: str | None, published: date
) -> Extraction:
    sentence = f"Ballard is {status} (season {season})."
    return Extraction(
        show="Ballard",
        status=status,
        season=season,
        certainty=certainty,
        published=published,
        ratings=Ratings(imdb=7.5, rotten_tomatoes=100),
        evidence=(Evidence(sentence, status, season, certainty, 0, len(sentence)),),
    )


PENDING = extraction("pending", 2, "reported", date(2025, 7, 10))
RENEWED = extraction("renewed", 2, "official", date(2025, 10, 6))


def first_source(store: Store) -> SourceInfo:
    return store.sync_shows([BALLARD], NOW)[0]


def source_row(store: Store, rows: Rows, source_id: int) -> SourceRow:
    [row] = [r for r in rows(store, SourceRow) if r.id == source_id]
    return row


# -- schema -------------------------------------------------------------------------------


def test_migrate_creates_a_current_schema_and_can_run_again(db_url: str) -> None:
    store = Store(db_url)
    try:
        store.migrate()
        store.require_current()
        store.migrate()  # a second `tracker init` is harmless
        store.require_current()
        assert store.board() == []
    finally:
        store.close()


def test_the_migrations_build_exactly_the_schema_the_models_describe(store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from tracker.models import Base

    with store.engine.connect() as connection:
        drift = compare_metadata(MigrationContext.configure(connection), Base.metadata)

    assert drift == []


def test_the_schema_head_the_store_checks_is_alembics_newest_migration() -> None:
    from alembic.script import ScriptDirectory

    from tracker.store import SCHEMA_HEAD, alembic_config

    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == SCHEMA_HEAD


def test_require_current_refuses_an_uninitialised_database_and_says_run_init(db_url: str) -> None:
    store = Store(db_url)
    try:
        with store.engine.connect():
            pass  # the database exists (SQLite creates the file) but has no tables
        with pytest.raises(StoreError, match=r"is not initialised: run `tracker init`"):
            store.require_current()
    finally:
        store.close()


def test_require_current_on_a_missing_sqlite_file_says_run_init_and_creates_nothing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "missing.db"
    store = Store(f"sqlite:///{path}")
    try:
        with pytest.raises(StoreError, match=r"missing\.db does not exist: run `tracker init`"):
            store.require_current()
    finally:
        store.close()
    assert not path.exists()


def test_require_current_names_both_revisions_when_the_database_is_behind(store: Store) -> None:
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0000'"))
    with pytest.raises(StoreError, match=r"at migration 0000, code needs \w+: run `tracker db"):
        store.require_current()


def test_a_bad_database_url_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="bad database url"):
        Store("nosuchdialect://nowhere/db")


# -- configuration ------------------------------------------------------------------------


def test_sync_shows_is_idempotent(store: Store, rows: Rows) -> None:
    first = store.sync_shows([BALLARD], NOW)
    second = store.sync_shows([BALLARD], NOW + timedelta(hours=6))
    assert first == second
    assert [s.url for s in first] == ["https://news.example/ballard", "https://tv.example/ballard"]
    assert {s.show_slug for s in first} == {"ballard"}
    assert len(rows(store, ShowRow)) == 1
    assert len(rows(store, SourceRow)) == 2


def test_sync_shows_renames_in_place_and_adds_only_new_sources(store: Store, rows: Rows) -> None:
    before = {s.url: s.id for s in store.sync_shows([BALLARD], NOW)}
    renamed = ShowSpec(
        "ballard", "Ballard (2025)", (*BALLARD.sources, ("page", "https://third.example/b"))
    )
    after = store.sync_shows([renamed], NOW)
    assert {s.url: s.id for s in after if s.url in before} == before
    assert len(after) == 3
    assert [r.title for r in rows(store, ShowRow)] == ["Ballard (2025)"]


def test_sync_shows_returns_only_the_configured_sources_but_keeps_old_ones(
    store: Store, rows: Rows
) -> None:
    store.sync_shows([BALLARD], NOW)
    trimmed = ShowSpec("ballard", "Ballard", BALLARD.sources[:1])
    assert [s.url for s in store.sync_shows([trimmed], NOW)] == ["https://news.example/ballard"]
    assert len(rows(store, SourceRow)) == 2  # history of the dropped source is kept


# -- recording a fetch --------------------------------------------------------------------


def test_record_writes_check_snapshot_change_and_outbox_linked_together(
    store: Store, rows: Rows
) -> None:
    source = first_source(store)
    changes = store.record(source, attempt(), PENDING, ["console", "webhook:abc"], "1.0")

    assert [c.kind for c in changes] == ["first_seen"]
    [check] = rows(store, CheckRow)
    [snapshot] = rows(store, SnapshotRow)
    [change] = rows(store, ChangeRow)
    outbox = rows(store, OutboxRow)
    assert check.ok and check.snapshot_id == snapshot.id
    assert (snapshot.status, snapshot.season, snapshot.published) == (
        "pending",
        2,
        date(2025, 7, 10),
    )
    assert snapshot.extractor_version == "1.0"
    assert change.snapshot_id == snapshot.id and change.kind == "first_seen"
    assert [(o.change_id, o.channel, o.state, o.attempts) for o in outbox] == [
        (change.id, "console", "pending", 0),
        (change.id, "webhook:abc", "pending", 0),
    ]
    assert all(o.next_attempt_at == NOW for o in outbox)
    assert store.board()[0].view.status == "pending"


def test_record_without_extraction_writes_only_the_check_and_source_state(
    store: Store, rows: Rows
) -> None:
    source = first_source(store)
    assert store.record(source, attempt(etag='"v1"'), None, ["console"], "1.0") == []
    assert len(rows(store, CheckRow)) == 1
    assert rows(store, SnapshotRow) == rows(store, ChangeRow) == rows(store, OutboxRow) == []
    assert source_row(store, rows, source.id).etag == '"v1"'


def test_failures_grow_the_streak_and_a_success_resets_it(store: Store, rows: Rows) -> None:
    source = first_source(store)
    failed = attempt(ok=False, error_kind="http", error="HTTP 500 Internal Server Error")
    store.record(source, failed, None, [], "1.0")
    store.record(source, failed, None, [], "1.0")
    row = source_row(store, rows, source.id)
    assert row.failure_streak == 2
    assert row.last_error == "http: HTTP 500 Internal Server Error"
    assert row.last_ok_at is None
    assert store.board()[0].sources_failing == 1

    store.record(source, attempt(NOW + timedelta(hours=1)), None, [], "1.0")
    row = source_row(store, rows, source.id)
    assert (row.failure_streak, row.last_error) == (0, None)
    assert row.last_ok_at == NOW + timedelta(hours=1)


def test_record_is_all_or_nothing(store: Store, rows: Rows) -> None:
    """A failure while writing the outbox (the last step) must undo the check, the source
    state, the snapshot, the view and the change: one transaction."""
    source = first_source(store)
    with pytest.raises(Exception, match="outbox"):  # duplicate (change, channel) key
        store.record(source, attempt(), PENDING, ["console", "console"], "1.0")

    for model in (CheckRow, SnapshotRow, ChangeRow, OutboxRow):
        assert rows(store, model) == [], model.__name__
    row = source_row(store, rows, source.id)
    assert (row.last_checked_at, row.content_hash) == (None, None)
    assert rows(store, ShowRow)[0].view is None


def test_record_refolds_so_an_older_article_recorded_later_changes_nothing(store: Store) -> None:
    source = first_source(store)
    store.record(source, attempt(NOW), RENEWED, ["console"], "1.0")
    later = NOW + timedelta(days=30)
    assert store.record(source, attempt(later), PENDING, ["console"], "1.0") == []
    view = store.board()[0].view
    assert (view.status, view.season, view.since) == ("renewed", 2, "2025-10-06")
    assert [c.kind for c in store.changes()] == ["first_seen"]


def test_record_reports_a_status_change_against_the_previous_view(store: Store) -> None:
    source = first_source(store)
    store.record(source, attempt(NOW - timedelta(days=80)), PENDING, ["console"], "1.0")
    [change] = store.record(source, attempt(NOW), RENEWED, ["console"], "1.0")
    assert change.kind == "status_changed"
    assert (change.previous or {})["status"] == "pending"
    assert change.current["status"] == "renewed"
    assert [d.change.kind for d in store.undelivered()] == ["first_seen", "status_changed"]


# -- datetimes ----------------------------------------------------------------------------


def test_datetimes_come_back_timezone_aware_utc(store: Store, rows: Rows) -> None:
    paris = datetime(2025, 10, 6, 16, 0, tzinfo=timezone(timedelta(hours=2)))  # 14:00 UTC
    source = first_source(store)
    store.record(source, attempt(paris), RENEWED, ["console"], "1.0")

    check = rows(store, CheckRow)[0]
    assert check.started_at == NOW and check.started_at.utcoffset() == timedelta(0)
    assert store.snapshots(source.show_id)[0]["fetched_at"] == "2025-10-06T14:00:00+00:00"
    [change] = store.changes()
    assert change.occurred_at == NOW and change.occurred_at.tzinfo is not None
    assert change.occurred_at.utcoffset() == timedelta(0)
    [delivery] = store.undelivered()
    assert delivery.change.occurred_at.utcoffset() == timedelta(0)
    last_checked = store.board()[0].last_checked
    assert last_checked == NOW and last_checked.utcoffset() == timedelta(0)


def test_a_naive_datetime_is_rejected(store: Store, rows: Rows) -> None:
    with pytest.raises(Exception, match="naive datetime"):
        store.sync_shows([BALLARD], datetime(2025, 10, 6, 14, 0))
    assert rows(store, ShowRow) == []


def test_a_naive_datetime_in_an_attempt_is_rejected_and_nothing_is_written(
    store: Store, rows: Rows
) -> None:
    source = first_source(store)
    with pytest.raises(Exception, match="naive datetime"):
        store.record(source, attempt(datetime(2025, 10, 6, 14, 0)), PENDING, ["console"], "1.0")
    assert rows(store, CheckRow) == rows(store, SnapshotRow) == []


# -- concurrency (SQLite) -----------------------------------------------------------------


def test_a_second_sqlite_writer_waits_for_the_first_instead_of_failing(
    sqlite_store: Store, rows: Rows
) -> None:
    """BEGIN IMMEDIATE + busy_timeout: a writer queues behind another process's write."""
    first_source(sqlite_store)
    path = sqlite_store.engine.url.database
    assert path
    locked, hold = threading.Event(), 0.5

    def other_writer() -> None:
        connection = sqlite3.connect(path, isolation_level=None)
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("UPDATE shows SET title = 'Ballard (held)'")
        locked.set()
        time.sleep(hold)
        connection.execute("COMMIT")
        connection.close()

    thread = threading.Thread(target=other_writer)
    thread.start()
    assert locked.wait(5)
    started = time.monotonic()
    sqlite_store.sync_shows([BALLARD], NOW)  # renames back to "Ballard": a write
    waited = time.monotonic() - started
    thread.join()

    assert waited >= hold * 0.8, f"the second writer did not wait ({waited:.2f}s)"
    assert [r.title for r in rows(sqlite_store, ShowRow)] == ["Ballard"]  # applied after
