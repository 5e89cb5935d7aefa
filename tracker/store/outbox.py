"""Leases and the alert outbox: who fetches a source, who sends an alert, and each
alert's delivery state (see tracker.store.claims for the claiming statements)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta

from sqlalchemy import (
    bindparam,
    delete,
    func,
    insert,
    select,
    update,
)

from tracker.lock import is_dead_here
from tracker.store.base import CHANGE_EVENTS, UNDELIVERED, StoreBase
from tracker.store.claims import (
    claim_deliveries,
    claim_sources,
    release,
    renew,
)
from tracker.store.rows import (
    CHANGES,
    CHANNELS,
    OUTBOX,
    SHOWS,
    SOURCES,
    change_event,
    source_info,
)
from tracker.store.values import (
    Delivery,
    SourceInfo,
)


class OutboxStore(StoreBase):
    """Claims on sources and deliveries, and the outbox's states."""

    def claim_sources(
        self,
        ids: Sequence[int],
        owner: str,
        now: datetime,
        lease: timedelta,
        due: Callable[[SourceInfo], bool] = lambda _source: True,
    ) -> list[SourceInfo]:
        """Lease the free sources among `ids` that are still `due` as read in this
        transaction; return them (see tracker.store.claims)."""
        with self._write() as session:
            return claim_sources(session.connection(), ids, owner, now, now + lease, due)

    def sources_by_id(self, ids: Sequence[int]) -> list[SourceInfo]:
        """These sources as they are now (to see which another worker has recorded)."""
        if not ids:
            return []
        query = (
            select(SOURCES, SHOWS.c.slug)
            .join(SHOWS, SOURCES.c.show_id == SHOWS.c.id)
            .where(SOURCES.c.id.in_(sorted(set(ids))))
        )
        with self._read() as session:
            return [source_info(r, r.slug) for r in session.connection().execute(query)]

    def release_sources(self, owner: str) -> int:
        """Free the leases `owner` holds on sources it did not record (stopped, crashed)."""
        with self._write() as session:
            return release(session.connection(), SOURCES, owner)

    def free_dead_leases(self) -> int:
        """Free the leases of workers that were processes of this host and are gone (a
        daemon killed with SIGKILL), rather than wait for them to expire."""
        with self._write() as session:
            connection = session.connection()
            owners = {
                owner
                for table in (SOURCES, OUTBOX)
                for owner in connection.execute(
                    select(table.c.lease_owner).where(table.c.lease_owner.is_not(None)).distinct()
                ).scalars()
            }
            dead = [owner for owner in owners if is_dead_here(owner)]
            return sum(
                release(connection, SOURCES, owner) + release(connection, OUTBOX, owner)
                for owner in dead
            )

    def renew_leases(self, owner: str, now: datetime, lease: timedelta) -> None:
        """Keep `owner`'s source and outbox leases for another `lease` from `now`."""
        with self._write() as session:
            renew(session.connection(), owner, now + lease)

    def claim_deliveries(
        self,
        owner: str,
        now: datetime,
        lease: timedelta,
        channels: Sequence[str],
        limit: int = 500,
    ) -> list[Delivery]:
        """Lease the due outbox rows of these channels, oldest first, with their changes.

        Rows of a disabled channel are set aside as `disabled` first, so they are neither
        sent nor claimed again until `tracker alerts retry` switches the channel back on.
        """
        outbox = OUTBOX.c
        with self._write() as session:
            connection = session.connection()
            disabled = select(CHANNELS.c.key)
            connection.execute(
                update(OUTBOX)
                .where(outbox.state == "pending", outbox.channel.in_(disabled))
                .values(state="disabled")
            )
            ids = claim_deliveries(connection, owner, now, now + lease, channels, limit)
            if not ids:
                return []
            query = (
                CHANGE_EVENTS.add_columns(
                    outbox.id.label("delivery_id"), outbox.channel, outbox.attempts
                )
                .join(OUTBOX, outbox.change_id == CHANGES.c.id)
                .where(outbox.id.in_(ids))
                .order_by(None)
                .order_by(outbox.id)
            )
            rows = connection.execute(query)
            return [Delivery(r.delivery_id, r.channel, r.attempts, change_event(r)) for r in rows]

    def release_deliveries(self, owner: str) -> int:
        with self._write() as session:
            return release(session.connection(), OUTBOX, owner)

    def mark_delivered(self, delivery_ids: Sequence[int], now: datetime, owner: str) -> None:
        """These rows were sent (one message, or one digest): never send them again.

        Only rows `owner` still holds are marked: had its lease run out and another worker
        taken a row over, that worker's outcome is the one that stands.
        """
        with self._write() as session:
            session.connection().execute(
                update(OUTBOX)
                .where(OUTBOX.c.id.in_(delivery_ids), OUTBOX.c.lease_owner == owner)
                .values(
                    state="sent",
                    sent_at=now,
                    attempts=OUTBOX.c.attempts + 1,
                    last_error=None,
                    lease_owner=None,
                    lease_until=None,
                )
            )

    def mark_failed(self, retries: Mapping[int, datetime | None], error: str, owner: str) -> None:
        """A failed send: each row is tried again at its time, or given up (None: `failed`).

        Like `mark_delivered`, only rows `owner` still holds: a worker whose lease ran out
        never turns a row another worker sent back into a pending one.
        """
        mark = (
            update(OUTBOX)
            .where(OUTBOX.c.id == bindparam("b_id"), OUTBOX.c.lease_owner == owner)
            .values(
                attempts=OUTBOX.c.attempts + 1,
                last_error=error[:2000],
                next_attempt_at=func.coalesce(bindparam("b_next"), OUTBOX.c.next_attempt_at),
                state=bindparam("b_state"),
                lease_owner=None,
                lease_until=None,
            )
        )
        rows = [
            {"b_id": i, "b_next": when, "b_state": "failed" if when is None else "pending"}
            for i, when in retries.items()
        ]
        with self._write() as session:
            session.connection().execute(mark, rows)

    def disable_channel(self, key: str, reason: str, now: datetime) -> None:
        """The endpoint said it is gone for good (410): stop sending to it, keep its alerts."""
        with self._write() as session:
            connection = session.connection()
            exists = select(CHANNELS.c.key).where(CHANNELS.c.key == key)
            if connection.execute(exists).first() is None:
                connection.execute(
                    insert(CHANNELS).values(key=key, disabled_at=now, reason=reason[:2000])
                )
            connection.execute(
                update(OUTBOX)
                .where(OUTBOX.c.channel == key, OUTBOX.c.state == "pending")
                .values(state="disabled", lease_owner=None, lease_until=None)
            )

    def disabled_channels(self) -> dict[str, tuple[datetime, str]]:
        """Channel key -> (when, why) for every channel an endpoint switched off."""
        with self._read() as session:
            rows = session.connection().execute(select(CHANNELS))
            return {r.key: (r.disabled_at, r.reason) for r in rows}

    def undelivered(self) -> list[Delivery]:
        """Every alert not sent yet: pending (due now or later) and failed (given up)."""
        outbox = OUTBOX.c
        query = (
            CHANGE_EVENTS.add_columns(
                outbox.id.label("delivery_id"),
                outbox.channel,
                outbox.attempts,
                outbox.state,
                outbox.last_error,
                outbox.next_attempt_at,
            )
            .join(OUTBOX, outbox.change_id == CHANGES.c.id)
            .where(outbox.state.in_(UNDELIVERED))
            .order_by(None)
            .order_by(outbox.id)
        )
        with self._read() as session:
            return [
                Delivery(
                    r.delivery_id,
                    r.channel,
                    r.attempts,
                    change_event(r),
                    r.state,
                    r.last_error,
                    r.next_attempt_at,
                )
                for r in session.connection().execute(query)
            ]

    def requeue(self, now: datetime) -> int:
        """Make every undelivered alert due now: failed ones get a fresh set of attempts,
        and channels their endpoints switched off are switched back on."""
        outbox = OUTBOX.c
        again = update(OUTBOX).where(outbox.state.in_(UNDELIVERED))
        with self._write() as session:
            connection = session.connection()
            connection.execute(delete(CHANNELS))
            done = connection.execute(
                again.values(state="pending", next_attempt_at=now, attempts=0, lease_until=None)
            )
            return int(done.rowcount)
