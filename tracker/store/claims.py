"""Leases: the database decides which worker fetches a due source or sends an alert.

APScheduler (or system cron) decides *when* a pass runs; a lease decides *who* does each
piece of it, so two daemons on one database, or a daemon and a `tracker run`, never
fetch the same source or send the same alert at once. A claim takes rows whose lease is
free or expired — on PostgreSQL with `SELECT … FOR UPDATE SKIP LOCKED`, so concurrent
claimers pass each other instead of queueing; on SQLite the same statements run inside
BEGIN IMMEDIATE, so claims simply take turns. Dueness is judged again on the rows as
read inside the claiming transaction: a source another worker finished a moment ago is
no longer due, which is what makes a duplicate firing harmless. Recording a source's
outcome (or marking a delivery) frees its lease; a worker that dies leaves leases that
expire after their time-to-live.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Select, Table, or_, select, update

from tracker.store.rows import OUTBOX, SHOWS, SOURCES, source_info
from tracker.store.values import SourceInfo

CHUNK = 500  # ids per IN (…) list: far below any driver's bound-parameter limit


def free(table: Any, now: datetime) -> Any:
    """Rows nobody holds: no lease, or one that has run out."""
    return or_(table.c.lease_until.is_(None), table.c.lease_until < now)


def lockable(query: Select[Any], connection: Connection) -> Select[Any]:
    """FOR UPDATE SKIP LOCKED where the database has it (PostgreSQL); SQLite serialises
    writers with BEGIN IMMEDIATE instead, and would reject the clause."""
    if connection.dialect.name == "postgresql":
        return query.with_for_update(skip_locked=True)
    return query


def chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def claim_sources(
    connection: Connection,
    ids: Sequence[int],
    owner: str,
    now: datetime,
    until: datetime,
    due: Callable[[SourceInfo], bool],
) -> list[SourceInfo]:
    """Lease those of `ids` that are free and still `due` as read now; return them."""
    claimed: list[SourceInfo] = []
    for part in chunks(sorted(set(ids))):
        query = (
            select(SOURCES, SHOWS.c.slug)
            .join(SHOWS, SOURCES.c.show_id == SHOWS.c.id)
            .where(SOURCES.c.id.in_(part), free(SOURCES, now))
            .order_by(SOURCES.c.id)
        )
        rows = connection.execute(lockable(query, connection)).all()
        fresh = [source_info(row, row.slug) for row in rows]
        taken = [source for source in fresh if due(source)]
        if taken:
            connection.execute(
                update(SOURCES)
                .where(SOURCES.c.id.in_([s.id for s in taken]))
                .values(lease_owner=owner, lease_until=until)
            )
        claimed += taken
    return claimed


def release(connection: Connection, table: Table, owner: str) -> int:
    """Give back every lease `owner` still holds in `table` (SOURCES or OUTBOX): sources it
    did not get to, alerts it claimed but neither sent nor failed."""
    done = connection.execute(
        update(table).where(table.c.lease_owner == owner).values(lease_owner=None, lease_until=None)
    )
    return int(done.rowcount)


def renew(connection: Connection, owner: str, until: datetime) -> None:
    """Extend `owner`'s leases: a long pass keeps what it holds while it is alive."""
    for table in (SOURCES, OUTBOX):
        connection.execute(
            update(table).where(table.c.lease_owner == owner).values(lease_until=until)
        )


def claim_deliveries(
    connection: Connection,
    owner: str,
    now: datetime,
    until: datetime,
    channels: Sequence[str],
    limit: int,
) -> list[int]:
    """Lease up to `limit` due outbox rows of these channels, oldest first; their ids."""
    query = (
        select(OUTBOX.c.id)
        .where(
            OUTBOX.c.state == "pending",
            OUTBOX.c.next_attempt_at <= now,
            OUTBOX.c.channel.in_(channels),
            free(OUTBOX, now),
        )
        .order_by(OUTBOX.c.id)
        .limit(limit)
    )
    ids = list(connection.execute(lockable(query, connection)).scalars())
    if ids:
        connection.execute(
            update(OUTBOX).where(OUTBOX.c.id.in_(ids)).values(lease_owner=owner, lease_until=until)
        )
    return ids
