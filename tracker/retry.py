"""A fetch that tries again when the failure is the server's passing trouble.

One run fetches each URL once; a refused or reset connection, a 5xx or a 429 is often gone seconds
later, and recording it as a failure would lengthen the source's failure streak for nothing.
So those are retried a few times within the run (`[fetch].retries`), waiting `backoff`
seconds, then twice that, and so on, with jitter so a run's sources do not return in
lockstep — or exactly as long as the server's `Retry-After` asks. A server asking for more
than `max_retry_wait` seconds is not retried in this run: its failure is recorded and the
next scheduled run tries again. Everything else (404, DNS, TLS, timeouts, wrong type, too
large) is final at once: retrying would only cost the site and the run time.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager

import httpx
from tenacity import AsyncRetrying, RetryCallState, wait_exponential_jitter

from tracker.config import FetchSettings
from tracker.errors import FetchError
from tracker.fetch import Page, fetch

logger = logging.getLogger(__name__)

MAX_BACKOFF = 30.0  # seconds: the exponential wait never grows past this


def retryable(result: Page | FetchError) -> bool:
    """Whether the failure is the kind a second attempt can fix."""
    if not isinstance(result, FetchError):
        return False
    if result.kind in ("connect", "reset"):
        return True  # refused or cut off: the network's passing trouble more often than not
    status = result.http_status
    return result.kind == "http" and status is not None and (status >= 500 or status == 429)


async def fetch_with_retries(
    client: httpx.AsyncClient,
    url: str,
    settings: FetchSettings,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    robots: bool = False,
    slot: Callable[[], AbstractAsyncContextManager[httpx.AsyncClient]] | None = None,
    on_wait: Callable[[], None] | None = None,
) -> Page | FetchError:
    """`fetch`, retried as the module docstring says; never raises.

    With `slot`, each attempt runs inside `slot()` (the caller's concurrency limits), with
    the client it yields, and the waits between attempts outside it: a site that asked us
    to come back in a minute must not hold a slot another site's fetch could use meanwhile.
    `on_wait` is called as each wait begins, for what else the caller should let go of.

    The first attempt is made before tenacity is involved, and most fetches end there:
    setting up its retry loop costs more CPU than a 304 (it inspects each callback).
    """

    async def attempt() -> Page | FetchError:
        async with slot() if slot is not None else contextlib.nullcontext(client) as lane:
            return await fetch(
                lane,
                url,
                max_bytes=settings.max_bytes,
                timeout=settings.timeout,
                etag=etag,
                last_modified=last_modified,
                robots=robots,
            )

    first = await attempt()
    if not retryable(first):
        return first
    made = [first]

    async def again() -> Page | FetchError:
        """tenacity's attempts: the first one's result, already in hand, then new ones."""
        return made.pop() if made else await attempt()

    return await _retrying(url, settings, on_wait)(again)


def _retrying(
    url: str, settings: FetchSettings, on_wait: Callable[[], None] | None
) -> AsyncRetrying:
    """The retry loop for one URL: backoff or Retry-After waits, then the last failure."""
    backoff = wait_exponential_jitter(
        multiplier=settings.backoff, max=MAX_BACKOFF, jitter=settings.backoff
    )

    def wait(state: RetryCallState) -> float:
        asked = _last_error(state).retry_after
        return asked if asked is not None else float(backoff(state))

    def stop(state: RetryCallState) -> bool:
        asked = _last_error(state).retry_after
        too_long = asked is not None and asked > settings.max_retry_wait
        return too_long or state.attempt_number > settings.retries

    def log_retry(state: RetryCallState) -> None:
        error = _last_error(state)
        sleep = state.next_action.sleep if state.next_action else 0.0
        logger.info("retrying %s in %.1f s after %s", url, sleep, error)
        if on_wait is not None:
            on_wait()

    return AsyncRetrying(
        stop=stop,
        wait=wait,
        retry=_retry_on_result,
        before_sleep=log_retry,
        retry_error_callback=_give_up,
    )


def _retry_on_result(state: RetryCallState) -> bool:
    outcome = state.outcome
    return outcome is not None and not outcome.failed and retryable(outcome.result())


def _last_error(state: RetryCallState) -> FetchError:
    assert state.outcome is not None  # tenacity calls wait/stop only after an attempt
    result = state.outcome.result()
    assert isinstance(result, FetchError)
    return result


def _give_up(state: RetryCallState) -> FetchError:
    """The last failure, saying how hard we tried (and what the server asked for)."""
    error = _last_error(state)
    notes = [f"{state.attempt_number} attempts"] if state.attempt_number > 1 else []
    if error.retry_after is not None:
        notes.append(f"server asked to retry after {error.retry_after:g} s")
    if not notes:
        return error
    return FetchError(
        error.kind,
        f"{error.message} ({'; '.join(notes)})",
        http_status=error.http_status,
        retry_after=error.retry_after,
    )
