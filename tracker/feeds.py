"""RSS and Atom feeds: which items name a tracked show, and which article each one is.

Pure functions, no I/O. feedparser reads the feed (every RSS and Atom dialect, broken
ones included); the extractor's own show matcher decides whether an item's title or
summary names a show, so "Bosch: Legacy" in a headline is not "Bosch" here either.
Articles are keyed by a canonical form of their link (tracking parameters and fragments
dropped), so one story listed by several feeds, or twice in one, is fetched once.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import feedparser

from tracker.errors import FetchError
from tracker.extract.shows import ShowMatcher
from tracker.extract.text import normalise

# Query parameters that only say how a reader arrived; the article is the same without them.
_TRACKING = re.compile(
    r"^(utm_[a-z]+|fbclid|gclid|dclid|msclkid|mc_[a-z]+|ocid|cmpid|icid|_ga|ref|ref_src"
    r"|taid|smid|partner|source|feature)$",
    re.IGNORECASE,
)
_BLOCK_TAG = re.compile(r"<\s*/?\s*(?:p|br|div|li|ul|ol|h[1-6]|tr|td|blockquote)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>")
_DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry of a feed: where the article is, how the feed identifies it, what it says."""

    url: str  # canonical form of the entry's link
    guid: str | None
    title: str
    summary: str
    published: date | None
    updated: str | None  # the feed's own stamp: a new value means the article changed

    def text(self) -> str:
        """Title and summary as plain text, for matching show names."""
        return f"{self.title}\n{self.summary}"


def parse_feed(text: str, base_url: str) -> list[FeedItem]:
    """The items of an RSS/Atom document that link to an http(s) article.

    Raises FetchError("not_a_feed") when the body is not a feed at all (an HTML page
    at a feed's URL, say), so it is recorded against the source like any other failure.
    """
    parsed = feedparser.parse(
        io.BytesIO(text.encode("utf-8")),
        response_headers={"content-type": "application/xml; charset=utf-8"},
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    if not parsed.entries and not parsed.get("version"):
        reason = parsed.get("bozo_exception") or "no RSS or Atom document found"
        raise FetchError("not_a_feed", f"not an RSS or Atom feed: {_first_line(reason)}")
    items = (_item(entry, base_url) for entry in parsed.entries)
    return [item for item in items if item is not None]


def _item(entry: Any, base_url: str) -> FeedItem | None:
    link = entry.get("link") or _guid_link(entry)
    if not link:
        return None
    url = canonical_url(urljoin(base_url, link.strip()))
    if url is None:
        return None
    return FeedItem(
        url=url,
        guid=(entry.get("id") or "").strip() or None,
        title=_plain(entry.get("title", "")),
        summary=_plain(entry.get("summary", "")),
        published=_date(entry.get("published_parsed") or dict.get(entry, "updated_parsed")),
        updated=dict.get(entry, "updated") or entry.get("published"),
    )


def _guid_link(entry: Any) -> str | None:
    """RSS 2.0: a GUID with isPermaLink (the default) is the article's URL."""
    guid = entry.get("id") or ""
    return guid if entry.get("guidislink") and guid.startswith(("http://", "https://")) else None


def _plain(value: str) -> str:
    """Summaries are often HTML: drop the tags and entities, keep the words."""
    return " ".join(html.unescape(_TAG.sub("", _BLOCK_TAG.sub(" ", value))).split())


def _date(parsed: Any) -> date | None:
    try:
        return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None
    except (AttributeError, ValueError):
        return None


def _first_line(reason: object) -> str:
    return str(reason).splitlines()[0][:200] if str(reason) else "unreadable"


def canonical_url(url: str) -> str | None:
    """One spelling per article: lower-case scheme and host, no default port, no fragment,
    no tracking parameters. None for anything that is not an absolute http(s) URL."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)
    ]
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))


def naming(items: Iterable[FeedItem], matcher: ShowMatcher, limit: int) -> list[FeedItem]:
    """The first `limit` items whose title or summary names the show, one per article."""
    found: dict[str, FeedItem] = {}
    for item in items:
        if item.url not in found and names_show(item.text(), matcher):
            found[item.url] = item
            if len(found) >= limit:
                break
    return list(found.values())


def names_show(text: str, matcher: ShowMatcher) -> bool:
    """Whether the show's title or an alias stands in `text`, by the extractor's own rules."""
    matcher.forget()
    return any(matcher.mentions(normalise(line), line) for line in _lines(text))


def _lines(text: str) -> Sequence[str]:
    return [line for line in text.splitlines() if line.strip()]
