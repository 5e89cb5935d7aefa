"""The `tracker` command line. Thin: each command calls one library function.

Errors derived from TrackerError become one line on stderr and an exit code
(2 for configuration, 3 for the database, 1 otherwise).

Each command imports the library it calls in its own body, so `tracker --help` loads
click alone and `tracker run` starts without the rendering and reading commands' code.
"""

from __future__ import annotations

import atexit
import gc
import json
import logging
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import click

from tracker import cli_alerts, cli_reading
from tracker.cli_context import Context, console, pass_ctx
from tracker.errors import StoreError, TrackerError
from tracker.logs import use_logfmt

F = TypeVar("F", bound=Callable[..., Any])


class TrackerGroup(click.Group):
    """Turns TrackerError into a one-line message and its exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TrackerError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(exc.exit_code)


# At exit, what is left is frozen: the interpreter's last garbage collection would walk
# every object SQLAlchemy, httpx and a pass left behind (~0.1 s) only to exit. atexit,
# not the command's end, so a process that runs commands in-process (tests) is unaffected.
atexit.register(gc.freeze)


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
    ctx.call_on_close(ctx.obj.close)


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
    """Database maintenance: migrations, and copying to another database.

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
    from tracker.store import Store  # in the command: startup of `tracker run`
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
    from tracker.fetch import prepare_tls
    from tracker.pipeline import Claim, run_once
    from tracker.split import processes_for

    prepare_tls()  # while the config is read and the pass planned
    config = ctx.config
    store = ctx.store()
    store.require_current()
    claim = Claim(due_only=due_only)
    processes = processes_for(config.fetch.processes, config.fetch.per_host, store)
    if console().is_terminal:
        from tracker.render import RunProgress  # rich's progress bar, for a terminal only

        with RunProgress(console()) as progress:
            summary, report = run_once(
                config, store, progress=progress, claim=claim, processes=processes
            )
    else:
        summary, report = run_once(config, store, claim=claim, processes=processes)
    for url, problem in summary.failures:
        click.echo(f"failed: {url}: {problem}", err=True)
    click.echo(f"{summary.line()}; alerts: {report.sent} sent, {report.failed} failed")
    if summary.failures or report.failed:
        sys.exit(1)


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
    from tracker import extract_cli, render  # in the command: startup of `tracker run`

    if batch:
        extract_cli.run_batch(batch, sys.stdout, jobs)
        return
    if not show or not source:
        raise click.UsageError("give --show TITLE and a PATH, URL or - (or use --batch FILE)")
    extraction = extract_cli.extract_source(source, show, aliases, as_html, explain=not as_json)
    if as_json:
        click.echo(json.dumps(extraction.to_json(), indent=2, ensure_ascii=False))
    else:
        render.print_lines(console(), render.explain(extraction))


@cli.command("eval")
@click.argument("cases", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--misses", default=50, show_default=True, help="How many misses to list.")
def eval_command(cases: tuple[str, ...], misses: int) -> None:
    """Score the extractor on labelled cases, beside a keyword baseline.

    Each line is the --batch format plus "expected": {"status", "season", "imdb",
    "rotten_tomatoes", "rt_audience", "metacritic"}. Several files are scored together.

    Example: tracker eval tests/corpus/sentences.jsonl tests/corpus/pages.jsonl
    """
    from tracker import evaluate, extract_cli, render  # in the command: startup of `tracker run`

    loaded: list[tuple[dict[str, Any], Path]] = []
    for path in cases:
        for _, case in extract_cli.read_cases(path):
            if isinstance(case, str):
                raise click.BadParameter(f"{path}: {case}", param_hint="CASES")
            loaded.append((case, Path(path).parent))
    scores = evaluate.evaluate(loaded)
    render.print_lines(console(), evaluate.report(scores, misses))


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

    run_demo(console(), Path(db_path) if db_path else None, history_show)


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
    from tracker import render  # in the command: startup of `tracker run`
    from tracker.alerts import build_channels, deliver
    from tracker.pipeline import policy_of
    from tracker.reextract import reextract as reextract_pages

    config, store = ctx.config, ctx.store()
    store.require_current()
    channels = [] if dry_run else build_channels(config)
    keys = [channel.key for channel in channels]
    report = reextract_pages(config, store, keys, policy_of(config), dry_run=dry_run)
    render.print_lines(console(), render.reextract_lines(report))
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


for command in (*cli_reading.COMMANDS, cli_alerts.alerts):
    cli.add_command(command)


def main() -> None:
    cli(prog_name="tracker")
