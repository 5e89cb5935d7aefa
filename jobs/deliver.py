"""The scheduled deliver job: drain the outbox, so alerts that failed are sent on their
backoff even when no scrape is due (a scrape pass also delivers when it ends)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

from jobs.common import run_job
from tracker.alerts import build_channels, deliver
from tracker.config import Config
from tracker.store import Store

logger = logging.getLogger(__name__)


def deliver_due(config_path: Path, db_url: str | None = None) -> None:
    """One outbox drain; like every job, it logs any error and never raises."""

    def body(config: Config, store: Store) -> None:
        channels = build_channels(config)
        store.free_dead_leases()  # alerts a killed daemon had claimed go out now
        lease = timedelta(seconds=config.schedule.lease)
        report = deliver(store, channels, datetime.now(UTC), lease=lease)
        if report.sent or report.failed:
            logger.info(
                "deliver done: %s sent, %s failed, %s given up",
                report.sent,
                report.failed,
                report.gave_up,
            )

    run_job("deliver", config_path, db_url, body, logger)
