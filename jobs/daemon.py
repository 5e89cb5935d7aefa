"""`tracker daemon`: APScheduler 3.x decides *when*; leases in the database decide *who*.

One scrape job per distinct crontab (a source's own `cron`, else its show's, else
[schedule].cron), each taking only its sources and only those due — fired since their
last check — so a duplicate firing, a restart or a second daemon on PostgreSQL finds
nothing to redo. Beside them, a deliver job drains the outbox (alerts that failed are
retried on their backoff) and the daily prune job applies [retention].

Scheduling choices, all from [schedule]: `jitter` seconds of random delay per firing, so
daemons and the sites they visit are not hit on the minute; `coalesce` on, so a backlog
of missed firings runs once; `misfire_grace` bounds how late a firing may still run
(later ones are caught up by the next, since dueness lives in the database); one instance
of each job at a time.

SIGTERM or Ctrl-C: no new fetch starts, fetches in flight finish and are written, the
pass gives back the leases it did not use, alerts already written are sent, and the
process exits 0. A second signal exits at once (status 1); leases then expire on their
own, or are freed by the next daemon started on this host. On
SQLite one daemon holds the database (tracker.lock); a second refuses to start.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import threading
from pathlib import Path

from apscheduler.schedulers.background import BackgroundScheduler

from jobs.deliver import deliver_due
from jobs.prune import prune
from jobs.scrape import scrape
from tracker.config import Config, load_config, sqlite_url_relative_to
from tracker.cron import cron_trigger
from tracker.lock import DaemonLock
from tracker.store import Store, sqlite_file

logger = logging.getLogger(__name__)


def build_scheduler(
    config_path: Path, db_url: str | None = None, stop: threading.Event | None = None
) -> BackgroundScheduler:
    """The scrape jobs (one per crontab), the deliver job and the daily prune job."""
    config = load_config(config_path)
    stop = stop or threading.Event()
    schedule = config.schedule
    scheduler = BackgroundScheduler(timezone="UTC")
    every = {
        "coalesce": True,  # a backlog of missed firings runs once, not N times
        "max_instances": 1,
        "misfire_grace_time": schedule.misfire_grace,
    }
    for index, cron in enumerate(sorted(config.schedules())):
        scheduler.add_job(
            scrape,
            cron_trigger(cron, jitter=schedule.jitter or None),
            args=[config_path, db_url, cron, stop],
            id=f"scrape-{index}",
            name=f"scrape on {cron!r}",
            **every,
        )
    scheduler.add_job(
        deliver_due,
        cron_trigger(schedule.deliver_cron),
        args=[config_path, db_url],
        id="deliver",
        name=f"deliver on {schedule.deliver_cron!r}",
        **every,
    )
    scheduler.add_job(
        prune,
        cron_trigger(config.retention.cron),
        args=[config_path, db_url],
        id="prune",
        name=f"prune on {config.retention.cron!r}",
        **every | {"misfire_grace_time": 3600},
    )
    return scheduler


STOP_SIGNALS = frozenset({signal.SIGTERM, signal.SIGINT})


def run_daemon(config_path: Path, db_url: str | None = None, run_now: bool = True) -> None:
    """Run the jobs on schedule until SIGTERM or Ctrl-C; then stop cleanly.

    The jobs run on the scheduler's own threads; the main thread only waits for a stop
    signal with `sigwait`. No signal handler ever runs inside scheduler or logging code:
    an exception raised there (the usual KeyboardInterrupt trick) can be swallowed by
    the scheduler, or leave a logging lock held while shutdown waits for a job that
    needs it, and a daemon that ignores SIGTERM is killed by its supervisor instead.
    """
    config = load_config(config_path)
    url = db_url or sqlite_url_relative_to(config.database.url, config.path)
    database = sqlite_file(url)
    lock = DaemonLock(database) if database is not None else contextlib.nullcontext()
    with lock:
        free_dead_leases(url)
        stop = threading.Event()
        scheduler = build_scheduler(config_path, db_url, stop)
        if run_now:  # catch up: whatever fell due while no daemon ran
            scheduler.add_job(scrape, args=[config_path, db_url, None, stop], id="scrape-now")
        # blocked before any scheduler thread exists, so every thread inherits the mask
        # and the signals wait for sigwait below instead of interrupting anything
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        try:
            scheduler.start()
            logger.info(
                "daemon started: %s jobs; %s", len(scheduler.get_jobs()), _plan(config, scheduler)
            )
            received = signal.sigwait(STOP_SIGNALS)
            stop.set()
            logger.info(
                "daemon stopping (%s): finishing the fetches in flight",
                signal.Signals(received).name,
            )
            threading.Thread(target=_exit_on_second_signal, daemon=True).start()
            scheduler.shutdown(wait=True)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        logger.info("daemon stopped")


def _exit_on_second_signal() -> None:
    """A second SIGTERM/Ctrl-C while stopping: exit at once (leases then expire)."""
    received = signal.sigwait(STOP_SIGNALS)
    logger.warning("second %s: exiting now", signal.Signals(received).name)
    logging.shutdown()
    os._exit(1)


def free_dead_leases(url: str) -> None:
    """Give back leases held by processes of this host that no longer exist (a daemon
    killed with SIGKILL), instead of waiting for them to expire."""
    store = Store(url)
    try:
        freed = store.free_dead_leases()
        if freed:
            logger.info("freed %s leases left by dead processes on this host", freed)
    finally:
        store.close()


def _plan(config: Config, scheduler: BackgroundScheduler) -> str:
    return "; ".join(f"{job.name}" for job in scheduler.get_jobs()) + (
        f"; jitter {config.schedule.jitter}s, misfire grace {config.schedule.misfire_grace}s"
    )
