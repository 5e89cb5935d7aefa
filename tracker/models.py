"""SQLAlchemy 2 typed models: the tables behind the store.

Only tracker.store imports this module; rows never leave the store (it hands out
frozen dataclasses instead). Every datetime column is stored in UTC and comes back
timezone-aware, whatever the database, through the UTCDateTime type below.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class UTCDateTime(TypeDecorator[datetime]):
    """Store UTC, return aware datetimes (SQLite keeps no offset; PostgreSQL does)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; pass an aware UTC datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime,
        dict[str, Any]: JSON,
        list[Any]: JSON,
    }


class ShowRow(Base):
    """A tracked show; `view` caches the latest fold so the board never re-reads history."""

    __tablename__ = "shows"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime]
    view: Mapped[dict[str, Any] | None]

    sources: Mapped[list[SourceRow]] = relationship(back_populates="show")


class SourceRow(Base):
    """One place we watch for one show, with its fetch state and failure streak.

    Configured sources are `page`, `feed` and `tvmaze`; an `article` is a page a feed
    named, with the feed it came from (`origin_id`) and the item's identity (GUID and
    `updated` stamp) so the same story is fetched once, and again only when it changes.
    """

    __tablename__ = "sources"
    __table_args__ = (
        UniqueConstraint("show_id", "kind", "url", name="uq_sources_show_kind_url"),
        Index("ix_sources_origin", "origin_id"),
        Index("ix_sources_show", "show_id"),
        # the board's grouped health per show, read from the index alone
        Index("ix_sources_board", "kind", "show_id", "failure_streak", "last_checked_at"),
        Index("ix_sources_lease_owner", "lease_owner"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    show_id: Mapped[int] = mapped_column(ForeignKey("shows.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    url: Mapped[str] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str | None] = mapped_column(String(64))
    last_checked_at: Mapped[datetime | None]
    last_ok_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    failure_streak: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime]
    origin_id: Mapped[int | None]
    guid: Mapped[str | None] = mapped_column(Text)
    entry_updated: Mapped[str | None] = mapped_column(Text)
    canonical_url: Mapped[str | None] = mapped_column(Text)
    # Who is fetching it now, and until when: a worker that dies leaves a lease that expires.
    lease_owner: Mapped[str | None] = mapped_column(String(100))
    lease_until: Mapped[datetime | None]

    show: Mapped[ShowRow] = relationship(back_populates="sources")


class SnapshotRow(Base):
    """What one fetch of a source said about its show (written only when the body changed)."""

    __tablename__ = "snapshots"
    __table_args__ = (
        Index("ix_snapshots_show_fetched", "show_id", "fetched_at"),
        Index("ix_snapshots_source", "source_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    show_id: Mapped[int] = mapped_column(ForeignKey("shows.id", ondelete="CASCADE"))
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    url: Mapped[str] = mapped_column(Text)
    fetched_at: Mapped[datetime]
    published: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20))
    season: Mapped[int | None]
    certainty: Mapped[str | None] = mapped_column(String(20))
    lean: Mapped[str | None] = mapped_column(String(10))
    imdb: Mapped[float | None] = mapped_column(Float)
    rotten_tomatoes: Mapped[int | None]
    rt_audience: Mapped[int | None]
    metacritic: Mapped[int | None]
    tvmaze: Mapped[float | None] = mapped_column(Float)
    evidence: Mapped[list[Any]]
    content_hash: Mapped[str] = mapped_column(String(64))
    extractor_version: Mapped[str] = mapped_column(String(20))


class BodyRow(Base):
    """The latest body read from a source, zlib-compressed: what `tracker reextract` reads
    again with an improved extractor, without fetching anything."""

    __tablename__ = "bodies"
    __table_args__ = (Index("ix_bodies_fetched", "fetched_at"),)

    source_id: Mapped[int] = mapped_column(
        ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True
    )
    fetched_at: Mapped[datetime]
    url: Mapped[str] = mapped_column(Text)
    content_type: Mapped[str] = mapped_column(String(100))
    content_hash: Mapped[str] = mapped_column(String(64))
    body: Mapped[bytes] = mapped_column(LargeBinary)


class CheckRow(Base):
    """Every fetch attempt, successful or not: the audit trail of a source."""

    __tablename__ = "checks"
    __table_args__ = (
        Index("ix_checks_source_started", "source_id", "started_at"),
        Index("ix_checks_started", "started_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    started_at: Mapped[datetime]
    duration_ms: Mapped[int]
    http_status: Mapped[int | None]
    ok: Mapped[bool]
    error_kind: Mapped[str | None] = mapped_column(String(30))
    error: Mapped[str | None] = mapped_column(Text)
    snapshot_id: Mapped[int | None] = mapped_column(ForeignKey("snapshots.id", ondelete="SET NULL"))


class ChangeRow(Base):
    """A typed change of a show's view, with the evidence that caused it."""

    __tablename__ = "changes"
    __table_args__ = (
        Index("ix_changes_show_occurred", "show_id", "occurred_at"),
        Index("ix_changes_occurred", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    show_id: Mapped[int] = mapped_column(ForeignKey("shows.id", ondelete="CASCADE"))
    snapshot_id: Mapped[int | None] = mapped_column(ForeignKey("snapshots.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(30))
    occurred_at: Mapped[datetime]
    previous: Mapped[dict[str, Any] | None]
    current: Mapped[dict[str, Any]]
    evidence: Mapped[dict[str, Any] | None]


class OutboxRow(Base):
    """One (change, channel) delivery; written with the change, drained after commit."""

    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("change_id", "channel", name="uq_outbox_change_channel"),
        Index("ix_outbox_state_next", "state", "next_attempt_at"),
        Index("ix_outbox_lease_owner", "lease_owner"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    change_id: Mapped[int] = mapped_column(ForeignKey("changes.id", ondelete="CASCADE"))
    channel: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(10), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    lease_owner: Mapped[str | None] = mapped_column(String(100))  # the worker sending it now
    lease_until: Mapped[datetime | None]


class ChannelRow(Base):
    """An alert channel switched off by its endpoint (a webhook answering 410 Gone).

    Keyed like the outbox (`channel_key`); `tracker alerts retry` switches it back on.
    """

    __tablename__ = "channels"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    disabled_at: Mapped[datetime]
    reason: Mapped[str] = mapped_column(Text)
