"""Years of generated tracker history, written in bulk into a database `tracker init` made.

For bench/history_speed.py: N shows and M snapshots that look like real runs — snapshot
counts per show skewed (log-normal: median ~30 at 100 per show, a few thousand at most),
statuses that evolve season by season (ordered, pending, renewed … cancelled or ending),
restatements, speculation, signal-free pages, undated pages, old articles fetched late,
TVmaze listings, drifting ratings, evidence lists of realistic size, feed articles as their
own sources, 5% of configured sources failing, one check per snapshot, and the changes and
(delivered) outbox rows those histories produce.

Each show's cached `view` is `tracker.view.fold` over all its snapshots, and its changes are
`tracker.diff.diff` between the views before and after each snapshot — the store's own
functions, so the database holds what the store would have written. Rows stream out a batch
at a time (sqlite3 executemany, PostgreSQL COPY), so memory stays flat at any size.
Deterministic for a given seed.
"""

from __future__ import annotations

import bisect
import dataclasses
import json
import math
import random
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, cast

from sqlalchemy import JSON, Boolean, Date, Table, create_engine
from sqlalchemy.pool import NullPool

from tracker.config import slugify
from tracker.diff import Change, diff
from tracker.models import (
    ChangeRow,
    CheckRow,
    OutboxRow,
    ShowRow,
    SnapshotRow,
    SourceRow,
    UTCDateTime,
)
from tracker.view import RATING_KEYS, Observation, View, fold

SEED = 20251006
NOW = datetime(2025, 11, 20, 12, 0, tzinfo=UTC)  # the generated histories end here
FIRST_DAY = datetime(2021, 1, 4, tzinfo=UTC)
MAX_PER_SHOW = 3000  # ~5 years of a much-covered show: a snapshot whenever a page changed
BATCH = 20_000  # snapshots (with their other rows) held before a flush
CHANNEL = "console"

TABLES: dict[str, Table] = {
    "shows": cast(Table, ShowRow.__table__),
    "sources": cast(Table, SourceRow.__table__),
    "snapshots": cast(Table, SnapshotRow.__table__),
    "checks": cast(Table, CheckRow.__table__),
    "changes": cast(Table, ChangeRow.__table__),
    "outbox": cast(Table, OutboxRow.__table__),
}


def _words(text: str, sep: str | None = None) -> tuple[str, ...]:
    """Word lists written as one string, to keep them readable."""
    return tuple(text.split(sep))


# The columns filled, per table, in flush order (parents before children, for PostgreSQL).
COLUMNS: dict[str, tuple[str, ...]] = {
    "shows": _words("id slug title created_at view"),
    "sources": _words(
        "id show_id kind url etag last_modified content_hash last_checked_at last_ok_at "
        "last_error failure_streak created_at origin_id guid entry_updated canonical_url"
    ),
    "snapshots": _words(
        "id show_id source_id url fetched_at published status season certainty lean imdb "
        "rotten_tomatoes rt_audience metacritic tvmaze evidence content_hash extractor_version"
    ),
    "checks": _words(
        "id source_id started_at duration_ms http_status ok error_kind error snapshot_id"
    ),
    "changes": _words("id show_id snapshot_id kind occurred_at previous current evidence"),
    "outbox": _words(
        "id change_id channel state attempts last_error next_attempt_at sent_at created_at"
    ),
}
Row = tuple[Any, ...]


class DatasetError(Exception):
    """The generated data would not be what the store writes (or the schema moved on)."""


# --- words -----------------------------------------------------------------------------------

FIRST = _words(
    "Silver Harbor,Copper Valley,Starfall,Kittiwake,Granite Hollow,Amber Coast,Iron Ridge,"
    "Lantern Bay,Cedar Falls,Black Orchid,Paper Moon,Winter Garden,Glass Tower,Red Rock,"
    "Blue Hour,Night Shift,Salt Road,Foxglove,Harrow,Marlowe,Whistler,Brighton,Halcyon,Quarry,"
    "Northwind,Lakeshore,Kingfisher,Evergreen,Sixth Street,Pale Horse,Moonshine,Ironwood,"
    "Dust Devil,Harbour Light,Tin Star,Wildfire,Bluebell,Raven Cross,Stone Circle,Ballast",
    ",",
)
SECOND = _words(
    "Station Point County Heights Row Creek Park Lane Hall Ranch Bay Line Street Files Rising "
    "Division Legacy Chronicles Unit Protocol Academy Clinic Diaries Bureau Watch"
)
PATTERNS = ("{a} {b}", "The {a} {b}", "{a}", "{a} {b}: Legacy", "{b} of {a}")
NETWORKS = ("Prime Video", "Netflix", "HBO", "Hulu", "Apple TV+", "Peacock", "FX", "CBS")
ORDINALS = _words(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
SITES = ("deadline.example", "screenledger.example", "tvline.example", "streamdesk.example")
STATEMENT = {
    "renewed": "It's official: {net} has renewed {title} for a {ord} season, the streamer "
    "announced on {day}, weeks after the latest batch of episodes premiered.",
    "ordered": "{net} has given a series order to {title}, a drama from the producers of "
    "several hit procedurals, with a first season of ten episodes.",
    "pending": "As of this writing, {net} has not renewed {title} for a {ord} season, and "
    "the network has not cancelled it either.",
    "cancelled": "{net} has cancelled {title} after {n} seasons, a spokesperson confirmed on "
    "{day}, ending the series before a planned next chapter.",
    "ending": "{title} will end with its {ord} season, {net} announced on {day}; the final "
    "episodes are expected next year.",
}
SPECULATION = (
    "{title} could return for a {ord} season if its viewing numbers hold, according to "
    "people familiar with the streamer's plans.",
    "Season {n} ended on a cliffhanger, leaving viewers wondering whether {title} would be "
    "renewed for another run.",
    "The cast has said they hope to return, but {net} has made no decision on {title} yet.",
)
ASIDE = (
    "{title} holds a {imdb}/10 rating on IMDb and a strong score on Rotten Tomatoes.",
    "The series, which premiered on {net}, follows an ensemble cast through a city under "
    "pressure, and critics singled out its {ord} season for praise.",
    "Production on the new episodes is expected to begin early next year in Vancouver.",
)


# --- one show ---------------------------------------------------------------------------------


@dataclass
class Ids:
    """The next id per table: rows carry explicit ids so children can point at parents."""

    next: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COLUMNS, 1))

    def take(self, table: str) -> int:
        value = self.next[table]
        self.next[table] = value + 1
        return value


@dataclass(frozen=True, slots=True)
class Claim:
    """One step of a show's story: a status and season, announced with some certainty."""

    status: str
    season: int | None
    certainty: str


@dataclass
class Scores:
    """A show's scores now: IMDb drifts a little; critics' and audience scores barely move."""

    imdb: float
    critics: int
    audience: int

    @classmethod
    def of_new_show(cls, rng: random.Random) -> Scores:
        imdb = min(9.4, max(3.0, rng.gauss(7.1, 0.7)))
        return cls(imdb, _percent(imdb * 11 + rng.randint(-12, 12)), _percent(imdb * 10))

    def drift(self, rng: random.Random) -> None:
        """Small IMDb moves some weeks; now and then a jump past an alert threshold."""
        roll = rng.random()
        if roll < 0.003:
            self.imdb = min(9.9, max(1.0, self.imdb + rng.choice((-0.4, 0.3, 0.5))))
            self.critics = _percent(self.critics + rng.choice((-6, -3, 2, 5)))
        elif roll < 0.05:
            self.imdb = min(9.9, max(1.0, self.imdb + rng.choice((-0.1, 0.1))))
            self.audience = _percent(self.audience + rng.choice((-1, 1)))


def _percent(value: float) -> int:
    return min(100, max(10, round(value)))


@dataclass
class Show:
    """One show being generated: its sources and every row it contributes so far."""

    id: int
    slug: str
    title: str
    rng: random.Random
    ids: Ids
    rows: dict[str, list[Row]] = field(default_factory=lambda: {t: [] for t in COLUMNS})
    pages: list[tuple[int, str]] = field(default_factory=list)
    feed: int | None = None
    tvmaze: int | None = None

    def add(self, table: str, *values: Any) -> int:
        """Append a row (its id first, taken here); return the id."""
        row_id = self.ids.take(table)
        self.rows[table].append((row_id, *values))
        return row_id


def snapshot_counts(rng: random.Random, shows: int, total: int) -> list[int]:
    """Skewed counts summing to `total`, each in 1..MAX_PER_SHOW.

    Most shows get a snapshot only when something is written about them at all; a few have
    trade coverage, fan sites and feeds with news every week.
    """
    if not shows <= total <= shows * MAX_PER_SHOW:
        raise DatasetError(f"{total} snapshots cannot be spread over {shows} shows")
    raw = [rng.lognormvariate(0, 1.6) for _ in range(shows)]
    scale = total / sum(raw)
    counts = [max(1, min(MAX_PER_SHOW, round(x * scale))) for x in raw]
    while (gap := total - sum(counts)) != 0:
        index = rng.randrange(shows)
        room = MAX_PER_SHOW - counts[index] if gap > 0 else 1 - counts[index]
        step = int(math.copysign(min(abs(gap), abs(room), 50), gap))
        counts[index] += step
    return counts


def titles(rng: random.Random, shows: int) -> list[str]:
    """Distinct, plausible titles (some with a colon, like "Bosch: Legacy"), shuffled."""
    made = (p.format(a=a, b=b) for p in PATTERNS for a in FIRST for b in SECOND)
    base = list({slugify(title): title for title in made}.values())  # distinct slugs
    rng.shuffle(base)
    remakes = (f"{base[i % len(base)]} ({1990 + i // len(base)})" for i in range(shows))
    return (base + list(remakes))[:shows]


def story(rng: random.Random, steps: int) -> list[Claim]:
    """Season by season: (a series order,) then pending and renewed per season, maybe an end."""
    claims = [Claim("ordered", 1, "official")] if rng.random() < 0.3 else []
    season = rng.randint(1, 4)
    while len(claims) < steps:
        claims.append(Claim("pending", season + 1, rng.choice(("reported", "official"))))
        claims.append(Claim("renewed", season + 1, rng.choice(("official", "reported"))))
        season += 1
    claims = claims[:steps]
    ending = rng.random()
    if ending < 0.15:
        claims[-1] = Claim("cancelled", season, "official")
    elif ending < 0.25:
        claims[-1] = Claim("ending", season + 1, "official")
    return claims


def make_sources(show: Show, since: datetime) -> None:
    """1-3 pages; a feed for half the shows; TVmaze for 60%."""
    rng = show.rng
    for _ in range(rng.choice((1, 1, 2, 2, 3))):
        url = f"https://{rng.choice(SITES)}/tv/{show.slug}-{rng.randint(1, 99999)}/"
        show.pages.append((add_source(show, "page", url, since), url))
    if rng.random() < 0.5:
        show.feed = add_source(show, "feed", f"https://{SITES[1]}/feeds/{show.slug}.rss", since)
    if rng.random() < 0.6:
        url = f"https://api.tvmaze.example/shows/{show.id}"
        show.tvmaze = add_source(show, "tvmaze", url, since)


def add_source(show: Show, kind: str, url: str, at: datetime, origin: int | None = None) -> int:
    """One sources row; 5% of configured sources are failing now, as on any real list."""
    rng = show.rng
    article = kind == "article"
    failing = not article and rng.random() < 0.05
    checked = at if article else NOW - timedelta(hours=rng.uniform(0, 6))
    error = "http: HTTP 503 Service Unavailable (3 attempts)" if failing else None
    # fmt: off
    return show.add(
        "sources", show.id, kind, url, f'"{rng.getrandbits(64):x}"',
        "Mon, 06 Oct 2025 16:00:00 GMT", f"{rng.getrandbits(128):032x}", checked,
        checked - timedelta(days=2) if failing else checked, error,
        rng.randint(1, 6) if failing else 0, at, origin,
        url if article else None, at.isoformat() if article else None, None,
    )
    # fmt: on


def sentence(template: str, show: Show, claim: Claim, imdb: float) -> str:
    season, rng = claim.season or 1, show.rng
    return template.format(
        title=show.title,
        net=rng.choice(NETWORKS),
        ord=ORDINALS[min(season, len(ORDINALS)) - 1],
        n=season,
        day=rng.choice(DAYS),
        imdb=f"{imdb:.1f}",
    )


def evidence(show: Show, claim: Claim | None, imdb: float) -> list[dict[str, Any]]:
    """The extraction's evidence: the deciding sentence, then 0-7 that agree or hedge
    (about 2.5 sentences, ~450 bytes of JSON, per snapshot on average)."""
    if claim is None:
        return []
    rng = show.rng
    items = [(sentence(STATEMENT[claim.status], show, claim, imdb), claim)]
    for _ in range(min(7, int(rng.expovariate(0.6)))):
        if rng.random() < 0.6:
            hedge = Claim("pending", None, "speculative")
            items.append((sentence(rng.choice(SPECULATION), show, claim, imdb), hedge))
        else:
            items.append((sentence(rng.choice(ASIDE), show, claim, imdb), claim))
    start, out = rng.randint(0, 400), []
    for text, said in items:
        out.append(
            {
                "text": text,
                "status": said.status,
                "season": said.season,
                "certainty": said.certainty,
                "start": start,
                "end": start + len(text),
            }
        )
        start += len(text) + rng.randint(40, 900)
    return out


@dataclass(frozen=True, slots=True)
class Draw:
    """What one snapshot says, before it is written."""

    claim: Claim | None
    published: date | None
    lean: str | None = None
    structured: bool = False
    late: bool = False  # an old article, fetched long after it was published


def draw(show: Show, claims: list[Claim], epoch: int, fetched: datetime) -> Draw:
    """Mostly the story's current claim; also signal-free pages (15%), speculation (10%),
    undated pages (15%), TVmaze listings (10%) and old articles fetched late (1%)."""
    rng, claim = show.rng, claims[epoch]
    roll = rng.random()
    if roll < 0.01 and epoch > 0:
        then = (fetched - timedelta(days=rng.randint(60, 400))).date()
        return Draw(dataclasses.replace(claims[epoch - 1], certainty="reported"), then, late=True)
    if roll > 0.9 and show.tvmaze is not None:
        return Draw(dataclasses.replace(claim, certainty="reported"), None, structured=True)
    if roll < 0.15:
        return Draw(None, fetched.date())
    if roll < 0.25:
        season = (claim.season or 1) + (claim.status != "pending")
        lean = rng.choice(("renew", "renew", "cancel"))
        return Draw(Claim("pending", season, "speculative"), fetched.date(), lean)
    return Draw(claim, None if roll < 0.4 else fetched.date())


def pick_source(show: Show, said: Draw, fetched: datetime) -> tuple[int, str]:
    """TVmaze for listings; else a configured page, or a new article the feed named."""
    rng = show.rng
    if said.structured and show.tvmaze is not None:
        return show.tvmaze, f"https://api.tvmaze.example/shows/{show.id}"
    if show.feed is not None and rng.random() < 0.45:
        url = f"https://{rng.choice(SITES)}/news/{show.slug}-{rng.getrandbits(40):x}"
        return add_source(show, "article", url, fetched, show.feed), url
    return rng.choice(show.pages)


def ratings_of(show: Show, said: Draw, scores: Scores) -> dict[str, float | int | None]:
    """Scores as pages state them: IMDb on half, RT on a third; TVmaze's own on listings."""
    rng, ratings = show.rng, dict.fromkeys(RATING_KEYS)
    if said.late:
        return ratings  # an old article's scores are stale; leave them out
    if said.structured:
        ratings["tvmaze"] = round(scores.imdb * 0.95, 1)
        return ratings
    if rng.random() < 0.5:
        ratings["imdb"] = round(scores.imdb, 1)
    if rng.random() < 0.3:
        ratings["rotten_tomatoes"] = scores.critics
    if rng.random() < 0.12:
        ratings["rt_audience"] = scores.audience
    return ratings


def add_snapshot(show: Show, said: Draw, fetched: datetime, scores: Scores) -> Observation:
    """The snapshot row and its check row; the Observation the fold will see."""
    rng = show.rng
    source_id, url = pick_source(show, said, fetched)
    ratings = ratings_of(show, said, scores)
    proof = evidence(show, said.claim, scores.imdb)
    claim = said.claim
    status = claim.status if claim else "unknown"
    season, certainty = (claim.season, claim.certainty) if claim else (None, None)
    # fmt: off
    snapshot_id = show.add(
        "snapshots", show.id, source_id, url, fetched, said.published, status, season,
        certainty, said.lean, ratings["imdb"], ratings["rotten_tomatoes"],
        ratings["rt_audience"], ratings["metacritic"], ratings["tvmaze"], proof,
        f"{rng.getrandbits(128):032x}", "0.1.0",
    )
    show.add("checks", source_id, fetched, rng.randint(60, 900), 200, True, None, None, snapshot_id)
    return Observation(
        snapshot_id, url, fetched, said.published, status, season, certainty, said.lean,
        ratings, proof[0]["text"] if proof else None, said.structured,
    )
    # fmt: on


@dataclass
class Running:
    """A show's view after each snapshot, without re-folding its whole history each time.

    Snapshots come in the fold's own order (publication date, then fetch time), so the fold
    of the first k+1 is the fold of (the decision after k, the newest listing, the new one)
    with the ratings carried forward: `fold` itself decides each step. An old article
    fetched late breaks that order, so it is met with a fold of everything so far.
    """

    seen: list[Observation] = field(default_factory=list)
    decided: Observation | None = None
    listing: Observation | None = None
    ratings: dict[str, float | int | None] = field(
        default_factory=lambda: dict.fromkeys(RATING_KEYS)
    )
    view: View = field(default_factory=View)

    def add(self, obs: Observation, late: bool) -> list[Change]:
        self.seen.append(obs)
        for key, value in obs.ratings.items():
            if value is not None:
                self.ratings[key] = value
        if late:
            self.decided = self._refold_news()
        elif obs.status != "unknown" and obs.structured:
            self.listing = obs
        elif obs.status != "unknown":
            pair = [o for o in (self.decided, obs) if o is not None]
            self.decided = obs if fold(pair).snapshot_id == obs.snapshot_id else self.decided
        basis = [o for o in (self.decided, self.listing) if o is not None]
        view = dataclasses.replace(fold(basis), ratings=dict(self.ratings))
        changes, self.view = diff(self.view, view), view
        return changes

    def _refold_news(self) -> Observation | None:
        decided = fold([o for o in self.seen if not o.structured]).snapshot_id
        return next((o for o in self.seen if o.snapshot_id == decided), None)


def generate_show(rng: random.Random, ids: Ids, title: str, count: int) -> dict[str, list[Row]]:
    """One show's rows: the show, its sources, snapshots, checks, changes and outbox."""
    show = Show(ids.take("shows"), slugify(title), title, rng, ids)
    start = FIRST_DAY + timedelta(days=rng.uniform(0, (NOW - FIRST_DAY).days - 30))
    make_sources(show, start)
    span = (NOW - start).total_seconds()
    times = sorted(start + timedelta(seconds=rng.uniform(0, span)) for _ in range(count))
    claims = story(rng, max(1, min(12, 1 + count // 40 + rng.randint(0, 2))))
    cuts = sorted(rng.sample(range(1, count), len(claims) - 1)) if count > len(claims) else []
    running, scores = Running(), Scores.of_new_show(rng)
    for index, fetched in enumerate(times):
        epoch = min(bisect.bisect_right(cuts, index), len(claims) - 1)
        scores.drift(rng)
        said = draw(show, claims, epoch, fetched)
        obs = add_snapshot(show, said, fetched, scores)
        for change in running.add(obs, said.late):
            add_change(show, obs, change)
    view = fold(running.seen)
    check_view(title, view, running.view)
    show.rows["shows"].append((show.id, show.slug, title, start, view.to_dict()))
    return show.rows


def add_change(show: Show, obs: Observation, change: Change) -> None:
    """A change row as the store writes it, and its outbox row, long since delivered."""
    at = obs.fetched_at
    change_id = show.add(
        "changes", show.id, obs.snapshot_id, change.kind, at, change.previous, change.current,
        change.evidence,
    )  # fmt: skip
    sent = at + timedelta(seconds=2)
    show.add("outbox", change_id, CHANNEL, "sent", 1, None, at, sent, at)


def check_view(title: str, folded: View, running: View) -> None:
    """The stepwise view must end where the full fold does, or the changes would lie."""
    keys = ("status", "season", "certainty", "since", "snapshot_id", "ratings")
    got, want = (tuple(getattr(v, k) for k in keys) for v in (running, folded))
    if got != want:
        raise DatasetError(f"{title}: stepwise view {got} != fold {want}")


# --- writing ----------------------------------------------------------------------------------

Convert = Callable[[Any], Any]


def check_columns() -> None:
    """Fail early if the schema grew a required column the generator does not fill."""
    for table, names in COLUMNS.items():
        columns = TABLES[table].c
        unknown = [n for n in names if n not in columns]
        unfilled = [
            c.name
            for c in columns
            if not (c.nullable or c.primary_key or c.default or c.server_default)
            and c.name not in names
        ]
        if unknown or unfilled:
            raise DatasetError(f"{table}: schema changed (unknown {unknown}, unfilled {unfilled})")


def converters(table: str, sqlite: bool) -> list[Convert]:
    """Per column, Python value -> what the driver takes, as the store itself encodes it:
    JSON as text (None as 'null'); on SQLite naive-UTC text datetimes, ISO dates, 0/1."""
    out: list[Convert] = []
    for name in COLUMNS[table]:
        kind = TABLES[table].c[name].type
        if isinstance(kind, JSON):
            out.append(json.dumps)
        elif sqlite and isinstance(kind, UTCDateTime):
            out.append(_sqlite_datetime)
        elif sqlite and isinstance(kind, Date):
            out.append(lambda v: None if v is None else v.isoformat())
        elif sqlite and isinstance(kind, Boolean):
            out.append(lambda v: None if v is None else int(v))
        else:
            out.append(lambda v: v)
    return out


def _sqlite_datetime(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


class Writer:
    """Buffers rows per table and writes them in bulk, parents first, a batch at a time."""

    def __init__(self, sqlite: bool) -> None:
        self.buffers: dict[str, list[Row]] = {t: [] for t in COLUMNS}
        self.convert = {t: converters(t, sqlite) for t in COLUMNS}

    def add(self, rows: dict[str, list[Row]]) -> None:
        for table, more in rows.items():
            self.buffers[table].extend(more)
        if len(self.buffers["snapshots"]) >= BATCH:
            self.flush()

    def flush(self) -> None:
        for table in COLUMNS:
            convert = self.convert[table]
            rows = (
                [f(v) for f, v in zip(convert, row, strict=True)] for row in self.buffers[table]
            )
            self.write(table, rows)
            self.buffers[table] = []
        self.commit()

    def write(self, table: str, rows: Iterable[list[Any]]) -> None:
        raise NotImplementedError

    def commit(self) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        self.flush()


class SqliteWriter(Writer):
    """executemany on a plain sqlite3 connection, synchronous=OFF only while loading."""

    def __init__(self, path: Path) -> None:
        super().__init__(sqlite=True)
        self.connection = sqlite3.connect(path, isolation_level=None)
        self.connection.execute("PRAGMA synchronous = OFF")
        self.connection.execute("BEGIN")

    def write(self, table: str, rows: Iterable[list[Any]]) -> None:
        names = COLUMNS[table]
        quoted = ", ".join(f'"{n}"' for n in names)
        marks = ", ".join("?" * len(names))
        self.connection.executemany(f"INSERT INTO {table} ({quoted}) VALUES ({marks})", rows)

    def commit(self) -> None:
        self.connection.execute("COMMIT")
        self.connection.execute("BEGIN")

    def finish(self) -> None:
        super().finish()
        self.connection.execute("COMMIT")
        self.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.connection.close()


class PostgresWriter(Writer):
    """COPY … FROM STDIN through psycopg; sequences moved past the explicit ids at the end."""

    def __init__(self, url: str) -> None:
        super().__init__(sqlite=False)
        self.engine = create_engine(url, poolclass=NullPool)
        self.raw = self.engine.raw_connection()
        self.connection: Any = self.raw.driver_connection

    def write(self, table: str, rows: Iterable[list[Any]]) -> None:
        quoted = ", ".join(f'"{n}"' for n in COLUMNS[table])
        statement = f"COPY {table} ({quoted}) FROM STDIN"
        with self.connection.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)

    def commit(self) -> None:
        self.connection.commit()

    def finish(self) -> None:
        super().finish()
        with self.connection.cursor() as cursor:
            for table in COLUMNS:
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT coalesce(max(id), 1) FROM {table}))"
                )
        self.connection.commit()
        self.connection.autocommit = True
        with self.connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # what autovacuum does soon after a bulk load
        self.raw.close()
        self.engine.dispose()


@dataclass(frozen=True, slots=True)
class Dataset:
    """What was generated, and how long it took."""

    shows: int
    snapshots: int
    sources: int
    changes: int
    seconds: float


def generate(writer: Writer, shows: int, total: int, seed: int = SEED) -> Dataset:
    """Every show's history, streamed into `writer`; progress on stderr."""
    check_columns()
    started = time.perf_counter()
    rng, ids = random.Random(seed), Ids()
    counts = snapshot_counts(rng, shows, total)
    for done, (title, count) in enumerate(zip(titles(rng, shows), counts, strict=True), 1):
        writer.add(generate_show(rng, ids, title, count))
        if done % 1000 == 0:
            seconds = time.perf_counter() - started
            print(f"  {done:,}/{shows:,} shows generated in {seconds:.0f} s", file=sys.stderr)
    writer.finish()
    made = ids.next
    seconds = time.perf_counter() - started
    return Dataset(shows, total, made["sources"] - 1, made["changes"] - 1, seconds)
