"""The JSON shapes of the CLI (`--json`, `tracker export`): what scripts depend on.

Kept in one module so a shape changes in one place; render.py draws the tables that
mirror them for people.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from tracker.history import Comparison, Timeline
from tracker.render import sparkline
from tracker.store import BoardRow, ChangeEvent, Delivery
from tracker.view import RATING_KEYS, View


def _show_state(row: BoardRow) -> dict[str, Any]:
    """The keys `status --json` and `export` share, in their order."""
    view = row.view
    return {"show": row.title, "slug": row.slug} | _verdict(view)


def _verdict(view: View) -> dict[str, Any]:
    """A view's status keys, in the order every JSON shape gives them."""
    return {
        "status": view.status,
        "season": view.season,
        "certainty": view.certainty,
        "lean": view.lean,
        "since": view.since,
    }


def _health(row: BoardRow) -> dict[str, Any]:
    return {
        "sources_ok": row.sources_ok,
        "sources_failing": row.sources_failing,
        "last_checked": row.last_checked.isoformat() if row.last_checked else None,
    }


def board_json(rows: Sequence[BoardRow]) -> list[dict[str, Any]]:
    return [
        _show_state(row)
        | {
            "ratings": row.view.ratings or None,
            "evidence": {"url": row.view.url, "text": row.view.evidence},
        }
        | _health(row)
        for row in rows
    ]


def change_json(event: ChangeEvent) -> dict[str, Any]:
    return {
        "id": event.id,
        "kind": event.kind,
        "occurred_at": event.occurred_at.isoformat(),
        "show": event.show_title,
        "previous": event.previous,
        "current": event.current,
        "evidence": event.evidence,
    }


def view_json(view: View) -> dict[str, Any]:
    return _verdict(view) | {
        "ratings": {kind: view.ratings.get(kind) for kind in RATING_KEYS},
        "evidence": {"url": view.url, "text": view.evidence, "published": view.published},
    }


def timeline_json(timeline: Timeline) -> dict[str, Any]:
    return {
        "show": timeline.title,
        "slug": timeline.slug,
        "snapshots": timeline.snapshots,
        "changes": [change_json(c) for c in timeline.changes],
        "trends": {
            kind: {
                "sparkline": sparkline([p.value for p in points]),
                "points": [
                    {"date": p.when, "value": p.value, "snapshot_id": p.snapshot_id} for p in points
                ],
            }
            for kind, points in timeline.trends.items()
        },
    }


def comparison_json(comparison: Comparison) -> dict[str, Any]:
    c = comparison
    return {
        "show": c.title,
        "slug": c.slug,
        "from": c.start.isoformat(),
        "to": c.end.isoformat(),
        "before": view_json(c.before),
        "after": view_json(c.after),
        "differences": [
            {"field": d.field, "before": d.before, "after": d.after} for d in c.differences
        ],
    }


EXPORT_COLUMNS = (
    "show",
    "slug",
    "status",
    "season",
    "certainty",
    "lean",
    "since",
    "published",
    *RATING_KEYS,
    "evidence_url",
    "evidence_text",
    "sources_ok",
    "sources_failing",
    "last_checked",
)


def export_rows(rows: Sequence[BoardRow]) -> list[dict[str, Any]]:
    """One flat record per show, keys in EXPORT_COLUMNS order (None for what is unknown)."""
    return [
        _show_state(row)
        | {
            "published": row.view.published,
            **{kind: row.view.ratings.get(kind) for kind in RATING_KEYS},
            "evidence_url": row.view.url,
            "evidence_text": row.view.evidence,
        }
        | _health(row)
        for row in rows
    ]


def export_text(rows: Sequence[BoardRow], fmt: str) -> str:
    """`tracker export`: a JSON list, or CSV (RFC 4180, a header row) in EXPORT_COLUMNS order."""
    records = export_rows(rows)
    if fmt == "json":
        return json.dumps(records, indent=2, ensure_ascii=False) + "\n"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS)
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue()


def delivery_json(delivery: Delivery) -> dict[str, Any]:
    return {
        "id": delivery.id,
        "channel": delivery.channel,
        "state": delivery.state,
        "attempts": delivery.attempts,
        "last_error": delivery.last_error,
        "next_attempt_at": (
            delivery.next_attempt_at.isoformat() if delivery.next_attempt_at else None
        ),
        "change": change_json(delivery.change),
    }
