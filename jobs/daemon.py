"""`tracker daemon`: APScheduler 3.x runs the scrape job on the config's crontabs (UTC).

One job per distinct cron expression (a source's own `cron`, else its show's, else
[schedule].cron), each scraping only its sources. Jobs are coalesced (a backlog of
missed firings runs once), one instance at a time, with ten minutes' misfire grace.
Ctrl-C or SIGTERM stops the daemon after the pass in flight.
"""

from __future__ import annotations

import logging
import signal
from pathlib import Path
from types import FrameType

from apscheduler.schedulers.blocking import BlockingScheduler

from jobs.prune import prune
from jobs.scrape import scrape
from tracker.config import load_config
from tracker.cron import cron_trigger

logger = logging.getLogger(__name__)


def build_scheduler(config_path: Path, db_url: str | None = None) -> BlockingScheduler:
    """A scheduler with one scrape job per cron expression in the config, and the daily
    prune job on [retention].cron."""
    config = load_config(config_path)
    scheduler = BlockingScheduler(timezone="UTC")
    for index, cron in enumerate(sorted(config.schedules())):
        scheduler.add_job(
            scrape,
            cron_trigger(cron),
            args=[config_path, db_url, cron],
            id=f"scrape-{index}",
            name=f"scrape on {cron!r}",
            coalesce=True,
            max_instances=1,
            misfire_grace_time=600,
        )
    scheduler.add_job(
        prune,
        cron_trigger(config.retention.cron),
        args=[config_path, db_url],
        id="prune",
        name=f"prune on {config.retention.cron!r}",
        coalesce=True,  # a day missed is made up once, not several times
        max_instances=1,
        misfire_grace_time=3600,
    )
    return scheduler


def run_daemon(config_path: Path, db_url: str | None = None, run_now: bool = True) -> None:
    """Block, running the scrape jobs on schedule until interrupted."""
    scheduler = build_scheduler(config_path, db_url)
    if run_now:
        scheduler.add_job(scrape, args=[config_path, db_url, None], id="scrape-now")
    signal.signal(signal.SIGTERM, _interrupt)
    logger.info("daemon started with %s scheduled jobs", len(scheduler.get_jobs()))
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
