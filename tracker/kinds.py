"""Source kinds: what a pass does with one fetch of a page, a feed or a TVmaze listing.

A small registry keyed by the `kind` names config.toml uses (plus `article`, a page a
feed named): each class says how a fetched body becomes check rows, extractions and
further sources, and whether its bodies count among the pages a pass holds in memory.
The pass (tracker.pipeline) fetches each URL once, then hands the result to the kind's
`handle` with every source that watches that URL.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from tracker.errors import FetchError
from tracker.extract.model import Extraction
from tracker.fetch import Page
from tracker.reader import PageRead, compress
from tracker.store import Attempt, SourceInfo, Store, StoredBody
from tracker.tvmaze import read_show

if TYPE_CHECKING:
    from tracker.config import Config, Show
    from tracker.feeds import FeedItem

logger = logging.getLogger(__name__)

EMPTY = FetchError("empty", "page has no readable article text (JavaScript-only?)")


@dataclass
class Fetched:
    """One fetch of one URL in a pass, shared by every source that watches the URL."""

    result: Page | FetchError
    started_at: datetime
    duration_ms: int
    held: bool = False  # it holds a place among the pass's pages in hand


class Run(Protocol):
    """What a kind needs of the pass that runs it."""

    config: Config
    store: Store
    shows: dict[str, Show]

    def now(self) -> datetime: ...

    async def read(self, page: Page, sources: list[SourceInfo]) -> PageRead: ...

    def record(
        self,
        source: SourceInfo,
        fetched: Fetched,
        attempt: Attempt,
        extraction: Extraction | None,
        body: StoredBody | None = None,
    ) -> None: ...

    def claim_found(self, found: list[SourceInfo], lease: timedelta) -> list[SourceInfo]: ...


class SourceKind:
    """Base class: subclasses name their `kinds` and implement `handle`."""

    kinds: ClassVar[tuple[str, ...]] = ()
    holds_page: ClassVar[bool] = False  # bodies count among the pages a pass holds
    registry: ClassVar[dict[str, type[SourceKind]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for kind in cls.kinds:
            SourceKind.registry[kind] = cls

    @classmethod
    async def handle(cls, run: Run, group: list[SourceInfo], fetched: Fetched) -> list[SourceInfo]:
        """Record every source of `group`; return new sources to fetch in this pass."""
        raise NotImplementedError


class PageKind(SourceKind):
    """An article page: read once for the shows that have not seen this body."""

    kinds = ("page", "article")
    holds_page = True

    @classmethod
    async def handle(cls, run: Run, group: list[SourceInfo], fetched: Fetched) -> list[SourceInfo]:
        result = fetched.result
        fresh = [s for s in group if is_new(s, result)]
        read = await run.read(result, fresh) if fresh and isinstance(result, Page) else None
        extractions: dict[int, Extraction] = {}
        body = None
        if read is not None and not read.empty:
            assert isinstance(result, Page)
            extractions = dict(zip((s.id for s in fresh), read.extractions, strict=True))
            body = StoredBody(result.content_type, result.content_hash, read.compressed)
        for source in group:
            attempt, extraction = attempt_of(source, fetched), None
            if read is not None and read.empty and source in fresh:
                attempt = failed_attempt(source, fetched, EMPTY)
            elif source.id in extractions:
                assert read is not None
                attempt = replace(attempt, canonical_url=read.canonical)
                if not run.store.is_known_elsewhere(source, read.canonical):
                    extraction = extractions[source.id]
            run.record(source, fetched, attempt, extraction, body)
        return []


class TvmazeKind(SourceKind):
    """A TVmaze show listing: its status and rating, a weak structured signal."""

    kinds = ("tvmaze",)

    @classmethod
    async def handle(cls, run: Run, group: list[SourceInfo], fetched: Fetched) -> list[SourceInfo]:
        result = fetched.result
        fresh = any(is_new(s, result) for s in group)
        body = stored(result) if fresh else None  # an unchanged answer is kept already
        for source in group:
            attempt = attempt_of(source, fetched)
            extraction = None
            if is_new(source, result):
                assert isinstance(result, Page)
                try:
                    extraction = read_show(result.text, run.shows[source.show_slug].title)
                except FetchError as error:
                    attempt = failed_attempt(source, fetched, error)
            run.record(source, fetched, attempt, extraction, body if extraction else None)
        return []


class FeedKind(SourceKind):
    """An RSS/Atom feed: the items naming each show become articles to fetch."""

    kinds = ("feed",)

    @classmethod
    async def handle(cls, run: Run, group: list[SourceInfo], fetched: Fetched) -> list[SourceInfo]:
        items: list[FeedItem] | FetchError | None = None
        found: list[SourceInfo] = []
        for source in group:
            attempt = attempt_of(source, fetched)
            if is_new(source, fetched.result):
                assert isinstance(fetched.result, Page)
                if items is None:
                    items = feed_items(fetched.result)
                if isinstance(items, FetchError):
                    attempt = failed_attempt(source, fetched, items)
                else:
                    found += cls._discover(run, source, items)
            run.record(source, fetched, attempt, None)
        return found

    @staticmethod
    def _discover(run: Run, feed: SourceInfo, items: list[FeedItem]) -> list[SourceInfo]:
        from tracker.extract.shows import matcher_for  # its patterns: start-up of a 304 pass
        from tracker.feeds import naming

        show = run.shows[feed.show_slug]
        matcher = matcher_for(show.title, tuple(show.aliases))
        named = naming(items, matcher, run.config.feeds.max_items)
        found = run.store.discover(feed, named, run.now())
        # another worker's feed may have named the same article: whoever claims it reads it
        return run.claim_found(found, timedelta(seconds=run.config.schedule.lease))


# -- from a fetch to the store's values ---------------------------------------------------


def stored(result: Page | FetchError) -> StoredBody | None:
    """The body as the store keeps it (a page's is compressed by its reader instead)."""
    if not isinstance(result, Page) or result.not_modified:
        return None
    return StoredBody(result.content_type, result.content_hash, compress(result.text))


def is_new(source: SourceInfo, result: Page | FetchError) -> bool:
    """A body worth reading: fetched (not 304) and not the same bytes as last time."""
    return (
        isinstance(result, Page)
        and not result.not_modified
        and result.content_hash != source.content_hash
    )


def feed_items(page: Page) -> list[FeedItem] | FetchError:
    from tracker.feeds import parse_feed  # feedparser loads only when a feed is read

    try:
        return parse_feed(page.text, page.final_url)
    except FetchError as error:
        return error


def attempt_of(source: SourceInfo, fetched: Fetched) -> Attempt:
    """The check row of a fetch: its failure, or its status and conditional-GET state."""
    result = fetched.result
    if isinstance(result, FetchError):
        return failed_attempt(source, fetched, result)
    return Attempt(
        started_at=fetched.started_at,
        duration_ms=fetched.duration_ms,
        ok=True,
        url=result.final_url,
        http_status=result.status_code,
        etag=result.etag,
        last_modified=result.last_modified,
        content_hash=result.content_hash or None,
    )


def failed_attempt(source: SourceInfo, fetched: Fetched, error: FetchError) -> Attempt:
    """A failed check: the fetch's own error, or a body that could not be read."""
    logger.info("%s failed: %s", source.url, error)
    status = fetched.result.status_code if isinstance(fetched.result, Page) else None
    return Attempt(
        started_at=fetched.started_at,
        duration_ms=fetched.duration_ms,
        ok=False,
        url=source.url,
        http_status=error.http_status or status,
        error_kind=error.kind,
        error=error.message,
    )
