"""The scheduled prune job: retention for checks and stored bodies ([retention])."""

from __future__ import annotations

import logging
from pathlib import Path

from jobs.common import run_job
from tracker.config import Config
from tracker.retention import prune as prune_store
from tracker.store import Store

logger = logging.getLogger(__name__)


def prune(config_path: Path, db_url: str | None = None) -> None:
    """One retention pass; like every job, it logs any error and never raises."""

    def body(config: Config, store: Store) -> None:
        logger.info("prune done: %s", prune_store(config, store).line())

    run_job("prune", config_path, db_url, body, logger)
