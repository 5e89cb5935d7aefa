"""One pass over every source: fetch -> extract -> store (snapshot, view, diff, outbox).

This is the library function behind `tracker run`, the daemon's scrape job and the
demo. Failures belong to their source: each is recorded on the source's check row
and the run carries on. Alerts are delivered by the caller after this returns, i.e.
after every write of the pass has committed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import ssl
import threading
import time
from collections import Counter, defaultdict
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import httpx
import sniffio

from tracker.alerts import DeliveryReport, build_channels, deliver
from tracker.config import Config
from tracker.cron import fired_since
from tracker.diff import Change
from tracker.extract import EXTRACTOR_VERSION
from tracker.extract.model import Extraction
from tracker.fetch import Page, make_client, ssl_context
from tracker.kinds import Fetched, PageKind, SourceKind, is_new
from tracker.limits import Limits, Share, site_key
from tracker.lock import worker_id
from tracker.reader import PageRead, Reader, looks_like_html, workers_for
from tracker.retry import fetch_with_retries
from tracker.robots import RobotsGate, RobotsRules
from tracker.store import Attempt, Outcome, Policy, ShowSpec, SourceInfo, Store, StoredBody

logger = logging.getLogger(__name__)

FREE_FAILURES = 3  # a source may fail this many runs in a row before it is spaced out
FIRST_PAUSE = timedelta(hours=1)  # then it rests this long, doubling per further failure…
LONGEST_PAUSE = timedelta(days=1)  # …up to once a day
# Outcomes are written in batches, one transaction each: up to this many at once…
WRITE_BATCH = 64
WRITE_EVERY = 1.0  # …and at least this often (seconds), whatever is waiting
IN_HAND_PER_SLOT = 2  # pages fetched but not yet written, per fetch slot of this process
CLAIM_BATCH = 32  # sources claimed at once (at least; 4 per concurrency slot)…
BATCHES_IN_FLIGHT = 3  # …with this many claimed batches being fetched at a time
LINGER = 30.0  # longest a pass waits, its own work done, for due sources others hold…
LINGER_POLL = 1.0  # …asking every this many seconds


@dataclass
class RunSummary:
    """What one pass did; printed at the end of `tracker run`."""

    sources: int = 0
    fetched: int = 0
    not_modified: int = 0
    unchanged: int = 0
    snapshots: int = 0
    changes: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (url, "kind: message")
    deferred: int = 0  # failing sources resting this run (see `pause_after`)
    waiting: int = 0  # not due: their crontab has not fired since their last check
    elsewhere: int = 0  # due, but claimed by another worker (a second daemon, say)
    discovered: int = 0  # articles feeds named for the first time (or updated) this run
    seconds: float = 0.0

    @property
    def taken(self) -> int:
        """The sources this pass claimed and works through (the progress bar's total)."""
        return self.sources - self.deferred - self.waiting - self.elsewhere

    def line(self) -> str:
        resting = f", {self.deferred} failing sources resting" if self.deferred else ""
        if self.waiting:
            resting += f", {self.waiting} not due"
        if self.elsewhere:
            resting += f", {self.elsewhere} taken by another worker"
        articles = "article" if self.discovered == 1 else "articles"
        found = f" (incl. {self.discovered} {articles} from feeds)" if self.discovered else ""
        return (
            f"{self.sources} sources{found}: {self.fetched} fetched, "
            f"{self.not_modified} not modified, "
            f"{self.unchanged} unchanged, {len(self.failures)} failed{resting}; "
            f"{self.snapshots} snapshots, {self.changes} changes in {self.seconds:.1f}s"
        )


def pause_after(streak: int) -> timedelta:
    """How long a source that failed `streak` runs in a row rests before the next try.

    Nothing for the first few failures (a site down for an hour is checked as usual), then
    an hour, doubling each time up to a day: a source dead for days is still checked daily
    and shown failing in `tracker status`, but not hammered every run.
    """
    if streak < FREE_FAILURES:
        return timedelta(0)
    return min(FIRST_PAUSE * (1 << min(streak - FREE_FAILURES, 16)), LONGEST_PAUSE)


def is_due(source: SourceInfo, now: datetime) -> bool:
    """Whether a source should be fetched in a run at `now`, given its failure streak."""
    last = source.last_checked_at
    return last is None or now - last >= pause_after(source.failure_streak)


def show_specs(config: Config) -> list[ShowSpec]:
    return [
        ShowSpec(show.slug, show.title, tuple((t.kind, t.url) for t in config.targets(show)))
        for show in config.shows
    ]


Only = set[tuple[str, str]] | None  # (show slug, url) pairs to fetch; None = every source
Progress = Callable[[RunSummary, str], None]  # called after each source, with its site


@dataclass(frozen=True, slots=True)
class Claim:
    """Who runs a pass, and which sources it may take.

    `owner` names the leases the pass takes; `due_only` keeps the sources whose crontab has
    fired since their last check (the daemon, `tracker run --due-only`), where a plain
    `tracker run` takes every source not resting after failures. `stop`, once set (SIGTERM
    in the daemon), starts no further fetch: what is in flight is written, the rest of
    the leases are given back.
    """

    owner: str = field(default_factory=worker_id)
    due_only: bool = False
    stop: threading.Event = field(default_factory=threading.Event)


def run_pass(
    config: Config,
    store: Store,
    channels: Sequence[str],
    *,
    now: Callable[[], datetime] | None = None,
    only: Only = None,
    progress: Progress | None = None,
    claim: Claim | None = None,
    processes: int = 1,
) -> RunSummary:
    """Fetch every configured source once and store what follows; never raises for a source.

    With `processes` > 1 and enough due sources, the pass is split across that many
    forked processes (tracker.split); the caller must then be single-threaded, as
    `tracker run` is (the daemon's passes run in its own process).
    """
    clock = now or (lambda: datetime.now(UTC))
    claim = claim or Claim()
    started = time.monotonic()
    try:
        plan = _plan(config, store, clock, only, claim)
        if processes > 1 and len(plan.wanted) >= SPLIT_FROM:
            from tracker.split import run_split

            summary = run_split(config, store, channels, clock, plan, progress, processes)
        else:
            summary = plan.summary
            work = Work(plan.wanted, plan.due, summary)
            asyncio.run(work_pass(config, store, channels, clock, work, progress, claim))
    finally:
        store.release_sources(claim.owner)  # what the pass did not get to, e.g. when stopped
    summary.seconds = time.monotonic() - started
    return summary


SPLIT_FROM = 32  # due sources before a pass is worth splitting across processes


@dataclass
class Plan:
    """What a pass will do, decided before any fetch: the sources it wants, the test each
    must still pass when claimed, and the summary with what it leaves out counted."""

    wanted: list[SourceInfo]
    due: Callable[[SourceInfo], bool]
    summary: RunSummary


@dataclass
class Work:
    """One process's part of a pass: its sources, how they are limited, what it did."""

    wanted: list[SourceInfo]
    due: Callable[[SourceInfo], bool]
    summary: RunSummary
    share: Share | None = None  # its part of each site's limits when the pass is split
    robots: RobotsRules | None = None  # robots.txt verdicts already read for this pass
    verify: ssl.SSLContext | None = None  # the TLS context to share (one costs ~30 ms)


def _plan(
    config: Config, store: Store, now: Callable[[], datetime], only: Only, claim: Claim
) -> Plan:
    summary = RunSummary()
    sources = store.sync_shows(show_specs(config), now())
    if only is not None:
        sources = [s for s in sources if (s.show_slug, s.url) in only]
    sources += store.articles_to_retry([s.id for s in sources if s.kind == "feed"])
    at = now()
    due = _due(config, claim, at)
    # one URL's sources side by side, so they are claimed (and fetched) together
    wanted = sorted((s for s in sources if due(s)), key=lambda s: (s.kind, s.url, s.id))
    summary.sources = len(sources)
    summary.deferred = sum(1 for s in sources if not is_due(s, at))
    summary.waiting = len(sources) - summary.deferred - len(wanted)
    return Plan(wanted, due, summary)


def _due(config: Config, claim: Claim, at: datetime) -> Callable[[SourceInfo], bool]:
    """The test a source must pass at `at`, applied again to the row as claimed."""
    schedules = config.schedules() if claim.due_only else {}
    crons = {pair: cron for cron, pairs in schedules.items() for pair in pairs}

    def due(source: SourceInfo) -> bool:
        if source.last_checked_at is not None and source.last_checked_at >= at:
            return False  # checked since this pass began: another worker has done it
        if not is_due(source, at):
            return False
        cron = crons.get((source.show_slug, source.url))
        # without a crontab of its own (a plain run; an article, which comes with its feed)
        return cron is None or fired_since(cron, source.last_checked_at, at)

    return due


async def work_pass(
    config: Config,
    store: Store,
    channels: Sequence[str],
    now: Callable[[], datetime],
    work: Work,
    progress: Progress | None,
    claim: Claim,
) -> None:
    """Fetch, read and record `work`'s sources in this process's event loop."""
    # httpcore asks sniffio which async library runs, several times a request; say it once
    # here (tasks made from now on inherit it) rather than have it inspect the current task
    sniffio.current_async_library_cvar.set("asyncio")
    verify = work.verify or ssl_context()
    async with make_client(config.fetch, connections=2, verify=verify) as client:
        robots = RobotsGate(client, config, work.robots)  # robots.txt through its own client

        def lane_client() -> httpx.AsyncClient:
            lane = make_client(config.fetch, connections=1, verify=verify)
            lane.event_hooks = {"request": [robots.on_request], "response": []}
            return lane

        fetch = config.fetch
        limit = Limits(
            fetch.concurrency, fetch.per_host, fetch.min_interval, lane_client, work.share
        )
        run = _Pass(client, limit, robots, config, store, channels, now)
        run.summary, run.progress, run.claim = work.summary, progress, claim
        pages = sum(1 for s in work.wanted if s.kind in PageKind.kinds)
        workers = 0 if work.share is not None else workers_for(fetch.workers, pages)
        run.reader = Reader(workers)
        writer = asyncio.ensure_future(run.flushing())
        try:
            # a split pass's process has its part dealt already: one claim takes it all
            batch = len(work.wanted) if work.share is not None else None
            await run.claimed(work.wanted, work.due, batch)
        finally:
            writer.cancel()
            await limit.close()
            run.reader.close()
        run.flush()


class _Pass:
    """One pass: fetches each URL once, records it for each source, follows feeds."""

    summary: RunSummary
    progress: Progress | None
    reader: Reader
    claim: Claim

    def __init__(
        self,
        client: httpx.AsyncClient,
        limit: Limits,
        robots: RobotsGate,
        config: Config,
        store: Store,
        channels: Sequence[str],
        now: Callable[[], datetime],
    ) -> None:
        self.client, self.limit, self.robots = client, limit, robots
        self.config, self.store, self.channels, self.now = config, store, channels, now
        self.shows = {show.slug: show for show in config.shows}
        self.policy = policy_of(config)
        # In-flight and just-fetched URLs, shared by the groups that watch them; an entry is
        # dropped when its last group is recorded, so a pass holds no page longer than that.
        self._fetches: dict[_Key, asyncio.Task[Fetched]] = {}
        self._users: Counter[_Key] = Counter()
        self._pending: list[tuple[Outcome, bool]] = []  # recorded, not yet written
        self._in_hand = asyncio.Semaphore(IN_HAND_PER_SLOT * limit.slots)

    async def claimed(
        self,
        wanted: Sequence[SourceInfo],
        due: Callable[[SourceInfo], bool],
        batch: int | None = None,
    ) -> None:
        """Claim the wanted sources a batch at a time and work through each batch.

        Claiming as it goes, rather than all at the start, is what shares a firing among
        several daemons: each takes the next batch nobody holds, so the work splits by
        speed. A source another worker holds is skipped. Once its own work is done, the
        pass stays up to LINGER seconds while others still hold due sources, freeing the
        leases of processes of this host that died and taking any lease that ran out, so
        a daemon killed mid-pass has its share done in the same period.
        """
        lease = timedelta(seconds=self.config.schedule.lease)
        size = batch or max(CLAIM_BATCH, 4 * self.config.fetch.concurrency)
        queue = [s.id for s in wanted]
        held: list[int] = []  # due sources another worker had claimed
        running: set[asyncio.Future[None]] = set()
        lingered, done_here = 0.0, 0
        while not self.claim.stop.is_set():
            while queue and len(running) < BATCHES_IN_FLIGHT and not self.claim.stop.is_set():
                ids, queue = queue[:size], queue[size:]
                mine = self.store.claim_sources(ids, self.claim.owner, self.now(), lease, due)
                taken = {s.id for s in mine}
                done_here += len(taken)
                held += [i for i in ids if i not in taken]
                running.add(asyncio.ensure_future(self.sources(mine)))
            if not running:
                held = [s.id for s in self.store.sources_by_id(held) if due(s)]
                if not held or lingered >= min(LINGER, lease.total_seconds()):
                    break
                if not self.store.free_dead_leases():
                    await asyncio.sleep(LINGER_POLL)  # let a live worker finish, or its lease end
                    lingered += LINGER_POLL
                queue, held = held, []
                continue
            done, running = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
            for finished in done:
                finished.result()  # a bug in a batch surfaces here, as it would from gather
        if running:
            await asyncio.gather(*running)
        self.summary.elsewhere = len(wanted) - done_here - len(queue)  # queue: left when stopped

    async def sources(self, sources: Sequence[SourceInfo]) -> None:
        """Every source, grouped so a URL watched by several shows is fetched once."""
        groups: dict[tuple[str, str], list[SourceInfo]] = defaultdict(list)
        for source in sources:
            groups[(source.kind, source.url)].append(source)
        await asyncio.gather(*(self._group(kind, group) for (kind, _), group in groups.items()))

    async def _group(self, kind: str, group: list[SourceInfo]) -> None:
        key = _key(group)
        handler = SourceKind.registry[kind]
        if key not in self._fetches:
            hold = handler.holds_page
            self._fetches[key] = asyncio.ensure_future(self._get(*key, hold=hold))
        self._users[key] += 1
        found: list[SourceInfo] = []
        fetched: Fetched | None = None
        try:
            fetched = await self._fetches[key]
            found = await handler.handle(self, group, fetched)
            self.summary.sources += len(found)
            self.summary.discovered += len(found)
        except _Stopped:
            pass  # never fetched: nothing to record; its lease goes back after the pass
        finally:
            self._users[key] -= 1
            if not self._users[key]:
                del self._fetches[key], self._users[key]
                if fetched is not None and fetched.held:
                    self._in_hand.release()
        await self.sources(found)

    async def _get(
        self, url: str, etag: str | None, last_modified: str | None, *, hold: bool
    ) -> Fetched:
        """robots.txt first (once per site), then the fetch, each attempt in its own turn.

        With `hold`, each attempt's turn also takes a place among the pages in hand
        (fetched, not yet written), given back while waiting to retry and otherwise by the
        caller once the page is recorded: when pages arrive faster than they are read,
        fetching waits rather than piling bodies up in memory.
        """
        started: list[tuple[datetime, float]] = []  # when the first attempt got its turn
        held: list[bool] = []

        @contextlib.asynccontextmanager
        async def turn() -> AsyncIterator[httpx.AsyncClient]:
            async with self.limit.slot(url) as lane:
                if self.claim.stop.is_set():
                    raise _Stopped  # the daemon is stopping: start nothing new
                if hold and not held:
                    await self._in_hand.acquire()
                    held.append(True)
                if not started:
                    started.append((self.now(), time.monotonic()))
                yield lane

        def waiting() -> None:
            """A Retry-After or backoff wait holds no page: let another fetch have the place."""
            if held:
                held.clear()
                self._in_hand.release()

        if self.claim.stop.is_set():
            raise _Stopped
        refusal = await self.robots.check(url)
        if refusal is not None:
            return Fetched(refusal, self.now(), 0)
        self.limit.widen(url, self.robots.crawl_delay(url))
        result = await fetch_with_retries(
            self.client,
            url,
            self.config.fetch,
            etag=etag,
            last_modified=last_modified,
            robots=self.robots.applies(url),
            slot=turn,
            on_wait=waiting,
        )
        started_at, clock = started[0] if started else (self.now(), time.monotonic())
        duration_ms = int((time.monotonic() - clock) * 1000)
        return Fetched(result, started_at, duration_ms, held=bool(held))

    async def read(self, page: Page, sources: list[SourceInfo]) -> PageRead:
        """The page read for these sources' shows, in-process or in the reader pool."""
        shows = [self.shows[s.show_slug] for s in sources]
        wanted = [(show.title, tuple(show.aliases)) for show in shows]
        return await self.reader.read(
            page.text, looks_like_html(page.content_type, page.text), wanted
        )

    def claim_found(self, found: list[SourceInfo], lease: timedelta) -> list[SourceInfo]:
        """Claim the articles a feed named (another worker's feed may have named them)."""
        return self.store.claim_sources([s.id for s in found], self.claim.owner, self.now(), lease)

    def record(
        self,
        source: SourceInfo,
        fetched: Fetched,
        attempt: Attempt,
        extraction: Extraction | None,
        body: StoredBody | None = None,
    ) -> None:
        fresh = attempt.ok and is_new(source, fetched.result)
        stored = body if extraction is not None else None
        self._pending.append((Outcome(source, attempt, extraction, stored), fresh))
        if len(self._pending) >= WRITE_BATCH:
            self.flush()

    def flush(self) -> None:
        """Write the outcomes waiting so far, in one transaction, and count them."""
        pending, self._pending = self._pending, []
        if not pending:
            return
        outcomes = [outcome for outcome, _ in pending]
        written = self.store.record_many(outcomes, self.channels, EXTRACTOR_VERSION, self.policy)
        for (outcome, fresh), changes in zip(pending, written, strict=True):
            source, attempt = outcome.source, outcome.attempt
            _count(self.summary, source, attempt, fresh, outcome.extraction is not None, changes)
            if self.progress is not None:
                self.progress(self.summary, site_key(source.url))

    async def flushing(self) -> None:
        """Until cancelled: write what is waiting every WRITE_EVERY seconds, so a slow site
        at the end of a pass never holds back the outcomes (and alerts) already in hand;
        and renew the pass's leases a few times per lease, so a long pass keeps them."""
        lease = timedelta(seconds=self.config.schedule.lease)
        renewed = time.monotonic()
        while True:
            await asyncio.sleep(WRITE_EVERY)
            self.flush()
            if time.monotonic() - renewed >= lease.total_seconds() / 3:
                self.store.renew_leases(self.claim.owner, self.now(), lease)
                renewed = time.monotonic()


class _Stopped(Exception):
    """Raised instead of starting a fetch once the pass has been asked to stop."""


_Key = tuple[str, str | None, str | None]  # URL and the validators its GET sends


def _key(group: list[SourceInfo]) -> _Key:
    """The group's one fetch: conditional only when every source has the same validators."""
    first = group[0]
    same = all((s.etag, s.last_modified) == (first.etag, first.last_modified) for s in group)
    return (first.url, first.etag, first.last_modified) if same else (first.url, None, None)


def policy_of(config: Config) -> Policy:
    """The store's change policy from config [changes]."""
    changes = config.changes
    return Policy(
        thresholds=changes.ratings.model_dump(),
        failing_after=changes.failing_after,
        flap_window=timedelta(minutes=changes.flap_window),
    )


def _count(
    summary: RunSummary,
    source: SourceInfo,
    attempt: Attempt,
    fresh: bool,
    snapshot: bool,
    changes: list[Change],
) -> None:
    """Tally one recorded source: failed, 304, same body as before, or read anew."""
    if not attempt.ok:
        summary.failures.append((source.url, f"{attempt.error_kind}: {attempt.error}"))
    elif attempt.http_status == 304:
        summary.not_modified += 1
    elif not fresh:
        summary.unchanged += 1
    else:
        summary.fetched += 1
    summary.snapshots += snapshot
    summary.changes += len(changes)


def run_once(
    config: Config,
    store: Store,
    *,
    echo: Callable[[str], None] | None = None,
    now: Callable[[], datetime] | None = None,
    only: Only = None,
    progress: Progress | None = None,
    claim: Claim | None = None,
    processes: int = 1,
) -> tuple[RunSummary, DeliveryReport]:
    """`tracker run` and the scrape job: one pass, then deliver the outbox.

    Channels are built first, so a missing secret fails before any fetch; delivery
    runs after every write of the pass has committed.
    """
    clock = now or (lambda: datetime.now(UTC))
    channels = build_channels(config, echo)
    keys = [c.key for c in channels]
    claim = claim or Claim()
    summary = run_pass(
        config,
        store,
        keys,
        now=clock,
        only=only,
        progress=progress,
        claim=claim,
        processes=processes,
    )
    report = deliver(
        store, channels, clock(), claim.owner, timedelta(seconds=config.schedule.lease)
    )
    return summary, report
