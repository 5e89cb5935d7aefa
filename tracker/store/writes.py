"""The write path in SQLAlchemy Core: a few statements per batch, not an ORM object per row."""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    Connection,
    Table,
    bindparam,
    delete,
    func,
    insert,
    select,
    update,
)

from tracker.diff import Change, diff
from tracker.extract.model import Extraction
from tracker.store.rows import (
    BODIES,
    CHANGES,
    CHECKS,
    OUTBOX,
    SHOWS,
    SNAPSHOTS,
    SOURCES,
    observation,
)
from tracker.store.values import Outcome, Policy, ShowSpec
from tracker.view import Observation, View, fold, fold_one


def insert_new(connection: Connection, table: Table) -> Any:
    """An INSERT that skips rows another worker inserted first (ON CONFLICT DO NOTHING).

    Two daemons starting together on PostgreSQL both find a new show missing and both
    insert it; the second waits for the first to commit, then skips instead of failing.
    """
    # each dialect's module loads when used: PostgreSQL's costs a SQLite run ~20 ms of start-up
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table).on_conflict_do_nothing()
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(table).on_conflict_do_nothing()


def sync_show_rows(
    connection: Connection, shows: Sequence[ShowSpec], now: datetime
) -> dict[str, int]:
    """Insert new shows, retitle renamed ones; slug -> id of every configured show."""
    query = select(SHOWS.c.id, SHOWS.c.slug, SHOWS.c.title)
    rows = {r.slug: r for r in connection.execute(query)}
    new = [
        {"slug": s.slug, "title": s.title, "created_at": now} for s in shows if s.slug not in rows
    ]
    if new:
        connection.execute(insert_new(connection, SHOWS), new)
        rows = {r.slug: r for r in connection.execute(query)}
    renamed = [
        {"b_id": rows[s.slug].id, "b_title": s.title}
        for s in shows
        if rows[s.slug].title != s.title
    ]
    if renamed:
        retitle = update(SHOWS).where(SHOWS.c.id == bindparam("b_id"))
        connection.execute(retitle.values(title=bindparam("b_title")), renamed)
    return {slug: row.id for slug, row in rows.items()}


def insert_snapshots(
    connection: Connection, outcomes: Sequence[Outcome], version: str
) -> dict[int, int]:
    """Outcome index -> id of the snapshot written for it (outcomes with an extraction)."""
    indexes = [i for i, o in enumerate(outcomes) if o.extraction is not None]
    if not indexes:
        return {}
    rows = [_snapshot_values(outcomes[i], version) for i in indexes]
    result = connection.execute(
        insert(SNAPSHOTS).returning(SNAPSHOTS.c.id, sort_by_parameter_order=True), rows
    )
    return dict(zip(indexes, result.scalars(), strict=True))


def insert_checks(
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
    connection.execute(insert(CHECKS), rows)


# A failure lengthens the streak; a success resets it and keeps any validator it got.


_SOURCE_FAILED = (
    update(SOURCES)
    .where(SOURCES.c.id == bindparam("b_id"))
    .values(
        last_checked_at=bindparam("b_at"),
        failure_streak=SOURCES.c.failure_streak + 1,
        last_error=bindparam("b_error"),
        lease_owner=None,  # recorded: the lease has done its job
        lease_until=None,
    )
)


_SOURCE_OK = (
    update(SOURCES)
    .where(SOURCES.c.id == bindparam("b_id"))
    .values(
        last_checked_at=bindparam("b_at"),
        last_ok_at=bindparam("b_at"),
        failure_streak=0,
        last_error=None,
        etag=func.coalesce(bindparam("b_etag"), SOURCES.c.etag),
        last_modified=func.coalesce(bindparam("b_last_modified"), SOURCES.c.last_modified),
        content_hash=func.coalesce(bindparam("b_hash"), SOURCES.c.content_hash),
        canonical_url=func.coalesce(bindparam("b_canonical"), SOURCES.c.canonical_url),
        lease_owner=None,
        lease_until=None,
    )
)


def update_sources(connection: Connection, outcomes: Sequence[Outcome]) -> None:
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


def refold(
    connection: Connection,
    targets: Mapping[int, tuple[int | None, datetime]],
    channels: Sequence[str],
    policy: Policy,
    new: Mapping[int, Observation] | None = None,
) -> dict[int, list[Change]]:
    """Fold each show in `targets` (show id -> the snapshot that caused it and when);
    write its view, its changes and their outbox rows. Returns show id -> changes.

    A show whose only new observation is `new[show_id]` is folded incrementally when
    that observation is the newest (`view.fold_one`): the cost of an ingest then does
    not grow with the show's history. Otherwise all its snapshots are folded again.
    """
    if not targets:
        return {}
    views = load_views(connection, targets)
    folded = _fold_new(connection, views, new or {})
    observations = load_observations(connection, [i for i in targets if i not in folded])
    result: dict[int, list[Change]] = {}
    new_views = []
    rows: list[ChangeRow] = []
    for show_id, (snapshot_id, when) in targets.items():
        current = folded.get(show_id) or _with_evidence(
            connection, fold(observations[show_id]), new.get(show_id) if new else None
        )
        new_views.append({"b_id": show_id, "b_view": current.to_dict()})
        changes = diff(views[show_id], current, policy.thresholds)
        for change in changes:
            held = policy.flap_window if change.kind == "status_changed" else timedelta(0)
            alert_to = channels
            if held and _withdraws_a_flip(connection, show_id, change, when, held):
                alert_to = []  # flipped straight back before anyone was told: no alerts
            rows.append(ChangeRow(show_id, snapshot_id, when, change, alert_to, when + held))
        result[show_id] = changes
    insert_changes(connection, rows)  # a show's flip check reads only earlier batches
    set_view = update(SHOWS).where(SHOWS.c.id == bindparam("b_id"))
    connection.execute(set_view.values(view=bindparam("b_view")), new_views)
    return result


def new_observations(
    outcomes: Sequence[Outcome], snapshot_ids: Mapping[int, int]
) -> dict[int, Observation]:
    """Show id -> its one new observation in a batch (shows with several are left out:
    they are folded whole)."""
    per_show = Counter(outcomes[i].source.show_id for i in snapshot_ids)
    new = {}
    for index, snapshot_id in snapshot_ids.items():
        outcome = outcomes[index]
        if per_show[outcome.source.show_id] == 1 and outcome.extraction is not None:
            new[outcome.source.show_id] = _observed(outcome, snapshot_id)
    return new


def _observed(outcome: Outcome, snapshot_id: int) -> Observation:
    extraction = outcome.extraction
    assert extraction is not None
    ratings = {**extraction.ratings.to_dict(), "tvmaze": extraction.ratings.tvmaze}
    return Observation(
        snapshot_id=snapshot_id,
        url=outcome.attempt.url,
        fetched_at=outcome.attempt.started_at,
        published=extraction.published,
        status=extraction.status,
        season=extraction.season,
        certainty=extraction.certainty,
        lean=extraction.lean,
        ratings=ratings,
        evidence_text=extraction.evidence[0].text if extraction.evidence else None,
        structured=outcome.source.kind == "tvmaze",
    )


def _fold_new(
    connection: Connection, views: Mapping[int, View], new: Mapping[int, Observation]
) -> dict[int, View]:
    """The shows whose view one new, newest observation updates on its own."""
    folded = {}
    for show_id, obs in new.items():
        same_claim = functools.partial(_same_claim_urls, connection, show_id)
        view = fold_one(views[show_id], obs, same_claim)
        if view is not None:
            folded[show_id] = view
    return folded


def _same_claim_urls(connection: Connection, show_id: int, claim: Observation) -> tuple[str, ...]:
    """URLs of a show's observations making `claim`'s claim, in fold order (for `agreeing`)."""
    season = SNAPSHOTS.c.season
    query = (
        select(SNAPSHOTS.c.id, SNAPSHOTS.c.url, SNAPSHOTS.c.published, SNAPSHOTS.c.fetched_at)
        .join(SOURCES, SNAPSHOTS.c.source_id == SOURCES.c.id)
        .where(SNAPSHOTS.c.show_id == show_id, SNAPSHOTS.c.status == claim.status)
        .where(season.is_(None) if claim.season is None else season == claim.season)
        .where((SOURCES.c.kind == "tvmaze") == claim.structured)
    )
    rows = sorted(
        connection.execute(query),
        key=lambda r: (r.published or r.fetched_at.date(), r.fetched_at, r.id),
    )
    return tuple(dict.fromkeys(row.url for row in rows))


def _with_evidence(connection: Connection, view: View, new: Observation | None) -> View:
    """The deciding snapshot's sentence: the full fold reads no evidence column (a JSON
    list per snapshot), so it is looked up once for the one snapshot that decided —
    unless that is the new observation, whose sentence is at hand."""
    if view.snapshot_id is None:
        return view
    if new is not None and new.snapshot_id == view.snapshot_id:
        return replace(view, evidence=new.evidence_text)
    query = select(SNAPSHOTS.c.evidence).where(SNAPSHOTS.c.id == view.snapshot_id)
    evidence = connection.execute(query).scalar()
    return replace(view, evidence=evidence[0]["text"] if evidence else None)


def load_views(connection: Connection, show_ids: Iterable[int]) -> dict[int, View]:
    query = select(SHOWS.c.id, SHOWS.c.view).where(SHOWS.c.id.in_(list(show_ids)))
    return {row.id: View.from_dict(row.view) for row in connection.execute(query)}


@dataclass(frozen=True, slots=True)
class ChangeRow:
    """A change to write, with the channels its alerts go to and when they are due."""

    show_id: int
    snapshot_id: int | None
    occurred_at: datetime
    change: Change
    channels: Sequence[str]
    send_at: datetime


def insert_change(
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
    insert_changes(connection, [ChangeRow(show_id, snapshot_id, now, change, channels, send_at)])


def insert_changes(connection: Connection, rows: Sequence[ChangeRow]) -> None:
    """Change rows and their outbox rows in two statements, however many (a first pass
    writes a change per show: one INSERT … RETURNING each cost more than the fold)."""
    if not rows:
        return
    values = [
        {
            "show_id": row.show_id,
            "snapshot_id": row.snapshot_id,
            "kind": row.change.kind,
            "occurred_at": row.occurred_at,
            "previous": row.change.previous,
            "current": row.change.current,
            "evidence": row.change.evidence,
        }
        for row in rows
    ]
    returning = insert(CHANGES).returning(CHANGES.c.id, sort_by_parameter_order=True)
    ids = connection.execute(returning, values).scalars().all()
    outbox = [
        {
            "change_id": change_id,
            "channel": channel,
            "state": "pending",
            "attempts": 0,
            "next_attempt_at": row.send_at,
            "created_at": row.occurred_at,
        }
        for change_id, row in zip(ids, rows, strict=True)
        for channel in row.channels
    ]
    if outbox:
        connection.execute(insert(OUTBOX), outbox)


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
        select(CHANGES.c.id, CHANGES.c.kind, CHANGES.c.previous, CHANGES.c.occurred_at)
        .where(CHANGES.c.show_id == show_id, CHANGES.c.kind.in_(kinds))
        .order_by(CHANGES.c.occurred_at.desc(), CHANGES.c.id.desc())
        .limit(1)
    )
    last = connection.execute(query).first()
    if last is None or last.kind != "status_changed" or now - last.occurred_at >= window:
        return False
    if (last.previous or {}).get("status") != change.current.get("status"):
        return False
    states = select(OUTBOX.c.state).where(OUTBOX.c.change_id == last.id)
    if any(state != "pending" for state in connection.execute(states).scalars()):
        return False
    withdraw = update(OUTBOX).where(OUTBOX.c.change_id == last.id).values(state="withdrawn")
    connection.execute(withdraw)
    return True


def source_health(
    connection: Connection, outcomes: Sequence[Outcome], channels: Sequence[str], policy: Policy
) -> dict[int, list[Change]]:
    """`source_failing` when a source's failure streak reaches `failing_after`, and
    `source_recovered` when a source that had reached it answers again."""
    result: dict[int, list[Change]] = {}
    for index, outcome in enumerate(outcomes):
        change = _health_change(outcome, policy.failing_after)
        if change is not None:
            when = outcome.attempt.started_at
            insert_change(connection, outcome.source.show_id, None, when, change, channels, when)
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


def store_bodies(connection: Connection, outcomes: Sequence[Outcome]) -> None:
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
    connection.execute(delete(BODIES).where(BODIES.c.source_id.in_(ids)))
    connection.execute(insert(BODIES), list({row["source_id"]: row for row in rows}.values()))


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


REEXTRACTED_COLUMNS: dict[str, Any] = {
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


def reextracted_values(snapshot_id: int, extraction: Extraction, version: str) -> dict[str, Any]:
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


def load_observations(
    connection: Connection,
    show_ids: Iterable[int],
    *,
    evidence: bool = False,
    before: datetime | None = None,
) -> dict[int, list[Observation]]:
    """Every observation of these shows (fetched before `before`, when given); `evidence`
    reads each snapshot's sentences too."""
    columns = [c for c in SNAPSHOTS.c if evidence or c.name != "evidence"]
    query = (
        select(*columns, SOURCES.c.kind)
        .join(SOURCES, SNAPSHOTS.c.source_id == SOURCES.c.id)
        .where(SNAPSHOTS.c.show_id.in_(list(show_ids)))
    )
    if before is not None:
        query = query.where(SNAPSHOTS.c.fetched_at < before)
    observations: dict[int, list[Observation]] = defaultdict(list)
    for row in connection.execute(query):
        observations[row.show_id].append(observation(row))
    return observations
