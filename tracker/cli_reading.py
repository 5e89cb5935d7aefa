"""`tracker status`, `history`, `changes`, `diff`, `export`: reading what the store recorded.

Every `tracker` command imports this module, so the history and rendering code is
imported inside the commands that use it (the startup of `tracker run` and `--help`).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import click

from tracker.cli_context import Context, console, pass_ctx, print_json, reading
from tracker.errors import TrackerError
from tracker.extract.model import STATUSES

RICH_BOARD_ROWS = 500  # a longer board prints plain columns: rich lays out 10,000 rows in seconds


class DateType(click.ParamType[date]):
    """A day written YYYY-MM-DD, read as a UTC day."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self.fail(f"{value!r} is not a date: use YYYY-MM-DD (UTC), e.g. 2025-10-06", param, ctx)


DATE = DateType()


def _statuses(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]) -> list[str]:
    """--status values, repeated or comma-separated, checked against the vocabulary."""
    wanted = [part.strip().lower() for value in values for part in value.split(",")]
    for status in wanted:
        if status not in STATUSES:
            raise click.BadParameter(
                f"unknown status {status!r} (choose from {', '.join(STATUSES)})"
            )
    return wanted


@click.command()
@click.option(
    "--status",
    "statuses",
    multiple=True,
    callback=_statuses,
    metavar="STATUS",
    help="Only shows with this status (repeatable, or a comma list: renewed,ending).",
)
@click.option(
    "--show",
    "names",
    multiple=True,
    metavar="NAME",
    help="Only shows whose title (any case or accents) or slug contains NAME (repeatable).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@pass_ctx
def status(ctx: Context, statuses: list[str], names: tuple[str, ...], as_json: bool) -> None:
    """Show the current status of every tracked show.

    Columns: status and season, certainty, since (the date of the deciding statement),
    IMDb, Rotten Tomatoes, sources answering / configured (red when one is failing) and
    how long ago a source was last checked.

    Example: tracker status --status renewed,ending --show ballard
    """
    from tracker import history as history_lib  # in the command: startup of `tracker run`
    from tracker import render, render_json

    rows = history_lib.board(reading(ctx), statuses, names)
    if as_json:
        print_json(render_json.board_json(rows))
    elif not rows and (statuses or names):
        click.echo("no shows match")
    elif not rows:
        click.echo("no shows yet: add [[shows]] to config.toml and run `tracker run`")
    elif console().is_terminal and len(rows) <= RICH_BOARD_ROWS:
        console().print(render.board_table(rows, datetime.now(UTC), console().width))
    else:  # a pipe or a very long board: plain columns, milliseconds instead of seconds
        click.echo("\n".join(render.board_lines(rows, datetime.now(UTC), console().width)))


@click.command()
@click.argument("show")
@click.option("--snapshots", "with_snapshots", is_flag=True, help="List every snapshot too.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON: snapshots, changes, trends.")
@pass_ctx
def history(ctx: Context, show: str, with_snapshots: bool, as_json: bool) -> None:
    """Show a show's changes in time order, with evidence, and its rating trends.

    SHOW is a title or slug in any case, or part of one show's title.

    Example: tracker history Ballard --snapshots
    """
    from tracker import history as history_lib  # in the command: startup of `tracker run`
    from tracker import render, render_json

    timeline = history_lib.timeline(reading(ctx), show)
    if as_json:
        print_json(render_json.timeline_json(timeline))
    else:
        lines = render.timeline_lines(timeline, with_snapshots, console().width)
        render.print_lines(console(), lines)


@click.command("changes")
@click.option("--since", type=DATE, help="Only changes on or after this day (YYYY-MM-DD, UTC).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@pass_ctx
def changes_command(ctx: Context, since: date | None, as_json: bool) -> None:
    """List every show's changes, oldest first (the newest last), with evidence.

    Example: tracker changes --since 2025-10-01
    """
    from tracker import history as history_lib  # in the command: startup of `tracker run`
    from tracker import render, render_json

    found = history_lib.changes_since(reading(ctx), since)
    if as_json:
        print_json([render_json.change_json(change) for change in found])
    elif not found:
        click.echo(f"no changes since {since}" if since else "no changes yet")
    else:
        render.print_lines(console(), render.changes_lines(found, console().width))


@click.command("diff")
@click.argument("show")
@click.option("--from", "start", type=DATE, help="Earlier day (default: the first snapshot's).")
@click.option("--to", "end", type=DATE, help="Later day (default: today, UTC).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_ctx
def diff_command(
    ctx: Context, show: str, start: date | None, end: date | None, as_json: bool
) -> None:
    """Compare a show's status on two days: what differs, with each side's evidence.

    Each side folds the snapshots fetched by the end of its day (UTC), as `tracker run`
    does; status, season, certainty, lean and ratings are compared.

    Example: tracker diff Ballard --from 2025-07-31 --to 2025-10-31
    """
    from tracker import history as history_lib  # in the command: startup of `tracker run`
    from tracker import render, render_json

    if start and end and start > end:
        raise click.UsageError(f"--from {start} is after --to {end}")
    today = datetime.now(UTC).date()
    comparison = history_lib.compare(reading(ctx), show, start, end, today)
    if as_json:
        print_json(render_json.comparison_json(comparison))
    else:
        render.print_lines(console(), render.comparison_lines(comparison, console().width))


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv"]),
    default="json",
    show_default=True,
    help="A JSON list, or CSV with a header row.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    help="Write to this file instead of standard output.",
)
@pass_ctx
def export_command(ctx: Context, fmt: str, output: str | None) -> None:
    """Export every show's current status as JSON or CSV, one record per show.

    Columns: show, slug, status, season, certainty, lean, since, published, imdb,
    rotten_tomatoes, rt_audience, metacritic, tvmaze, evidence_url, evidence_text,
    sources_ok, sources_failing, last_checked (empty or null when unknown).

    Example: tracker export --format csv --output shows.csv
    """
    from tracker import render_json  # in the command: startup of `tracker run`

    rows = reading(ctx).board()
    text = render_json.export_text(rows, fmt)
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        Path(output).write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        raise TrackerError(f"cannot write {output}: {exc.strerror or exc}") from None
    click.echo(f"exported {len(rows)} shows to {output}", err=True)


COMMANDS = (status, history, changes_command, diff_command, export_command)
