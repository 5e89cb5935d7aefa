"""`tracker db copy`: move an installation to another database, all of its history.

The usual move is SQLite → PostgreSQL when one machine is no longer enough. The target
is migrated to the current schema first and must hold no data, so a copy never merges
two histories. Tables are copied in foreign-key order, a batch of rows at a time (a
million snapshots never sit in memory at once), keeping every primary key — checks
point at snapshots, changes at shows, outbox rows at changes. Leases are not copied:
they belong to processes of the old installation. Afterwards PostgreSQL's id sequences
are moved past the copied ids, and every table is counted on both sides.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, func, select, text
from sqlalchemy.exc import SQLAlchemyError

from tracker.errors import StoreError
from tracker.store.core import Store
from tracker.store.engine import short
from tracker.store.rows import BODIES, CHANGES, CHANNELS, CHECKS, OUTBOX, SHOWS, SNAPSHOTS, SOURCES

# Parents before children: every foreign key points at a table copied earlier.
TABLES = (SHOWS, SOURCES, SNAPSHOTS, BODIES, CHECKS, CHANGES, OUTBOX, CHANNELS)
BATCH = 2_000
NOT_COPIED = {"lease_owner": None, "lease_until": None}  # the old processes' claims


@dataclass(frozen=True, slots=True)
class TableCount:
    table: str
    source: int
    target: int

    @property
    def ok(self) -> bool:
        return self.source == self.target


@dataclass(frozen=True, slots=True)
class CopyReport:
    counts: list[TableCount]

    @property
    def ok(self) -> bool:
        return all(count.ok for count in self.counts)

    @property
    def rows(self) -> int:
        return sum(count.target for count in self.counts)


Progress = Callable[[str, int], None]  # table name, rows copied so far


def copy_database(source: Store, target: Store, progress: Progress | None = None) -> CopyReport:
    """Copy every row of `source` into the empty `target` (migrated here); verify counts."""
    source.require_current()
    target.migrate()
    try:
        with _snapshot(source) as reading, target.engine.begin() as writing:
            _require_empty(writing, target)
            for table in TABLES:
                copied = 0
                for rows in _batches(reading, table):
                    writing.execute(table.insert(), rows)
                    copied += len(rows)
                    if progress is not None:
                        progress(table.name, copied)
            if writing.dialect.name == "postgresql":
                _advance_sequences(writing)
        with source.engine.connect() as reading, target.engine.connect() as written:
            return CopyReport([_count(reading, written, table) for table in TABLES])
    except SQLAlchemyError as exc:
        raise StoreError(f"copy failed, nothing was committed: {short(exc)}") from None


def _snapshot(store: Store) -> Connection:
    """A connection that reads one consistent state of every table, so a copy taken
    while a daemon writes is still whole (SQLite's read transaction already is one)."""
    connection = store.engine.connect()
    if connection.dialect.name == "postgresql":
        connection = connection.execution_options(isolation_level="REPEATABLE READ")
    return connection


def _require_empty(connection: Connection, target: Store) -> None:
    """Refuse to merge: a target that already tracks shows is somebody's history."""
    for table in TABLES:
        if connection.execute(select(func.count()).select_from(table)).scalar_one():
            where = target.engine.url.render_as_string(hide_password=True)
            raise StoreError(
                f"{where} already holds data (table {table.name}): copy into an empty database"
            )


def _batches(connection: Connection, table: Table) -> Iterator[list[dict[str, Any]]]:
    """The table's rows in primary-key order, BATCH at a time (keyset pagination)."""
    [key] = table.primary_key.columns
    last: Any = None
    while True:
        query = select(table).order_by(key).limit(BATCH)
        if last is not None:
            query = query.where(key > last)
        rows = [dict(row._mapping) for row in connection.execute(query)]
        if not rows:
            return
        last = rows[-1][key.name]
        if "lease_owner" in table.c:
            rows = [row | NOT_COPIED for row in rows]
        yield rows


def _advance_sequences(connection: Connection) -> None:
    """Explicit ids leave PostgreSQL's sequences at 1: move each past its table's ids."""
    for table in TABLES:
        [key] = table.primary_key.columns
        if not key.autoincrement or table is BODIES or table is CHANNELS:
            continue
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', '{key.name}'), "
                f"COALESCE((SELECT MAX({key.name}) FROM {table.name}), 0) + 1, false)"
            )
        )


def _count(reading: Connection, written: Connection, table: Table) -> TableCount:
    def rows(connection: Connection) -> int:
        return int(connection.execute(select(func.count()).select_from(table)).scalar_one())

    return TableCount(table.name, rows(reading), rows(written))
