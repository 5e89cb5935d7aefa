"""`tracker alerts list | retry | test`: the outbox from the command line."""

from __future__ import annotations

import sys
from datetime import UTC, datetime

import click

from tracker.cli_context import Context, console, pass_ctx, print_json
from tracker.errors import TrackerError


@click.group()
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
    from tracker import render, render_json  # in the command: startup of `tracker run`

    store = ctx.store()
    store.require_current()
    waiting = store.undelivered()
    if as_json:
        print_json([render_json.delivery_json(d) for d in waiting])
    elif not waiting:
        click.echo("no alerts waiting: every change has been sent")
    else:
        render.print_lines(console(), render.delivery_lines(waiting, console().width))


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
