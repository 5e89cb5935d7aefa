"""The tables for Core statements, and conversions from rows to the store's values."""

from __future__ import annotations

import zlib
from typing import Any, cast

from sqlalchemy import (
    Row,
    Table,
)

from tracker.models import (
    BodyRow,
    ChangeRow,
    ChannelRow,
    CheckRow,
    OutboxRow,
    ShowRow,
    SnapshotRow,
    SourceRow,
)
from tracker.store.values import BoardRow, ChangeEvent, SourceInfo, StoredPage
from tracker.view import Observation, View

# The tables behind the models, for the Core statements of the write path.
SHOWS = cast(Table, ShowRow.__table__)
SOURCES = cast(Table, SourceRow.__table__)
SNAPSHOTS = cast(Table, SnapshotRow.__table__)
CHECKS = cast(Table, CheckRow.__table__)
CHANGES = cast(Table, ChangeRow.__table__)
OUTBOX = cast(Table, OutboxRow.__table__)
BODIES = cast(Table, BodyRow.__table__)
CHANNELS = cast(Table, ChannelRow.__table__)


def source_info(row: SourceRow | Row[Any], slug: str) -> SourceInfo:
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


def observation(row: Any) -> Observation:
    """A snapshot row (with its source's kind) as the fold sees it."""
    found = getattr(row, "evidence", None)  # a fold that needs no sentences leaves them out
    evidence = found[0]["text"] if found else None
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


def snapshot_dict(row: SnapshotRow | Row[Any]) -> dict[str, Any]:
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


def change_event(row: Any) -> ChangeEvent:
    """A change row joined with its show's title and slug (see Store.changes)."""
    return ChangeEvent(
        id=row.id,
        kind=row.kind,
        occurred_at=row.occurred_at,
        show_title=row.show_title,
        show_slug=row.show_slug,
        previous=row.previous,
        current=row.current,
        evidence=row.evidence,
    )


def board_row(show: Any, health: Any) -> BoardRow:
    """A show row and its sources' grouped health (None: no configured sources)."""
    total, failing = (health.total, int(health.failing or 0)) if health else (0, 0)
    return BoardRow(
        title=show.title,
        slug=show.slug,
        view=View.from_dict(show.view),
        sources_ok=total - failing,
        sources_failing=failing,
        last_checked=health.checked if health else None,
    )


def stored_page(row: Row[Any], snapshot: Row[Any] | None) -> StoredPage:
    return StoredPage(
        source=source_info(row, row.slug),
        fetched_at=row.fetched_at,
        url=row.body_url,
        content_type=row.content_type,
        text=zlib.decompress(row.body).decode("utf-8"),
        snapshot_id=snapshot.id if snapshot is not None else None,
        snapshot=snapshot_dict(snapshot) if snapshot is not None else None,
    )
