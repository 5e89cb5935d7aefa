"""The Store: the one entry point to the database (see the package docstring)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    bindparam,
    case,
    delete,
    func,
    select,
    update,
)

from tracker.diff import Change
from tracker.errors import StoreError
from tracker.extract.model import Extraction
from tracker.models import (
    ShowRow,
    SourceRow,
)
from tracker.store.base import CHANGE_EVENTS
from tracker.store.outbox import OutboxStore
from tracker.store.rows import (
    BODIES,
    CHANGES,
    CHECKS,
    SHOWS,
    SNAPSHOTS,
    SOURCES,
    board_row,
    change_event,
    snapshot_dict,
    source_info,
    stored_page,
)
from tracker.store.values import (
    ARTICLE_ATTEMPTS,
    CONFIGURED_KINDS,
    DEFAULT_POLICY,
    Attempt,
    BoardRow,
    ChangeEvent,
    Outcome,
    Policy,
    ShowSpec,
    SourceInfo,
    StoredPage,
)
from tracker.store.writes import (
    REEXTRACTED_COLUMNS,
    insert_checks,
    insert_new,
    insert_snapshots,
    load_observations,
    load_views,
    new_observations,
    reextracted_values,
    refold,
    source_health,
    store_bodies,
    sync_show_rows,
    update_sources,
)
from tracker.view import Observation, View

if TYPE_CHECKING:
    from tracker.feeds import FeedItem  # feedparser stays unimported until a feed is read


class Store(OutboxStore):
    """A database of shows, sources, snapshots, checks, changes and the alert outbox."""

    # -- configuration ------------------------------------------------------------------

    def sync_shows(self, shows: Sequence[ShowSpec], now: datetime) -> list[SourceInfo]:
        """Upsert the configured shows and sources; return the configured sources.

        Core statements, a handful per call whatever the number of shows: every run
        starts here, and a thousand ORM objects would cost a tenth of a second.
        """
        with self._write() as session:
            connection = session.connection()
            ids = sync_show_rows(connection, shows, now)
            wanted = {(ids[s.slug], kind, url) for s in shows for kind, url in s.sources}
            query = select(SOURCES).where(SOURCES.c.kind.in_(CONFIGURED_KINDS))
            have = {(r.show_id, r.kind, r.url): r for r in connection.execute(query)}
            missing = sorted(wanted - have.keys())
            if missing:
                rows = [
                    {"show_id": i, "kind": k, "url": u, "created_at": now, "failure_streak": 0}
                    for i, k, u in missing
                ]
                connection.execute(insert_new(connection, SOURCES), rows)
                # read back all of them: another worker may have inserted some meanwhile
                missing_ids = {show_id for show_id, _, _ in missing}
                have.update(
                    ((r.show_id, r.kind, r.url), r)
                    for r in connection.execute(query.where(SOURCES.c.show_id.in_(missing_ids)))
                )
            slugs = {show_id: slug for slug, show_id in ids.items()}
            return [source_info(have[key], slugs[key[0]]) for key in sorted(wanted)]

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
            return [source_info(row, feed.show_slug) for row in dict.fromkeys(fetch)]

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
            return [source_info(row, slug) for row, slug in session.execute(query)]

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
            snapshot_ids = insert_snapshots(connection, outcomes, extractor_version)
            insert_checks(connection, outcomes, snapshot_ids)
            update_sources(connection, outcomes)
            store_bodies(connection, outcomes)
            last = {o.source.show_id: i for i, o in enumerate(outcomes) if i in snapshot_ids}
            targets = {
                show_id: (snapshot_ids[i], outcomes[i].attempt.started_at)
                for show_id, i in last.items()
            }
            new = new_observations(outcomes, snapshot_ids)
            folded = refold(connection, targets, channels, policy, new)
            health = source_health(connection, outcomes, channels, policy)
        by_index = {i: folded[show_id] for show_id, i in last.items()}
        return [by_index.get(i, []) + health.get(i, []) for i in range(len(outcomes))]

    # -- re-extraction ------------------------------------------------------------------

    def stored_pages(self) -> list[StoredPage]:
        """Every stored body with its source and the snapshot it produced (if any)."""
        query = (
            select(
                BODIES.c.fetched_at,
                BODIES.c.url.label("body_url"),
                BODIES.c.content_type,
                BODIES.c.content_hash.label("body_hash"),
                BODIES.c.body,
                SOURCES,
                SHOWS.c.slug,
            )
            .join(SOURCES, BODIES.c.source_id == SOURCES.c.id)
            .join(SHOWS, SOURCES.c.show_id == SHOWS.c.id)
            .order_by(BODIES.c.source_id)
        )
        same_body = (BODIES.c.source_id == SNAPSHOTS.c.source_id) & (
            BODIES.c.content_hash == SNAPSHOTS.c.content_hash
        )
        latest = (  # the newest snapshot each stored body produced, in one query
            select(func.max(SNAPSHOTS.c.id)).join(BODIES, same_body).group_by(SNAPSHOTS.c.source_id)
        )
        with self._read() as session:
            connection = session.connection()
            snapshots = connection.execute(select(SNAPSHOTS).where(SNAPSHOTS.c.id.in_(latest)))
            made = {row.source_id: row for row in snapshots}
            return [stored_page(row, made.get(row.id)) for row in connection.execute(query)]

    def show_observations(self, show_id: int) -> tuple[View, list[Observation]]:
        """A show's cached view and every observation the fold reads (for dry runs)."""
        with self._read() as session:
            connection = session.connection()
            return load_views(connection, [show_id])[show_id], load_observations(
                connection, [show_id], evidence=True
            )[show_id]

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
            rows = [reextracted_values(i, e, extractor_version) for i, e in updates]
            rewrite = update(SNAPSHOTS).where(SNAPSHOTS.c.id == bindparam("b_id"))
            connection.execute(rewrite.values(REEXTRACTED_COLUMNS), rows)
            ids = [snapshot_id for snapshot_id, _ in updates]
            shows = connection.execute(
                select(SNAPSHOTS.c.id, SNAPSHOTS.c.show_id).where(SNAPSHOTS.c.id.in_(ids))
            )
            targets = {row.show_id: (row.id, now) for row in shows}
            return refold(connection, targets, channels, policy)

    # -- retention ----------------------------------------------------------------------

    def prune(
        self, checks_before: datetime, bodies_before: datetime, *, dry_run: bool = False
    ) -> tuple[int, int]:
        """Delete checks started and bodies fetched before the given times; the counts.

        Snapshots and changes are the history and are never pruned; a source keeps its
        last check time and failure streak on its own row.
        """
        old_checks = CHECKS.c.started_at < checks_before
        old_bodies = BODIES.c.fetched_at < bodies_before
        with self._write() as session:
            connection = session.connection()
            if dry_run:
                count = select(func.count()).select_from
                checks = connection.execute(count(CHECKS).where(old_checks)).scalar_one()
                bodies = connection.execute(count(BODIES).where(old_bodies)).scalar_one()
                return checks, bodies
            checks = connection.execute(delete(CHECKS).where(old_checks)).rowcount
            bodies = connection.execute(delete(BODIES).where(old_bodies)).rowcount
            return checks, bodies

    # -- reading ------------------------------------------------------------------------

    def board(self) -> list[BoardRow]:
        """Every show's current view with the health of its configured sources.

        Two queries, whatever the size: the shows with their cached views, and one
        grouped count per show over its page, feed and TVmaze sources (a feed's
        articles show up in history, not in the source count) — never a row per source.
        """
        failing = func.sum(case((SOURCES.c.failure_streak > 0, 1), else_=0))
        health = (
            select(
                SOURCES.c.show_id,
                func.count().label("total"),
                failing.label("failing"),
                func.max(SOURCES.c.last_checked_at).label("checked"),
            )
            .where(SOURCES.c.kind.in_(CONFIGURED_KINDS))
            .group_by(SOURCES.c.show_id)
        )
        shows = select(SHOWS.c.id, SHOWS.c.title, SHOWS.c.slug, SHOWS.c.view).order_by(
            SHOWS.c.title
        )
        with self._read() as session:
            connection = session.connection()
            stats = {row.show_id: row for row in connection.execute(health)}
            return [board_row(show, stats.get(show.id)) for show in connection.execute(shows)]

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
            select(SNAPSHOTS)
            .where(SNAPSHOTS.c.show_id == show_id)
            .order_by(SNAPSHOTS.c.fetched_at, SNAPSHOTS.c.id)
        )
        with self._read() as session:  # Core rows: a show's 3,000 snapshots in tens of ms
            return [snapshot_dict(row) for row in session.connection().execute(query)]

    def changes(self, show_id: int | None = None) -> list[ChangeEvent]:
        """Changes in the order they happened, for one show or all."""
        query = CHANGE_EVENTS
        if show_id is not None:
            query = query.where(CHANGES.c.show_id == show_id)
        with self._read() as session:
            return [change_event(row) for row in session.connection().execute(query)]

    def show_names(self) -> list[tuple[int, str, str]]:
        """(id, slug, title) of every show, by title: what a name given by a user can match."""
        query = select(SHOWS.c.id, SHOWS.c.slug, SHOWS.c.title).order_by(SHOWS.c.title)
        with self._read() as session:
            return [(row.id, row.slug, row.title) for row in session.execute(query)]

    def changes_since(self, since: datetime | None = None) -> list[ChangeEvent]:
        """Changes of every show that happened at or after `since` (all when None),
        oldest first."""
        query = CHANGE_EVENTS
        if since is not None:
            query = query.where(CHANGES.c.occurred_at >= since)
        with self._read() as session:
            return [change_event(row) for row in session.connection().execute(query)]

    def observations(self, show_id: int, before: datetime | None = None) -> list[Observation]:
        """A show's snapshots fetched before `before` (all when None), as the fold sees
        them: folding them gives the show's view as it stood then."""
        with self._read() as session:
            found = load_observations(session.connection(), [show_id], evidence=True, before=before)
            return found[show_id]
