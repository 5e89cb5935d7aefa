"""A generator of realistic, heavy news pages for the benchmarks.

Real entertainment-news pages weigh 50-150 KB, and most of that is not the article:
inline analytics and framework state (JSON in <script>), CSS, mega-menus, trending
and related rails, ad slots and footers. This module wraps article bodies (taken from
the extraction corpus and the demo pages) in that kind of chrome, with the proportions
seen on large news sites: roughly 40% script, 15% style, 35% chrome markup, 10% article.
Deterministic for a given seed, so runs are comparable.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_WORDS = " ".join(
    (
        "season finale premiere streaming network drama comedy episode cast trailer review",
        "recap ratings viewers showrunner exclusive interview awards renewal upfronts schedule",
        "pilot spinoff reboot docuseries thriller anthology casting update watch guide ranking",
    )
).split(" ")
_SHOWS = " / ".join(
    (
        "The Harbor / Night Desk / Red Meridian / Salt Flats / Glass Tower / Hollow Creek",
        "Paper Moon / Iron Coast / Vesper Lane / Cold Orchard / Blue Mesa / Lantern Row",
        "Signal Hill / Quiet Acre",
    )
).split(" / ")


def article_bodies() -> list[tuple[str, str]]:
    """(show, article HTML) pairs from the corpus pages and the demo pages."""
    bodies = []
    for line in (ROOT / "tests" / "corpus" / "pages.jsonl").read_text().splitlines():
        case = json.loads(line)
        html = (ROOT / "tests" / "corpus" / case["file"]).read_text(encoding="utf-8")
        match = re.search(r"<article\b.*?</article>|<main\b.*?</main>", html, re.S)
        if match and len(match.group()) > 1500:
            bodies.append((case["show"], match.group()))
    return bodies


def _sentence(rng: random.Random, words: int = 12) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(words)).capitalize() + "."


def _script(rng: random.Random, size: int) -> str:
    state: dict[str, object] = {"props": {"pageProps": {"articles": []}}, "buildId": "x9"}
    articles = state["props"]["pageProps"]["articles"]  # type: ignore[index]
    while len(json.dumps(state)) < size:
        articles.append(
            {
                "id": rng.randrange(10**9),
                "title": _sentence(rng, 9),
                "excerpt": _sentence(rng, 30),
                "url": f"https://news.example/{rng.randrange(10**6)}",
                "tags": rng.sample(_WORDS, 5),
            }
        )
    analytics = "".join(
        f"window.dataLayer.push({{event:'e{i}',value:{rng.random():.6f}}});" for i in range(60)
    )
    return (
        f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(state)}</script>'
        f"<script>window.dataLayer=window.dataLayer||[];{analytics}</script>"
    )


def _style(rng: random.Random, size: int) -> str:
    rules = []
    while sum(map(len, rules)) < size:
        name = f".c-{rng.choice(_WORDS)}-{rng.randrange(999)}"
        rules.append(f"{name}{{margin:{rng.randrange(40)}px;color:#{rng.randrange(16**6):06x}}}")
    return f"<style>{''.join(rules)}</style>"


def _menu(rng: random.Random, links: int) -> str:
    items = "".join(
        f'<li class="menu-item"><a href="/{rng.choice(_WORDS)}/{i}">{rng.choice(_WORDS).title()}'
        f"</a></li>"
        for i in range(links)
    )
    return f'<header class="site-header"><nav class="main-nav"><ul>{items}</ul></nav></header>'


def _rail(rng: random.Random, title: str, items: int) -> str:
    verbs = (
        "Renewed for Season 3",
        "Cancelled After One Season",
        "Ending With Season 5",
        "Gets Premiere Date",
        "Trailer Released",
        "Casting News",
    )
    entries = "".join(
        f'<li><a href="/tv/{i}">{rng.choice(_SHOWS)} {rng.choice(verbs)}</a>'
        f'<span class="time">{rng.randrange(1, 23)}h ago</span></li>'
        for i in range(items)
    )
    return f'<aside class="sidebar {title.lower()}"><h3>{title}</h3><ol>{entries}</ol></aside>'


def _footer(rng: random.Random) -> str:
    columns = "".join(
        f'<div class="footer-col"><h4>{w.title()}</h4>'
        + "".join(f'<a href="/{w}/{i}">{rng.choice(_WORDS)}</a>' for i in range(25))
        + "</div>"
        for w in rng.sample(_WORDS, 6)
    )
    return f'<footer class="site-footer">{columns}<p>&copy; 2025 News Example</p></footer>'


def page(rng: random.Random, article: str, target: int) -> str:
    """One page of about `target` bytes around an article."""
    chrome = [
        _menu(rng, 120),
        _rail(rng, "Trending", 12),
        _rail(rng, "Related", 10),
        '<div class="ad-slot" data-slot="top"></div>' * 20,
        _footer(rng),
    ]
    fixed = len(article) + sum(map(len, chrome))
    script_size = max(2000, int((target - fixed) * 0.72))
    style_size = max(1000, target - fixed - script_size)
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        "<title>News Example</title>"
        '<meta property="article:published_time" content="2025-09-16T10:00:00Z">'
        f"{_style(rng, style_size)}{_script(rng, script_size // 2)}</head><body>"
        f'{chrome[0]}<div class="layout"><main class="content">{article}</main>'
        f"{chrome[1]}{chrome[2]}</div>{chrome[3]}{chrome[4]}"
        f"{_script(rng, script_size // 2)}</body></html>"
    )


def pages(count: int, seed: int = 7) -> Iterator[tuple[str, str]]:
    """`count` (show, html) pairs of 50-150 KB."""
    rng = random.Random(seed)
    bodies = article_bodies()
    for index in range(count):
        show, article = bodies[index % len(bodies)]
        yield show, page(rng, article, rng.randrange(50_000, 150_000))
