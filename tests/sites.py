"""What the run-level fetch tests share: the article a site serves, a config that watches
it, a pass at a given time, and counts of what the server was asked."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from pytest_httpserver import HTTPServer

from tracker.config import Config, parse_config
from tracker.pipeline import RunSummary, run_once
from tracker.store import Store

# A renewal page as a news site would publish it: enough text to be an article, one
# official statement, a publication date.
RENEWAL_ARTICLE = """<!doctype html><html><head><title>Ballard renewed</title>
<meta property="article:published_time" content="2025-10-06T16:00:00Z"></head>
<body><article><h1>Prime Video renews Ballard for season 2</h1>
<p>It's official: Prime Video has renewed Ballard for a second season, the streamer
announced on Monday, three months after the Maggie Q crime drama premiered.</p>
<p>Production on the new episodes is expected to begin in Los Angeles early next year.</p>
</article></body></html>"""


def ballard_config(store: Store, sources: list[Any], **fetch: Any) -> Config:
    """Ballard watched through `sources`, alerts to the console, `[fetch]` as given."""
    raw = {
        "database": {"url": store.url},
        "fetch": {"timeout": 5.0, **fetch},
        "shows": [{"title": "Ballard", "sources": sources}],
        "alerts": [{"kind": "console"}],
    }
    return parse_config(raw, Path("config.toml"))


def run_at(config: Config, store: Store, at: datetime | None = None) -> RunSummary:
    """One `tracker run` pass (at a fixed time when given), alerts discarded."""
    summary, _ = run_once(config, store, echo=lambda _: None, now=(lambda: at) if at else None)
    return summary


def requested(server: HTTPServer, path: str) -> int:
    """How many requests for `path` (query string aside) the server has answered."""
    return sum(1 for request, _ in server.log if request.path == path)
