"""The scheduled scrape job: one pass over the due sources, then alert delivery.

It calls the same library function as `tracker run` (tracker.pipeline.run_once), so
a cron line running `tracker run` and the daemon behave identically.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from jobs.common import run_job
from tracker.config import Config
from tracker.pipeline import Claim, run_once
from tracker.store import Store

logger = logging.getLogger(__name__)


def scrape(
    config_path: Path,
    db_url: str | None = None,
    cron: str | None = None,
    stop: threading.Event | None = None,
) -> None:
    """Run one pass over the due sources scheduled on `cron` (every crontab when None).

    Due means fired since the source's last check, judged again as each source is
    claimed: a second firing of the same schedule, here or on another daemon, finds the
    sources done and does nothing. Each pass claims under an owner of its own, so two
    jobs of one daemon never give back each other's leases.

    The config is re-read at every firing, so edits take effect without a restart;
    any error — a config broken since start-up included — is logged, never raised
    into the scheduler.
    """

    def body(config: Config, store: Store) -> None:
        only = None if cron is None else config.schedules().get(cron, set())
        claim = Claim(due_only=True, stop=stop or threading.Event())
        summary, report = run_once(config, store, only=only, claim=claim)
        logger.info(
            "scrape done: %s; alerts %s sent, %s failed", summary.line(), report.sent, report.failed
        )

    run_job("scrape", config_path, db_url, body, logger)
