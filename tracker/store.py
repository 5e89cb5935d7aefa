"""The store: the only module that touches SQLAlchemy.

It opens the database (SQLite by default: WAL, busy_timeout, BEGIN IMMEDIATE for
writers), migrates it with Alembic, and records each fetch outcome in ONE transaction:
the check row, the source's state, the snapshot, the re-folded view, the changes and
their outbox rows. Either all of that is committed or none of it is, so a crash can
neither lose an alert nor send one for a change that was never stored.
"""

from __future__ import annotations

import hashlib
import logging
import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import (
    Connection,
    Engine,
    Row,
    Table,
    bindparam,
    create_engine,
    delete,
    event,
    func,
    insert,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from tracker.diff import RATING_THRESHOLDS, Change, diff
from tracker.errors import StoreError
from tracker.extract.model import Extraction
from tracker.feeds import FeedItem
from tracker.models import (
    BodyRow,
    ChangeRow,
    CheckRow,
    OutboxRow,
    ShowRow,
    SnapshotRow,
    SourceRow,
)
from tracker.view import Observation, View, fold

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig

logger = logging.getLogger(__name__)

# The tables behind the models, for the Core statements of the write path.
_SHOWS = cast(Table, ShowRow.__table__)
_SOURCES = cast(Table, SourceRow.__table__)
_SNAPSHOTS = cast(Table, SnapshotRow.__table__)
_CHECKS = cast(Table, CheckRow.__table__)
_CHANGES = cast(Table, ChangeRow.__table__)
_OUTBOX = cast(Table, OutboxRow.__table__)
_BODIES = cast(Table, BodyRow.__table__)

EXTRACTOR_VERSION_UNSET = "0"
# The newest migration in tracker/migrations (a test keeps the two equal). Checking a
# database against it needs no Alembic import: every `tracker run` saves that startup time.
SCHEMA_HEAD = "0003"
CONFIGURED_KINDS = ("page", "feed", "tvmaze")  # `article` sources are found through feeds
ARTICLE_ATTEMPTS = 5  # a discovered article that failed this often in a row is given up


@dataclass(frozen=True, slots=True)
class ShowSpec:
    """What the store needs to know of a configured show."""

    slug: str
    title: str
    sources: tuple[tuple[str, str], ...]  # (kind, url)


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """A source as the pipeline sees it: identity plus conditional-GET state."""

    id: int
    show_id: int
    show_slug: str
    kind: str
    url: str
    etag: str | None
    last_modified: str | None
    content_hash: str | None
    failure_streak: int
    last_checked_at: datetime | None = None
    origin_id: int | None = None  # for an article: the feed source that named it


@dataclass(frozen=True, slots=True)
class Attempt:
    """The outcome of one fetch of one source (success or failure)."""

    started_at: datetime
    duration_ms: int
    ok: bool
    url: str
    http_status: int | None = None
    error_kind: str | None = None
    error: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None
    canonical_url: str | None = None  # what the page says its own URL is


@dataclass(frozen=True, slots=True)
class Outcome:
    """One source's fetch in a pass: what happened, and what the page said (if read)."""

    source: SourceInfo
    attempt: Attempt
    extraction: Extraction | None
    body: StoredBody | None = None  # the body read, kept for `tracker reextract`


@dataclass(frozen=True, slots=True)
class StoredBody:
    """A body as stored: zlib-compressed UTF-8 text, with its type and hash."""

    content_type: str
    content_hash: str
    compressed: bytes


@dataclass(frozen=True, slots=True)
class StoredPage:
    """A stored body, its source, and what its snapshot said (None: no snapshot made)."""

    source: SourceInfo
    fetched_at: datetime
    url: str
    content_type: str
    text: str
    snapshot_id: int | None
    snapshot: dict[str, Any] | None


@dataclass(frozen=True, slots=True)
class Policy:
    """What makes a change, from config [changes]: rating thresholds, how many failed
    checks in a row make a source failing, and how long status alerts are held."""

    thresholds: dict[str, float] = field(default_factory=lambda: dict(RATING_THRESHOLDS))
    failing_after: int = 3
    flap_window: timedelta = timedelta(0)


DEFAULT_POLICY = Policy()


@dataclass(frozen=True, slots=True)
class ChangeEvent:
    """A stored change, ready to be rendered by an alert channel."""

    id: int
    kind: str
    occurred_at: datetime
    show_title: str
    show_slug: str
    previous: dict[str, Any] | None
    current: dict[str, Any]
    evidence: dict[str, Any] | None


@dataclass(frozen=True, slots=True)
class Delivery:
    """One pending outbox row with its change."""

    id: int
    channel: str
    attempts: int
    change: ChangeEvent


@dataclass(frozen=True, slots=True)
class BoardRow:
    """One line of `tracker status`."""

    title: str
    slug: str
    view: View
    sources_ok: int
    sources_failing: int
    last_checked: datetime | None


def channel_key(kind: str, target: str) -> str:
    """A stable outbox key for a channel that never stores a secret-bearing URL."""
    digest = hashlib.sha256(target.encode()).hexdigest()[:12] if target else ""
    return f"{kind}:{digest}" if digest else kind


class Store:
    """A database of shows, sources, snapshots, checks, changes and the alert outbox."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = _make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def close(self) -> None:
        self.engine.dispose()

    # -- schema -----------------------------------------------------------------------

    def migrate(self) -> None:
        """Create or upgrade the schema to the newest migration."""
        from alembic import command  # only `init` and `db upgrade` pay for Alembic's import

        cfg = _alembic_config()
        try:
            with self.engine.begin() as connection:
                cfg.attributes["connection"] = connection
                command.upgrade(cfg, "head")
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot migrate {self._safe_url()}: {_short(exc)}") from None

    def require_current(self) -> None:
        """Fail with a clear message when the database is missing or behind the code."""
        head = SCHEMA_HEAD
        database = self.engine.url.database
        in_file = self.engine.dialect.name == "sqlite" and database not in (None, "", ":memory:")
        if in_file and not Path(str(database)).exists():  # a read must not create the file
            raise StoreError(f"{database} does not exist: run `tracker init`")
        try:
            with self.engine.connect() as connection:
                current = _schema_version(connection)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot open {self._safe_url()}: {_short(exc)}") from None
        if current is None:
            raise StoreError(f"{self._safe_url()} is not initialised: run `tracker init`")
        if current != head:
            raise StoreError(
                f"{self._safe_url()} is at migration {current}, code needs {head}: "
                "run `tracker db upgrade`"
            )

    def _safe_url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def _write(self) -> Iterator[Session]:
        """A write transaction (BEGIN IMMEDIATE on SQLite), committed or rolled back whole."""
        try:
            with self._sessions() as session, session.begin():
                session.connection(execution_options={"tracker_write": True})
                yield session
        except SQLAlchemyError as exc:
            raise StoreError(f"database write failed: {_short(exc)}") from None

    @contextmanager
    def _read(self) -> Iterator[Session]:
        try:
            with self._sessions() as session:
                yield session
        except SQLAlchemyError as exc:
            raise StoreError(f"database read failed: {_short(exc)}") from None

    # -- configuration ------------------------------------------------------------------

    def sync_shows(self, shows: Sequence[ShowSpec], now: datetime) -> list[SourceInfo]:
        """Upsert the configured shows and sources; return the configured sources.

        Core statements, a handful per call whatever the number of shows: every run
        starts here, and a thousand ORM objects would cost a tenth of a second.
        """
        with self._write() as session:
            connection = session.connection()
            ids = _sync_show_rows(connection, shows, now)
            wanted = {(ids[s.slug], kind, url) for s in shows for kind, url in s.sources}
            query = select(_SOURCES).where(_SOURCES.c.kind.in_(CONFIGURED_KINDS))
            have = {(r.show_id, r.kind, r.url): r for r in connection.execute(query)}
            missing = sorted(wanted - have.keys())
            if missing:
                rows = [
                    {"show_id": i, "kind": k, "url": u, "created_at": now, "failure_streak": 0}
                    for i, k, u in missing
                ]
                connection.execute(insert(_SOURCES), rows)
                have.update(
                    ((r.show_id, r.kind, r.url), r)
                    for r in connection.execute(query.where(_SOURCES.c.created_at == now))
                )
            slugs = {show_id: slug for slug, show_id in ids.items()}
            return [_source_info(have[key], slugs[key[0]]) for key in sorted(wanted)]

    # -- feeds ------------------------------------------------------------------------

    def discover(
        self, feed: SourceInfo, items: Sequence[FeedItem], now: datetime
    ) -> list[SourceInfo]:
        """Record the articles a feed named for its show; return those to fetch now.

        An item is the same article as a known source of the show when its URL, its GUID
        or a page's own canonical URL matches; it is fetched again only when the feed's
        `updated` stamp for it changes. A configured page is never duplicated.
        """
        with self._write() as session:
            known = session.scalars(
                select(SourceRow).where(SourceRow.show_id == feed.show_id)
            ).all()
            by_url = {r.url: r for r in known} | {
                r.canonical_url: r for r in known if r.canonical_url
            }
            by_guid = {r.guid: r for r in known if r.guid}
            fetch: list[SourceRow] = []
            for item in items:
                row = by_url.get(item.url) or (by_guid.get(item.guid) if item.guid else None)
                if row is None:
                    row = SourceRow(
                        show_id=feed.show_id,
                        kind="article",
                        url=item.url,
                        origin_id=feed.id,
                        guid=item.guid,
                        entry_updated=item.updated,
                        created_at=now,
                        failure_streak=0,
                    )
                    session.add(row)
                    by_url[item.url] = row
                    if item.guid:
                        by_guid[item.guid] = row
                    fetch.append(row)
                elif row.kind == "article" and item.updated and item.updated != row.entry_updated:
                    row.entry_updated = item.updated
                    fetch.append(row)
            session.flush()
            return [_source_info(row, feed.show_slug) for row in dict.fromkeys(fetch)]

    def is_known_elsewhere(self, source: SourceInfo, canonical: str | None) -> bool:
        """Whether a feed's article is, by its own canonical URL, a page the show already has.

        Feeds link through redirectors and tracking URLs; the page's <link rel=canonical>
        names the article, and one article must count once in the fold, not as two
        sources agreeing. Asked before extraction, so a duplicate costs no rules either.
        """
        if source.kind != "article" or not canonical or canonical == source.url:
            return False
        twin = select(SourceRow.id).where(
            SourceRow.show_id == source.show_id,
            SourceRow.id != source.id,
            (SourceRow.url == canonical) | (SourceRow.canonical_url == canonical),
        )
        with self._read() as session:
            return session.execute(twin.limit(1)).first() is not None

    def articles_to_retry(self, feed_ids: Sequence[int]) -> list[SourceInfo]:
        """Articles of these feeds not yet read well (failed, or never tried because a run
        stopped after finding them) that have not been given up."""
        if not feed_ids:
            return []
        query = (
            select(SourceRow, ShowRow.slug)
            .join(ShowRow, SourceRow.show_id == ShowRow.id)
            .where(
                SourceRow.kind == "article",
                SourceRow.origin_id.in_(feed_ids),
                SourceRow.last_ok_at.is_(None),
                SourceRow.failure_streak < ARTICLE_ATTEMPTS,
            )
            .order_by(SourceRow.id)
        )
        with self._read() as session:
            return [_source_info(row, slug) for row, slug in session.execute(query)]

    # -- recording a fetch --------------------------------------------------------------

    def record(
        self,
        source: SourceInfo,
        attempt: Attempt,
        extraction: Extraction | None,
        channels: Sequence[str],
        extractor_version: str,
    ) -> list[Change]:
        """Store one fetch outcome and everything that follows from it, atomically.

        `extraction` is None when the fetch failed or the body did not change; then
        only the check row and the source state are written and nothing can change.
        """
        [changes] = self.record_many(
            [Outcome(source, attempt, extraction)], channels, extractor_version
        )
        return changes

    def record_many(
        self,
        outcomes: Sequence[Outcome],
        channels: Sequence[str],
        extractor_version: str,
        policy: Policy = DEFAULT_POLICY,
    ) -> list[list[Change]]:
        """Store a batch of fetch outcomes in ONE transaction; the changes of each.

        Per outcome: its check row, its source's state and, with an extraction, its
        snapshot; then each show that got a snapshot is folded once, and its changes and
        their outbox rows written — all committed together or not at all. Written with
        SQLAlchemy Core in a few statements per batch, not an ORM object per row: a pass
        over a thousand sources spends milliseconds here, not seconds. A show's changes
        are returned with its last outcome in the batch, a source's failing or recovered
        with its own outcome.
        """
        if not outcomes:
            return []
        with self._write() as session:
            connection = session.connection()
            snapshot_ids = _insert_snapshots(connection, outcomes, extractor_version)
            _insert_checks(connection, outcomes, snapshot_ids)
            _update_sources(connection, outcomes)
            _store_bodies(connection, outcomes)
            last = {o.source.show_id: i for i, o in enumerate(outcomes) if i in snapshot_ids}
            targets = {
                show_id: (snapshot_ids[i], outcomes[i].attempt.started_at)
                for show_id, i in last.items()
            }
            folded = _refold(connection, targets, channels, policy)
            health = _source_health(connection, outcomes, channels, policy)
        by_index = {i: folded[show_id] for show_id, i in last.items()}
        return [by_index.get(i, []) + health.get(i, []) for i in range(len(outcomes))]

    # -- re-extraction ------------------------------------------------------------------

    def stored_pages(self) -> list[StoredPage]:
        """Every stored body with its source and the snapshot it produced (if any)."""
        query = (
            select(
                _BODIES.c.fetched_at,
                _BODIES.c.url.label("body_url"),
                _BODIES.c.content_type,
                _BODIES.c.content_hash.label("body_hash"),
                _BODIES.c.body,
                _SOURCES,
                _SHOWS.c.slug,
            )
            .join(_SOURCES, _BODIES.c.source_id == _SOURCES.c.id)
            .join(_SHOWS, _SOURCES.c.show_id == _SHOWS.c.id)
            .order_by(_BODIES.c.source_id)
        )
        latest = (
            select(_SNAPSHOTS)
            .where(_SNAPSHOTS.c.source_id == bindparam("b_source"))
            .where(_SNAPSHOTS.c.content_hash == bindparam("b_hash"))
            .order_by(_SNAPSHOTS.c.fetched_at.desc(), _SNAPSHOTS.c.id.desc())
            .limit(1)
        )
        pages = []
        with self._read() as session:
            connection = session.connection()
            for row in connection.execute(query):
                params = {"b_source": row.id, "b_hash": row.body_hash}
                snapshot = connection.execute(latest, params).first()
                pages.append(_stored_page(row, snapshot))
        return pages

    def show_observations(self, show_id: int) -> tuple[View, list[Observation]]:
        """A show's cached view and every observation the fold reads (for dry runs)."""
        with self._read() as session:
            connection = session.connection()
            return _views(connection, [show_id])[show_id], _observations(connection, [show_id])[
                show_id
            ]

    def replace_extractions(
        self,
        updates: Sequence[tuple[int, Extraction]],
        channels: Sequence[str],
        extractor_version: str,
        now: datetime,
        policy: Policy = DEFAULT_POLICY,
    ) -> dict[int, list[Change]]:
        """Rewrite snapshots (id, new extraction) in place, then refold their shows.

        In place, not as new snapshots: the page is the same, only its reading improved,
        and one article must not count twice in the fold. Returns show id -> changes,
        which get outbox rows like any other change.
        """
        if not updates:
            return {}
        with self._write() as session:
            connection = session.connection()
            rows = [_reextracted_values(i, e, extractor_version) for i, e in updates]
            rewrite = update(_SNAPSHOTS).where(_SNAPSHOTS.c.id == bindparam("b_id"))
            connection.execute(rewrite.values(_REEXTRACTED_COLUMNS), rows)
            ids = [snapshot_id for snapshot_id, _ in updates]
            shows = connection.execute(
                select(_SNAPSHOTS.c.id, _SNAPSHOTS.c.show_id).where(_SNAPSHOTS.c.id.in_(ids))
            )
            targets = {row.show_id: (row.id, now) for row in shows}
            return _refold(connection, targets, channels, policy)

    # -- retention ----------------------------------------------------------------------

    def prune(
        self, checks_before: datetime, bodies_before: datetime, *, dry_run: bool = False
    ) -> tuple[int, int]:
        """Delete checks started and bodies fetched before the given times; the counts.

        Snapshots and changes are the history and are never pruned; a source keeps its
        last check time and failure streak on its own row.
        """
        old_checks = _CHECKS.c.started_at < checks_before
        old_bodies = _BODIES.c.fetched_at < bodies_before
        with self._write() as session:
            connection = session.connection()
            if dry_run:
                count = select(func.count()).select_from
                checks = connection.execute(count(_CHECKS).where(old_checks)).scalar_one()
                bodies = connection.execute(count(_BODIES).where(old_bodies)).scalar_one()
                return checks, bodies
            checks = connection.execute(delete(_CHECKS).where(old_checks)).rowcount
            bodies = connection.execute(delete(_BODIES).where(old_bodies)).rowcount
            return checks, bodies

    # -- the outbox ---------------------------------------------------------------------

    def due_deliveries(self, now: datetime, limit: int = 500) -> list[Delivery]:
        """Pending outbox rows whose next attempt is due, oldest first."""
        query = (
            select(OutboxRow, ChangeRow, ShowRow)
            .join(ChangeRow, OutboxRow.change_id == ChangeRow.id)
            .join(ShowRow, ChangeRow.show_id == ShowRow.id)
            .where(OutboxRow.state == "pending", OutboxRow.next_attempt_at <= now)
            .order_by(OutboxRow.id)
            .limit(limit)
        )
        with self._read() as session:
            return [
                Delivery(o.id, o.channel, o.attempts, _change_event(c, s))
                for o, c, s in session.execute(query)
            ]

    def mark_delivered(self, delivery_id: int, now: datetime) -> None:
        with self._write() as session:
            row = session.get_one(OutboxRow, delivery_id)
            row.state, row.sent_at, row.attempts = "sent", now, row.attempts + 1
            row.last_error = None

    def mark_failed(
        self, delivery_id: int, error: str, next_attempt_at: datetime, give_up: bool
    ) -> None:
        with self._write() as session:
            row = session.get_one(OutboxRow, delivery_id)
            row.attempts += 1
            row.last_error = error[:2000]
            row.next_attempt_at = next_attempt_at
            row.state = "failed" if give_up else "pending"

    # -- reading ------------------------------------------------------------------------

    def board(self) -> list[BoardRow]:
        """Every show's current view with the health of its sources."""
        with self._read() as session:
            shows = session.scalars(select(ShowRow).order_by(ShowRow.title)).all()
            sources = session.scalars(select(SourceRow)).all()
        by_show: dict[int, list[SourceRow]] = {}
        for source in sources:
            if source.kind not in CONFIGURED_KINDS:
                continue  # a feed's articles show up in history, not in the source count
            by_show.setdefault(source.show_id, []).append(source)
        return [_board_row(show, by_show.get(show.id, [])) for show in shows]

    def find_show(self, name: str) -> tuple[int, str, str]:
        """(id, slug, title) of a show by title or slug, case-insensitively."""
        from tracker.config import slugify

        with self._read() as session:
            row = session.scalars(select(ShowRow).where(ShowRow.slug == slugify(name))).first()
        if row is None:
            raise StoreError(f"no show named {name!r} in the database (see `tracker status`)")
        return row.id, row.slug, row.title

    def snapshots(self, show_id: int) -> list[dict[str, Any]]:
        """All snapshots of a show in fetch order, as plain dicts."""
        query = (
            select(SnapshotRow)
            .where(SnapshotRow.show_id == show_id)
            .order_by(SnapshotRow.fetched_at, SnapshotRow.id)
        )
        with self._read() as session:
            return [_snapshot_dict(s) for s in session.scalars(query)]

    def changes(self, show_id: int | None = None) -> list[ChangeEvent]:
        """Changes in the order they happened, for one show or all."""
        query = (
            select(ChangeRow, ShowRow)
            .join(ShowRow, ChangeRow.show_id == ShowRow.id)
            .order_by(ChangeRow.occurred_at, ChangeRow.id)
        )
        if show_id is not None:
            query = query.where(ChangeRow.show_id == show_id)
        with self._read() as session:
            return [_change_event(c, s) for c, s in session.execute(query)]

    def show_names(self) -> list[tuple[int, str, str]]:
        """(id, slug, title) of every show, by title: what a name given by a user can match."""
        query = select(_SHOWS.c.id, _SHOWS.c.slug, _SHOWS.c.title).order_by(_SHOWS.c.title)
        with self._read() as session:
            return [(row.id, row.slug, row.title) for row in session.execute(query)]

    def changes_since(self, since: datetime | None = None) -> list[ChangeEvent]:
        """Changes of every show that happened at or after `since` (all when None),
        oldest first."""
        query = (
            select(ChangeRow, ShowRow)
            .join(ShowRow, ChangeRow.show_id == ShowRow.id)
            .order_by(ChangeRow.occurred_at, ChangeRow.id)
        )
        if since is not None:
            query = query.where(ChangeRow.occurred_at >= since)
        with self._read() as session:
            return [_change_event(c, s) for c, s in session.execute(query)]

    def observations(self, show_id: int, before: datetime | None = None) -> list[Observation]:
        """A show's snapshots fetched before `before` (all when None), as the fold sees
        them: folding them gives the show's view as it stood then."""
        query = (
            select(_SNAPSHOTS, _SOURCES.c.kind)
            .join(_SOURCES, _SNAPSHOTS.c.source_id == _SOURCES.c.id)
            .where(_SNAPSHOTS.c.show_id == show_id)
            .order_by(_SNAPSHOTS.c.fetched_at, _SNAPSHOTS.c.id)
        )
        if before is not None:
            query = query.where(_SNAPSHOTS.c.fetched_at < before)
        with self._read() as session:
            return [_observation(row) for row in session.execute(query)]


# -- engine set-up ----------------------------------------------------------------------


def _make_engine(url: str) -> Engine:
    try:
        engine = create_engine(url)
    except (ArgumentError, ImportError, ValueError) as exc:
        raise StoreError(f"bad database url {_hide_password(url)}: {_short(exc)}") from None
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    return engine


def _hide_password(url: str) -> str:
    """The URL as it can be shown: never a password, even when the URL is malformed."""
    try:
        return repr(make_url(url).render_as_string(hide_password=True))
    except (ArgumentError, ValueError):
        return "(unparseable URL)"


def _configure_sqlite(engine: Engine) -> None:
    """WAL for concurrent readers, a busy timeout, and BEGIN IMMEDIATE for writers.

    pysqlite's own transaction handling is switched off so that SQLAlchemy's `begin`
    event decides how each transaction starts: writers take the write lock up front
    instead of failing with "database is locked" when upgrading a read lock.
    """

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout = 30000")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        write = connection.get_execution_options().get("tracker_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _schema_version(connection: Any) -> str | None:
    """The migration a database is at, read from Alembic's own table (None: not initialised)."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return str(version) if version is not None else None


def _alembic_config() -> AlembicConfig:
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(files("tracker") / "migrations"))
    return cfg


def _short(exc: BaseException) -> str:
    return str(getattr(exc, "orig", None) or exc).splitlines()[0]


# -- row <-> value helpers ---------------------------------------------------------------


def _source_info(row: SourceRow | Row[Any], slug: str) -> SourceInfo:
    return SourceInfo(
        id=row.id,
        show_id=row.show_id,
        show_slug=slug,
        kind=row.kind,
        url=row.url,
        etag=row.etag,
        last_modified=row.last_modified,
        content_hash=row.content_hash,
        failure_streak=row.failure_streak,
        last_checked_at=row.last_checked_at,
        origin_id=row.origin_id,
    )


def _sync_show_rows(
    connection: Connection, shows: Sequence[ShowSpec], now: datetime
) -> dict[str, int]:
    """Insert new shows, retitle renamed ones; slug -> id of every configured show."""
    query = select(_SHOWS.c.id, _SHOWS.c.slug, _SHOWS.c.title)
    rows = {r.slug: r for r in connection.execute(query)}
    new = [
        {"slug": s.slug, "title": s.title, "created_at": now} for s in shows if s.slug not in rows
    ]
    if new:
        connection.execute(insert(_SHOWS), new)
        rows = {r.slug: r for r in connection.execute(query)}
    renamed = [
        {"b_id": rows[s.slug].id, "b_title": s.title}
        for s in shows
        if rows[s.slug].title != s.title
    ]
    if renamed:
        retitle = update(_SHOWS).where(_SHOWS.c.id == bindparam("b_id"))
        connection.execute(retitle.values(title=bindparam("b_title")), renamed)
    return {slug: row.id for slug, row in rows.items()}


def _insert_snapshots(
    connection: Connection, outcomes: Sequence[Outcome], version: str
) -> dict[int, int]:
    """Outcome index -> id of the snapshot written for it (outcomes with an extraction)."""
    indexes = [i for i, o in enumerate(outcomes) if o.extraction is not None]
    if not indexes:
        return {}
    rows = [_snapshot_values(outcomes[i], version) for i in indexes]
    result = connection.execute(
        insert(_SNAPSHOTS).returning(_SNAPSHOTS.c.id, sort_by_parameter_order=True), rows
    )
    return dict(zip(indexes, result.scalars(), strict=True))


def _insert_checks(
    connection: Connection, outcomes: Sequence[Outcome], snapshot_ids: dict[int, int]
) -> None:
    rows = [
        {
            "source_id": o.source.id,
            "started_at": o.attempt.started_at,
            "duration_ms": o.attempt.duration_ms,
            "http_status": o.attempt.http_status,
            "ok": o.attempt.ok,
            "error_kind": o.attempt.error_kind,
            "error": o.attempt.error,
            "snapshot_id": snapshot_ids.get(i),
        }
        for i, o in enumerate(outcomes)
    ]
    connection.execute(insert(_CHECKS), rows)


# A failure lengthens the streak; a success resets it and keeps any validator it got.
_SOURCE_FAILED = (
    update(_SOURCES)
    .where(_SOURCES.c.id == bindparam("b_id"))
    .values(
        last_checked_at=bindparam("b_at"),
        failure_streak=_SOURCES.c.failure_streak + 1,
        last_error=bindparam("b_error"),
    )
)
_SOURCE_OK = (
    update(_SOURCES)
    .where(_SOURCES.c.id == bindparam("b_id"))
    .values(
        last_checked_at=bindparam("b_at"),
        last_ok_at=bindparam("b_at"),
        failure_streak=0,
        last_error=None,
        etag=func.coalesce(bindparam("b_etag"), _SOURCES.c.etag),
        last_modified=func.coalesce(bindparam("b_last_modified"), _SOURCES.c.last_modified),
        content_hash=func.coalesce(bindparam("b_hash"), _SOURCES.c.content_hash),
        canonical_url=func.coalesce(bindparam("b_canonical"), _SOURCES.c.canonical_url),
    )
)


def _update_sources(connection: Connection, outcomes: Sequence[Outcome]) -> None:
    failed = [
        {
            "b_id": o.source.id,
            "b_at": o.attempt.started_at,
            "b_error": f"{o.attempt.error_kind}: {o.attempt.error}",
        }
        for o in outcomes
        if not o.attempt.ok
    ]
    ok = [
        {
            "b_id": o.source.id,
            "b_at": o.attempt.started_at,
            "b_etag": o.attempt.etag,
            "b_last_modified": o.attempt.last_modified,
            "b_hash": o.attempt.content_hash,
            "b_canonical": o.attempt.canonical_url,
        }
        for o in outcomes
        if o.attempt.ok
    ]
    if failed:
        connection.execute(_SOURCE_FAILED, failed)
    if ok:
        connection.execute(_SOURCE_OK, ok)


def _refold(
    connection: Connection,
    targets: Mapping[int, tuple[int | None, datetime]],
    channels: Sequence[str],
    policy: Policy,
) -> dict[int, list[Change]]:
    """Fold each show in `targets` (show id -> the snapshot that caused it and when);
    write its view, its changes and their outbox rows. Returns show id -> changes."""
    if not targets:
        return {}
    views = _views(connection, targets)
    observations = _observations(connection, targets)
    result: dict[int, list[Change]] = {}
    new_views = []
    for show_id, (snapshot_id, when) in targets.items():
        current = fold(observations[show_id])
        new_views.append({"b_id": show_id, "b_view": current.to_dict()})
        changes = diff(views[show_id], current, policy.thresholds)
        for change in changes:
            held = policy.flap_window if change.kind == "status_changed" else timedelta(0)
            alert_to = channels
            if held and _withdraws_a_flip(connection, show_id, change, when, held):
                alert_to = []  # flipped straight back before anyone was told: no alerts
            _insert_change(connection, show_id, snapshot_id, when, change, alert_to, when + held)
        result[show_id] = changes
    set_view = update(_SHOWS).where(_SHOWS.c.id == bindparam("b_id"))
    connection.execute(set_view.values(view=bindparam("b_view")), new_views)
    return result


def _views(connection: Connection, show_ids: Iterable[int]) -> dict[int, View]:
    query = select(_SHOWS.c.id, _SHOWS.c.view).where(_SHOWS.c.id.in_(list(show_ids)))
    return {row.id: View.from_dict(row.view) for row in connection.execute(query)}


def _observations(connection: Connection, show_ids: Iterable[int]) -> dict[int, list[Observation]]:
    query = (
        select(_SNAPSHOTS, _SOURCES.c.kind)
        .join(_SOURCES, _SNAPSHOTS.c.source_id == _SOURCES.c.id)
        .where(_SNAPSHOTS.c.show_id.in_(list(show_ids)))
    )
    observations: dict[int, list[Observation]] = defaultdict(list)
    for row in connection.execute(query):
        observations[row.show_id].append(_observation(row))
    return observations


def _insert_change(
    connection: Connection,
    show_id: int,
    snapshot_id: int | None,
    now: datetime,
    change: Change,
    channels: Sequence[str],
    send_at: datetime,
) -> None:
    """A change row, and one outbox row per channel (due at `send_at`), in the caller's
    transaction."""
    row = {
        "show_id": show_id,
        "snapshot_id": snapshot_id,
        "kind": change.kind,
        "occurred_at": now,
        "previous": change.previous,
        "current": change.current,
        "evidence": change.evidence,
    }
    change_id = connection.execute(insert(_CHANGES).returning(_CHANGES.c.id), row).scalar_one()
    outbox = [
        {
            "change_id": change_id,
            "channel": channel,
            "state": "pending",
            "attempts": 0,
            "next_attempt_at": send_at,
            "created_at": now,
        }
        for channel in channels
    ]
    if outbox:
        connection.execute(insert(_OUTBOX), outbox)


def _withdraws_a_flip(
    connection: Connection, show_id: int, change: Change, now: datetime, window: timedelta
) -> bool:
    """Anti-flap: whether `change` undoes the show's last status change, made less than
    `window` ago and whose alerts are all still held; if so, withdraw those alerts.

    A status that goes pending → renewed → pending within the window was never news:
    nobody hears of either change (both stay in the history). Once an alert has gone
    out, the flip back is news and is sent.
    """
    kinds = ("status_changed", "first_seen")
    query = (
        select(_CHANGES.c.id, _CHANGES.c.kind, _CHANGES.c.previous, _CHANGES.c.occurred_at)
        .where(_CHANGES.c.show_id == show_id, _CHANGES.c.kind.in_(kinds))
        .order_by(_CHANGES.c.occurred_at.desc(), _CHANGES.c.id.desc())
        .limit(1)
    )
    last = connection.execute(query).first()
    if last is None or last.kind != "status_changed" or now - last.occurred_at >= window:
        return False
    if (last.previous or {}).get("status") != change.current.get("status"):
        return False
    states = select(_OUTBOX.c.state).where(_OUTBOX.c.change_id == last.id)
    if any(state != "pending" for state in connection.execute(states).scalars()):
        return False
    withdraw = update(_OUTBOX).where(_OUTBOX.c.change_id == last.id).values(state="withdrawn")
    connection.execute(withdraw)
    return True


def _source_health(
    connection: Connection, outcomes: Sequence[Outcome], channels: Sequence[str], policy: Policy
) -> dict[int, list[Change]]:
    """`source_failing` when a source's failure streak reaches `failing_after`, and
    `source_recovered` when a source that had reached it answers again."""
    result: dict[int, list[Change]] = {}
    for index, outcome in enumerate(outcomes):
        change = _health_change(outcome, policy.failing_after)
        if change is not None:
            when = outcome.attempt.started_at
            _insert_change(connection, outcome.source.show_id, None, when, change, channels, when)
            result[index] = [change]
    return result


def _health_change(outcome: Outcome, failing_after: int) -> Change | None:
    source, attempt = outcome.source, outcome.attempt
    before = source.failure_streak
    where = {"url": source.url, "published": None}
    if not attempt.ok and before + 1 == failing_after:
        error = f"{attempt.error_kind}: {attempt.error}"
        current = {"source": source.url, "failures": before + 1, "error": error}
        return Change("source_failing", None, current, {**where, "text": error})
    if attempt.ok and before >= failing_after:
        text = f"answered again after {before} failed checks"
        current = {"source": source.url, "failures": 0}
        return Change("source_recovered", {"failures": before}, current, {**where, "text": text})
    return None


def _store_bodies(connection: Connection, outcomes: Sequence[Outcome]) -> None:
    """Keep the latest body read from each source (one row per source, replaced)."""
    rows = [
        {
            "source_id": o.source.id,
            "fetched_at": o.attempt.started_at,
            "url": o.attempt.url,
            "content_type": o.body.content_type,
            "content_hash": o.body.content_hash,
            "body": o.body.compressed,
        }
        for o in outcomes
        if o.body is not None and o.attempt.ok
    ]
    if not rows:
        return
    ids = [row["source_id"] for row in rows]
    connection.execute(delete(_BODIES).where(_BODIES.c.source_id.in_(ids)))
    connection.execute(insert(_BODIES), list({row["source_id"]: row for row in rows}.values()))


def _snapshot_values(outcome: Outcome, version: str) -> dict[str, Any]:
    extraction, attempt = outcome.extraction, outcome.attempt
    assert extraction is not None
    ratings = extraction.ratings
    return {
        "show_id": outcome.source.show_id,
        "source_id": outcome.source.id,
        "url": attempt.url,
        "fetched_at": attempt.started_at,
        "published": extraction.published,
        "status": extraction.status,
        "season": extraction.season,
        "certainty": extraction.certainty,
        "lean": extraction.lean,
        "imdb": ratings.imdb,
        "rotten_tomatoes": ratings.rotten_tomatoes,
        "rt_audience": ratings.rt_audience,
        "metacritic": ratings.metacritic,
        "tvmaze": ratings.tvmaze,
        "evidence": [e.to_dict() for e in extraction.evidence],
        "content_hash": attempt.content_hash or "",
        "extractor_version": version,
    }


def _observation(row: Row[Any]) -> Observation:
    """A snapshot row (with its source's kind) as the fold sees it."""
    evidence = row.evidence[0]["text"] if row.evidence else None
    return Observation(
        snapshot_id=row.id,
        url=row.url,
        fetched_at=row.fetched_at,
        published=row.published,
        status=row.status,
        season=row.season,
        certainty=row.certainty,
        lean=row.lean,
        ratings={
            "imdb": row.imdb,
            "rotten_tomatoes": row.rotten_tomatoes,
            "rt_audience": row.rt_audience,
            "metacritic": row.metacritic,
            "tvmaze": row.tvmaze,
        },
        evidence_text=evidence,
        structured=row.kind == "tvmaze",
    )


def _snapshot_dict(row: SnapshotRow | Row[Any]) -> dict[str, Any]:
    return {
        "id": row.id,
        "url": row.url,
        "fetched_at": row.fetched_at.isoformat(),
        "published": row.published.isoformat() if row.published else None,
        "status": row.status,
        "season": row.season,
        "certainty": row.certainty,
        "lean": row.lean,
        "ratings": {
            "imdb": row.imdb,
            "rotten_tomatoes": row.rotten_tomatoes,
            "rt_audience": row.rt_audience,
            "metacritic": row.metacritic,
            "tvmaze": row.tvmaze,
        },
        "evidence": row.evidence,
        "extractor_version": row.extractor_version,
    }


def _change_event(row: ChangeRow, show: ShowRow) -> ChangeEvent:
    return ChangeEvent(
        id=row.id,
        kind=row.kind,
        occurred_at=row.occurred_at,
        show_title=show.title,
        show_slug=show.slug,
        previous=row.previous,
        current=row.current,
        evidence=row.evidence,
    )


def _board_row(show: ShowRow, sources: Sequence[SourceRow]) -> BoardRow:
    failing = sum(1 for s in sources if s.failure_streak > 0)
    checked = [s.last_checked_at for s in sources if s.last_checked_at]
    return BoardRow(
        title=show.title,
        slug=show.slug,
        view=View.from_dict(show.view),
        sources_ok=len(sources) - failing,
        sources_failing=failing,
        last_checked=max(checked, default=None),
    )


def backoff(attempts: int, base: float = 30.0, cap: float = 3600.0) -> timedelta:
    """Exponential spacing for outbox retries: 30 s, 60 s, 120 s … capped at an hour."""
    return timedelta(seconds=min(cap, base * 2 ** max(0, attempts)))


_REEXTRACTED_COLUMNS: dict[str, Any] = {
    name: bindparam(f"b_{name}")
    for name in (
        "published",
        "status",
        "season",
        "certainty",
        "lean",
        "imdb",
        "rotten_tomatoes",
        "rt_audience",
        "metacritic",
        "tvmaze",
        "evidence",
        "extractor_version",
    )
}


def _reextracted_values(snapshot_id: int, extraction: Extraction, version: str) -> dict[str, Any]:
    ratings = extraction.ratings
    return {
        "b_id": snapshot_id,
        "b_published": extraction.published,
        "b_status": extraction.status,
        "b_season": extraction.season,
        "b_certainty": extraction.certainty,
        "b_lean": extraction.lean,
        "b_imdb": ratings.imdb,
        "b_rotten_tomatoes": ratings.rotten_tomatoes,
        "b_rt_audience": ratings.rt_audience,
        "b_metacritic": ratings.metacritic,
        "b_tvmaze": ratings.tvmaze,
        "b_evidence": [e.to_dict() for e in extraction.evidence],
        "b_extractor_version": version,
    }


def _stored_page(row: Row[Any], snapshot: Row[Any] | None) -> StoredPage:
    return StoredPage(
        source=_source_info(row, row.slug),
        fetched_at=row.fetched_at,
        url=row.body_url,
        content_type=row.content_type,
        text=zlib.decompress(row.body).decode("utf-8"),
        snapshot_id=snapshot.id if snapshot is not None else None,
        snapshot=_snapshot_dict(snapshot) if snapshot is not None else None,
    )
