"""The `tracker` command line. Thin: each command calls one library function.

Errors derived from TrackerError become one line on stderr and an exit code
(2 for configuration, 3 for the database, 1 otherwise).
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console

from tracker import history as history_lib
from tracker import render
from tracker.config import Config, find_config_path, load_config, sqlite_url_relative_to
from tracker.errors import StoreError, TrackerError
from tracker.extract.model import STATUSES
from tracker.logs import use_logfmt
from tracker.store import Store

F = TypeVar("F", bound=Callable[..., Any])
console = Console()
RICH_BOARD_ROWS = 500  # a longer board prints plain columns: rich lays out 10,000 rows in seconds


class Context:
    """Lazily loaded config and store, shared by the commands."""

    def __init__(self, config_path: str | None, db_url: str | None) -> None:
        self.config_path = find_config_path(config_path)
        self.db_url = db_url
        self._config: Config | None = None

    @property
    def config(self) -> Config:
        if self._config is None:
            self._config = load_config(self.config_path)
        return self._config

    def store(self) -> Store:
        """The configured database (or --db); commands that only read need no config file."""
        if self.db_url:
            return Store(self.db_url)
        return Store(sqlite_url_relative_to(self.config.database.url, self.config.path))


pass_ctx = click.make_pass_decorator(Context)


class TrackerGroup(click.Group):
    """Turns TrackerError into a one-line message and its exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TrackerError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(exc.exit_code)


@click.group(cls=TrackerGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    "config_path",
    metavar="PATH",
    help="config.toml to use (default: $TRACKER_CONFIG, then ./config.toml).",
)
@click.option("--db", "db_url", metavar="URL", help="Database URL, overriding the config.")
@click.option("-v", "--verbose", count=True, help="More logging (-vv for debug).")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None, db_url: str | None, verbose: int) -> None:
    """Watch TV news and report renewals, cancellations and endings.

    Example: tracker --config config.toml run
    """
    level = {0: logging.WARNING, 1: logging.INFO}.get(verbose, logging.DEBUG)
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # httpx logs full request URLs at INFO; Slack and Discord webhook URLs carry tokens.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    ctx.obj = Context(config_path, db_url)


@cli.command()
@pass_ctx
def init(ctx: Context) -> None:
    """Create the database, or migrate it to the newest schema.

    Example: tracker init
    """
    store = ctx.store()
    store.migrate()
    click.echo(f"database ready: {store.engine.url.render_as_string(hide_password=True)}")


@cli.group()
def db() -> None:
    """Database maintenance: migrations.

    Example: tracker db upgrade
    """


@db.command("upgrade")
@pass_ctx
def db_upgrade(ctx: Context) -> None:
    """Apply pending migrations.

    Example: tracker db upgrade
    """
    ctx.store().migrate()
    click.echo("database is at the newest migration")


@db.command("copy")
@click.option(
    "--from",
    "source_url",
    metavar="URL",
    help="Database to copy (default: the configured one, or --db).",
)
@click.option("--to", "target_url", metavar="URL", required=True, help="Empty database to fill.")
@pass_ctx
def db_copy(ctx: Context, source_url: str | None, target_url: str) -> None:
    """Copy the whole installation, with all its history, to another database.

    The target is migrated first and must be empty; the copy is one transaction, and
    each table is counted on both sides afterwards (exit 3 if a count differs). Stop the
    daemon first, or copy again after it, to carry the newest rows over.

    Example: tracker db copy --from sqlite:///tracker.db --to postgresql+psycopg://tracker@db/tracker
    """
    from tracker.store.copy import copy_database

    source = Store(source_url) if source_url else ctx.store()
    target = Store(target_url)
    where = target.engine.url.render_as_string(hide_password=True)
    try:
        report = copy_database(source, target)
    finally:
        source.close()
        target.close()
    for count in report.counts:
        mark = "ok" if count.ok else "MISMATCH"
        click.echo(f"{count.table:<10} {count.source:>10} → {count.target:<10} {mark}")
    if not report.ok:
        raise StoreError("the copy's row counts differ from the source's (see above)")
    click.echo(f"copied {report.rows} rows to {where}; counts verified")


@cli.command()
@click.option(
    "--due-only",
    is_flag=True,
    help="Only sources whose crontab fired since their last check (for system cron).",
)
@pass_ctx
def run(ctx: Context, due_only: bool) -> None:
    """Fetch every source once, store what changed and send alerts.

    Every source is tried, whatever fails. Exits 0 when every source and alert went
    through; 1 when the pass completed but some sources failed or some alerts could not be
    sent yet (each is listed on stderr, recorded, and retried on a later run). Sources
    another worker is fetching right now (a daemon, say) are left to it.

    Example: tracker run          (from crontab: */15 * * * * tracker run --due-only)
    """
    from tracker.pipeline import Claim, run_once

    config = ctx.config
    store = ctx.store()
    store.require_current()
    claim = Claim(due_only=due_only)
    if console.is_terminal:
        with render.RunProgress(console) as progress:
            summary, report = run_once(config, store, progress=progress, claim=claim)
    else:
        summary, report = run_once(config, store, claim=claim)
    for url, problem in summary.failures:
        click.echo(f"failed: {url}: {problem}", err=True)
    click.echo(f"{summary.line()}; alerts: {report.sent} sent, {report.failed} failed")
    if summary.failures or report.failed:
        sys.exit(1)


# -- status, history, changes, diff, export: reading what the store recorded ------------------


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


def _reading(ctx: Context) -> Store:
    """The store, checked to be initialised and current, for a command that only reads."""
    store = ctx.store()
    store.require_current()
    return store


def _print_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


@cli.command()
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
    rows = history_lib.board(_reading(ctx), statuses, names)
    if as_json:
        _print_json(render.board_json(rows))
    elif not rows and (statuses or names):
        click.echo("no shows match")
    elif not rows:
        click.echo("no shows yet: add [[shows]] to config.toml and run `tracker run`")
    elif console.is_terminal and len(rows) <= RICH_BOARD_ROWS:
        console.print(render.board_table(rows, datetime.now(UTC), console.width))
    else:  # a pipe or a very long board: plain columns, milliseconds instead of seconds
        click.echo("\n".join(render.board_lines(rows, datetime.now(UTC), console.width)))


@cli.command()
@click.argument("show")
@click.option("--snapshots", "with_snapshots", is_flag=True, help="List every snapshot too.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON: snapshots, changes, trends.")
@pass_ctx
def history(ctx: Context, show: str, with_snapshots: bool, as_json: bool) -> None:
    """Show a show's changes in time order, with evidence, and its rating trends.

    SHOW is a title or slug in any case, or part of one show's title.

    Example: tracker history Ballard --snapshots
    """
    timeline = history_lib.timeline(_reading(ctx), show)
    if as_json:
        _print_json(render.timeline_json(timeline))
    else:
        lines = render.timeline_lines(timeline, with_snapshots, console.width)
        render.print_lines(console, lines)


@cli.command("changes")
@click.option("--since", type=DATE, help="Only changes on or after this day (YYYY-MM-DD, UTC).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@pass_ctx
def changes_command(ctx: Context, since: date | None, as_json: bool) -> None:
    """List every show's changes, oldest first (the newest last), with evidence.

    Example: tracker changes --since 2025-10-01
    """
    found = history_lib.changes_since(_reading(ctx), since)
    if as_json:
        _print_json([render.change_json(change) for change in found])
    elif not found:
        click.echo(f"no changes since {since}" if since else "no changes yet")
    else:
        render.print_lines(console, render.changes_lines(found, console.width))


@cli.command("diff")
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
    if start and end and start > end:
        raise click.UsageError(f"--from {start} is after --to {end}")
    today = datetime.now(UTC).date()
    comparison = history_lib.compare(_reading(ctx), show, start, end, today)
    if as_json:
        _print_json(render.comparison_json(comparison))
    else:
        render.print_lines(console, render.comparison_lines(comparison, console.width))


@cli.command("export")
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
    rows = _reading(ctx).board()
    text = render.export_text(rows, fmt)
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        Path(output).write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        raise TrackerError(f"cannot write {output}: {exc.strerror or exc}") from None
    click.echo(f"exported {len(rows)} shows to {output}", err=True)


# -- end of the status, history, changes, diff and export commands ----------------------------


@cli.command()
@click.argument("source", required=False)
@click.option("--show", "show", help="The show to look for.")
@click.option("--alias", "aliases", multiple=True, help="Another name of the show (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the extraction JSON.")
@click.option("--html/--text", "as_html", default=None, help="Force the input kind.")
@click.option(
    "--batch",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="JSON Lines of cases: {id, show, aliases?, text|html, published?}.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    help="Worker processes for --batch (default: one per CPU).",
)
def extract(
    source: str | None,
    show: str | None,
    aliases: tuple[str, ...],
    as_json: bool,
    as_html: bool | None,
    batch: str | None,
    jobs: int | None,
) -> None:
    """Run the extractor alone on a file, a URL or stdin (-).

    Example: tracker extract --show Ballard --json article.txt
    """
    from tracker import extract_cli

    if batch:
        extract_cli.run_batch(batch, sys.stdout, jobs)
        return
    if not show or not source:
        raise click.UsageError("give --show TITLE and a PATH, URL or - (or use --batch FILE)")
    extraction = extract_cli.extract_source(source, show, aliases, as_html, explain=not as_json)
    if as_json:
        click.echo(json.dumps(extraction.to_json(), indent=2, ensure_ascii=False))
    else:
        render.print_lines(console, render.explain(extraction))


@cli.command("eval")
@click.argument("cases", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--misses", default=50, show_default=True, help="How many misses to list.")
def eval_command(cases: tuple[str, ...], misses: int) -> None:
    """Score the extractor on labelled cases, beside a keyword baseline.

    Each line is the --batch format plus "expected": {"status", "season", "imdb",
    "rotten_tomatoes", "rt_audience", "metacritic"}. Several files are scored together.

    Example: tracker eval tests/corpus/sentences.jsonl tests/corpus/pages.jsonl
    """
    from tracker import evaluate, extract_cli

    loaded: list[tuple[dict[str, Any], Path]] = []
    for path in cases:
        for _, case in extract_cli.read_cases(path):
            if isinstance(case, str):
                raise click.BadParameter(f"{path}: {case}", param_hint="CASES")
            loaded.append((case, Path(path).parent))
    scores = evaluate.evaluate(loaded)
    render.print_lines(console, evaluate.report(scores, misses))


@cli.command()
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False),
    help="Keep the demo database at this path (default: a temporary file).",
)
@click.option(
    "--show",
    "history_show",
    default="Ballard",
    show_default=True,
    help="Whose history to print at the end.",
)
def demo(db_path: str | None, history_show: str) -> None:
    """Run the real pipeline offline against bundled news pages on 127.0.0.1.

    Example: tracker demo
    """
    from tracker.demo import run_demo

    run_demo(console, Path(db_path) if db_path else None, history_show)


@cli.command()
@click.option(
    "--no-run-now", is_flag=True, help="Wait for the first firing instead of catching up now."
)
@pass_ctx
def daemon(ctx: Context, no_run_now: bool) -> None:
    """Run the scrape, deliver and prune jobs on their crontabs until stopped.

    Crontabs are UTC. Logs one logfmt line per event on stderr. On start it catches up
    with the sources that fell due while it was not running. SIGTERM (or Ctrl-C)
    finishes the fetches in flight and exits 0. One daemon per SQLite database: a
    second exits 4 with the holder's pid.

    Example: tracker daemon
    """
    from jobs.daemon import run_daemon

    _ = ctx.config  # validate before starting
    store = ctx.store()
    store.require_current()
    store.close()
    use_logfmt(min(logging.getLogger().level, logging.INFO))
    run_daemon(ctx.config_path, ctx.db_url, run_now=not no_run_now)


@cli.command()
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
@pass_ctx
def reextract(ctx: Context, dry_run: bool) -> None:
    """Read the stored pages again with this version's extractor, without fetching.

    Snapshots whose reading changed are rewritten and their shows refolded; a show whose
    status changes gets a change and an alert like any other. --dry-run only reports.

    Example: tracker reextract --dry-run
    """
    from tracker.alerts import build_channels, deliver
    from tracker.pipeline import policy_of
    from tracker.reextract import reextract as reextract_pages

    config, store = ctx.config, ctx.store()
    store.require_current()
    channels = [] if dry_run else build_channels(config)
    keys = [channel.key for channel in channels]
    report = reextract_pages(config, store, keys, policy_of(config), dry_run=dry_run)
    render.print_lines(console, render.reextract_lines(report))
    if channels:
        sent = deliver(store, channels, datetime.now(UTC))
        click.echo(f"alerts: {sent.sent} sent, {sent.failed} failed")


@cli.command()
@click.option("--dry-run", is_flag=True, help="Count what would be deleted; delete nothing.")
@pass_ctx
def prune(ctx: Context, dry_run: bool) -> None:
    """Delete checks and stored bodies past their [retention] age.

    By default checks are kept 90 days and bodies 180.

    Snapshots and changes are history and are never deleted. The daemon runs this daily.

    Example: tracker prune --dry-run
    """
    from tracker.retention import prune as prune_store

    store = ctx.store()
    store.require_current()
    click.echo(prune_store(ctx.config, store, dry_run=dry_run).line())


@cli.group()
def alerts() -> None:
    """The alert outbox: what is still to send, sending it again, testing channels.

    Example: tracker alerts list
    """


@alerts.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_ctx
def alerts_list(ctx: Context, as_json: bool) -> None:
    """Alerts not sent yet: pending (with when they are next tried) and failed.

    Example: tracker alerts list
    """
    store = ctx.store()
    store.require_current()
    waiting = store.undelivered()
    if as_json:
        _print_json([render.delivery_json(d) for d in waiting])
    elif not waiting:
        click.echo("no alerts waiting: every change has been sent")
    else:
        render.print_lines(console, render.delivery_lines(waiting, console.width))


@alerts.command("retry")
@pass_ctx
def alerts_retry(ctx: Context) -> None:
    """Send every waiting alert now, failed ones included.

    Alerts that were given up get a fresh set of attempts.

    Example: tracker alerts retry
    """
    from tracker.alerts import build_channels, deliver

    channels = build_channels(ctx.config)
    store = ctx.store()
    store.require_current()
    now = datetime.now(UTC)
    queued = store.requeue(now)
    report = deliver(store, channels, now)
    click.echo(f"{queued} alerts queued: {report.sent} sent, {report.failed} failed")
    if report.failed:
        sys.exit(1)


@alerts.command("test")
@pass_ctx
def alerts_test(ctx: Context) -> None:
    """Send a test alert through every configured channel; nothing is stored.

    Example: tracker alerts test
    """
    from tracker.alerts import build_channels, send_test

    channels = build_channels(ctx.config)
    if not channels:
        raise TrackerError("no [[alerts]] configured in the config file")
    results = send_test(channels, datetime.now(UTC))
    for channel, error in results:
        click.echo(f"{channel.kind}: {'sent' if error is None else 'failed: ' + error}")
    if any(error is not None for _, error in results):
        sys.exit(1)


def main() -> None:
    cli(prog_name="tracker")
