"""The seed timeline end to end, through `tracker run` and real HTTP on 127.0.0.1.

The issue's story: the seed article (Ballard not yet renewed: pending, season 2, published
2025-07-10), then an article dated 2025-10-06 announcing the renewal -> exactly one status
change, pending -> renewed (season 2, official), and exactly one alert; the July article
served again afterwards, with a changed body, changes nothing.

A news site tells that story in one of two ways, and both are played here:

- `rewritten-page`: one URL, an evergreen "Ballard season 2: everything we know" page that
  the site rewrites when the news breaks; later a stale cache serves the July version
  again, with a new sidebar and a comment section.
- `feed-articles`: one URL per article, found through the site's Atom feed; the July
  article is later edited (comments, new sidebar) and the feed bumps its `updated` stamp.

Alerts go to the console and to a signed webhook on a second local server, so "exactly one
alert" is counted where alerts arrive: one console ALERT line and one POST per change. The
first pass's `first_seen` alert is the tracker's introduction of the show, not a change of
status; it is checked on its own, and the renewal is the only alert after it.

Each layout plays the timeline once (a module-scoped fixture); the tests read its record.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tracker.cli import cli

# tests/test_extract_seed.py keeps this copy byte-equal to ../shared/seeds/ when that exists;
# CI clones the repository without shared/, so the copy is what the timeline serves.
SEED = Path(__file__).parent / "fixtures" / "ballard-renewal-article.txt"
SECRET_ENV = "TRACKER_SEED_TIMELINE_SECRET"
SECRET = b"seed-timeline-webhook-secret-32b"
HOOK_PATH = "/hooks/tracker"
SITE = "Reelside"
EXPLAINER = "/tv/ballard-season-2-everything-we-know/"
JULY_ARTICLE = "/2025/07/10/ballard-season-2-renewal-status/"
OCTOBER_ARTICLE = "/2025/10/06/ballard-renewed-season-2-prime-video/"
FEED = "/feeds/tv.atom"
JULY_TITLE = "Will there be a Ballard season 2? Renewal status explored"
OCTOBER_TITLE = "\u2018Ballard\u2019 Renewed for Season 2 at Prime Video"
SUMMARY = re.compile(r"(\d+) snapshots, (\d+) changes in .*; alerts: (\d+) sent, (\d+) failed")

DECIDING = (
    "As of the writing of this article, the series has not officially been renewed for a "
    "second season; however, multiple factors hint at the possibility of the return of the "
    "renowned detective."
)
RENEWAL_SENTENCE = "Prime Video has renewed Ballard for a second season"

# The October article, written for this test like a trade site's renewal story: the
# announcement, the network's statement, a recap, a rating, and the franchise's other shows.
OCTOBER_PARAGRAPHS = (
    "It's official: Prime Video has renewed Ballard for a second season, the streamer "
    "announced on Monday, three months after the Bosch spin-off premiered.",
    "\u201cAudiences everywhere have embraced Ren\u00e9e Ballard and her cold case unit, and we "
    "can't wait to see where Maggie Q and the team take her next,\u201d Prime Video said in a "
    "statement.",
    "All ten episodes of the first season premiered on July 9, 2025. Developed from Michael "
    "Connelly's novels, the series follows Ballard as she runs the LAPD's understaffed cold "
    "case unit out of a basement office with a team of volunteers.",
    "Season 1 ended with Ballard arrested for the murder of Robert Olivas, leaving her future "
    "on the force in doubt. Production on the new episodes is expected to begin in Los "
    "Angeles early next year; no premiere date has been set.",
    "Ballard holds a 7.6/10 rating on IMDb.",
    "The order extends the Bosch franchise on Prime Video, which began with Bosch in 2014 and "
    "continued with Bosch: Legacy, whose third and final season premiered in March.",
)
JULY_SIDEBAR = (
    "\u2018Copper Valley\u2019 cancelled after two seasons",
    "\u2018Bosch: Legacy\u2019 season 3 will be its last",
    "Every summer 2025 streaming premiere, by date",
)
LATER_SIDEBAR = (
    "Prime Video renews \u2018Ballard\u2019 for season 2",
    "\u2018Starfall Station\u2019 to end with season 3",
    "Fall TV scorecard: what's renewed, what's cancelled",
)
COMMENTS = (
    ("2025-10-07T08:12:00Z", "Saw the news this week, so glad it's coming back!"),
    ("2025-10-08T21:40:00Z", "Maggie Q carried this show. Season 2 can't come soon enough."),
)


# -- the pages -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Article:
    """What a page needs to look like a real news article: text, date, where it lives."""

    headline: str
    published: str  # ISO 8601 with a time, as sites put it in their metadata
    body: str  # the article's HTML, paragraphs and headings
    canonical: str
    sidebar: tuple[str, ...]
    comments: tuple[tuple[str, str], ...] = ()


def seed_article(canonical: str, *, later: bool = False) -> Article:
    """The seed, as the news page it came from; `later` is the same article months on."""
    text = SEED.read_text(encoding="utf-8")
    dated = re.match(r"\s*date (\d{4}-\d{2}-\d{2})\s+", text)
    assert dated, "the seed starts with its date"
    return Article(
        headline=JULY_TITLE,
        published=f"{dated.group(1)}T09:30:00+00:00",
        body=seed_body(text[dated.end() :]),
        canonical=canonical,
        sidebar=LATER_SIDEBAR if later else JULY_SIDEBAR,
        comments=COMMENTS if later else (),
    )


def seed_body(text: str) -> str:
    """The seed's paragraphs as a CMS renders them: subheadings, a photo credit, paragraphs."""
    blocks = []
    for para in (p.strip() for p in text.split("\n\n") if p.strip()):
        escaped = html.escape(para, quote=False)
        if "(Image via" in para:
            blocks.append(f'<figure><img src="/img/connelly.jpg" alt=""><figcaption>{escaped}')
            blocks[-1] += "</figcaption></figure>"
        elif not para.endswith((".", '"', "\u201d", "?", "!")) and len(para) < 80:
            blocks.append(f"<h2>{escaped}</h2>")
        else:
            blocks.append(f"<p>{escaped}</p>")
    return "\n".join(blocks)


def october_article(canonical: str) -> Article:
    """The renewal story, published 2025-10-06."""
    body = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in OCTOBER_PARAGRAPHS)
    return Article(
        headline=OCTOBER_TITLE,
        published="2025-10-06T16:05:00+00:00",
        body=body,
        canonical=canonical,
        sidebar=LATER_SIDEBAR,
    )


def page(article: Article) -> str:
    """A whole news page: metadata in the head, menus, the article, a sidebar, a footer."""
    jsonld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": article.headline,
            "datePublished": article.published,
            "author": {"@type": "Person", "name": "Staff Writer"},
            "publisher": {"@type": "Organization", "name": SITE},
        }
    )
    title = html.escape(article.headline)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | {SITE}</title>
<link rel="canonical" href="{article.canonical}">
<meta property="og:type" content="article">
<meta property="article:published_time" content="{article.published}">
<script type="application/ld+json">{jsonld}</script>
<script>window.dataLayer = window.dataLayer || []; dataLayer.push({{"page": "article"}});</script>
</head><body>
<header class="site-header"><a href="/">{SITE}</a>
<nav class="main-nav"><a href="/tv/">TV</a> <a href="/movies/">Movies</a>
<a href="/streaming/">Streaming</a></nav></header>
<main><article>
<h1>{title}</h1>
<div class="byline">By Staff Writer \u00b7 <time datetime="{article.published}">
{article.published[:10]}</time></div>
<div class="article-body">
{article.body}
</div></article>
{sidebar(article.sidebar)}
{comments(article.comments)}
</main>
<footer class="site-footer">\u00a9 2025 {SITE}. All rights reserved.</footer>
</body></html>"""


def sidebar(headlines: tuple[str, ...]) -> str:
    items = "".join(
        f'<li><a href="/news/{i}">{html.escape(h)}</a></li>' for i, h in enumerate(headlines)
    )
    return f'<aside class="trending"><h3>Trending</h3><ol>{items}</ol></aside>'


def comments(posted: tuple[tuple[str, str], ...]) -> str:
    """A comment section; its dates are later than the article's, as on any old story."""
    if not posted:
        return ""
    items = "".join(
        f'<li class="comment"><time datetime="{at}">{at[:10]}</time><p>{html.escape(text)}</p></li>'
        for at, text in posted
    )
    return f'<section id="comments"><h3>{len(posted)} comments</h3><ol>{items}</ol></section>'


def atom(base: str, entries: list[tuple[str, str, str]]) -> str:
    """The site's Atom feed: (path, title, updated) per entry, newest first."""
    items = "".join(
        f'<entry><title>{html.escape(title)}</title><link href="{base}{path}"/>'
        f"<id>{base}{path}</id><published>{path[1:11].replace('/', '-')}T09:00:00Z</published>"
        f"<updated>{updated}</updated></entry>"
        for path, title, updated in entries
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        f'<feed xmlns="http://www.w3.org/2005/Atom"><title>{SITE} TV</title>'
        f"<id>{base}/</id><updated>{entries[0][2]}</updated>{items}</feed>"
    )


# -- the site and the webhook receiver -------------------------------------------------------


class NewsSite:
    """A news site on 127.0.0.1: what each path serves right now (404 otherwise)."""

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.base = server.url_for("/").rstrip("/")
        self.pages: dict[str, tuple[str, str]] = {}
        server.expect_request(re.compile(r"/.*")).respond_with_handler(self._respond)

    def url(self, path: str) -> str:
        return self.base + path

    def html(self, path: str, article: Article) -> None:
        self.pages[path] = (page(article), "text/html; charset=utf-8")

    def feed(self, entries: list[tuple[str, str, str]]) -> None:
        self.pages[FEED] = (atom(self.base, entries), "application/atom+xml; charset=utf-8")

    def _respond(self, request: Request) -> Response:
        body, content_type = self.pages.get(request.path, ("not found", "text/plain"))
        return Response(
            body, status=200 if request.path in self.pages else 404, content_type=content_type
        )


# -- the two layouts -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Layout:
    """How the site publishes the story: which URLs hold which article, stage by stage."""

    name: str
    source: Callable[[NewsSite], str]  # the TOML of the show's sources
    july_path: str
    october_path: str
    publish: Callable[[NewsSite, str], None]  # stage: "july" | "october" | "july-again"


def publish_rewritten(site: NewsSite, stage: str) -> None:
    """One URL: the explainer, rewritten on October 6, then a stale July copy again."""
    url = site.url(EXPLAINER)
    if stage == "october":
        site.html(EXPLAINER, october_article(url))
    else:
        site.html(EXPLAINER, seed_article(url, later=stage == "july-again"))


def publish_articles(site: NewsSite, stage: str) -> None:
    """One URL per article, announced by the feed; the July one edited and re-stamped later."""
    july_updated = "2025-10-09T12:00:00Z" if stage == "july-again" else "2025-07-10T09:30:00Z"
    site.html(JULY_ARTICLE, seed_article(site.url(JULY_ARTICLE), later=stage == "july-again"))
    entries = [(JULY_ARTICLE, JULY_TITLE, july_updated)]
    if stage != "july":
        site.html(OCTOBER_ARTICLE, october_article(site.url(OCTOBER_ARTICLE)))
        entries.insert(0, (OCTOBER_ARTICLE, OCTOBER_TITLE, "2025-10-06T16:05:00Z"))
    site.feed(entries)


LAYOUTS = [
    Layout(
        "rewritten-page",
        lambda site: f'["{site.url(EXPLAINER)}"]',
        EXPLAINER,
        EXPLAINER,
        publish_rewritten,
    ),
    Layout(
        "feed-articles",
        lambda site: f'[{{ kind = "feed", url = "{site.url(FEED)}" }}]',
        JULY_ARTICLE,
        OCTOBER_ARTICLE,
        publish_articles,
    ),
]


# -- playing the timeline --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Pass:
    """What one `tracker run` did, seen from outside: output, deliveries, the board after."""

    result: Result
    alerts: list[str]  # the console channel's ALERT lines
    deliveries: list[Request]  # POSTs the webhook receiver got during this pass
    board: dict[str, Any]  # Ballard's row of `tracker status --json` afterwards

    @property
    def counts(self) -> tuple[int, ...]:
        """(snapshots, changes, alerts sent, alerts failed) from the summary line."""
        found = SUMMARY.search(self.result.stdout)
        assert found, self.result.output
        return tuple(int(n) for n in found.groups())

    def payloads(self) -> list[dict[str, Any]]:
        return [json.loads(request.get_data()) for request in self.deliveries]


@dataclass(frozen=True, slots=True)
class Story:
    layout: Layout
    site: NewsSite
    passes: dict[str, Pass]
    history: dict[str, Any]

    @property
    def july_url(self) -> str:
        return self.site.url(self.layout.july_path)

    @property
    def october_url(self) -> str:
        return self.site.url(self.layout.october_path)


def write_config(folder: Path, sources: str, hook_url: str) -> Path:
    path = folder / "config.toml"
    path.write_text(
        f"""[database]
url = "sqlite:///tracker.db"

[fetch]
timeout = 5
min_interval = 0

[[shows]]
title = "Ballard"
aliases = ["Ren\u00e9e Ballard"]
sources = {sources}

[[alerts]]
kind = "console"

[[alerts]]
kind = "webhook"
url = "{hook_url}"
secret_env = "{SECRET_ENV}"
""",
        encoding="utf-8",
    )
    return path


def started_server() -> HTTPServer:
    server = HTTPServer(host="127.0.0.1", port=0)
    server.no_handler_status_code = 404
    server.start()
    return server


@pytest.fixture(scope="module", params=LAYOUTS, ids=lambda layout: layout.name)
def story(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Story]:
    """The timeline played once per layout: init, then the July, October and July-again runs."""
    layout: Layout = request.param
    news, hooks = started_server(), started_server()
    hooks.expect_request(HOOK_PATH, method="POST").respond_with_data("", status=204)
    try:
        site = NewsSite(news)
        config = write_config(
            tmp_path_factory.mktemp(layout.name), layout.source(site), hooks.url_for(HOOK_PATH)
        )
        runner = CliRunner(env={SECRET_ENV: base64.b64encode(SECRET).decode()})

        def tracker(*args: str) -> Result:
            return runner.invoke(cli, ["--config", str(config), *args])

        init = tracker("init")
        assert init.exit_code == 0, init.output
        passes = {}
        for stage in ("july", "october", "july-again"):
            layout.publish(site, stage)
            passes[stage] = play(tracker, hooks)
        history = tracker("history", "Ballard", "--json")
        assert history.exit_code == 0, history.output
        yield Story(layout, site, passes, json.loads(history.stdout))
    finally:
        news.stop()
        hooks.stop()


def play(tracker: Callable[..., Result], hooks: HTTPServer) -> Pass:
    """One `tracker run`, the webhook POSTs it caused and Ballard's board row after it."""
    before = len(hooks.log)
    result = tracker("run")
    deliveries = [request for request, _ in hooks.log[before:]]
    alerts = [line for line in result.stdout.splitlines() if line.startswith("ALERT ")]
    board = tracker("status", "--json")
    assert board.exit_code == 0, board.output
    [ballard] = [row for row in json.loads(board.stdout) if row["show"] == "Ballard"]
    return Pass(result, alerts, deliveries, ballard)


def status_of(row: dict[str, Any]) -> tuple[Any, ...]:
    return row["status"], row["season"], row["certainty"], row["since"]


# -- July: the seed --------------------------------------------------------------------------


def test_every_pass_completes_without_a_failed_source_or_alert(story: Story) -> None:
    for stage, run in story.passes.items():
        assert run.result.exit_code == 0, (stage, run.result.output)
        assert run.counts[3] == 0, stage
        assert run.result.stderr == "", stage


def test_the_seed_makes_ballard_pending_season_2_and_introduces_it_once(story: Story) -> None:
    july = story.passes["july"]

    assert july.counts == (1, 1, 2, 0)  # one snapshot, one change, sent on both channels
    assert july.alerts == ["ALERT Ballard: first seen as pending (season 2, reported)"]
    assert [p["type"] for p in july.payloads()] == ["show.first_seen"]
    assert status_of(july.board) == ("pending", 2, "reported", "2025-07-10")
    assert july.board["evidence"] == {"url": story.july_url, "text": DECIDING}
    assert (july.board["ratings"]["imdb"], july.board["ratings"]["rotten_tomatoes"]) == (7.5, 100)


# -- October: the renewal --------------------------------------------------------------------


def test_the_renewal_is_exactly_one_status_change_and_one_alert(story: Story) -> None:
    october = story.passes["october"]

    assert october.counts == (1, 1, 2, 0)  # one change, delivered once on each of 2 channels
    assert october.alerts == [
        "ALERT Ballard: status changed, pending (season 2, reported) "
        "\u2192 renewed (season 2, official)"
    ]
    [payload] = october.payloads()
    assert (payload["type"], payload["version"]) == ("show.status_changed", 1)
    assert payload["show"] == {"title": "Ballard", "slug": "ballard"}
    assert status_of_payload(payload["previous"]) == ("pending", 2, "reported", "2025-07-10")
    assert status_of_payload(payload["current"]) == ("renewed", 2, "official", "2025-10-06")
    assert payload["evidence"]["url"] == story.october_url
    assert payload["evidence"]["published"] == "2025-10-06"
    assert RENEWAL_SENTENCE in payload["evidence"]["text"]


def status_of_payload(view: dict[str, Any]) -> tuple[Any, ...]:
    return view["status"], view["season"], view["certainty"], view["since"]


def test_status_shows_renewed_season_2_official_since_october_6(story: Story) -> None:
    board = story.passes["october"].board

    assert status_of(board) == ("renewed", 2, "official", "2025-10-06")
    assert board["evidence"]["url"] == story.october_url
    assert RENEWAL_SENTENCE in board["evidence"]["text"]
    assert board["ratings"]["imdb"] == 7.6  # moved 0.1: below the threshold, no rating alert
    assert (board["sources_ok"], board["sources_failing"]) == (1, 0)


def test_each_webhook_delivery_is_signed_and_names_its_change(story: Story) -> None:
    for run in story.passes.values():
        for request in run.deliveries:
            message_id = request.headers["webhook-id"]
            signed = f"{message_id}.{request.headers['webhook-timestamp']}.".encode()
            digest = hmac.new(SECRET, signed + request.get_data(), hashlib.sha256).digest()
            assert request.headers["webhook-signature"] == "v1," + base64.b64encode(digest).decode()
            assert message_id == f"msg_change_{json.loads(request.get_data())['id']}"


# -- later: the July article again, with a changed body ----------------------------------------


def test_the_july_article_served_again_with_a_new_body_changes_nothing(story: Story) -> None:
    again = story.passes["july-again"]

    assert again.counts == (1, 0, 0, 0)  # the new body was read and stored: no change, no alert
    assert again.alerts == []
    assert again.deliveries == []
    assert again.board == story.passes["october"].board | {
        "last_checked": again.board["last_checked"]
    }


def test_the_comments_later_dates_do_not_redate_the_july_article(story: Story) -> None:
    last = story.history["snapshots"][-1]

    assert (last["url"], last["published"]) == (story.july_url, "2025-07-10")
    assert (last["status"], last["season"]) == ("pending", 2)


def test_the_new_sidebar_and_comments_add_no_evidence(story: Story) -> None:
    """The sidebar now headlines the renewal and readers cheer it: chrome, never evidence."""
    first, *_, last = story.history["snapshots"]

    assert [e["text"] for e in last["evidence"]] == [e["text"] for e in first["evidence"]]


# -- history ---------------------------------------------------------------------------------


def test_history_lists_the_snapshots_in_fetch_order(story: Story) -> None:
    snapshots = story.history["snapshots"]

    assert [
        (s["url"], s["status"], s["season"], s["certainty"], s["published"]) for s in snapshots
    ] == [
        (story.july_url, "pending", 2, "reported", "2025-07-10"),
        (story.october_url, "renewed", 2, "official", "2025-10-06"),
        (story.july_url, "pending", 2, "reported", "2025-07-10"),
    ]
    fetched = [s["fetched_at"] for s in snapshots]
    assert fetched == sorted(fetched)


def test_history_lists_both_changes_in_order_with_their_evidence(story: Story) -> None:
    history = story.history
    first, renewal = history["changes"]

    assert (history["show"], history["slug"]) == ("Ballard", "ballard")
    assert (first["kind"], renewal["kind"]) == ("first_seen", "status_changed")
    assert first["occurred_at"] < renewal["occurred_at"]
    assert first["evidence"] == {"url": story.july_url, "text": DECIDING, "published": "2025-07-10"}
    assert renewal["evidence"]["url"] == story.october_url
    assert renewal["evidence"]["published"] == "2025-10-06"
    assert RENEWAL_SENTENCE in renewal["evidence"]["text"]
    assert status_of_payload(renewal["previous"]) == ("pending", 2, "reported", "2025-07-10")
    assert status_of_payload(renewal["current"]) == ("renewed", 2, "official", "2025-10-06")
