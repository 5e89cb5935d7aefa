"""The `tracker` command line. Thin: each command calls one library function.

Errors derived from TrackerError become one line on stderr and an exit code
(2 for configuration, 3 for the database, 1 otherwise).
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console

from tracker import render
from tracker.config import Config, find_config_path, load_config, sqlite_url_relative_to
from tracker.errors import TrackerError
from tracker.store import Store

F = TypeVar("F", bound=Callable[..., Any])
console = Console()


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


@cli.command()
@pass_ctx
def run(ctx: Context) -> None:
    """Fetch every source once, store what changed and send alerts.

    Every source is tried, whatever fails. Exits 0 when every source and alert went
    through; 1 when the pass completed but some sources failed or some alerts could not be
    sent yet (each is listed on stderr, recorded, and retried on a later run).

    Example: tracker run
    """
    from tracker.pipeline import run_once

    config = ctx.config
    store = ctx.store()
    store.require_current()
    if console.is_terminal:
        with render.RunProgress(console) as progress:
            summary, report = run_once(config, store, progress=progress)
    else:
        summary, report = run_once(config, store)
    for url, problem in summary.failures:
        click.echo(f"failed: {url}: {problem}", err=True)
    click.echo(f"{summary.line()}; alerts: {report.sent} sent, {report.failed} failed")
    if summary.failures or report.failed:
        sys.exit(1)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@pass_ctx
def status(ctx: Context, as_json: bool) -> None:
    """Show the current status of every tracked show.

    Example: tracker status --json
    """
    store = ctx.store()
    store.require_current()
    rows = store.board()
    if as_json:
        click.echo(json.dumps(render.board_json(rows), indent=2, ensure_ascii=False))
    elif not rows:
        click.echo("no shows yet: add [[shows]] to config.toml and run `tracker run`")
    else:
        console.print(render.board_table(rows))


@cli.command()
@click.argument("show")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_ctx
def history(ctx: Context, show: str, as_json: bool) -> None:
    """Show a show's snapshots and changes in time order.

    Example: tracker history Ballard
    """
    store = ctx.store()
    store.require_current()
    show_id, slug, title = store.find_show(show)
    snapshots, changes = store.snapshots(show_id), store.changes(show_id)
    if as_json:
        data = {
            "show": title,
            "slug": slug,
            "snapshots": snapshots,
            "changes": [render.change_json(c) for c in changes],
        }
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        render.print_lines(console, render.history_lines(title, snapshots, changes))


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
@click.option("--no-run-now", is_flag=True, help="Wait for the first scheduled time.")
@pass_ctx
def daemon(ctx: Context, no_run_now: bool) -> None:
    """Run the scrape job on the config's cron schedule until Ctrl-C.

    Example: tracker daemon
    """
    from jobs.daemon import run_daemon

    config = ctx.config  # validate before starting
    store = ctx.store()
    store.require_current()
    store.close()
    if not logging.getLogger().isEnabledFor(logging.INFO):
        logging.getLogger().setLevel(logging.INFO)
    click.echo(f"tracker daemon: scraping on {config.schedule.cron!r} (UTC); Ctrl-C stops")
    run_daemon(ctx.config_path, ctx.db_url, run_now=not no_run_now)


def main() -> None:
    cli(prog_name="tracker")
