"""The scheduled prune job: retention for checks and stored bodies ([retention])."""

from __future__ import annotations

import logging
from pathlib import Path

from tracker.config import load_config, sqlite_url_relative_to
from tracker.retention import prune as prune_store
from tracker.store import Store

logger = logging.getLogger(__name__)


def prune(config_path: Path, db_url: str | None = None) -> None:
    """One retention pass; like the scrape job, it logs any error and never raises."""
    try:
        config = load_config(config_path)
        store = Store(db_url or sqlite_url_relative_to(config.database.url, config.path))
    except Exception:
        logger.exception("prune skipped: cannot load %s", config_path)
        return
    try:
        store.require_current()
        logger.info("prune done: %s", prune_store(config, store).line())
    except Exception:
        logger.exception("prune failed")
    finally:
        store.close()
