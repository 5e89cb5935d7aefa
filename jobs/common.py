"""What every scheduled job does around its one library call: read the config again
(edits take effect without a restart), open the store, check its schema, close it —
and log any error instead of raising it into the scheduler, which must outlive a bad
config, a database that is down, or a bug in one pass."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from tracker.config import Config, load_config, sqlite_url_relative_to
from tracker.store import Store

logger = logging.getLogger(__name__)


def run_job(
    job: str,
    config_path: Path,
    db_url: str | None,
    body: Callable[[Config, Store], None],
    log: logging.Logger = logger,
) -> None:
    """`body(config, store)` for one run of `job`, with a current store; errors go to `log`
    (the job's own logger, so a line names the job's module)."""
    try:
        config = load_config(config_path)
        store = Store(db_url or sqlite_url_relative_to(config.database.url, config.path))
    except Exception:
        log.exception("%s skipped: cannot load %s", job, config_path)
        return
    try:
        store.require_current()
        body(config, store)
    except Exception:
        log.exception("%s pass failed", job)
    finally:
        store.close()
