"""Fetch one page politely and safely, returning a `Page` or a `FetchError` — never raising.

A run fetches thousands of pages from sites it does not control, so every way a fetch can go
wrong (bad DNS, refused or reset connections, TLS trouble, redirect loops, error statuses,
images instead of articles, endless or compressed-bomb bodies, servers that drip bytes
forever, mislabelled charsets) becomes a `FetchError` with a short machine-readable `kind`,
recorded against its source while the other sources carry on (STYLE.md §6).

Guards, in the order they apply:

- only http(s) URLs are fetched (`invalid_url`);
- one deadline covers connect, headers and the whole body (`timeout`);
- status >= 400 is an error (`http`), 304 is "not modified" (conditional GET);
- the content type must be a page or feed (`wrong_type`);
- the body is counted after decompression and abandoned past the cap (`too_large`); gzip and
  deflate are inflated here in bounded steps so a bomb never inflates beyond the cap;
- the text is decoded with the declared or sniffed charset, falling back to UTF-8 then
  cp1252, and NUL bytes mean the body is not text at all (`binary`).

Retries belong to the caller: this module makes exactly one attempt.
"""

from __future__ import annotations

import asyncio
import codecs
import contextlib
import email.utils
import functools
import hashlib
import logging
import re
import socket
import ssl
import threading
import zlib
from collections.abc import AsyncGenerator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx

from tracker.config import FetchSettings
from tracker.errors import FetchError

logger = logging.getLogger(__name__)

ACCEPT = (
    "text/html,application/xhtml+xml;q=0.9,application/rss+xml;q=0.9,"
    "application/atom+xml;q=0.9,application/xml;q=0.8,text/xml;q=0.8,*/*;q=0.1"
)
# Only what `_Inflater` can decode in bounded steps; anything else is left to httpx.
ACCEPT_ENCODING = "gzip, deflate"
PAGE_TYPES = frozenset(
    {
        "text/html",
        "application/xhtml+xml",
        "text/plain",
        "application/rss+xml",
        "application/atom+xml",
        "application/xml",
        "text/xml",
        "application/json",
    }
)
SNIFF_BYTES = 4096
_ZLIB_ENCODINGS = frozenset({"gzip", "x-gzip", "deflate"})
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DNS_HINTS = (
    "name resolution",
    "name or service not known",
    "nodename nor servname",
    "getaddrinfo",
    "no address associated",
)

_TIMEOUT_PHASES: dict[type[Exception], str] = {
    httpx.ConnectTimeout: "connecting to",
    httpx.ReadTimeout: "reading from",
    httpx.WriteTimeout: "sending to",
    httpx.PoolTimeout: "waiting for a free connection to",
}


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched page: what extract reads and what store keeps for the next conditional GET."""

    url: str
    final_url: str
    status_code: int
    content_type: str
    text: str
    content_hash: str
    etag: str | None
    last_modified: str | None
    not_modified: bool = False


def ssl_context() -> ssl.SSLContext:
    """One verifying TLS context (httpx's defaults) for a run's many clients: each client
    built without one reads the whole CA bundle again, 20-50 ms. The one `prepare_tls`
    began, if any, else a new one."""
    prepared, _PREPARED[:] = _PREPARED[:], []
    for thread, made in prepared:
        thread.join()
        if made:
            return made[0]
    return httpx.create_ssl_context()


_PREPARED: list[tuple[threading.Thread, list[ssl.SSLContext]]] = []


def prepare_tls() -> None:
    """Begin building the TLS context in a thread while the caller reads its config and
    plans the pass; `ssl_context()` takes it (the thread is joined before any fork)."""
    made: list[ssl.SSLContext] = []
    thread = threading.Thread(target=lambda: made.append(httpx.create_ssl_context()))
    thread.start()
    _PREPARED.append((thread, made))


def make_client(
    settings: FetchSettings,
    *,
    connections: int | None = None,
    verify: ssl.SSLContext | bool = True,
) -> httpx.AsyncClient:
    """A client whose requests are all identified alike, with up to `connections` pooled
    (default `settings.concurrency`); `verify` lets many clients share one SSL context.

    httpx has no per-host limit; `settings.per_host` is enforced by the caller.
    """
    connections = connections or settings.concurrency
    return httpx.AsyncClient(
        verify=verify,
        timeout=httpx.Timeout(settings.timeout),
        follow_redirects=True,
        max_redirects=settings.max_redirects,
        headers={
            "User-Agent": settings.user_agent,
            "Accept": ACCEPT,
            "Accept-Encoding": ACCEPT_ENCODING,
        },
        limits=httpx.Limits(max_connections=connections, max_keepalive_connections=connections),
    )


# A request extension asking the client's request hook (robots.Robots.on_request) to check
# robots.txt for each redirect hop: httpx copies extensions onto the redirected request.
ROBOTS_EXTENSION = "tracker_robots"


async def fetch(
    client: httpx.AsyncClient,
    url: str,
    *,
    max_bytes: int,
    timeout: float,
    etag: str | None = None,
    last_modified: str | None = None,
    robots: bool = False,
) -> Page | FetchError:
    """Fetch `url` once; every failure is returned, so one bad site never stops a run.

    With `robots`, every hop of a redirect chain is asked of the client's robots hook.
    """
    try:
        parsed = _check_url(url)
        async with asyncio.timeout(timeout):
            page = await _get(client, url, parsed, max_bytes, etag, last_modified, robots)
    except FetchError as exc:
        error = exc
    except TimeoutError:
        error = FetchError("timeout", f"no complete response from {url} within {timeout:g} s")
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        error = _classify(exc, url)
    except Exception as exc:  # the contract is "never raises": a bug here must not end the run
        logger.warning("unexpected error fetching %s", url, exc_info=True)
        error = FetchError("unexpected", f"{type(exc).__name__}: {exc}")
    else:
        logger.debug("fetched %s -> %s (%s)", url, page.final_url, page.status_code)
        return page
    logger.debug("fetching %s failed: %s", url, error)  # the caller records and logs it
    return error


@functools.lru_cache(maxsize=8192)
def parsed_url(url: str) -> httpx.URL:
    """httpx.URL(url), parsed once per URL however many times a pass asks (the fetch, its
    site's lane and spacing, robots.txt): a parse is ~50 µs, a 304 not much more."""
    return httpx.URL(url)


def _check_url(url: str) -> httpx.URL:
    """Refuse file://, ftp:// and bare paths before any I/O: only web pages are sources."""
    try:
        parsed = parsed_url(url)
    except httpx.InvalidURL as exc:
        raise FetchError("invalid_url", f"cannot parse URL {url!r}: {exc}") from None
    if parsed.scheme not in ("http", "https"):
        raise FetchError("invalid_url", f"only http(s) URLs can be fetched, got {url!r}")
    if not parsed.host:
        raise FetchError("invalid_url", f"URL has no host: {url!r}")
    return parsed


async def _get(
    client: httpx.AsyncClient,
    url: str,
    parsed: httpx.URL,
    max_bytes: int,
    etag: str | None,
    last_modified: str | None,
    robots: bool,
) -> Page:
    """One streamed GET: headers are checked before a single body byte is read."""
    headers = _conditional_headers(etag, last_modified)
    extensions = {ROBOTS_EXTENSION: True} if robots else {}
    async with client.stream("GET", parsed, headers=headers, extensions=extensions) as response:
        if response.status_code == httpx.codes.NOT_MODIFIED:
            await response.aread()  # the (empty) body read, the connection goes back to the pool
            return _not_modified(url, response, etag, last_modified)
        media_type, charset = _parse_content_type(response.headers.get("content-type", ""))
        try:
            _check_status(response)
            _check_media_type(media_type)
            _check_length(response, max_bytes)
            body = await _read_body(response, max_bytes)
        except FetchError as error:  # the server did answer: keep its status on the check
            error.http_status = error.http_status or response.status_code
            raise
    return Page(
        url=url,
        final_url=str(response.url),
        status_code=response.status_code,
        content_type=media_type,
        text=_decode(body, charset),
        content_hash=hashlib.sha256(body).hexdigest(),
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
    )


def _conditional_headers(etag: str | None, last_modified: str | None) -> dict[str, str]:
    """Validators from the previous fetch let an unchanged page cost a 304 and no work."""
    headers: dict[str, str] = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def _not_modified(
    url: str, response: httpx.Response, etag: str | None, last_modified: str | None
) -> Page:
    """A 304 may omit the validators; keep the old ones so the next GET is conditional too."""
    return Page(
        url=url,
        final_url=str(response.url),
        status_code=response.status_code,
        content_type="",
        text="",
        content_hash="",
        etag=response.headers.get("etag") or etag,
        last_modified=response.headers.get("last-modified") or last_modified,
        not_modified=True,
    )


def _parse_content_type(value: str) -> tuple[str, str | None]:
    """'Text/HTML; charset="ISO-8859-1"' -> ("text/html", "ISO-8859-1")."""
    media_type, *params = value.split(";")
    charset = None
    for param in params:
        key, _, raw = param.partition("=")
        if key.strip().lower() == "charset":
            charset = raw.strip().strip("\"'").strip() or None
    return media_type.strip().lower(), charset


def _check_status(response: httpx.Response) -> None:
    """Anything but a success is an error page, never an article to read."""
    status = response.status_code
    if httpx.codes.is_success(status):
        return
    reason = httpx.codes.get_reason_phrase(status) or response.reason_phrase
    wait = retry_after(response.headers.get("retry-after", ""))
    raise FetchError(
        "http", f"HTTP {status} {reason}".strip(), http_status=status, retry_after=wait
    )


def retry_after(value: str, now: datetime | None = None) -> float | None:
    """Seconds from a Retry-After header: "120" or an HTTP date; None if absent or garbled."""
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None  # RFC 9110 dates are always GMT; a zoneless one is not a date we trust
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _check_media_type(media_type: str) -> None:
    """Images, PDFs and videos are not pages; a missing type is common enough to allow."""
    if media_type and media_type not in PAGE_TYPES:
        raise FetchError("wrong_type", f"content type {media_type} is not a page")


def _check_length(response: httpx.Response, max_bytes: int) -> None:
    """Refuse an announced oversize body without downloading any of it."""
    declared = response.headers.get("content-length", "")
    if declared.strip().isdigit() and int(declared) > max_bytes:
        raise FetchError("too_large", f"Content-Length {int(declared)} exceeds {max_bytes} bytes")


async def _read_body(response: httpx.Response, max_bytes: int) -> bytes:
    """Collect the decoded body, giving up as soon as it passes `max_bytes`."""
    body = bytearray()
    async with contextlib.aclosing(_decoded_chunks(response, max_bytes + 1)) as chunks:
        async for chunk in chunks:
            body += chunk
            if len(body) > max_bytes:
                raise FetchError("too_large", f"body exceeds {max_bytes} bytes")
    return bytes(body)


async def _decoded_chunks(response: httpx.Response, limit: int) -> AsyncGenerator[bytes, None]:
    """Yield the body with its Content-Encoding undone, never more than `limit` bytes at once.

    httpx's own decoder inflates a whole network chunk in one call (64 KB of gzip can hold
    64 MB of zeros), so gzip/deflate are inflated here with an output limit instead.
    """
    encoding = response.headers.get("content-encoding", "").strip().lower()
    if encoding in ("", "identity"):
        async for chunk in response.aiter_raw():
            yield chunk
    elif encoding in _ZLIB_ENCODINGS:
        inflater = _Inflater(limit)
        async for chunk in response.aiter_raw():
            for piece in inflater.feed(chunk):
                yield piece
    else:  # e.g. "gzip, br" stacked or unasked-for codings: httpx decodes, per chunk
        async for chunk in response.aiter_bytes():
            yield chunk


class _Inflater:
    """zlib with an output limit per step, so compressed bombs stay bounded in memory."""

    def __init__(self, limit: int) -> None:
        self._zlib = zlib.decompressobj(zlib.MAX_WBITS | 32)  # gzip or zlib header
        self._limit = limit

    def feed(self, data: bytes) -> Iterator[bytes]:
        """Inflate `data` in pieces of at most `limit` bytes; the caller stops when full."""
        while data and not self._zlib.eof:
            yield self._inflate(data)
            data = self._zlib.unconsumed_tail

    def _inflate(self, data: bytes) -> bytes:
        try:
            return self._zlib.decompress(data, self._limit)
        except zlib.error as exc:
            raise FetchError("protocol", f"corrupt compressed body: {exc}") from None


def _decode(body: bytes, header_charset: str | None) -> str:
    """Bytes to text: BOM, then the header's charset, then <meta>, then UTF-8, then cp1252."""
    head = body[:SNIFF_BYTES]
    encoding = _bom_encoding(head) or _codec(header_charset) or _codec(_meta_charset(head))
    if not (encoding or "").startswith(("utf-16", "utf-32")) and b"\x00" in head:
        raise FetchError("binary", "body contains NUL bytes; it is not text")
    if encoding:
        return body.decode(encoding, errors="replace")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body.decode("cp1252", errors="replace")


def _bom_encoding(head: bytes) -> str | None:
    """A byte-order mark is the strongest signal there is (it wins over headers in browsers)."""
    return next((name for bom, name in _BOMS if head.startswith(bom)), None)


def _meta_charset(head: bytes) -> str | None:
    """<meta charset="x"> or <meta http-equiv="Content-Type" content="…; charset=x">."""
    match = _META_CHARSET.search(head)
    if match is None:
        return None
    name = match.group(1).decode("ascii")
    # A document readable as ASCII cannot really be UTF-16, whatever it says (WHATWG).
    return "utf-8" if name.lower().startswith(("utf-16", "utf16")) else name


def _codec(label: str | None) -> str | None:
    """Python's codec for a charset label, or None when the label is unknown or not text.

    latin-1 and ASCII labels mean windows-1252 on the web: pages labelled ISO-8859-1 are
    full of cp1252 curly quotes, and browsers decode them that way.
    """
    if not label:
        return None
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True):
        return None  # "base64", "rot13"… are codecs but not charsets
    return "cp1252" if info.name in ("iso8859-1", "ascii") else info.name


def _classify(exc: Exception, url: str) -> FetchError:
    """Map an httpx exception to a FetchError kind a person can act on."""
    host = _host(url)
    if isinstance(exc, httpx.TooManyRedirects):
        return FetchError("redirects", f"too many redirects from {url}")
    if isinstance(exc, httpx.TimeoutException):
        phase = _TIMEOUT_PHASES.get(type(exc), "waiting for")
        return FetchError("timeout", f"timed out {phase} {host}")
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return FetchError("invalid_url", f"cannot fetch {url}: {exc}")
    if _caused_by(exc, ssl.SSLError):
        return FetchError("tls", f"TLS error with {host}: {_detail(exc)}")
    if isinstance(exc, httpx.ConnectError) and _is_dns_failure(exc):
        return FetchError("dns", f"cannot resolve host {host}: {_detail(exc)}")
    if isinstance(exc, httpx.ConnectError | httpx.ProxyError):
        return FetchError("connect", f"cannot connect to {host}: {_detail(exc)}")
    if _caused_by(exc, ConnectionResetError):
        return FetchError("reset", f"connection reset by {host} mid-response")
    return FetchError("protocol", f"broken response from {host}: {_detail(exc)}")


def _is_dns_failure(exc: BaseException) -> bool:
    """httpx reports DNS failures as ConnectError; the cause or the message tells them apart."""
    if _caused_by(exc, socket.gaierror):
        return True
    return any(hint in str(error).lower() for error in _chain(exc) for hint in _DNS_HINTS)


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    return any(isinstance(error, kind) for error in _chain(exc))


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """The exception and its causes (httpx wraps httpcore, which wraps the OSError)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _detail(exc: BaseException) -> str:
    """The most specific message in the chain; httpx's own is sometimes empty."""
    for error in _chain(exc):
        if str(error):
            return str(error)
    return type(exc).__name__


def _host(url: str) -> str:
    """host[:port] for messages: the port matters when a connection is refused."""
    try:
        return httpx.URL(url).netloc.decode("ascii") or url
    except (httpx.InvalidURL, UnicodeDecodeError):
        return url
