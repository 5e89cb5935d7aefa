"""How fast a pass may go: a global limit, and per site lanes and spacing.

A site is scheme-less host:port. Each has `per_host` lanes — a client with one
kept-alive connection each — so it never has more requests in flight than that, and its
fetches start at least `min_interval` seconds apart (or its robots.txt Crawl-delay, up to
MAX_CRAWL_DELAY). A global semaphore bounds the whole pass (`concurrency`).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import math
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

import httpx

from tracker.fetch import parsed_url

LATE_GRACE = 0.05  # of an interval: how late a split pass's process may take its turn
MAX_CRAWL_DELAY = 60.0  # seconds: a longer robots.txt Crawl-delay is capped, a run must end


class Lanes:
    """A site's `size` lanes: each a client with one kept-alive connection.

    The per-site limit and connection reuse in one: a fetch takes a free lane (or waits),
    so a site never has more than `size` requests in flight, and a lane's connection
    serves the site's next fetch. One small pool per lane rather than one big pool per
    run, because httpcore scans every pooled connection on each request: at 16
    connections a loopback 304 cost twice the CPU. A lane nobody is waiting for is
    closed at once, so a run over many sites holds few sockets open.
    """

    def __init__(self, size: int, new_client: Callable[[], httpx.AsyncClient]) -> None:
        self._free: list[httpx.AsyncClient] = []
        self._available = asyncio.Semaphore(size)
        self._waiting = 0
        self._new_client = new_client

    async def take(self) -> httpx.AsyncClient:
        self._waiting += 1
        try:
            await self._available.acquire()
        finally:
            self._waiting -= 1
        return self._free.pop() if self._free else self._new_client()

    async def give(self, client: httpx.AsyncClient) -> None:
        if self._waiting:
            self._free.append(client)
        else:
            await client.aclose()
        self._available.release()

    async def close(self) -> None:
        for client in self._free:
            await client.aclose()
        self._free.clear()


@dataclass(frozen=True, slots=True)
class Share:
    """One process's part of a pass split across `count` processes (tracker.split).

    Every process fetches from every site, so each site's limits are divided among them:
    process `index` gets its part of the lanes and of the global limit, and its turns on a
    site come `count` intervals apart, offset by `index` intervals from `start` (a
    time.monotonic() reading, the same clock in every process of the machine): together
    they start no more fetches on a site, nor closer together, than one process would.
    """

    index: int
    count: int
    start: float

    def turn_at(self, earliest: float, interval: float) -> float:
        """This process's first turn on a site at or after `earliest`: its turns fall on
        start + (index + k * count) * interval, so a process that is late for one waits
        for its next rather than starting close behind another process's (a turn missed by
        less than LATE_GRACE of an interval is still taken, late by that much)."""
        first = self.start + self.index * interval
        period = interval * self.count
        missed = (earliest - first) / period - LATE_GRACE / self.count
        return max(earliest, first + max(0, math.ceil(missed)) * period)

    def part(self, limit: int) -> int:
        """This process's part of a limit of `limit` (at least one)."""
        base, extra = divmod(limit, self.count)
        return max(1, base + (self.index < extra))


class Limits:
    """A global limit on fetches in flight; per site, lanes and a minimum spacing.

    A site is scheme-less host:port. Its fetches start at least `interval` seconds apart,
    however many of its sources are due, so a page of fifty tags is never a burst; a
    site's robots.txt Crawl-delay widens its own spacing (up to `MAX_CRAWL_DELAY`).
    """

    def __init__(
        self,
        total: int,
        per_host: int,
        interval: float,
        new_client: Callable[[], httpx.AsyncClient],
        share: Share | None = None,
    ) -> None:
        self.slots = share.part(total) if share else total  # fetches in flight at most
        self._total = asyncio.Semaphore(self.slots)
        self._per_host = share.part(per_host) if share else per_host
        self._interval = interval
        self._share = share
        self._new_client = new_client
        self._hosts: dict[str, Lanes] = {}
        self._next_start: dict[str, float] = {}  # the latest turn reserved, per site
        self._started: dict[str, float] = {}  # when the site's latest fetch started
        self._intervals: dict[str, float] = {}  # sites whose Crawl-delay is longer

    def widen(self, url: str, seconds: float | None) -> None:
        """Space the site's next fetches `seconds` apart if that is longer than usual.

        Called once robots.txt is known, before the fetch takes its turn: the latest
        reserved turn is pushed back by the difference; turns already being waited for
        keep their time.
        """
        site = site_key(url)
        current = self._intervals.get(site, self._interval)
        interval = min(seconds or 0.0, MAX_CRAWL_DELAY)
        if interval > current:
            self._intervals[site] = interval
            if site in self._next_start:
                self._next_start[site] += (interval - current) * self._processes

    @contextlib.asynccontextmanager
    async def slot(self, url: str) -> AsyncIterator[httpx.AsyncClient]:
        """Wait for a lane of the site and its turn, then for a global slot (never hold
        one while queued); yields the lane's client."""
        site = site_key(url)
        if site not in self._hosts:
            self._hosts[site] = Lanes(self._per_host, self._new_client)
        lanes = self._hosts[site]
        client = await lanes.take()
        try:
            await self._spaced(site)
            async with self._total:
                yield client
        finally:
            await lanes.give(client)

    async def close(self) -> None:
        for lanes in self._hosts.values():
            await lanes.close()

    @property
    def _processes(self) -> int:
        return self._share.count if self._share else 1

    async def _spaced(self, site: str) -> None:
        """Wait for the site's next turn: reserved in order, then checked on waking.

        A reserved turn is only a plan: when the event loop was busy past it (a page
        read inline), the fetch that wakes late must still start `interval` after the
        site's previous one, and in a split pass only on a turn of this process.
        """
        now = time.monotonic()
        interval = self._intervals.get(site, self._interval)
        start = self._turn(interval, max(now, self._next_start.get(site, now)))
        self._next_start[site] = start + interval * self._processes  # reserved
        while True:
            if start > now:
                await asyncio.sleep(start - now)
            now = time.monotonic()
            previous = self._started.get(site)
            earliest = now if previous is None else previous + interval * self._processes
            start = self._turn(interval, max(now, earliest))
            if start <= now:
                break
        self._started[site] = now

    def _turn(self, interval: float, earliest: float) -> float:
        """The first time at or after `earliest` this process may start on a site."""
        if self._share is None or interval <= 0:
            return earliest
        return self._share.turn_at(earliest, interval)


@functools.lru_cache(maxsize=8192)  # asked for every slot, spacing and progress update
def site_key(url: str) -> str:
    return parsed_url(url).netloc.decode()
