"""`tracker demo`: the real pipeline, offline, against bundled news pages.

A small HTTP server on 127.0.0.1 serves the files of tracker/demo/pages (news pages, a
news site's RSS feed, TVmaze API answers); the script in timeline.toml says which file
each path serves at each pass. Every pass runs the same `run_once` as `tracker run`
(fetch -> extract -> store -> diff -> outbox -> alerts) into a throw-away SQLite
database, so the alerts, board and history printed are the real thing, not a mock-up.
"""

from __future__ import annotations

import hashlib
import tempfile
import threading
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from rich.console import Console
from rich.rule import Rule

from tracker import history, render
from tracker.config import Config, parse_config
from tracker.errors import TrackerError
from tracker.pipeline import run_once
from tracker.store import Store

DEMO = files("tracker") / "demo"
CONTENT_TYPES = {
    ".html": "text/html",
    ".rss": "application/rss+xml",
    ".xml": "application/rss+xml",
    ".json": "application/json",
}
# Feeds link to their site's articles by absolute URL, as real feeds do; the server
# rewrites this origin in the feeds it serves to its own, so the links resolve offline.
FEED_SITE = b"https://renewaldesk.example"


class _Pages:
    """What each path serves right now (file name and bytes); swapped between passes."""

    def __init__(self) -> None:
        self.current: dict[str, tuple[str, bytes]] = {}
        self.lock = threading.Lock()

    def serve(self, mapping: dict[str, str]) -> None:
        with self.lock:
            for path, name in mapping.items():
                self.current[path] = (name, (DEMO / "pages" / name).read_bytes())

    def get(self, path: str) -> tuple[str, bytes] | None:
        with self.lock:
            return self.current.get(path)


def _media_type(name: str) -> str:
    return CONTENT_TYPES[Path(name).suffix]


def _for_origin(name: str, body: bytes, origin: str) -> bytes:
    """A feed as this server serves it: its site's links pointed at `origin`, the server."""
    if _media_type(name) != "application/rss+xml":
        return body
    return body.replace(FEED_SITE, origin.encode())


def _handler(pages: _Pages) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            found = pages.get(urlsplit(self.path).path)  # the query string selects nothing
            if found is None:
                self.send_error(404)
                return
            name, raw = found
            body = _for_origin(name, raw, f"http://{self.headers['Host']}")  # as reached
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", f"{_media_type(name)}; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the demo prints alerts, not access logs."""

    return Handler


@contextmanager
def _server(pages: _Pages) -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(pages))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def demo_config(timeline: dict[str, Any], port: int, db_url: str) -> Config:
    """The config a user would write for these shows, pointed at the local server."""
    origin = f"http://127.0.0.1:{port}"
    raw = {
        "database": {"url": db_url},
        "fetch": {"timeout": 10, "min_interval": 0.1},  # our own loopback server
        "tvmaze": {"base_url": f"{origin}/tvmaze"},
        "shows": [
            {
                "title": show["title"],
                "aliases": show.get("aliases", []),
                "sources": _sources(show, origin),
            }
            for show in timeline["shows"]
        ],
        "alerts": [{"kind": "console"}],
    }
    return parse_config(raw, Path("<demo>"))


def _sources(show: dict[str, Any], origin: str) -> list[Any]:
    """A show's config sources: its `path` as a page, then its `sources`, each `path` a URL."""
    sources: list[Any] = [origin + show["path"]] if "path" in show else []
    for source in show.get("sources", []):
        source = dict(source)
        if "path" in source:
            source["url"] = origin + source.pop("path")
        sources.append(source)
    return sources


def run_demo(console: Console, db_path: Path | None, history_show: str) -> None:
    """Play the timeline pass by pass, then print the board and one show's history."""
    if db_path is not None and db_path.exists():
        raise TrackerError(
            f"{db_path} already exists: the demo tells its story from an empty database; "
            "remove the file or choose another --db path"
        )
    timeline = tomllib.loads((DEMO / "timeline.toml").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="tracker-demo-") as tmp:
        path = db_path or Path(tmp) / "demo.db"
        pages = _Pages()
        with _server(pages) as port:
            config = demo_config(timeline, port, f"sqlite:///{path.resolve()}")
            store = Store(config.database.url)
            store.migrate()
            try:
                _passes(console, timeline, pages, config, store)
                _report(console, store, history_show)
            finally:
                store.close()
        if db_path:
            console.print(f"demo database kept at {db_path}", highlight=False)


def _passes(
    console: Console, timeline: dict[str, Any], pages: _Pages, config: Config, store: Store
) -> None:
    def echo(text: str) -> None:
        console.print(text, markup=False, highlight=False)

    for number, step in enumerate(timeline["passes"], 1):
        console.print(Rule(f"pass {number}", align="left"))
        console.print(step["label"], style="bold", highlight=False)
        pages.serve(step["pages"])
        summary, report = run_once(config, store, echo=echo)
        if summary.changes == 0:
            console.print("(no changes)", style="dim")
        console.print(f"{summary.line()}; {report.sent} alerts sent", style="dim", highlight=False)


def _report(console: Console, store: Store, history_show: str) -> None:
    console.print(Rule("status board", align="left"))
    console.print(render.board_table(store.board()))
    console.print(Rule(f"history: {history_show}", align="left"))
    timeline = history.timeline(store, history_show)
    render.print_lines(console, render.timeline_lines(timeline, True, console.width))
