"""`tracker daemon`: APScheduler 3.x runs the scrape job on the config's cron (UTC).

Minimal on purpose: one job, coalesced (a backlog of missed firings runs once), one
instance at a time, a misfire grace of ten minutes. Ctrl-C or SIGTERM stops it
after the pass in flight.
"""

from __future__ import annotations

import logging
import signal
from pathlib import Path
from types import FrameType

from apscheduler.schedulers.blocking import BlockingScheduler

from jobs.scrape import scrape
from tracker.config import load_config
from tracker.cron import cron_trigger

logger = logging.getLogger(__name__)


def run_daemon(config_path: Path, run_now: bool = True) -> None:
    """Block, running the scrape job on schedule until interrupted."""
    config = load_config(config_path)
    scheduler = BlockingScheduler(timezone="UTC")
    scheduler.add_job(
        scrape,
        cron_trigger(config.schedule.cron),
        args=[config_path],
        id="scrape",
        coalesce=True,
        max_instances=1,
        misfire_grace_time=600,
    )
    if run_now:
        scheduler.add_job(scrape, args=[config_path], id="scrape-now")
    signal.signal(signal.SIGTERM, _interrupt)
    logger.info("daemon started: scrape on %r (UTC)", config.schedule.cron)
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        logger.info("daemon stopping")
    finally:
        if scheduler.running:
            scheduler.shutdown(wait=True)


def _interrupt(_signum: int, _frame: FrameType | None) -> None:
    """SIGTERM behaves like Ctrl-C: leave start(), then shut down after the job in flight."""
    raise KeyboardInterrupt
