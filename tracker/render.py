"""Rendering for the CLI: rich tables for people, plain dicts for --json.

Kept apart from cli.py so that commands stay one call each, and so the JSON shapes
(which scripts depend on) live in one place next to the tables that mirror them.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from tracker.alerts import describe
from tracker.extract.model import Extraction
from tracker.pipeline import RunSummary
from tracker.store import BoardRow, ChangeEvent

PERCENT_RATINGS = ("rotten_tomatoes", "rt_audience")
RATING_LABELS = {
    "imdb": "IMDb",
    "rotten_tomatoes": "RT",
    "rt_audience": "RT audience",
    "metacritic": "Metacritic",
    "tvmaze": "TVmaze",
}
STATUS_STYLE = {
    "renewed": "green",
    "ordered": "green",
    "revived": "green",
    "in_development": "cyan",
    "pending": "yellow",
    "ending": "magenta",
    "ended": "red",
    "cancelled": "red",
    "unknown": "dim",
}


def board_json(rows: Sequence[BoardRow]) -> list[dict[str, Any]]:
    return [
        {
            "show": row.title,
            "slug": row.slug,
            "status": row.view.status,
            "season": row.view.season,
            "certainty": row.view.certainty,
            "lean": row.view.lean,
            "since": row.view.since,
            "ratings": row.view.ratings or None,
            "evidence": {
                "url": row.view.url,
                "text": row.view.evidence,
                "published": row.view.published,
            },
            "sources_ok": row.sources_ok,
            "sources_failing": row.sources_failing,
            "last_checked": row.last_checked.isoformat() if row.last_checked else None,
        }
        for row in rows
    ]


BOARD_HEADERS = ("Show", "Status", "Certainty", "Since", "IMDb", "RT", "OK", "Checked")


def board_table(
    rows: Sequence[BoardRow], now: datetime | None = None, width: int | None = None
) -> Table:
    """The status board; "Checked" is how long ago (before `now`) a source was last tried.

    Every column but Show takes what its widest cell needs; Show gets the rest of `width`
    (at least 10 columns) and long titles end in "…", so the board fits the terminal.
    """
    now = now or datetime.now(UTC)
    cells = [_board_cells(row, now) for row in rows]
    table = Table(
        title="Renewal status",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        collapse_padding=True,  # two spaces between columns, none at the edges
    )
    fixed = [max(cell_len(h), *(cell_len(c[i]) for c in cells)) for i, h in enumerate(BOARD_HEADERS)]
    room = 40 if width is None else width - sum(fixed[1:]) - 2 * (len(fixed) - 1)
    show = max(10, min(room, fixed[0]))
    table.add_column("Show", no_wrap=True, overflow="ellipsis", width=show)
    for header in BOARD_HEADERS[1:4]:
        table.add_column(header, no_wrap=True)
    for header in BOARD_HEADERS[4:]:
        table.add_column(header, justify="right", no_wrap=True)
    for row, texts in zip(rows, cells, strict=True):
        styles = [""] * len(texts)
        styles[1] = STATUS_STYLE.get(row.view.status, "")
        styles[6] = "red" if row.sources_failing else ""  # a dead site is shown, not hidden
        table.add_row(*(Text(t, style=st) for t, st in zip(texts, styles, strict=True)))
    return table


def _board_cells(row: BoardRow, now: datetime) -> list[str]:
    view, ratings = row.view, row.view.ratings or {}
    return [
        row.title,
        view.status + (f" S{view.season}" if view.season else ""),
        view.certainty or "",
        view.since or "",
        _num(ratings.get("imdb")),
        _rating("rotten_tomatoes", ratings.get("rotten_tomatoes")),
        f"{row.sources_ok}/{row.sources_ok + row.sources_failing}",
        age(row.last_checked, now),
    ]


def age(when: datetime | None, now: datetime) -> str:
    """How long before `now`, in the largest unit that fits: "now", "5m ago", "3h ago",
    "2d ago"; "never" for no time at all."""
    if when is None:
        return "never"
    seconds = (now - when).total_seconds()
    if seconds < 60:
        return "now"
    if seconds < 3600:
        return f"{int(seconds // 60)}m ago"
    if seconds < 48 * 3600:
        return f"{int(seconds // 3600)}h ago"
    return f"{int(seconds // 86400)}d ago"


def _num(value: float | int | None) -> str:
    return "" if value is None else f"{value:g}"


def _rating(kind: str, value: float | int | None) -> str:
    """A rating as people read it: percentages for Rotten Tomatoes, 7.5 for IMDb."""
    if value is None:
        return ""
    return f"{value:g}%" if kind in PERCENT_RATINGS else f"{value:g}"


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


def history_lines(
    title: str, snapshots: Sequence[dict[str, Any]], changes: Sequence[ChangeEvent]
) -> list[str]:
    """Snapshots and changes merged in time order, one line each (plus evidence)."""
    events: list[tuple[str, int, list[str]]] = []
    for snap in snapshots:
        ratings = ", ".join(f"{k} {v:g}" for k, v in snap["ratings"].items() if v is not None)
        what = snap["status"] + (f" S{snap['season']}" if snap["season"] else "")
        what += f" {snap['certainty']}" if snap["certainty"] else ""
        line = f"{snap['fetched_at'][:16]}  snapshot  {what}"
        line += f"  published {snap['published']}" if snap["published"] else ""
        detail = [f"    {snap['url']}"] + ([f"    ratings: {ratings}"] if ratings else [])
        events.append((snap["fetched_at"], 0, [line, *detail]))
    for change in changes:
        when = change.occurred_at.isoformat()
        text = (change.evidence or {}).get("text")
        detail = [f"    “{_clip(text, 140)}”"] if text else []
        events.append((when, 1, [f"{when[:16]}  CHANGE    {describe(change)}", *detail]))
    lines = [f"History of {title}"]
    for _, _, event_lines in sorted(events, key=lambda e: (e[0], e[1])):
        lines.extend(event_lines)
    return lines


def explain(extraction: Extraction) -> list[str]:
    """`tracker extract` without --json: the answer, the sentences that decided it, and why."""
    e = extraction
    head = f"{e.show}: {e.status}"
    details = [f"season {e.season}"] if e.season else []
    details += [e.certainty] if e.certainty else []
    details += [f"leans {e.lean}"] if e.lean else []
    lines = [head + (f" ({', '.join(details)})" if details else "")]
    lines.append(f"published: {e.published.isoformat() if e.published else 'unknown'}")
    ratings = ", ".join(f"{k} {v:g}" for k, v in e.ratings.to_dict().items() if v is not None)
    lines.append(f"ratings: {ratings or 'none found'}")
    if not e.evidence:
        lines.append("no sentence about this show's future was found")
    for index, ev in enumerate(e.evidence):
        label = "decided by" if index == 0 else "agrees"
        lines.append(f"{label} [{ev.start}:{ev.end}] rule {ev.rule}:")
        lines.append(f"    “{ev.text}”")
    for note in e.notes:
        lines.append(note)
    return lines


def print_lines(console: Console, lines: Sequence[str]) -> None:
    for line in lines:
        console.print(line, markup=False, highlight=False)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


class RunProgress:
    """`tracker run` on a terminal: a bar of sources done / total, failures, the last site.

    Fed by the pipeline's per-source callback; transient, so what stays on screen is the
    same summary line a cron job would log.
    """

    def __init__(self, console: Console) -> None:
        self._bar = Progress(
            TextColumn("fetching"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[failed]} failed"),
            TextColumn("[dim]{task.fields[site]}"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        self._task = self._bar.add_task("run", total=None, failed=0, site="")

    def __enter__(self) -> RunProgress:
        self._bar.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._bar.stop()

    def __call__(self, summary: RunSummary, site: str) -> None:
        failed = len(summary.failures)
        done = summary.fetched + summary.not_modified + summary.unchanged + failed
        total = summary.sources - summary.deferred
        self._bar.update(self._task, total=total, completed=done, failed=failed, site=site)
