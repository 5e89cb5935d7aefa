"""tracker.fetch against real servers on 127.0.0.1.

Ordinary responses come from pytest-httpserver; misbehaviour werkzeug cannot produce (slow,
dripping, endless, reset, bomb, no Content-Type, plain text on a TLS port) comes from tiny
asyncio servers below. The only mock is DNS: a real lookup of a `.invalid` name depends on
the machine's resolver.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import gzip
import hashlib
import socket
import struct
import time
import tracemalloc
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest
from pytest_httpserver import HTTPServer

from tracker.config import DEFAULT_USER_AGENT, FetchSettings
from tracker.errors import FetchError
from tracker.fetch import PAGE_TYPES, Page, fetch, make_client

HTML = "<html><head><title>Ballard</title></head><body>Ballard renewed for season 2</body></html>"
SETTINGS = FetchSettings()
Respond = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


# -- helpers ------------------------------------------------------------------------------


async def _fetch(
    url: str,
    settings: FetchSettings = SETTINGS,
    client: httpx.AsyncClient | None = None,
    **kwargs: Any,
) -> Page | FetchError:
    kwargs.setdefault("max_bytes", 1_000_000)
    kwargs.setdefault("timeout", 5.0)
    async with client or make_client(settings) as active:
        return await fetch(active, url, **kwargs)


def get(url: str, **kwargs: Any) -> Page | FetchError:
    return asyncio.run(_fetch(url, **kwargs))


def get_raw(respond: Respond, scheme: str = "http", **kwargs: Any) -> Page | FetchError:
    async def run() -> Page | FetchError:
        async with raw_server(respond) as url:
            return await _fetch(url.replace("http", scheme, 1), **kwargs)

    return asyncio.run(run())


def expect_page(result: Page | FetchError) -> Page:
    assert isinstance(result, Page), f"expected a Page, got {result!r}"
    return result


def expect_error(result: Page | FetchError, kind: str) -> FetchError:
    assert isinstance(result, FetchError), f"expected a FetchError, got {result!r}"
    assert result.kind == kind, f"expected kind {kind!r}, got {result}"
    assert result.message
    return result


@contextlib.asynccontextmanager
async def raw_server(respond: Respond) -> AsyncIterator[str]:
    """A one-purpose TCP server on 127.0.0.1:0; `respond` writes whatever bytes it likes."""
    handlers: set[asyncio.Task[Any]] = set()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        handlers.add(task)
        try:
            await respond(reader, writer)
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
            pass  # the client hung up (what several tests want), or the test is over
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}/page"
    finally:
        server.close()
        for task in handlers:
            task.cancel()
        await asyncio.gather(*handlers, return_exceptions=True)


async def send_head(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, *headers: str
) -> None:
    """Read the request, then send a 200 status line and `headers`."""
    await reader.readuntil(b"\r\n\r\n")
    lines = ["HTTP/1.1 200 OK", *headers, "Connection: close", "", ""]
    writer.write("\r\n".join(lines).encode("ascii"))
    await writer.drain()


def closed_port() -> int:
    """A port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@functools.cache
def gzip_bomb() -> bytes:
    """~50 KB of gzip that inflates to 50 MB of zeros."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    megabyte = bytes(1_000_000)
    parts = [compressor.compress(megabyte) for _ in range(50)]
    return b"".join([*parts, compressor.flush()])


# -- make_client ----------------------------------------------------------------------------


def test_client_identifies_itself_and_prefers_pages(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/page").respond_with_data(HTML, content_type="text/html")
    expect_page(get(httpserver.url_for("/page")))
    request = httpserver.log[0][0]
    assert request.headers["User-Agent"] == DEFAULT_USER_AGENT
    assert request.headers["Accept"].startswith("text/html")
    assert request.headers["Accept-Encoding"] == "gzip, deflate"
    assert "If-None-Match" not in request.headers


def test_client_applies_settings() -> None:
    settings = FetchSettings(concurrency=3, timeout=7, max_redirects=2, user_agent="ua/1")

    async def build() -> httpx.AsyncClient:
        async with make_client(settings) as client:
            return client

    client = asyncio.run(build())
    assert client.timeout == httpx.Timeout(7.0)
    assert client.max_redirects == 2
    assert client.follow_redirects is True
    assert client.headers["User-Agent"] == "ua/1"


# -- success ---------------------------------------------------------------------------------


def test_fetches_a_page(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/page").respond_with_data(
        HTML, content_type="text/html; charset=utf-8"
    )
    url = httpserver.url_for("/page")
    page = expect_page(get(url))
    assert (page.url, page.final_url, page.status_code) == (url, url, 200)
    assert page.content_type == "text/html"
    assert page.text == HTML
    assert page.content_hash == hashlib.sha256(HTML.encode()).hexdigest()
    assert (page.etag, page.last_modified, page.not_modified) == (None, None, False)


def test_media_type_is_lowercased_without_parameters(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/page").respond_with_data(
        HTML, content_type='Application/XHTML+XML; Charset="UTF-8"'
    )
    page = expect_page(get(httpserver.url_for("/page")))
    assert page.content_type == "application/xhtml+xml"


@pytest.mark.parametrize("media_type", sorted(PAGE_TYPES))
def test_accepts_page_and_feed_types(httpserver: HTTPServer, media_type: str) -> None:
    httpserver.expect_request("/doc").respond_with_data("{}", content_type=media_type)
    assert expect_page(get(httpserver.url_for("/doc"))).content_type == media_type


def test_missing_content_type_is_allowed() -> None:
    async def respond(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await send_head(reader, writer, "Content-Length: 5")
        writer.write(b"hello")

    page = expect_page(get_raw(respond))
    assert (page.content_type, page.text) == ("", "hello")


def test_follows_redirects_to_the_final_url(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": "/middle"}
    )
    httpserver.expect_request("/middle").respond_with_data(
        "", status=302, headers={"Location": "/new"}
    )
    httpserver.expect_request("/new").respond_with_data(HTML, content_type="text/html")
    page = expect_page(get(httpserver.url_for("/old")))
    assert page.url == httpserver.url_for("/old")
    assert page.final_url == httpserver.url_for("/new")
    assert page.text == HTML


@pytest.mark.parametrize(
    "encoding, compress",
    [("gzip", gzip.compress), ("deflate", zlib.compress)],
    ids=["gzip", "deflate"],
)
def test_decompresses_bodies(
    httpserver: HTTPServer, encoding: str, compress: Callable[[bytes], bytes]
) -> None:
    body = (HTML * 50).encode()
    httpserver.expect_request("/page").respond_with_data(
        compress(body), content_type="text/html", headers={"Content-Encoding": encoding}
    )
    page = expect_page(get(httpserver.url_for("/page")))
    assert page.text == HTML * 50
    assert page.content_hash == hashlib.sha256(body).hexdigest()


def test_corrupt_gzip_is_a_protocol_error(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/page").respond_with_data(
        b"this is not gzip at all", content_type="text/html", headers={"Content-Encoding": "gzip"}
    )
    error = expect_error(get(httpserver.url_for("/page")), "protocol")
    assert "compressed" in error.message


# -- conditional GET --------------------------------------------------------------------------


def test_etag_round_trip(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/page", headers={"If-None-Match": '"v1"'}).respond_with_data(
        "", status=304, headers={"ETag": '"v1"'}
    )
    httpserver.expect_request("/page").respond_with_data(
        HTML, content_type="text/html", headers={"ETag": '"v1"'}
    )
    url = httpserver.url_for("/page")
    first = expect_page(get(url))
    assert first.etag == '"v1"' and not first.not_modified

    second = expect_page(get(url, etag=first.etag))
    assert httpserver.log[1][0].headers["If-None-Match"] == '"v1"'
    assert second.not_modified
    assert (second.status_code, second.text, second.content_hash) == (304, "", "")
    assert second.etag == '"v1"'


def test_last_modified_round_trip(httpserver: HTTPServer) -> None:
    stamp = "Wed, 16 Jul 2025 08:00:00 GMT"
    httpserver.expect_request("/page", headers={"If-Modified-Since": stamp}).respond_with_data(
        "", status=304
    )
    httpserver.expect_request("/page").respond_with_data(
        HTML, content_type="text/html", headers={"Last-Modified": stamp}
    )
    url = httpserver.url_for("/page")
    first = expect_page(get(url))
    assert first.last_modified == stamp

    second = expect_page(get(url, last_modified=first.last_modified))
    assert httpserver.log[1][0].headers["If-Modified-Since"] == stamp
    assert second.not_modified and second.status_code == 304
    assert second.last_modified == stamp  # the 304 had none: the old validator is kept
    assert second.etag is None


def test_not_modified_prefers_the_responses_new_validators(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/page").respond_with_data("", status=304, headers={"ETag": '"v2"'})
    page = expect_page(get(httpserver.url_for("/page"), etag='"v1"', last_modified="yesterday"))
    assert (page.etag, page.last_modified) == ('"v2"', "yesterday")


# -- charsets ----------------------------------------------------------------------------------


def test_header_latin1_charset(httpserver: HTTPServer) -> None:
    # Pages labelled ISO-8859-1 routinely contain cp1252 curly quotes; browsers decode as cp1252.
    httpserver.expect_request("/page").respond_with_data(
        b"Ren\xe9e Ballard\x92s return", content_type="text/html; charset=ISO-8859-1"
    )
    assert expect_page(get(httpserver.url_for("/page"))).text == "Renée Ballard’s return"


@pytest.mark.parametrize(
    "meta",
    [
        '<meta charset="windows-1251">',
        "<meta http-equiv='Content-Type' content='text/html; charset=windows-1251'>",
    ],
    ids=["meta-charset", "http-equiv"],
)
def test_meta_charset(httpserver: HTTPServer, meta: str) -> None:
    html = f"<html><head>{meta}</head><body>Сериал продлён</body></html>"
    httpserver.expect_request("/page").respond_with_data(
        html.encode("cp1251"), content_type="text/html"
    )
    assert expect_page(get(httpserver.url_for("/page"))).text == html


def test_invalid_utf8_without_charset_falls_back_to_cp1252(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/page").respond_with_data(
        b"caf\xe9 \x93renewed\x94 \x81", content_type="text/html"
    )
    assert expect_page(get(httpserver.url_for("/page"))).text == "café “renewed” \ufffd"


def test_utf8_without_charset(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/page").respond_with_data(
        "Renée — “renewed”".encode(), content_type="text/plain"
    )
    assert expect_page(get(httpserver.url_for("/page"))).text == "Renée — “renewed”"


@pytest.mark.parametrize("label", ["x-klingon", "base64", ""])
def test_unknown_header_charset_falls_back(httpserver: HTTPServer, label: str) -> None:
    httpserver.expect_request("/page").respond_with_data(
        "Renée".encode(), content_type=f"text/html; charset={label}"
    )
    assert expect_page(get(httpserver.url_for("/page"))).text == "Renée"


def test_utf16_with_bom_is_text_not_binary(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/page").respond_with_data(
        "Renée renewed".encode("utf-16"), content_type="text/plain"
    )
    assert expect_page(get(httpserver.url_for("/page"))).text == "Renée renewed"


def test_nul_bytes_mean_binary(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/page").respond_with_data(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", content_type="text/html"
    )
    expect_error(get(httpserver.url_for("/page")), "binary")


# -- refusals ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["ftp://news.example/ballard", "file:///etc/passwd", "news.example/ballard", "http://"]
)
def test_only_http_urls(url: str) -> None:
    error = expect_error(get(url), "invalid_url")
    assert repr(url) in error.message


@pytest.mark.parametrize("status, reason", [(404, "Not Found"), (500, "Internal Server Error")])
def test_error_status(httpserver: HTTPServer, status: int, reason: str) -> None:
    httpserver.expect_request("/page").respond_with_data("oops", status=status)
    error = expect_error(get(httpserver.url_for("/page")), "http")
    assert error.http_status == status
    assert error.message == f"HTTP {status} {reason}"


def test_503_message() -> None:
    async def respond(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n")

    error = expect_error(get_raw(respond), "http")
    assert (error.message, error.http_status) == ("HTTP 503 Service Unavailable", 503)
    assert str(error) == "http: HTTP 503 Service Unavailable"


@pytest.mark.parametrize("media_type", ["image/png", "application/pdf", "video/mp4"])
def test_wrong_type(httpserver: HTTPServer, media_type: str) -> None:
    httpserver.expect_request("/page").respond_with_data(b"\x89PNG", content_type=media_type)
    error = expect_error(get(httpserver.url_for("/page")), "wrong_type")
    assert error.message == f"content type {media_type} is not a page"
    assert error.http_status == 200  # the server answered; the check row keeps its status


def test_redirect_loop(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/loop").respond_with_data(
        "", status=302, headers={"Location": "/loop"}
    )
    expect_error(get(httpserver.url_for("/loop")), "redirects")
    assert len(httpserver.log) == SETTINGS.max_redirects + 1


def test_redirect_limit_comes_from_settings(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    httpserver.expect_request("/b").respond_with_data("", status=302, headers={"Location": "/c"})
    httpserver.expect_request("/c").respond_with_data(HTML, content_type="text/html")
    url = httpserver.url_for("/a")
    expect_error(get(url, settings=FetchSettings(max_redirects=1)), "redirects")
    assert expect_page(get(url, settings=FetchSettings(max_redirects=2))).final_url.endswith("/c")


def test_redirect_to_another_scheme(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/page").respond_with_data(
        "", status=302, headers={"Location": "ftp://news.example/file"}
    )
    expect_error(get(httpserver.url_for("/page")), "invalid_url")


# -- size cap ------------------------------------------------------------------------------------


def test_declared_length_over_the_cap_is_refused_before_the_body() -> None:
    async def respond(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await send_head(reader, writer, "Content-Type: text/html", "Content-Length: 999999999999")
        await reader.read()  # never sends a byte: waits until the client hangs up

    started = time.monotonic()
    error = expect_error(get_raw(respond, max_bytes=1000), "too_large")
    assert time.monotonic() - started < 2
    assert "999999999999" in error.message


@pytest.mark.parametrize("max_bytes", [10, 1_000_000], ids=["tiny-cap", "1MB-cap"])
def test_endless_body_stops_at_the_cap(max_bytes: int) -> None:
    sent = 0

    async def respond(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal sent
        await send_head(reader, writer, "Content-Type: text/html")
        while True:
            writer.write(b"x" * 16384)
            await writer.drain()
            sent += 16384

    started = time.monotonic()
    error = expect_error(get_raw(respond, max_bytes=max_bytes, timeout=10), "too_large")
    assert time.monotonic() - started < 3
    assert str(max_bytes) in error.message
    assert sent < max_bytes + 10_000_000  # the client hung up; the server did not keep going


def test_gzip_bomb_stops_fast_with_bounded_memory() -> None:
    bomb = gzip_bomb()
    assert len(bomb) < 100_000

    async def respond(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await send_head(
            reader,
            writer,
            "Content-Type: text/html",
            "Content-Encoding: gzip",
            f"Content-Length: {len(bomb)}",  # honest and small: only the inflated size is big
        )
        writer.write(bomb)
        await writer.drain()

    tracemalloc.start()
    started = time.monotonic()
    try:
        result = get_raw(respond, max_bytes=1_000_000)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    expect_error(result, "too_large")
    assert time.monotonic() - started < 3
    assert peak < 10_000_000, f"peak {peak} bytes while inflating a 50 MB bomb"


# -- timeouts ------------------------------------------------------------------------------------


async def _headers_then_nothing(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    await send_head(reader, writer, "Content-Type: text/html", "Content-Length: 100")
    await reader.read()  # until the client gives up


def test_slow_server_hits_the_deadline() -> None:
    started = time.monotonic()
    error = expect_error(get_raw(_headers_then_nothing, timeout=0.5), "timeout")
    assert 0.4 < time.monotonic() - started < 2
    assert "0.5 s" in error.message


def test_client_read_timeout_is_a_timeout_too() -> None:
    settings = FetchSettings(timeout=0.3)
    started = time.monotonic()
    error = expect_error(get_raw(_headers_then_nothing, settings=settings, timeout=5), "timeout")
    assert error.message.startswith("timed out reading from 127.0.0.1:")
    assert time.monotonic() - started < 2


def test_dripping_body_hits_the_total_deadline() -> None:
    async def respond(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await send_head(reader, writer, "Content-Type: text/html")
        while True:  # one byte at a time: no single read ever times out
            writer.write(b"x")
            await writer.drain()
            await asyncio.sleep(0.05)

    started = time.monotonic()
    expect_error(get_raw(respond, timeout=0.6), "timeout")
    assert time.monotonic() - started < 2


# -- connection failures -------------------------------------------------------------------------


@pytest.mark.parametrize(("how", "kind"), [("reset", "reset"), ("close", "protocol")])
def test_connection_lost_mid_body(how: str, kind: str) -> None:
    async def respond(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await send_head(reader, writer, "Content-Type: text/html", "Content-Length: 1000")
        writer.write(b"<html>" + b"x" * 100)
        await writer.drain()
        await asyncio.sleep(0.05)
        if how == "reset":  # SO_LINGER 0 turns close into an RST
            sock = writer.get_extra_info("socket")
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            writer.transport.abort()

    expect_error(get_raw(respond), kind)


def test_refused_connection() -> None:
    port = closed_port()
    error = expect_error(get(f"http://127.0.0.1:{port}/page"), "connect")
    assert f"127.0.0.1:{port}" in error.message


def test_tls_to_a_plain_http_port() -> None:
    async def respond(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
        await writer.drain()

    expect_error(get_raw(respond, scheme="https"), "tls")


def _failing_client(exc: Exception) -> httpx.AsyncClient:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc

    return httpx.AsyncClient(transport=httpx.MockTransport(handler))


def _gaierror() -> httpx.ConnectError:
    cause = socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    error = httpx.ConnectError(str(cause))
    error.__cause__ = cause
    return error


@pytest.mark.parametrize(
    "exc",
    [_gaierror(), httpx.ConnectError("[Errno -3] Temporary failure in name resolution")],
    ids=["gaierror-cause", "message"],
)
def test_dns_failure(exc: Exception) -> None:
    url = "http://renewal-tracker.invalid/page"
    error = expect_error(get(url, client=_failing_client(exc)), "dns")
    assert "renewal-tracker.invalid" in error.message


def test_never_raises_even_on_a_bug() -> None:
    url = "http://news.example/page"
    expect_error(get(url, client=_failing_client(RuntimeError("boom"))), "unexpected")
