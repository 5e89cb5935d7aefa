"""HTML -> Document: the article without the page chrome, plus its metadata.

Statements found only in chrome (navigation, trending sidebars, footers, cookie
banners, comments) must never count, so chrome is removed before any text is read:
by tag (nav, aside, footer, form…), and by class/id words that sites use for it.
The article root is then the best of <article>, [itemprop=articleBody], common
content classes and <main>, falling back to <body>.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from bs4 import BeautifulSoup, Tag
from bs4.filter import SoupStrainer

from tracker.extract.dates import find_dateline, parse_date
from tracker.extract.document import Block, Document, block_kind

_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "iframe",
    "form",
    "button",
    "nav",
    "aside",
    "select",
    "input",
    "textarea",
    "dialog",
    "object",
    "embed",
)
_CHROME = re.compile(
    r"(^|[-_ ])(nav|navbar|menu|sidebar|side-bar|related|trending|popular|most-read|"
    r"recommend\w*|newsletter|subscribe|signup|cookie\w*|consent|gdpr|banner|advert\w*|ads?|"
    r"ad-slot|promo\w*|sponsor\w*|share|sharing|social|comments?|disqus|footer|breadcrumbs?|"
    r"outbrain|taboola|more-stories|read-next|up-next|widget|modal|popup|paywall|"
    r"author-bio|tags|byline-share|rail|skip-link)($|[-_ ])",
    re.IGNORECASE,
)
_ROOT_CLASSES = re.compile(
    r"(^|[-_ ])(article-body|article-content|entry-content|post-content|post-body|story-body|"
    r"story-content|content-body|article__body|c-entry-content|rich-text|body-text)($|[-_ ])",
    re.IGNORECASE,
)
_JSONLD = re.compile(
    r"<script\b[^>]*\btype\s*=\s*[\"']?application/ld\+json[^>]*>(.*?)</script\s*>",
    re.IGNORECASE | re.DOTALL,
)
_RAW_TEXT_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "textarea")


def _any_case(word: str) -> str:
    """The word case-blind, "svg" as "[sS][vV][gG]": re.IGNORECASE would make the regex
    engine lower-case every character it scans instead of jumping to the next "<"."""
    return "".join(f"[{c.lower()}{c.upper()}]" for c in word)


_RAW_OPEN = re.compile(r"<(?:(" + "|".join(map(_any_case, _RAW_TEXT_TAGS)) + r")\b|!--)")
_RAW_CLOSE = {tag: re.compile("</" + _any_case(tag) + r"\s*>") for tag in _RAW_TEXT_TAGS}
_BLOCK_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "pre", "td", "dd")


def from_html(html: str) -> Document:
    """Parse a page and keep what a reader would read as the article.

    Scripts, styles, SVG and comments are cut out with a regular expression before the
    parse (JSON-LD is read from them first): on a real news page they are half the bytes
    and none of the words, and their content is raw text, so no nesting can fool the cut.
    Then only the likely article containers (and the head's metadata) become
    BeautifulSoup objects; a page without such a container is parsed whole.
    """
    jsonld = [m.group(1) for m in _JSONLD.finditer(html)]
    text_html = _without_raw_text(html)
    soup = BeautifulSoup(_focus(text_html), "lxml", parse_only=_CONTENT)
    root = _article_root(soup)
    if root is None:
        soup = BeautifulSoup(text_html, "lxml")
        root = _article_root(soup) or soup.body or soup
    meta = _metadata(soup, jsonld, root)
    _drop_chrome(root)
    blocks = list(_blocks(root))
    headline = meta.get("headline")
    if headline and not any(b.kind == "title" for b in blocks):
        blocks.insert(0, Block(headline, "title"))
    published = meta.get("published") or find_dateline(" ".join(b.text for b in blocks[:4]))
    return Document(
        blocks=tuple(blocks),
        title=headline,
        published=published,
        canonical=meta.get("canonical"),
        site_ratings=meta.get("ratings", {}),
    )


def _without_raw_text(html: str) -> str:
    """The page with every script, style, SVG… element and every comment replaced by a space.

    What one lazy `re.sub` over "<script…>…</script>" alternatives would do, at a fifth of
    its cost on an 80 KB page: each element's end is searched for from its start, rather
    than the closing tag being tried at every character of a 30 KB script. An element or
    comment left open is kept as it is, and the scan goes on after its opening.
    """
    pieces: list[str] = []
    kept = 0  # html[kept:start of the next cut] is text to keep
    at = 0
    while (opening := _RAW_OPEN.search(html, at)) is not None:
        at = opening.end()
        end = _raw_end(html, opening)
        if end is None:
            continue
        pieces += (html[kept : opening.start()], " ")
        kept = at = end
    pieces.append(html[kept:])
    return "".join(pieces)


def _raw_end(html: str, opening: re.Match[str]) -> int | None:
    """Where the element or comment opened at `opening` ends (None: it never does)."""
    tag = opening.group(1)
    if tag is None:
        close = html.find("-->", opening.end())
        return None if close < 0 else close + 3
    start_end = html.find(">", opening.end())
    if start_end < 0:
        return None
    closing = _RAW_CLOSE[tag.lower()].search(html, start_end + 1)
    return None if closing is None else closing.end()


def _focus(html: str) -> str:
    """The head plus the span from the first <article>/<main> to the last closing one.

    Menus, rails and footers outside that span are never handed to the parser: every
    tag costs a Python call in BeautifulSoup even when it is thrown away.
    """
    opening = _OPEN_CONTAINER.search(html)
    closings = [m.end() for m in _CLOSE_CONTAINER.finditer(html)]
    if opening is None or not closings or closings[-1] <= opening.start():
        return html
    head = _HEAD.search(html, 0, opening.start())
    return (head.group() if head else "") + html[opening.start() : closings[-1]]


_OPEN_CONTAINER = re.compile(r"<(?:article|main)\b", re.IGNORECASE)
_CLOSE_CONTAINER = re.compile(r"</(?:article|main)\s*>", re.IGNORECASE)
_HEAD = re.compile(r"<head\b.*?</head\s*>", re.IGNORECASE | re.DOTALL)


class _ContentFilter(SoupStrainer):
    """Builds only article-like containers and head metadata into the tree."""

    def allow_tag_creation(self, nsprefix: str | None, name: str, attrs: Any) -> bool:
        if name in _KEEP_TAGS:
            return True
        if not attrs:
            return False
        if attrs.get("itemprop") == "articleBody":
            return True
        classes = attrs.get("class")
        if isinstance(classes, list):
            classes = " ".join(classes)
        return bool(classes and _ROOT_CLASSES.search(classes))

    def allow_string_creation(self, string: str) -> bool:
        return False  # text outside the kept containers is chrome


_KEEP_TAGS = frozenset(("article", "main", "meta", "link", "title", "time", "h1"))
_CONTENT = _ContentFilter()


# -- chrome and the article root ---------------------------------------------------------


def _drop_chrome(root: Tag) -> None:
    """Cut out of `root` the page furniture inside it: the _DROP_TAGS, a header or footer
    outside any article or main, and whatever `_is_chrome` says is menus, rails or ads.

    One walk that does not descend into what it cuts: BeautifulSoup's find_all builds a
    matcher per call and visits every tag again, which cost more than the parse.
    """
    contained = root.name in _CONTAINERS or root.find_parent(_CONTAINERS) is not None
    doomed: list[Tag] = []
    stack = [(child, contained) for child in root.contents if isinstance(child, Tag)]
    while stack:
        tag, inside = stack.pop()
        if _is_furniture(tag, inside):
            doomed.append(tag)
            continue
        inside = inside or tag.name in _CONTAINERS
        stack += ((child, inside) for child in tag.contents if isinstance(child, Tag))
    for tag in doomed:
        tag.extract()


_CONTAINERS = ("article", "main")
_DROP_SET = frozenset(_DROP_TAGS)


def _is_furniture(tag: Tag, in_container: bool) -> bool:
    if tag.name in _DROP_SET:
        return True
    if tag.name in ("header", "footer") and not in_container:
        return True
    return bool(tag.attrs) and _is_chrome(tag)


def _is_chrome(tag: Tag) -> bool:
    if tag.name in ("html", "body", "article", "main", "h1"):
        return False
    words = " ".join(
        [*(tag.get("class") or []), str(tag.get("id") or ""), str(tag.get("role") or "")]
    )
    if tag.get("aria-hidden") == "true" or tag.get("hidden") is not None:
        return True
    return bool(words.strip()) and bool(_CHROME.search(words)) and not _ROOT_CLASSES.search(words)


def _article_root(soup: BeautifulSoup) -> Tag | None:
    scored = [(len(c.get_text(" ", strip=True)), c) for c in _root_candidates(soup)]
    scored = [(n, c) for n, c in scored if n >= 200]
    if scored:
        best = max(n for n, _ in scored)
        # Prefer the outermost good candidate so the headline and dek come along.
        for n, candidate in scored:
            if n >= best * 0.9:
                return candidate
    return None


def _root_candidates(soup: BeautifulSoup) -> list[Tag]:
    """<article>s, then [itemprop=articleBody], then content classes, then <main>s, each
    in document order (one walk of the tree rather than four find_all calls)."""
    articles: list[Tag] = []
    bodies: list[Tag] = []
    classed: list[Tag] = []
    mains: list[Tag] = []
    for tag in soup.descendants:
        if not isinstance(tag, Tag):
            continue
        if tag.name == "article":
            articles.append(tag)
        elif tag.name == "main":
            mains.append(tag)
        if not tag.attrs:
            continue
        if tag.attrs.get("itemprop") == "articleBody":
            bodies.append(tag)
        classes = _classes(tag)
        if classes and _ROOT_CLASSES.search(classes):
            classed.append(tag)
    return articles + bodies + classed + mains


# -- blocks ------------------------------------------------------------------------------


def _blocks(root: Tag) -> Iterator[Block]:
    """The outermost block tags of `root` in document order (a <p> inside a <blockquote>
    is read with it), each as a Block; the whole root when it has none."""
    found = False
    stack: list[tuple[Tag, bool]] = [(root, _in_update(root))]
    while stack:
        tag, update = stack.pop()
        update = update or _is_update(tag)
        if tag is not root and tag.name in _BLOCK_SET:
            found = True
            text = _tidy(tag.get_text(" ", strip=True))
            if len(text) >= 2:
                yield Block(text, _tag_kind(tag, text, update))
            continue
        children = [(c, update) for c in tag.contents if isinstance(c, Tag)]
        stack += reversed(children)
    if not found:
        text = _tidy(root.get_text(" ", strip=True))
        if text:
            yield Block(text, "para")


_BLOCK_SET = frozenset(_BLOCK_TAGS)
_UPDATE = re.compile(r"(^|[-_ ])update", re.IGNORECASE)


def _is_update(tag: Tag) -> bool:
    """An update box: a class naming it ("update", "article-update", "live_update")."""
    classes = _classes(tag)
    return bool(classes) and _UPDATE.search(classes) is not None


def _classes(tag: Tag) -> str:
    """The class attribute as one string (HTML builders split it into a list)."""
    value = tag.get("class")
    return " ".join(value) if isinstance(value, list) else str(value or "")


def _in_update(root: Tag) -> bool:
    """Whether `root` sits inside an update box (its own class is read by the walk)."""
    return any(_is_update(parent) for parent in root.parents if isinstance(parent, Tag))


_SPACE_BEFORE = re.compile(r"\s+([,.;:!?%’”)\]])")
_SPACE_AFTER = re.compile(r"([“‘(\[])\s+")


def _tidy(text: str) -> str:
    """Join a tag's strings as a reader sees them: "<a>Ballard</a>, the" is "Ballard, the"."""
    text = " ".join(text.split())
    return _SPACE_AFTER.sub(r"\1", _SPACE_BEFORE.sub(r"\1", text))


def _tag_kind(tag: Tag, text: str, in_update: bool) -> str:
    if tag.name == "h1":
        return "title"
    if tag.name in ("h2", "h3", "h4", "h5", "h6"):
        return "heading"
    if tag.name == "blockquote":
        return "quote"
    if in_update:  # the tag or an enclosing element is an update box
        return "update"
    return block_kind(text, "list" if tag.name == "li" else "para")


# -- metadata ----------------------------------------------------------------------------


def _metadata(soup: BeautifulSoup, jsonld: list[str], root: Tag) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    for item in _jsonld_items(jsonld):
        _read_jsonld(item, meta)
    tags = _meta_tags(soup)
    published = meta.get("published") or _meta_date(tags) or _time_date(root, soup)
    if published:
        meta["published"] = published
    if "headline" not in meta:
        meta["headline"] = tags.get("og:title") or _title_tag(soup)
    canonical = soup.find("link", rel="canonical")
    if isinstance(canonical, Tag) and canonical.get("href"):
        meta["canonical"] = str(canonical["href"])
    return meta


def _meta_tags(soup: BeautifulSoup) -> dict[str, str]:
    """<meta property|name|itemprop=… content=…> as one dict, first occurrence wins."""
    tags: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop")
        content = tag.get("content")
        if key and content:
            tags.setdefault(str(key), str(content).strip())
    return tags


def _jsonld_items(scripts: list[str]) -> Iterator[dict[str, Any]]:
    for script in scripts:
        try:
            data = json.loads(script)
        except (ValueError, TypeError):
            continue
        yield from _flatten(data)


def _flatten(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _flatten(data["@graph"])


def _types(item: dict[str, Any]) -> set[str]:
    kind = item.get("@type", [])
    return set(kind if isinstance(kind, list) else [kind])


def _read_jsonld(item: dict[str, Any], meta: dict[str, Any]) -> None:
    types = _types(item)
    if types & {"NewsArticle", "Article", "BlogPosting", "ReportageNewsArticle", "WebPage"}:
        published = parse_date(str(item.get("datePublished") or ""))
        if published and "published" not in meta:
            meta["published"] = published
        if item.get("headline") and "headline" not in meta:
            meta["headline"] = " ".join(str(item["headline"]).split())
    if types & {"TVSeries", "TVSeason", "CreativeWorkSeries"}:
        rating = _aggregate_rating(item.get("aggregateRating"))
        if rating is not None:
            meta.setdefault("ratings", {})["aggregate"] = rating


def _aggregate_rating(rating: Any) -> float | None:
    """ratingValue normalised to a 0-10 scale by bestRating (never assume 10)."""
    if not isinstance(rating, dict):
        return None
    try:
        value = float(rating["ratingValue"])
        best = float(rating.get("bestRating", 5))
        worst = float(rating.get("worstRating", 1 if best == 5 else 0))
    except (KeyError, TypeError, ValueError):
        return None
    if best <= worst or not worst <= value <= best:
        return None
    return round(10 * value / best, 1)


def _meta_date(tags: dict[str, str]) -> date | None:
    for name in _DATE_META:
        found = parse_date(tags.get(name))
        if found:
            return found
    return None


_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datePublished",
    "date",
    "pubdate",
    "publish-date",
    "sailthru.date",
    "parsely-pub-date",
)


def _time_date(root: Tag, soup: BeautifulSoup) -> date | None:
    """A <time datetime> in the article first: comment sections carry later dates."""
    for scope in (root, soup):
        time_tag = scope.find("time", attrs={"datetime": True})
        if isinstance(time_tag, Tag):
            return parse_date(str(time_tag["datetime"]))
    return None


def _title_tag(soup: BeautifulSoup) -> str | None:
    if soup.title and soup.title.string:
        return " ".join(soup.title.string.split()) or None
    return None
