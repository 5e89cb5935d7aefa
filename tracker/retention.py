"""Retention: checks and stored bodies older than [retention] allows are deleted.

Checks are the audit trail of every fetch (one per source per run: a thousand sources
every six hours make four thousand rows a day), and bodies are kept for re-extraction;
neither is history a user reads. Snapshots and changes are, and are never pruned.
Called by `tracker prune` and by the daemon's prune job (jobs/prune.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from tracker.config import Config
from tracker.store import Store


@dataclass(frozen=True, slots=True)
class PruneReport:
    checks: int
    bodies: int
    dry_run: bool

    def line(self) -> str:
        verb = "would delete" if self.dry_run else "deleted"
        return f"{verb} {self.checks} checks and {self.bodies} stored bodies"


def prune(
    config: Config, store: Store, *, now: datetime | None = None, dry_run: bool = False
) -> PruneReport:
    """Delete (or count, with `dry_run`) what is older than the configured retention."""
    now = now or datetime.now(UTC)
    keep = config.retention
    checks, bodies = store.prune(
        now - timedelta(days=keep.checks_days),
        now - timedelta(days=keep.bodies_days),
        dry_run=dry_run,
    )
    return PruneReport(checks, bodies, dry_run)
