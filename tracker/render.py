"""Rendering for the CLI: rich tables, timelines and progress for people.

Kept apart from cli.py so that commands stay one call each; the JSON shapes the same
commands print with --json are in render_json.py.
"""

from __future__ import annotations

import textwrap
import time
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from tracker.alerts import describe
from tracker.extract.model import Extraction
from tracker.history import Comparison, Timeline, TrendPoint
from tracker.store import BoardRow, ChangeEvent, Delivery
from tracker.view import View

if TYPE_CHECKING:  # types only: `tracker status` must not import the fetching machinery
    from tracker.pipeline import RunSummary
    from tracker.reextract import ReextractReport

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
    fixed = [
        max(cell_len(h), *(cell_len(c[i]) for c in cells)) for i, h in enumerate(BOARD_HEADERS)
    ]
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


def board_lines(
    rows: Sequence[BoardRow], now: datetime | None = None, width: int | None = None
) -> list[str]:
    """The board as plain fixed-width lines, the same columns as `board_table`.

    For a pipe, a file, or a board of thousands of shows: rich lays out a table of
    10,000 rows in seconds, these lines take milliseconds, and `grep` reads them.
    """
    now = now or datetime.now(UTC)
    cells = [_board_cells(row, now) for row in rows]
    widths = [
        max(cell_len(h), *(cell_len(c[i]) for c in cells)) for i, h in enumerate(BOARD_HEADERS)
    ]
    if width is not None:
        room = width - sum(widths[1:]) - 2 * (len(widths) - 1)
        widths[0] = max(10, min(room, widths[0]))
    right = set(range(4, len(BOARD_HEADERS)))
    return [_plain_row(BOARD_HEADERS, widths, right)] + [
        _plain_row(texts, widths, right) for texts in cells
    ]


def _plain_row(texts: Sequence[str], widths: Sequence[int], right: set[int]) -> str:
    parts = []
    for i, (text, size) in enumerate(zip(texts, widths, strict=True)):
        text = text if cell_len(text) <= size else text[: size - 1] + "…"
        parts.append(text.rjust(size) if i in right else text.ljust(size))
    return "  ".join(parts).rstrip()


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


def history_lines(
    title: str,
    snapshots: Sequence[dict[str, Any]],
    changes: Sequence[ChangeEvent],
    trends: Mapping[str, Sequence[TrendPoint]] | None = None,
    width: int | None = None,
) -> list[str]:
    """Snapshots and changes merged in time order, each with its evidence, then the rating
    trends; wrapped to `width` with indented continuations (None: one line each)."""
    events: list[tuple[str, int, list[str]]] = []
    told = {(c.occurred_at.isoformat(), (c.evidence or {}).get("text")) for c in changes}
    for snap in snapshots:
        events.append((snap["fetched_at"], 0, _snapshot_lines(snap, width, told)))
    for change in changes:
        events.append((change.occurred_at.isoformat(), 1, change_lines(change, width, "CHANGE")))
    lines = [f"History of {title}"]
    for _, _, event_lines in sorted(events, key=lambda e: (e[0], e[1])):
        lines.extend(event_lines)
    return lines + (trend_lines(trends, width) if trends else [])


def timeline_lines(timeline: Timeline, with_snapshots: bool, width: int | None) -> list[str]:
    """`tracker history`: the changes (and with `with_snapshots` every snapshot), trends."""
    snapshots = timeline.snapshots if with_snapshots else []
    lines = history_lines(timeline.title, snapshots, timeline.changes, timeline.trends, width)
    if not timeline.changes and not snapshots:
        count = _plural(len(timeline.snapshots), "snapshot")
        lines.insert(1, f"no changes yet ({count}; --snapshots lists them)")
    return lines


def change_lines(change: ChangeEvent, width: int | None, marker: str = "") -> list[str]:
    """A change: when (UTC), what (the alert's own sentence), the evidence and its URL."""
    stamp = f"{change.occurred_at.isoformat()[:16]}  " + (f"{marker:<8}  " if marker else "")
    lines = _wrap(stamp + describe(change), width, " " * len(stamp), "")
    return lines + _evidence_lines(change.evidence or {}, width)


def changes_lines(changes: Sequence[ChangeEvent], width: int | None) -> list[str]:
    """`tracker changes`: every change, oldest first, each with its evidence."""
    return [line for change in changes for line in change_lines(change, width)]


def _snapshot_lines(
    snap: dict[str, Any], width: int | None, told: set[tuple[str, Any]]
) -> list[str]:
    """A snapshot: what it said, its URL, its sentence (unless the change it caused, in
    `told` by time and text, prints it anyway) and its ratings."""
    ratings = ", ".join(f"{k} {v:g}" for k, v in snap["ratings"].items() if v is not None)
    line = f"{snap['fetched_at'][:16]}  snapshot  {_status_text(snap)}"
    line += f"  published {snap['published']}" if snap["published"] else ""
    lines = _wrap(line, width, " " * 28, "") + _wrap(snap["url"], width, "    ")
    text = snap["evidence"][0]["text"] if snap["evidence"] else None
    if text and (snap["fetched_at"], text) not in told:
        lines += _wrap(f"“{_clip(text, 300)}”", width, "    ")
    return lines + (_wrap(f"ratings: {ratings}", width, "    ") if ratings else [])


def _evidence_lines(evidence: dict[str, Any], width: int | None) -> list[str]:
    lines = []
    if evidence.get("text"):
        lines += _wrap(f"“{_clip(str(evidence['text']), 500)}”", width, "    ")
    if evidence.get("url"):
        published = f" (published {evidence['published']})" if evidence.get("published") else ""
        lines += _wrap(f"{evidence['url']}{published}", width, "    ")
    return lines


def _status_text(view: dict[str, Any]) -> str:
    """ "renewed S2 official": status, season and certainty in a few columns."""
    text = str(view.get("status") or "unknown")
    text += f" S{view['season']}" if view.get("season") else ""
    return text + (f" {view['certainty']}" if view.get("certainty") else "")


def trend_lines(trends: Mapping[str, Sequence[TrendPoint]], width: int | None) -> list[str]:
    """One sparkline per rating kind, oldest → newest; the newest points when it is long."""
    room = max(8, (width or 80) - 14 - 40)  # the label before, the numbers after
    sparks = {kind: sparkline([p.value for p in points]) for kind, points in trends.items()}
    sparks = {k: s if len(s) <= room else "…" + s[-(room - 1) :] for k, s in sparks.items()}
    column = max(len(spark) for spark in sparks.values())
    lines = ["Ratings, oldest → newest:"]
    for kind, points in trends.items():
        values = [point.value for point in points]
        low, high = _rating(kind, min(values)), _rating(kind, max(values))
        spread = f"{low}–{high}" if low != high else "steady"
        count = _plural(len(values), "snapshot")
        label = RATING_LABELS.get(kind, kind)
        now = _rating(kind, values[-1])
        lines.append(f"  {label:<12}{sparks[kind]:<{column}}  {now} now, {spread} over {count}")
    return lines


SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[float]) -> str:
    """Values as block characters from ▁ (the lowest) to █ (the highest); a flat series
    is a row of ▄."""
    if not values:
        return ""
    low, high = min(values), max(values)
    if high == low:
        return SPARKS[3] * len(values)
    top = len(SPARKS) - 1
    return "".join(SPARKS[round((v - low) / (high - low) * top)] for v in values)


def comparison_lines(comparison: Comparison, width: int | None) -> list[str]:
    """`tracker diff`: what differs between the two dates, then each side with its evidence."""
    c = comparison
    lines = [f"{c.title}: as of {c.start} → as of {c.end} (end of day, UTC)"]
    if not c.snapshots:
        return [*lines, "no snapshots yet: nothing to compare"]
    if not c.differences:
        lines.append("no difference")
    column = max([12, *(len(_value(d.field, d.before)) + 2 for d in c.differences)])
    for d in c.differences:
        label = RATING_LABELS.get(d.field, d.field)
        lines.append(
            f"  {label:<12}{_value(d.field, d.before):<{column}}→ {_value(d.field, d.after)}"
        )
    if c.before == c.after:  # the same decision on both days: its evidence once
        return lines + _view_lines(f"as of {c.start} and {c.end}", c.after, width)
    for day, view in ((c.start, c.before), (c.end, c.after)):
        lines += _view_lines(f"as of {day}", view, width)
    return lines


def _view_lines(label: str, view: View, width: int | None) -> list[str]:
    if view.status == "unknown" and not view.url:
        return [f"{label}: unknown (nothing said about its future yet)"]
    head = f"{label}: {_status_text(view.to_dict())}, since {view.since}"
    evidence = {"url": view.url, "text": view.evidence, "published": view.published}
    return _wrap(head, width, "    ", "") + _evidence_lines(evidence, width)


def _value(field: str, value: Any) -> str:
    if value is None:
        return "none"
    return _rating(field, value) if field in RATING_LABELS else str(value)


def _wrap(text: str, width: int | None, indent: str, first: str | None = None) -> list[str]:
    """`text` as lines of at most `width` columns (None: one line), continuations indented."""
    first = indent if first is None else first
    if width is None:
        return [first + text]
    wrapped = textwrap.wrap(
        text,
        width=max(width, len(indent) + 20),
        initial_indent=first,
        subsequent_indent=indent,
        break_on_hyphens=False,
    )
    return wrapped or [first]


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


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

    REFRESH = 0.1  # seconds between redraws

    def __init__(self, console: Console) -> None:
        # Redrawn from the callback, not by rich's refresh thread: `tracker run` may fork
        # (tracker.split), and a process that forks should have no other thread.
        self._bar = Progress(
            TextColumn("fetching"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[failed]} failed"),
            TextColumn("[dim]{task.fields[site]}"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            auto_refresh=False,
        )
        self._task = self._bar.add_task("run", total=None, failed=0, site="")
        self._drawn = 0.0

    def __enter__(self) -> RunProgress:
        self._bar.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._bar.stop()

    def __call__(self, summary: RunSummary, site: str) -> None:
        failed = len(summary.failures)
        done = summary.fetched + summary.not_modified + summary.unchanged + failed
        total = summary.taken
        self._bar.update(self._task, total=total, completed=done, failed=failed, site=site)
        if time.monotonic() - self._drawn >= self.REFRESH or done == total:
            self._bar.refresh()
            self._drawn = time.monotonic()


def reextract_lines(report: ReextractReport) -> list[str]:
    """`tracker reextract`: each page read differently, then what it changes per show."""
    verb = "would change" if not report.applied else "changed"
    lines = [
        f"{report.pages} stored pages read again ({report.skipped} skipped); "
        f"{len(report.differing)} read differently"
    ]
    for reading in report.differing:
        before = _status_text(reading.before)
        after = _status_text(reading.after.to_json())
        lines.append(f"  {reading.show}: {before} → {after}  {reading.url}")
    for show, changes in report.changes.items():
        kinds = ", ".join(change.kind for change in changes)
        lines.append(f"{show}: {verb} ({kinds})")
    if not report.changes:
        lines.append("no show's status or ratings change")
    return lines


def delivery_lines(deliveries: Sequence[Delivery], width: int | None) -> list[str]:
    """`tracker alerts list`: one alert a line (its state, channel, tries), then its change."""
    lines = []
    for d in deliveries:
        when = (
            f", next {d.next_attempt_at:%Y-%m-%d %H:%M} UTC"
            if d.state == "pending" and d.next_attempt_at
            else ""
        )
        lines.append(f"#{d.id} {d.state} via {d.channel}, {_plural(d.attempts, 'attempt')}{when}")
        lines += _wrap(describe(d.change), width, "    ", "    ")
        if d.last_error:
            lines += _wrap(f"last error: {d.last_error}", width, "    ", "    ")
    return lines
