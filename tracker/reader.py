"""Reading fetched pages into extractions: in the event loop, or in worker processes.

Parsing an 80 KB news page and running the rules costs about 3 ms of CPU, more than
fetching it; in a pass over hundreds of pages that is most of the time, and while the
event loop parses it neither fetches nor writes. So a pass with many pages, on a machine
with CPUs to spare, hands them to a small process pool and keeps the loop for I/O; a pass
with a few pages reads them inline, where a pool would cost more to start than it saves.
Workers fork from a `forkserver` that has imported the extractor once (safe whatever
threads the parent runs, and each worker starts in milliseconds, not half a second).
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import zlib
from collections.abc import Sequence
from concurrent.futures import BrokenExecutor, ProcessPoolExecutor
from dataclasses import dataclass

from tracker.extract.model import Extraction

logger = logging.getLogger(__name__)

MIN_TEXT_CHARS = 200  # less readable text than this is a JS-only shell or an error page
POOL_FROM = 32  # pages due in a pass before `workers = "auto"` starts a pool
MAX_AUTO_WORKERS = 4

Shows = Sequence[tuple[str, tuple[str, ...]]]  # (title, aliases) of each show to read for


@dataclass(frozen=True, slots=True)
class PageRead:
    """What one page says for each of the shows it was read for (in their order)."""

    empty: bool  # no readable article text: a JavaScript-only shell or an error page
    canonical: str | None
    extractions: tuple[Extraction, ...]
    compressed: bytes = b""  # the text as the store keeps it (zlib), when not empty


def looks_like_html(content_type: str, text: str) -> bool:
    """Read as HTML when served as HTML, or when a page mislabelled as text starts like one."""
    return "html" in content_type or "<html" in text[:2000].lower()


def read_page(text: str, html: bool, shows: Shows, keep: bool = True) -> PageRead:
    """Parse once, extract for each show, and (`keep`) compress the text for the store.
    Runs in a worker, so it takes and returns plain values (pickled), never a parsed
    document."""
    from tracker.extract import extract_document, read_document

    document = read_document(html=text) if html else read_document(text=text)
    if len(document.text) < MIN_TEXT_CHARS:
        return PageRead(True, None, ())
    extractions = tuple(extract_document(document, title, aliases) for title, aliases in shows)
    return PageRead(False, document.canonical, extractions, compress(text) if keep else b"")


def compress(text: str) -> bytes:
    """The body as the store keeps it: zlib at level 1, about 0.5 ms for 80 KB, done where
    the page is read so that a worker process, when there is one, pays for it."""
    return zlib.compress(text.encode("utf-8"), 1)


def _warm() -> None:
    """Worker initializer: import the extractor before the first page arrives."""
    import tracker.extract.engine  # noqa: F401


def workers_for(setting: int | None, pages: int, cpus: int | None = None) -> int:
    """Worker processes for a pass: the configured number, or (None = auto) one per CPU
    beyond the one the event loop needs, up to MAX_AUTO_WORKERS, once there are POOL_FROM
    pages to read; else none (inline).

    On two CPUs the loop itself keeps one busy, so a pool bought 7% of wall time for 40%
    more CPU and twice the memory (bench/fetch_speed.py): auto leaves it off there.
    """
    if setting is not None:
        return setting
    spare = (cpus or os.cpu_count() or 1) - 1
    return min(spare, MAX_AUTO_WORKERS) if pages >= POOL_FROM and spare >= 2 else 0


class Reader:
    """Reads pages inline (no workers) or in a process pool; close() when the pass ends."""

    def __init__(self, workers: int) -> None:
        self._pool: ProcessPoolExecutor | None = None
        if workers > 0:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["__main__", "tracker.extract.engine"])
            self._pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_warm)

    async def read(self, text: str, html: bool, shows: Shows) -> PageRead:
        """The page read for `shows`; in the pool when there is one and it works.

        A pool that breaks (a worker killed, or a main module that cannot be imported
        twice) is shut down with a warning and the pass goes on reading inline.
        """
        if self._pool is not None:
            loop = asyncio.get_running_loop()
            try:
                return await loop.run_in_executor(self._pool, read_page, text, html, list(shows))
            except BrokenExecutor as exc:
                logger.warning("page reader processes failed (%s); reading in-process", exc)
                self.close()
        return read_page(text, html, shows)

    def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
