"""One `tracker run` pass split across processes, so that every CPU fetches, reads and writes.

A pass is CPU-bound long before the network is the limit: each page costs about a
millisecond of HTTP handling and three of parsing and rules, and one event loop runs on one
CPU. So a big pass (SPLIT_FROM due sources or more) on a machine with CPUs to spare forks
`[fetch] processes` copies of itself after planning, each with its own event loop, HTTP
clients and database connection, and deals them the sources:

- one URL's sources stay together (fetched once), a site's URLs are dealt in turn, so
  every process fetches from every site; each site's limits are divided among them
  (`limits.Share`): together they keep `per_host`, `min_interval` and the global limit;
- robots.txt is read once, here, before the fork, and every process inherits the verdicts;
  a site whose robots.txt has not answered within ROBOTS_WAIT seconds goes whole to one
  process, which asks for it again;
- each process claims its sources like any worker (leases), reports its progress and its
  summary through a pipe, and frees its leases when done;
- a process that dies (killed, out of memory) has its part finished here, in-process;
  Ctrl-C here stops every process as SIGTERM stops the daemon (in-flight work written).

Forking needs a single-threaded parent and a database file or server the children can
open: `tracker run` qualifies; the daemon (threads) and in-memory SQLite run in one process.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import multiprocessing
import os
import signal
import sys
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from itertools import groupby
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from ssl import SSLContext

from tracker.config import Config
from tracker.fetch import make_client, ssl_context
from tracker.kinds import PageKind
from tracker.limits import Share
from tracker.pipeline import Claim, Plan, Progress, RunSummary, Work, work_pass
from tracker.robots import RobotsGate, RobotsRules, site_of
from tracker.store import SourceInfo, Store

logger = logging.getLogger(__name__)

MAX_AUTO_PROCESSES = 4
ROBOTS_WAIT = 3.0  # seconds the split waits for robots.txt files before dealing sources
_COUNTS = (
    "sources",
    "fetched",
    "not_modified",
    "unchanged",
    "snapshots",
    "changes",
    "deferred",
    "waiting",
    "elsewhere",
    "discovered",
)


def processes_for(setting: int | None, per_host: int, store: Store, cpus: int | None = None) -> int:
    """How many processes `tracker run` may split a pass across: the configured number,
    or (None = auto) one per CPU up to MAX_AUTO_PROCESSES; never more than `per_host`
    (each process needs a lane on every site), and one where forking cannot work."""
    if not _can_fork(store):
        return 1
    wanted = setting if setting is not None else min(cpus or usable_cpus(), MAX_AUTO_PROCESSES)
    return max(1, min(wanted, per_host))


def usable_cpus() -> int:
    """CPUs this process may run on (a container's limit, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _can_fork(store: Store) -> bool:
    """On Linux (macOS's system libraries are not safe across fork()), with a database
    other processes can open."""
    url = store.engine.url
    in_memory = url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")
    return sys.platform.startswith("linux") and not in_memory


def deal(wanted: Sequence[SourceInfo], count: int, whole: set[str]) -> list[list[SourceInfo]]:
    """The sources dealt to `count` processes: one URL's sources together (`wanted` is
    sorted by kind and URL), each site's URLs in turn from a place of its own; the URLs
    of a site in `whole` all to one process."""
    parts: list[list[SourceInfo]] = [[] for _ in range(count)]
    dealt: Counter[str] = Counter()
    for (_, url), group in groupby(wanted, key=lambda s: (s.kind, s.url)):
        site = site_of(url) or ""
        turn = 0 if site in whole else dealt[site]
        dealt[site] += 1
        parts[(zlib.crc32(site.encode()) + turn) % count] += group
    return parts


def run_split(
    config: Config,
    store: Store,
    channels: Sequence[str],
    now: Callable[[], datetime],
    plan: Plan,
    progress: Progress | None,
    processes: int,
) -> RunSummary:
    """The pass of `plan` in up to `processes` forked processes; their summaries merged."""
    urls = [s.url for s in plan.wanted]
    verify = ssl_context()  # made once, inherited by every process
    robots, slow = asyncio.run(_read_robots(config, urls, verify))
    parts = [part for part in deal(plan.wanted, processes, slow) if part]
    start = time.monotonic()
    works = [
        Work(part, plan.due, RunSummary(), share, robots, verify)
        for part, share in zip(parts, _shares(len(parts), start), strict=True)
    ]
    if any(s.kind in PageKind.kinds and s.content_hash is None for s in plan.wanted):
        import tracker.extract.engine  # noqa: F401  pages never read will be: load it once, shared
    gc.freeze()  # what exists now is shared: no collection in a child writes to its pages
    try:
        watched = progress is not None
        children = [_start(config, store, channels, now, work, watched) for work in works]
    finally:
        gc.unfreeze()
    _gather(children, plan.summary, progress)
    summaries = [child.summary for child in children]
    leftover = [s for child in children if not child.done for s in child.work.wanted]
    if leftover:
        summaries.append(_finish(config, store, channels, now, plan, leftover, works[0]))
    return merged(plan.summary, summaries)


def _shares(count: int, start: float) -> list[Share]:
    return [Share(index, count, start) for index in range(count)]


async def _read_robots(
    config: Config, urls: Sequence[str], verify: SSLContext
) -> tuple[RobotsRules, set[str]]:
    """The robots.txt verdicts read within ROBOTS_WAIT, and the sites still unanswered
    (sources opted out of robots.txt ask nothing)."""
    async with make_client(config.fetch, verify=verify) as client:
        gate = RobotsGate(client, config)
        rules = await gate.read(urls, ROBOTS_WAIT)
    asked = {site for url in urls if gate.applies(url) and (site := site_of(url))}
    return rules, asked - rules.keys()


@dataclass
class _Child:
    """A forked process working through its part, and what it has reported so far."""

    process: BaseProcess
    conn: Connection
    work: Work
    summary: RunSummary = field(default_factory=RunSummary)
    done: bool = False


def _start(
    config: Config,
    store: Store,
    channels: Sequence[str],
    now: Callable[[], datetime],
    work: Work,
    watched: bool,
) -> _Child:
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=_child_main,
        args=(sender, config, store, channels, now, work, watched),
        daemon=True,
    )
    process.start()
    sender.close()
    return _Child(process, receiver, work)


def _child_main(
    conn: Connection,
    config: Config,
    store: Store,
    channels: Sequence[str],
    now: Callable[[], datetime],
    work: Work,
    watched: bool,
) -> None:
    """In the forked process: its own connections and leases; each source's progress sent
    up the pipe when `watched` (a terminal shows a bar), else only the summary."""
    store.engine.dispose(close=False)  # the parent's pooled connections stay the parent's
    claim = Claim()  # leases in this process's own name
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle…
    signal.signal(signal.SIGTERM, lambda *_: claim.stop.set())  # …which stops us so
    sent = 0

    def report(summary: RunSummary, site: str) -> None:
        nonlocal sent
        _send(conn, ("progress", replace(summary, failures=summary.failures[sent:]), site))
        sent = len(summary.failures)

    try:
        progress = report if watched else None
        asyncio.run(work_pass(config, store, channels, now, work, progress, claim))
    finally:
        store.release_sources(claim.owner)
    _send(conn, ("done", replace(work.summary, failures=work.summary.failures[sent:]), ""))
    conn.close()


def _send(conn: Connection, message: tuple[str, RunSummary, str]) -> None:
    """Up the pipe; a parent that is gone (killed) no longer listens, and the work is
    recorded all the same."""
    with contextlib.suppress(OSError):
        conn.send(message)


def _gather(children: list[_Child], base: RunSummary, progress: Progress | None) -> None:
    """Until every child has ended: take in what each reports, show the merged progress.

    Interrupted (Ctrl-C), it stops the children as the daemon stops on SIGTERM: no new
    fetch, what is in flight written, leases given back; then the interrupt goes on.
    """
    try:
        _take_reports(children, base, progress)
    except BaseException:
        for child in children:
            if child.process.is_alive():
                child.process.terminate()  # SIGTERM: the child's claim.stop
        for child in children:
            child.process.join()
        raise


def _take_reports(children: list[_Child], base: RunSummary, progress: Progress | None) -> None:
    live = {child.conn: child for child in children}
    while live:
        for conn in wait(list(live)):
            assert isinstance(conn, Connection)
            child = live[conn]
            try:
                kind, summary, site = conn.recv()
            except EOFError:
                del live[conn]
                child.process.join()
                continue
            failures = child.summary.failures + summary.failures
            child.summary = replace(summary, failures=failures)
            child.done = kind == "done"
            if progress is not None and not child.done:
                progress(merged(base, [c.summary for c in children]), site)


def _finish(
    config: Config,
    store: Store,
    channels: Sequence[str],
    now: Callable[[], datetime],
    plan: Plan,
    leftover: list[SourceInfo],
    like: Work,
) -> RunSummary:
    """A process died: what it did not record is done here (its leases freed first), with
    the robots.txt verdicts and TLS context `like` had, and the whole of each site's limits."""
    logger.warning("a pass process ended early; finishing its %d sources here", len(leftover))
    store.free_dead_leases()
    work = Work(leftover, plan.due, RunSummary(), robots=like.robots, verify=like.verify)
    claim = Claim()
    try:
        asyncio.run(work_pass(config, store, channels, now, work, None, claim))
    finally:
        store.release_sources(claim.owner)
    return work.summary


def merged(base: RunSummary, parts: Iterable[RunSummary]) -> RunSummary:
    """`base` (the plan's counts) plus what each process did."""
    total = replace(base, failures=list(base.failures))
    for part in parts:
        for name in _COUNTS:
            setattr(total, name, getattr(total, name) + getattr(part, name))
        total.failures += part.failures
    return total
