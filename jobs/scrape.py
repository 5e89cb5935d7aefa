"""The scheduled scrape job: one pass over every source, then alert delivery.

It calls the same library function as `tracker run` (tracker.pipeline.run_once), so
a cron line running `tracker run` and the daemon behave identically.
"""

from __future__ import annotations

import logging
from pathlib import Path

from tracker.config import load_config, sqlite_url_relative_to
from tracker.pipeline import run_once
from tracker.store import Store

logger = logging.getLogger(__name__)


def scrape(config_path: Path) -> None:
    """Run one pass; errors are logged, never raised into the scheduler."""
    config = load_config(config_path)
    store = Store(sqlite_url_relative_to(config.database.url, config.path))
    try:
        store.require_current()
        summary, report = run_once(config, store)
        logger.info(
            "scrape done: %s; alerts %s sent, %s failed", summary.line(), report.sent, report.failed
        )
    except Exception:  # the daemon must survive any one bad pass
        logger.exception("scrape pass failed")
    finally:
        store.close()
