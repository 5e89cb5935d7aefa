"""robots.txt, read once per site per run and honoured before any page is fetched.

A tracker that ignores robots.txt gets blocked, and deserves to. The rules follow
RFC 9309 as the big crawlers apply it:

- a 2xx robots.txt is parsed (Protego: wildcards, `$`, longest match wins, the product
  token of our User-Agent matched against `User-agent` lines);
- a 4xx (none published, or not for us to read) means "no rules": everything is allowed;
- a 5xx or no answer at all means the site is unreachable: fetch nothing from it this run,
  and record why against each of its sources, with the kind of the robots.txt failure
  (a dead host stays `connect`, a broken one `http`);
- an oversize, binary or mistyped robots.txt is treated as unavailable, like a 404.

The verdict for a site is fetched once per run, even when many sources share the site and
are fetched at the same time; a source may opt out with `robots = false` in its config.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections import defaultdict
from collections.abc import Iterable

import httpx
from protego import Protego

from tracker.config import Config
from tracker.errors import FetchError
from tracker.fetch import ROBOTS_EXTENSION, fetch, parsed_url

logger = logging.getLogger(__name__)

ROBOTS_MAX_BYTES = 512_000  # RFC 9309 asks crawlers to read at least 500 KiB
_UNAVAILABLE_KINDS = frozenset({"too_large", "wrong_type", "binary"})


RobotsRules = dict[str, Protego | FetchError | None]  # site -> its verdict for this run


class Robots:
    """Per-run cache of each site's robots.txt verdict; `known` are verdicts already read
    for this run (by the process that split it, tracker.split)."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        user_agent: str,
        timeout: float,
        known: RobotsRules | None = None,
    ) -> None:
        self._client = client
        self._user_agent = user_agent
        self._timeout = timeout
        self._rules: RobotsRules = dict(known or {})
        self._locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)

    async def on_request(self, request: httpx.Request) -> None:
        """httpx request hook: a redirect into a disallowed path (or a site whose robots.txt
        is unreachable) is refused like the source's own URL would be."""
        if request.extensions.get(ROBOTS_EXTENSION):
            refusal = await self.check(str(request.url))
            if refusal is not None:
                raise refusal

    async def check(self, url: str) -> FetchError | None:
        """None if `url` may be fetched; otherwise the failure to record for its source."""
        site = site_of(url)
        if site is None:
            return None  # not a fetchable URL: fetch() itself reports why
        async with self._locks[site]:  # the first source of a site reads; the rest wait
            if site not in self._rules:
                self._rules[site] = await self._load(site)
        rules = self._rules[site]
        if isinstance(rules, FetchError):
            return rules
        if rules is not None and not rules.can_fetch(url, self._user_agent):
            return FetchError(
                "robots",
                f"{site}/robots.txt disallows {httpx.URL(url).raw_path.decode()} "
                f"for {self._user_agent.split('/')[0]}",
            )
        return None

    async def read(self, sites: Iterable[str], within: float) -> RobotsRules:
        """Read the robots.txt of the sites (scheme://host[:port]) at once, for up to
        `within` seconds; the verdicts known by then, failures included."""
        checks = [asyncio.ensure_future(self.check(f"{site}/")) for site in set(sites)]
        if checks:
            await asyncio.wait(checks, timeout=within)
        for check in checks:
            check.cancel()
        return dict(self._rules)

    def crawl_delay(self, url: str) -> float | None:
        """The Crawl-delay the site asks of us, once `check` has read its robots.txt."""
        rules = self._rules.get(site_of(url) or "")
        return rules.crawl_delay(self._user_agent) if isinstance(rules, Protego) else None

    async def _load(self, site: str) -> Protego | FetchError | None:
        """The site's rules, None for "no rules", or the error that closes the site."""
        result = await fetch(
            self._client, f"{site}/robots.txt", max_bytes=ROBOTS_MAX_BYTES, timeout=self._timeout
        )
        if not isinstance(result, FetchError):
            return Protego.parse(result.text)
        status = result.http_status
        if (status is not None and 400 <= status < 500) or result.kind in _UNAVAILABLE_KINDS:
            logger.debug("no usable robots.txt at %s (%s): allowing all", site, result)
            return None
        return FetchError(
            result.kind,
            f"robots.txt unreachable ({result.message}); the site is skipped until it answers",
            http_status=status,
        )


@functools.lru_cache(maxsize=8192)  # asked several times per fetch; parsing a URL is not free
def site_of(url: str) -> str | None:
    """scheme://host[:port], the scope of one robots.txt; None for a URL we cannot fetch."""
    try:
        parsed = parsed_url(url)
    except httpx.InvalidURL:
        return None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        return None
    return f"{parsed.scheme}://{parsed.netloc.decode()}"  # netloc carries no userinfo


class RobotsGate:
    """robots.txt for every URL, except those a config entry opted out (`robots = false`)."""

    def __init__(
        self, client: httpx.AsyncClient, config: Config, known: RobotsRules | None = None
    ) -> None:
        self._robots = Robots(client, config.fetch.user_agent, config.fetch.timeout, known)
        self._exempt = {
            t.url for show in config.shows for t in config.targets(show) if not t.robots
        }

    async def check(self, url: str) -> FetchError | None:
        return None if url in self._exempt else await self._robots.check(url)

    def applies(self, url: str) -> bool:
        """Whether the redirects of `url` must be allowed by robots.txt too."""
        return url not in self._exempt

    async def on_request(self, request: httpx.Request) -> None:
        await self._robots.on_request(request)

    def crawl_delay(self, url: str) -> float | None:
        return None if url in self._exempt else self._robots.crawl_delay(url)

    async def read(self, urls: Iterable[str], within: float) -> RobotsRules:
        """The robots.txt verdicts of the sites of `urls` (those not opted out), read at
        once for up to `within` seconds."""
        sites = {site_of(url) for url in urls if self.applies(url)}
        return await self._robots.read({site for site in sites if site}, within)
