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
import time
from collections import defaultdict
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

import httpx

from tracker.alerts import DeliveryReport, build_channels, deliver
from tracker.config import Config, Show
from tracker.diff import Change
from tracker.errors import FetchError
from tracker.extract import EXTRACTOR_VERSION, extract_document, read_document
from tracker.extract.document import Document
from tracker.extract.model import Extraction
from tracker.fetch import Page, make_client
from tracker.retry import fetch_with_retries
from tracker.robots import Robots
from tracker.store import Attempt, ShowSpec, SourceInfo, Store

logger = logging.getLogger(__name__)

MIN_TEXT_CHARS = 200  # less readable text than this is a JS-only shell or an error page
FREE_FAILURES = 3  # a source may fail this many runs in a row before it is spaced out
FIRST_PAUSE = timedelta(hours=1)  # then it rests this long, doubling per further failure…
LONGEST_PAUSE = timedelta(days=1)  # …up to once a day
MAX_CRAWL_DELAY = 60.0  # seconds: a longer robots.txt Crawl-delay is capped, a run must end


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
    seconds: float = 0.0

    def line(self) -> str:
        resting = f", {self.deferred} failing sources resting" if self.deferred else ""
        return (
            f"{self.sources} sources: {self.fetched} fetched, {self.not_modified} not modified, "
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
        ShowSpec(show.slug, show.title, tuple((s.kind, s.url) for s in show.sources))
        for show in config.shows
    ]


Only = set[tuple[str, str]] | None  # (show slug, url) pairs to fetch; None = every source


def run_pass(
    config: Config,
    store: Store,
    channels: Sequence[str],
    *,
    now: Callable[[], datetime] | None = None,
    only: Only = None,
) -> RunSummary:
    """Fetch every configured source once and store what follows; never raises for a source."""
    return asyncio.run(_run(config, store, channels, now or (lambda: datetime.now(UTC)), only))


async def _run(
    config: Config,
    store: Store,
    channels: Sequence[str],
    now: Callable[[], datetime],
    only: Only,
) -> RunSummary:
    started = time.monotonic()
    summary = RunSummary()
    sources = store.sync_shows(show_specs(config), now())
    if only is not None:
        sources = [s for s in sources if (s.show_slug, s.url) in only]
    summary.sources = len(sources)
    at = now()
    due = [s for s in sources if is_due(s, at)]
    summary.deferred = len(sources) - len(due)
    sources = due
    shows = {show.slug: show for show in config.shows}
    by_url: dict[str, list[SourceInfo]] = defaultdict(list)
    for source in sources:
        by_url[source.url].append(source)
    limit = _Limits(config.fetch.concurrency, config.fetch.per_host, config.fetch.min_interval)
    async with make_client(config.fetch) as client:
        robots = _RobotsGate(client, config)
        jobs = (
            _one_url(client, limit, robots, config, store, group, shows, channels, now, summary)
            for group in by_url.values()
        )
        await asyncio.gather(*jobs)
    summary.seconds = time.monotonic() - started
    return summary


async def _one_url(
    client: httpx.AsyncClient,
    limit: _Limits,
    robots: _RobotsGate,
    config: Config,
    store: Store,
    group: list[SourceInfo],
    shows: dict[str, Show],
    channels: Sequence[str],
    now: Callable[[], datetime],
    summary: RunSummary,
) -> None:
    """Fetch one URL once, then record it for every show that watches it."""
    first = group[0]
    same_state = all((s.etag, s.last_modified) == (first.etag, first.last_modified) for s in group)
    async with limit.slot(first.url):
        started_at, clock = now(), time.monotonic()
        refusal = await robots.check(first.url)
        limit.widen(first.url, robots.crawl_delay(first.url))
        result = refusal or await fetch_with_retries(
            client,
            first.url,
            config.fetch,
            etag=first.etag if same_state else None,
            last_modified=first.last_modified if same_state else None,
        )
    duration_ms = int((time.monotonic() - clock) * 1000)
    document = _document(result)
    for source in group:
        attempt, extraction = _outcome(source, result, document, shows, started_at, duration_ms)
        changes = store.record(source, attempt, extraction, channels, EXTRACTOR_VERSION)
        _count(summary, source, attempt, extraction, changes)


class _RobotsGate:
    """robots.txt for every URL, except those a config entry opted out (`robots = false`)."""

    def __init__(self, client: httpx.AsyncClient, config: Config) -> None:
        self._robots = Robots(client, config.fetch.user_agent, config.fetch.timeout)
        self._exempt = {s.url for show in config.shows for s in show.sources if not s.robots}

    async def check(self, url: str) -> FetchError | None:
        return None if url in self._exempt else await self._robots.check(url)

    def crawl_delay(self, url: str) -> float | None:
        return None if url in self._exempt else self._robots.crawl_delay(url)


class _Limits:
    """A global limit on fetches in flight; per site, a limit and a minimum spacing.

    A site is scheme-less host:port. Its fetches start at least `interval` seconds apart,
    however many of its sources are due, so a page of fifty tags is never a burst; a
    site's robots.txt Crawl-delay widens its own spacing (up to `MAX_CRAWL_DELAY`).
    """

    def __init__(self, total: int, per_host: int, interval: float) -> None:
        self._total = asyncio.Semaphore(total)
        self._per_host = per_host
        self._interval = interval
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._next_start: dict[str, float] = {}
        self._intervals: dict[str, float] = {}  # sites whose Crawl-delay is longer

    def widen(self, url: str, seconds: float | None) -> None:
        """Space the site's next fetches `seconds` apart if that is longer than usual.

        Called once robots.txt is known, inside the site's slot: the latest reserved turn
        is pushed back by the difference; turns already being waited for keep their time.
        """
        site = _site(url)
        current = self._intervals.get(site, self._interval)
        interval = min(seconds or 0.0, MAX_CRAWL_DELAY)
        if interval > current:
            self._intervals[site] = interval
            self._next_start[site] += interval - current

    @contextlib.asynccontextmanager
    async def slot(self, url: str) -> AsyncIterator[None]:
        """Wait for the site's turn, then for a global slot (never hold one while queued)."""
        site = _site(url)
        if site not in self._hosts:
            self._hosts[site] = asyncio.Semaphore(self._per_host)
        async with self._hosts[site]:
            await self._spaced(site)
            async with self._total:
                yield

    async def _spaced(self, site: str) -> None:
        now = time.monotonic()
        start = max(now, self._next_start.get(site, now))
        self._next_start[site] = start + self._intervals.get(site, self._interval)  # reserved
        if start > now:
            await asyncio.sleep(start - now)


def _site(url: str) -> str:
    return httpx.URL(url).netloc.decode()


def _document(result: Page | FetchError) -> Document | FetchError | None:
    """Read the page once for all its shows; a near-empty page is a recorded failure."""
    if isinstance(result, FetchError) or result.not_modified:
        return None
    html = (
        result.text
        if "html" in result.content_type or "<html" in result.text[:2000].lower()
        else None
    )
    document = read_document(html=html) if html is not None else read_document(text=result.text)
    if len(document.text) < MIN_TEXT_CHARS:
        return FetchError("empty", "page has no readable article text (JavaScript-only?)")
    return document


def _outcome(
    source: SourceInfo,
    result: Page | FetchError,
    document: Document | FetchError | None,
    shows: dict[str, Show],
    started_at: datetime,
    duration_ms: int,
) -> tuple[Attempt, Extraction | None]:
    if isinstance(result, FetchError):
        return _failed(source.url, result, started_at, duration_ms), None
    if isinstance(document, FetchError):
        failed = _failed(source.url, document, started_at, duration_ms)
        return replace(failed, http_status=result.status_code), None
    attempt = Attempt(
        started_at=started_at,
        duration_ms=duration_ms,
        ok=True,
        url=result.final_url,
        http_status=result.status_code,
        etag=result.etag,
        last_modified=result.last_modified,
        content_hash=result.content_hash or None,
    )
    if document is None or result.content_hash == source.content_hash:
        return attempt, None  # 304 or the same bytes as last time: nothing new to read
    show = shows[source.show_slug]
    return attempt, extract_document(document, show.title, show.aliases)


def _failed(url: str, error: FetchError, started_at: datetime, duration_ms: int) -> Attempt:
    logger.info("fetch failed for %s: %s", url, error)
    return Attempt(
        started_at=started_at,
        duration_ms=duration_ms,
        ok=False,
        url=url,
        http_status=error.http_status,
        error_kind=error.kind,
        error=error.message,
    )


def _count(
    summary: RunSummary,
    source: SourceInfo,
    attempt: Attempt,
    extraction: Extraction | None,
    changes: list[Change],
) -> None:
    if not attempt.ok:
        summary.failures.append((source.url, f"{attempt.error_kind}: {attempt.error}"))
    elif attempt.http_status == 304:
        summary.not_modified += 1
    elif extraction is None:
        summary.unchanged += 1
    else:
        summary.fetched += 1
        summary.snapshots += 1
    summary.changes += len(changes)


def run_once(
    config: Config,
    store: Store,
    *,
    echo: Callable[[str], None] | None = None,
    now: Callable[[], datetime] | None = None,
    only: Only = None,
) -> tuple[RunSummary, DeliveryReport]:
    """`tracker run` and the scrape job: one pass, then deliver the outbox.

    Channels are built first, so a missing secret fails before any fetch; delivery
    runs after every write of the pass has committed.
    """
    clock = now or (lambda: datetime.now(UTC))
    channels = build_channels(config, echo)
    summary = run_pass(config, store, [c.key for c in channels], now=clock, only=only)
    report = deliver(store, channels, clock())
    return summary, report
