"""What the scale-out load test's workers talk to: a news site whose stories move on, a
webhook endpoint that counts what it is sent, and a throw-away PostgreSQL schema.

bench/sitegen.py writes the articles, but its pages carry newspages' full chrome (a
120-link mega-menu, a 150-link footer) and never weigh less than ~26 KB. The load test
has 2,000 pages checked every minute by daemons sharing two cores, so these pages keep
the same kinds of chrome — inline state JSON and analytics, CSS, a menu, rails, ad slots,
a footer — at 10-20 KB. A show's story can be replaced by a later one with another
status, so every minute brings status changes and alerts. Deterministic for a seed.

Both servers are http.server with a thread per connection, on 127.0.0.1: a modest real
site, not a tuned one (bench/fetch_speed.py has the tuned asyncio server).
"""

from __future__ import annotations

import collections
import email.utils
import hashlib
import random
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from bench.newspages import _menu, _rail, _script, _style
from bench.sitegen import Story, _slug, _story, article, show_titles

# Later stories are dated from here on, one day per round of updates: after every date
# sitegen gives a first story (2025), and in the past, where a news date belongs.
UPDATES_FROM = date(2026, 1, 1)
# _script() adds this much analytics JavaScript beside the state JSON it is asked for.
ANALYTICS = 3_400
# A status that a later, dated, reported story always replaces (pending can be speculation).
DECISIVE = ("renewed", "cancelled", "ending")


def light_page(rng: random.Random, body: str, target: int) -> str:
    """A page of about `target` bytes around an article: the chrome, scaled down."""
    footer = "".join(f'<a href="/section/{i}">Section {i}</a>' for i in range(20))
    chrome = (
        _menu(rng, 30),
        _rail(rng, "Trending", 8),
        _rail(rng, "Related", 6),
        '<div class="ad-slot" data-slot="inline"></div>' * 6,
        f'<footer class="site-footer">{footer}<p>&copy; 2025 News Example</p></footer>',
    )
    rest = target - len(body) - sum(map(len, chrome)) - ANALYTICS - 300
    state_size = max(500, int(rest * 0.7))
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>News Example</title>'
        f"{_style(rng, max(500, rest - state_size))}</head><body>"
        f'{chrome[0]}<div class="layout"><main class="content">{body}</main>'
        f"{chrome[1]}{chrome[2]}</div>{chrome[3]}{chrome[4]}"
        f"{_script(rng, state_size)}</body></html>"
    )


def next_story(story: Story, status: str, published: date) -> Story:
    """The show's next story: another status, dated later (renewed means the next season)."""
    season = story.season + 1 if status == "renewed" else story.season
    return replace(story, status=status, season=season, published=published.isoformat())


@dataclass(frozen=True, slots=True)
class Update:
    """One page given a new story: which, what it said before, what it says now."""

    path: str
    before: Story
    after: Story
    html: str


class ShowSite:
    """`count` shows, one page each at /tv/<slug>/, and the rounds of news that change them.

    Updates go round the shows in a shuffled order, so a show changes again only once
    every other show has, each time with a story dated a day later than the round before.
    """

    def __init__(self, count: int, size: int = 15_000, seed: int = 7) -> None:
        self._rng = random.Random(seed)
        self._size = size
        self.stories: dict[str, Story] = {}
        self.pages: dict[str, str] = {}
        for show in show_titles(count, seed):
            story = _story(self._rng, show)
            path = f"/tv/{_slug(show)}/"
            self.stories[path] = story
            self.pages[path] = self._render(story)
        self._order = list(self.stories)
        self._rng.shuffle(self._order)
        self._next = 0
        self.rounds = 0

    def _render(self, story: Story) -> str:
        target = int(self._size * self._rng.uniform(0.7, 1.3))
        html = light_page(self._rng, article(self._rng, story), target)
        headline = f"<title>{story.show} | {story.site}</title>"
        return html.replace("<title>News Example</title>", headline, 1)

    def update(self, share: float) -> list[Update]:
        """A round of news: `share` of the shows get a later story with another status."""
        self.rounds += 1
        published = UPDATES_FROM + timedelta(days=self.rounds)
        updates = []
        for _ in range(max(1, round(len(self._order) * share))):
            path = self._order[self._next % len(self._order)]
            self._next += 1
            before = self.stories[path]
            status = self._rng.choice([s for s in DECISIVE if s != before.status])
            after = next_story(before, status, published)
            html = self._render(after)
            self.stories[path], self.pages[path] = after, html
            updates.append(Update(path, before, after, html))
        return updates


def minute(at: datetime) -> datetime:
    """The period a moment belongs to: its UTC minute."""
    return at.astimezone(UTC).replace(second=0, microsecond=0)


# --- serving it: the site and the webhook endpoint ------------------------------------------


@dataclass(frozen=True, slots=True)
class Resource:
    """A page as served: its body and validators, replaced whole when its story changes."""

    body: bytes
    etag: str
    modified: float

    @classmethod
    def of(cls, html: str, modified: float) -> Resource:
        body = html.encode()
        return cls(body, f'"{hashlib.sha1(body).hexdigest()[:20]}"', float(int(modified)))

    def fresh(self, if_none_match: str | None, if_modified_since: str | None) -> bool:
        """RFC 9110 §13.2.2: If-None-Match decides when sent, else If-Modified-Since."""
        if if_none_match is not None:
            tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
            return self.etag in tags or "*" in tags
        try:
            since = email.utils.parsedate_to_datetime(if_modified_since or "")
        except (TypeError, ValueError):
            return False
        return since.timestamp() >= self.modified


class _Server(ThreadingHTTPServer):
    """A thread per connection; a client that vanishes (a SIGKILLed worker) is counted
    rather than printed as a traceback."""

    daemon_threads = True
    request_queue_size = 256
    resets = 0

    def handle_error(self, request: object, client_address: object) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            self.resets += 1
        else:
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class _Quiet(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the tracker's lanes expect

    def log_message(self, format: str, *args: object) -> None:
        """http.server writes a line per request to stderr; the counts say enough."""

    def answer(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class PageServer:
    """A threaded HTTP/1.1 server for the site; counts its answers per UTC minute.

    http.server with a thread per connection, as a modest real site might run; each
    tracker worker keeps at most 16 connections to it.
    """

    def __init__(self, pages: dict[str, str]) -> None:
        modified = time.time() - 86_400
        self.resources = {path: Resource.of(html, modified) for path, html in pages.items()}
        self.counts: collections.Counter[tuple[datetime, str]] = collections.Counter()
        self._lock = threading.Lock()
        self.httpd = _Server(("127.0.0.1", 0), self._handler())
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def publish(self, path: str, html: str) -> None:
        """A page's new version, served from the next request on."""
        self.resources[path] = Resource.of(html, time.time())

    def _count(self, status: str) -> None:
        with self._lock:
            self.counts[minute(datetime.now(UTC)), status] += 1

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(_Quiet):
            def do_GET(self) -> None:
                page = site.resources.get(self.path)
                if page is None:
                    site._count("404")
                    self.answer(404, b"not found", {"Content-Type": "text/plain"})
                    return
                validators = {
                    "ETag": page.etag,
                    "Last-Modified": email.utils.formatdate(page.modified, usegmt=True),
                }
                if page.fresh(
                    self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
                ):
                    site._count("304")
                    self.answer(304, headers=validators)
                    return
                site._count("200")
                html = {"Content-Type": "text/html; charset=utf-8"}
                self.answer(200, page.body, html | validators)

        return Handler


class WebhookReceiver:
    """Answers 200 to every POST and remembers each `webhook-id`, when, and whether its
    Standard Webhooks signature checked out (with the reference library)."""

    def __init__(self, secret: str) -> None:
        self.verifier = Webhook(secret)
        self.received: list[tuple[str, datetime]] = []
        self.unsigned = 0
        self._lock = threading.Lock()
        self.httpd = _Server(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/hook"

    def _receive(self, headers: dict[str, str], body: bytes) -> None:
        try:
            self.verifier.verify(body, headers)
            signed = True
        except WebhookVerificationError:
            signed = False
        with self._lock:
            self.received.append((headers.get("webhook-id", "?"), datetime.now(UTC)))
            self.unsigned += not signed

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        receiver = self

        class Handler(_Quiet):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                headers = {name.lower(): value for name, value in self.headers.items()}
                receiver._receive(headers, body)
                self.answer(200)

        return Handler


@dataclass
class Serving:
    """The two servers, each on a thread of its own until closed."""

    pages: PageServer
    hooks: WebhookReceiver
    threads: list[threading.Thread] = field(default_factory=list)

    def __enter__(self) -> Serving:
        for httpd in (self.pages.httpd, self.hooks.httpd):
            thread = threading.Thread(target=httpd.serve_forever, daemon=True)
            thread.start()
            self.threads.append(thread)
        return self

    def __exit__(self, *exc: object) -> None:
        for httpd in (self.pages.httpd, self.hooks.httpd):
            httpd.shutdown()
            httpd.server_close()


# --- the database ---------------------------------------------------------------------------


class SetupError(Exception):
    """The load test could not run as described (no database, a worker that died early)."""


@dataclass
class Schema:
    """A throw-away PostgreSQL schema: created on enter, dropped on exit whatever happened."""

    server_url: str
    name: str = field(default_factory=lambda: f"bench_scale_{uuid.uuid4().hex[:12]}")
    url: str = ""

    def __enter__(self) -> Schema:
        self._admin(f"CREATE SCHEMA {self.name}")
        base = make_url(self.server_url)
        given = base.query.get("options") or ()
        given = (given,) if isinstance(given, str) else given
        options = " ".join([*given, f"-csearch_path={self.name}"])
        self.url = base.update_query_dict({"options": options}).render_as_string(False)
        return self

    def __exit__(self, *exc: object) -> None:
        self._admin("SET lock_timeout = '10s'", f"DROP SCHEMA {self.name} CASCADE")

    def _admin(self, *statements: str) -> None:
        admin = create_engine(self.server_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        try:
            with admin.connect() as connection:
                for statement in statements:
                    connection.execute(text(statement))
        except SQLAlchemyError as exc:
            shown = make_url(self.server_url).render_as_string(hide_password=True)
            raise SetupError(f"PostgreSQL at {shown}: {exc.__cause__ or exc}") from None
        finally:
            admin.dispose()
