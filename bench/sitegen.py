"""News pages about many distinct shows, for benchmarks that need one page per source.

bench/newspages.py wraps the ~30 corpus articles in realistic chrome; a fetch benchmark
needs a thousand pages about a thousand different shows (a config lists each title once),
so this module writes the article bodies itself: a renewal, cancellation, final-season or
still-pending story about a generated title, in one of a few site templates with varied
wording, then lets newspages.page() add the script, style, menus, rails and footer around
it at about `size` bytes. Deterministic for a given seed, so runs are comparable.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from bench.newspages import _SHOWS as RAIL_SHOWS
from bench.newspages import page

# newspages.page() lands about this many bytes above its target (two analytics scripts
# and the JSON overshoot of its state blobs), measured on 80 KB pages.
PAGE_OVERSHOOT = 7_000


def _words(text: str) -> list[str]:
    """Word lists written as one string, to keep the vocabulary readable."""
    return text.split()


_FIRST = _words(
    "Silver Amber Broken Crimson Distant Electric Fallen Golden Hidden Iron Last Lonely "
    "Midnight Northern Painted Quiet Restless Scarlet Shattered Southern Stolen Sunken "
    "Twisted Velvet Wild Winter Burning Copper Frozen Hollow Little Lost Neon Pale Savage "
    "Secret Silent Steel Wicked"
)
_SECOND = _words(
    "Harbor Ledger Kingdom Orchard Frontier Station Verdict Empire Signal Meridian Canyon "
    "Republic Lantern Witness Tide Horizon Circuit Precinct Dynasty Parish Highway Garden "
    "Shore County Bureau Academy Hotel Ranch Island Heights Falls Ridge Valley Crossing"
)
_NETWORKS = (
    "Netflix",
    "HBO",
    "Hulu",
    "Peacock",
    "Starz",
    "AMC",
    "FX",
    "Showtime",
    "Paramount+",
    "Apple TV+",
    "Prime Video",
    "NBC",
    "CBS",
    "ABC",
    "Fox",
    "The CW",
    "Max",
    "Disney+",
)
_SITES = ("Screen Ledger", "TV Dispatch", "Popflick", "The Renewal Desk", "Showrunner Daily")
_GENRES = (
    "crime drama",
    "family drama",
    "sci-fi thriller",
    "workplace comedy",
    "period piece",
    "legal drama",
    "fantasy series",
    "limited-turned-ongoing series",
)
STATUSES = ("renewed", "cancelled", "ending", "pending")


@dataclass(frozen=True, slots=True)
class Story:
    """What one article says, so a benchmark can check what the extractor found."""

    show: str
    status: str
    season: int
    network: str
    site: str
    published: str  # YYYY-MM-DD


def show_titles(count: int, seed: int = 11) -> list[str]:
    """`count` distinct titles, none equal to a show the sidebars of newspages mention."""
    rng = random.Random(seed)
    pairs = [f"{a} {b}" for a in _FIRST for b in _SECOND]
    rng.shuffle(pairs)
    taken = set(RAIL_SHOWS)
    titles: list[str] = []
    for round_ in range(count // len(pairs) + 1):
        for pair in pairs:
            title = pair if round_ == 0 else f"{pair} {round_ + 1}"
            title = f"The {title}" if rng.random() < 0.3 else title
            if title not in taken and len(titles) < count:
                taken.add(title)
                titles.append(title)
    return titles


def _story(rng: random.Random, show: str) -> Story:
    day = rng.randrange(1, 29)
    return Story(
        show=show,
        status=rng.choice(STATUSES),
        season=rng.randrange(2, 7),
        network=rng.choice(_NETWORKS),
        site=rng.choice(_SITES),
        published=f"2025-{rng.randrange(1, 13):02d}-{day:02d}",
    )


_ORDINALS = ("", "first", "second", "third", "fourth", "fifth", "sixth", "seventh")


def _headline(story: Story) -> str:
    s, n, season = story.show, story.network, story.season
    return {
        "renewed": f"{s} Renewed for Season {season} at {n}",
        "cancelled": f"{s} Cancelled at {n} After {season - 1} Seasons",
        "ending": f"{s} to End With Season {season} at {n}",
        "pending": f"Is {s} Coming Back for Season {season}? What We Know",
    }[story.status]


def _lede(rng: random.Random, story: Story, genre: str) -> str:
    """The sentence that carries the status, worded one of a few ways per status."""
    s, n, nth = story.show, story.network, _ORDINALS[story.season]
    options = {
        "renewed": (
            f"{n} has renewed {s} for a {nth} season, the network announced on Tuesday.",
            f"It's official: {s} is coming back. {n} has ordered a {nth} season of the {genre}.",
            f"{n} confirmed Thursday that {s} will return for season {story.season}.",
        ),
        "cancelled": (
            f"{n} has cancelled {s} after {story.season - 1} seasons, the network confirmed.",
            f"{s} will not return for a {nth} season; {n} has cancelled the {genre}.",
            f"The {genre} {s} has been cancelled by {n}, ending its run early.",
        ),
        "ending": (
            f"{s} will end with its upcoming {nth} season, {n} announced on Monday.",
            f"{n} confirmed that season {story.season} of {s} will be the final season.",
            f"The {nth} season of {s} will be its last, the showrunner said in a statement.",
        ),
        "pending": (
            f"{n} has not yet renewed {s} for a {nth} season, and it has not cancelled it.",
            f"As of this week, {s} has been neither renewed nor cancelled by {n}.",
            f"There is no official word yet on whether {s} will return for season {story.season}.",
        ),
    }[story.status]
    return rng.choice(options)


def _filler(rng: random.Random, story: Story, genre: str) -> list[str]:
    """Body paragraphs around the lede: cast, ratings, production — no status wording."""
    s = story.show
    pool = [
        f"The {genre} follows a tight-knit ensemble through a year of upheaval, and critics "
        f"have singled out its writing and its lead performances since the premiere.",
        f"{s} drew {rng.randrange(2, 19)} million viewers in its first month on {story.network}"
        f", according to figures shared with the press, and it spent "
        f"{rng.randrange(2, 9)} weeks in the streaming top ten.",
        f"The series holds a {rng.randrange(60, 100)}% score on Rotten Tomatoes and a "
        f"{rng.randrange(55, 90) / 10:.1f} rating on IMDb.",
        f"Production took place in {rng.choice(('Atlanta', 'Vancouver', 'Toronto', 'Belfast'))}"
        f" over {rng.randrange(4, 9)} months, with {rng.randrange(6, 13)} episodes in the season.",
        "The showrunner told reporters that the writers' room had mapped out several more "
        "years of story, and that the cast was eager to keep going.",
        f"Fans of {s} have campaigned online for months, trending on social media after "
        f"every episode and filling the comments under every teaser the network posted.",
        "The cast includes several newcomers alongside returning series regulars, and a "
        "guest star from the first season is expected to appear again.",
    ]
    rng.shuffle(pool)
    return pool[: rng.randrange(3, 6)]


def _article_plain(story: Story, headline: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<article class="article-body"><h1>{headline}</h1>'
        f'<p class="byline">By Staff Writer, {story.site} · '
        f'<time datetime="{story.published}">{story.published}</time></p>{body}</article>'
    )


def _article_schema(story: Story, headline: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        '<article itemscope itemtype="https://schema.org/NewsArticle">'
        f'<header><h1 itemprop="headline">{headline}</h1>'
        f'<time itemprop="datePublished" datetime="{story.published}T09:00:00Z">'
        f"{story.published}</time></header>"
        f'<div class="entry-content" itemprop="articleBody">{body}</div></article>'
    )


def _article_feature(story: Story, headline: str, paragraphs: list[str]) -> str:
    lede, *rest = paragraphs
    quote = f"<blockquote><p>“We are so grateful to the fans of {story.show},” the cast said.</p>"
    body = "".join(f"<p>{p}</p>" for p in rest)
    return (
        f'<article id="story" class="feature"><h1 class="feature-title">{headline}</h1>'
        f'<figure><img src="/img/{_slug(story.show)}.jpg" alt="{story.show}">'
        f"<figcaption>A scene from {story.show}.</figcaption></figure>"
        f'<div class="dek"><p>{lede}</p></div>{body}{quote}</blockquote>'
        f'<p class="meta">Published <time datetime="{story.published}">{story.published}'
        "</time></p></article>"
    )


_TEMPLATES: tuple[Callable[[Story, str, list[str]], str], ...] = (
    _article_plain,
    _article_schema,
    _article_feature,
)


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def article(rng: random.Random, story: Story) -> str:
    """The <article> element: headline, dateline, the status sentence and filler."""
    genre = rng.choice(_GENRES)
    paragraphs = [_lede(rng, story, genre), *_filler(rng, story, genre)]
    return rng.choice(_TEMPLATES)(story, _headline(story), paragraphs)


def news_page(rng: random.Random, story: Story, size: int) -> str:
    """A whole page of about `size` bytes whose article is `story`, titled like its site."""
    html = page(rng, article(rng, story), max(10_000, size - PAGE_OVERSHOOT))
    html = html.replace(
        "<title>News Example</title>", f"<title>{_headline(story)} | {story.site}</title>", 1
    )
    return html.replace("2025-09-16T10:00:00Z", f"{story.published}T10:00:00Z", 1)


def site_pages(count: int, size: int = 80_000, seed: int = 7) -> Iterator[tuple[str, Story, str]]:
    """`count` (path, story, html) triples, pages within ±15% of `size` bytes."""
    rng = random.Random(seed)
    for show in show_titles(count, seed):
        story = _story(rng, show)
        target = int(size * rng.uniform(0.85, 1.15))
        yield f"/tv/{_slug(show)}/", story, news_page(rng, story, target)
