"""Benchmark: `tracker status`, `tracker history` and one ingest on a large generated database.

    .venv/bin/python bench/history_speed.py [--shows 10000] [--snapshots 1000000]
                                            [--db sqlite|postgresql|both] [--cache DIR]

The goals (from the issue), with 10,000 shows and 1,000,000 snapshots: `tracker status` for
all shows < 1 s; `tracker history` for one show < 100 ms; ingesting one new snapshot with
its fold and diff < 5 ms median.

The database is made by the store's own migrations (what `tracker init` does) and filled by
bench/historygen.py with years of realistic history. Then, per database:

- `tracker status` (table and --json) as a subprocess, median wall of 5 runs after a
  warm-up, and `Store.board()` in-process;
- `tracker history` for the show with the most snapshots and for one with about 100, as a
  subprocess and as the store calls behind it (`find_show`, `snapshots`, `changes`)
  in-process. Every subprocess pays Python start-up, measured alone as `tracker --help`;
  the history goal is judged in-process, since start-up alone is several times 100 ms;
- `Store.record_many([one outcome])`, one transaction each, on random shows with 100+
  snapshots (the fold re-reads the show's snapshots), median and p95 of 200.

A missed goal is profiled with cProfile (the command in-process, without start-up).
PostgreSQL gets a throw-away schema, dropped afterwards; SQLite a temporary file, or one
kept and reused with --cache. Exits 2 on a setup error (no PostgreSQL, a failing command, a
dataset that does not match the fold); a missed goal is reported, not an error.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import io
import json
import os
import pstats
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import create_engine, make_url, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

import tracker
from bench.historygen import (
    CHANNEL,
    NOW,
    SEED,
    Dataset,
    DatasetError,
    PostgresWriter,
    SqliteWriter,
    generate,
)
from tracker.errors import TrackerError
from tracker.extract.model import Evidence, Extraction, Ratings
from tracker.store import SCHEMA_HEAD, Attempt, Outcome, SourceInfo, Store

POSTGRES_URL = os.environ.get(
    "TRACKER_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
RUNS = 5  # timed runs per measurement, after one warm-up
INGESTS = 200
WARM_UP = 10
GOAL_STATUS_MS, GOAL_HISTORY_MS, GOAL_INGEST_MS = 1000.0, 100.0, 5.0


class SetupError(Exception):
    """The benchmark cannot measure what it claims."""


# --- the databases ----------------------------------------------------------------------------

Database = Iterator[tuple[str, Dataset | None]]


@contextmanager
def sqlite_database(shows: int, total: int, cache: Path | None) -> Database:
    """A generated SQLite file: in `cache` (reused once complete) or a temporary directory."""
    folder = cache or Path(tempfile.mkdtemp(prefix="history-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"history-{shows}x{total}-schema{SCHEMA_HEAD}.db"
    done = path.with_suffix(".done")
    try:
        if cache and done.exists():
            print(f"sqlite: reusing {path}", file=sys.stderr)
            yield f"sqlite:///{path}", None
            return
        for stale in (path, done, Path(f"{path}-wal"), Path(f"{path}-shm")):
            stale.unlink(missing_ok=True)
        migrate(f"sqlite:///{path}")
        dataset = generate(SqliteWriter(path), shows, total)
        done.write_text(json.dumps(dataclasses.asdict(dataset)))
        yield f"sqlite:///{path}", dataset
    finally:
        if cache is None:
            shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def postgres_database(shows: int, total: int) -> Database:
    """A throw-away schema on the server, reached through libpq's search_path option."""
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with admin.connect() as connection:
            connection.execute(text(f"CREATE SCHEMA {schema}"))
    except SQLAlchemyError as exc:
        raise SetupError(f"PostgreSQL at {POSTGRES_URL}: {str(exc).splitlines()[0]}") from None
    url = make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    url_text = url.render_as_string(hide_password=False)
    try:
        migrate(url_text)
        yield url_text, generate(PostgresWriter(url_text), shows, total)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def migrate(url: str) -> None:
    """The schema exactly as `tracker init` makes it."""
    store = Store(url)
    store.migrate()
    store.close()


# --- timing -----------------------------------------------------------------------------------


@dataclass
class Results:
    """Milliseconds per measurement on one database, and what they were measured on."""

    label: str
    dataset: Dataset | None = None
    ms: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    profiles: dict[str, str] = field(default_factory=dict)


def tracker_command(*args: str) -> list[str]:
    """This interpreter's console script: what users run."""
    script = Path(sys.executable).parent / "tracker"
    return [str(script), *args] if script.exists() else [sys.executable, "-m", "tracker", *args]


def child_env() -> dict[str, str]:
    """The child imports the same `tracker` as this process, whatever sys.path says."""
    root = str(Path(tracker.__file__).resolve().parents[1])
    return {**os.environ, "PYTHONPATH": root, "COLUMNS": "120"}


def wall_ms(command: list[str]) -> float:
    """Median wall time of a command, output read in full, after one untimed warm-up."""
    run_child(command)
    return statistics.median(run_child(command) for _ in range(RUNS))


def run_child(command: list[str]) -> float:
    """One run of a command: its wall time in ms; a failure is a setup error."""
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, env=child_env(), check=False)
    elapsed = (time.perf_counter() - started) * 1000
    if done.returncode != 0:
        raise SetupError(f"{' '.join(command[1:])}: exit {done.returncode}: {done.stderr[-300:]!r}")
    return elapsed


def call_ms(call: Callable[[], object]) -> float:
    """Median of timed calls after one warm-up (pool, statement caches)."""
    call()
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def profile(call: Callable[[], object], top: int = 12) -> str:
    """cProfile of one call: the most time spent in a function itself, then cumulative."""
    profiler = cProfile.Profile()
    profiler.runcall(call)
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return "\n".join(line for line in out.getvalue().splitlines() if line.strip())


def in_process(*args: str) -> Callable[[], object]:
    """A `tracker` command run in this process: what it does, without start-up."""
    from click.testing import CliRunner

    from tracker.cli import cli

    def call() -> object:
        result = CliRunner().invoke(cli, list(args))
        if result.exit_code != 0:
            raise SetupError(f"tracker {' '.join(args)}: {result.output[-300:]}")
        return result

    return call


# --- the measurements -------------------------------------------------------------------------


def measure_status(store: Store, url: str, results: Results) -> None:
    results.ms["startup"] = wall_ms(tracker_command("--help"))
    results.ms["status"] = wall_ms(tracker_command("--db", url, "status"))
    results.ms["status json"] = wall_ms(tracker_command("--db", url, "status", "--json"))
    results.ms["board"] = call_ms(store.board)
    if results.ms["status"] >= GOAL_STATUS_MS:
        results.profiles["tracker status"] = profile(in_process("--db", url, "status"))
    if results.ms["board"] >= GOAL_STATUS_MS:
        results.profiles["Store.board()"] = profile(store.board)


def history_shows(store: Store) -> tuple[tuple[str, int], tuple[str, int]]:
    """(slug, snapshots) of the show with the most snapshots, and of one with about 100."""
    query = text(
        "SELECT sh.slug, count(*) AS n FROM snapshots sn JOIN shows sh ON sh.id = sn.show_id "
        "GROUP BY sh.id, sh.slug ORDER BY n DESC, sh.id"
    )
    with store.engine.connect() as connection:
        rows = [(r.slug, r.n) for r in connection.execute(query)]
    return rows[0], min(rows, key=lambda r: abs(r[1] - 100))


def history_call(store: Store, show: str) -> Callable[[], object]:
    """What `tracker history` asks of the store."""

    def call() -> object:
        show_id, _, _ = store.find_show(show)
        return store.snapshots(show_id), store.changes(show_id)

    return call


def measure_history(store: Store, url: str, results: Results) -> None:
    (big, big_n), (mid, mid_n) = history_shows(store)
    results.notes.append(f"history: BIG = {big} ({big_n} snapshots), MID = {mid} ({mid_n})")
    results.ms["history json"] = wall_ms(tracker_command("--db", url, "history", big, "--json"))
    results.ms["history text"] = wall_ms(tracker_command("--db", url, "history", big))
    results.ms["history lib"] = call_ms(history_call(store, big))
    results.ms["history json mid"] = wall_ms(tracker_command("--db", url, "history", mid, "--json"))
    results.ms["history lib mid"] = call_ms(history_call(store, mid))
    if results.ms["history lib"] >= GOAL_HISTORY_MS:
        results.profiles[f"history {big}, store calls"] = profile(history_call(store, big))


Target = tuple[SourceInfo, dict[str, Any]]
SIZES = (10, 100, 1000, 3000)  # ingest is also timed on shows with about this many snapshots


@dataclass(frozen=True, slots=True)
class PageSource:
    """A page source to record a new fetch for, with its show's view and history length."""

    target: Target
    snapshots: int


def page_sources(store: Store) -> list[PageSource]:
    """Every page source, with its show's cached view and number of snapshots."""
    query = text(
        "SELECT src.id, src.show_id, sh.slug, src.url, sh.view, counts.n FROM sources src "
        "JOIN shows sh ON sh.id = src.show_id JOIN (SELECT show_id, count(*) AS n "
        "FROM snapshots GROUP BY show_id) counts ON counts.show_id = src.show_id "
        "WHERE src.kind = 'page' ORDER BY src.id"
    )
    with store.engine.connect() as connection:
        rows = list(connection.execute(query))
    return [
        PageSource(
            (
                SourceInfo(r.id, r.show_id, r.slug, "page", r.url, None, None, None, 0),
                json.loads(r.view) if isinstance(r.view, str) else r.view,
            ),
            r.n,
        )
        for r in rows
    ]


def new_outcome(rng: random.Random, target: Target, at: datetime) -> Outcome:
    """A new article about the show: mostly a restatement, one in ten news (a change)."""
    source, view = target
    status, season = view["status"], view["season"]
    certainty = view["certainty"] or "reported"
    if status == "unknown" or rng.random() < 0.1:
        status, season, certainty = "renewed", (season or 1) + 1, "official"
    said = f"It's official: the network has renewed {source.show_slug} for another season."
    imdb = (view.get("ratings") or {}).get("imdb") or 7.0
    extraction = Extraction(
        show=source.show_slug,
        status=status,
        season=season,
        certainty=certainty,
        published=at.date(),
        ratings=Ratings(imdb=round(float(imdb) + rng.choice((0.0, 0.1, -0.1)), 1)),
        evidence=(Evidence(said, status, season, certainty, 120, 120 + len(said)),),
    )
    attempt = Attempt(at, 240, True, source.url, 200, content_hash=f"{rng.getrandbits(128):032x}")
    return Outcome(source, attempt, extraction)


def latest_fetch(store: Store) -> tuple[datetime, int]:
    """When the newest snapshot was fetched, and how many there are: a re-run on a kept
    database continues from there, with other shows and news, instead of repeating itself."""
    query = text("SELECT max(fetched_at), count(*) FROM snapshots")
    with store.engine.connect() as connection:
        newest, count = connection.execute(query).one()
    if isinstance(newest, str):  # SQLite keeps naive UTC text
        newest = datetime.fromisoformat(newest).replace(tzinfo=UTC)
    return newest or NOW, count


def record_ms(store: Store, outcomes: Sequence[Outcome]) -> tuple[list[float], int]:
    """Each outcome recorded alone, as a pass with one new page does: ms each, changes."""
    times, changes = [], 0
    for outcome in outcomes:
        started = time.perf_counter()
        [made] = store.record_many([outcome], [CHANNEL], "bench")
        times.append((time.perf_counter() - started) * 1000)
        changes += len(made)
    return times, changes


def measure_ingest(store: Store, results: Results) -> None:
    """Random shows with 100+ snapshots (the goal), then shows of growing history."""
    newest, count = latest_fetch(store)
    rng = random.Random(SEED + count)
    clock = iter(newest + timedelta(hours=6, seconds=i) for i in range(10**6))
    sources = page_sources(store)
    eligible = [s.target for s in sources if s.snapshots >= 100]
    if not eligible:
        raise SetupError("no show has 100+ snapshots: give more --snapshots per show")
    picked = [rng.choice(eligible) for _ in range(WARM_UP + INGESTS)]
    outcomes = [new_outcome(rng, target, next(clock)) for target in picked]
    times, changes = record_ms(store, outcomes)
    times = sorted(times[WARM_UP:])
    results.ms["ingest median"] = statistics.median(times)
    results.ms["ingest p95"] = times[round(len(times) * 0.95) - 1]
    results.notes.append(
        f"ingest: {len(times)} record_many calls of one outcome, {changes} changes"
    )
    for size in SIZES:
        near = min(sources, key=lambda s: abs(s.snapshots - size))
        alone = [new_outcome(rng, near.target, next(clock)) for _ in range(12)]
        results.ms[f"ingest {size}"] = statistics.median(record_ms(store, alone)[0][2:])
        results.notes.append(f"ingest ~{size}: a show with {near.snapshots} snapshots")
    if results.ms["ingest median"] >= GOAL_INGEST_MS:
        more = [new_outcome(rng, target, next(clock)) for target in picked[:20]]
        results.profiles["20 x record_many([one outcome])"] = profile(
            lambda: record_ms(store, more)
        )


def measure(label: str, url: str, dataset: Dataset | None) -> Results:
    results = Results(label, dataset)
    store = Store(url)
    try:
        store.require_current()
        measure_status(store, url, results)
        measure_history(store, url, results)
        measure_ingest(store, results)
    except TrackerError as exc:
        raise SetupError(f"{label}: {exc}") from None
    finally:
        store.close()
    return results


# --- the report -------------------------------------------------------------------------------

ROWS = (
    ("startup", "tracker --help (start-up alone), subprocess"),
    ("status", "tracker status, subprocess"),
    ("status json", "tracker status --json, subprocess"),
    ("board", "Store.board(), in-process"),
    ("history json", "tracker history BIG --json, subprocess"),
    ("history text", "tracker history BIG, subprocess"),
    ("history lib", "history BIG store calls, in-process"),
    ("history json mid", "tracker history MID --json, subprocess"),
    ("history lib mid", "history MID store calls, in-process"),
    ("ingest median", "record_many([1 outcome]) median"),
    ("ingest p95", "record_many([1 outcome]) p95"),
    *((f"ingest {n}", f"  … on a show with ~{n} snapshots") for n in SIZES),
)
GOALS = (
    ("status < 1 s: `tracker status`, subprocess", "status", GOAL_STATUS_MS),
    ("history < 100 ms: BIG, in-process", "history lib", GOAL_HISTORY_MS),
    ("  (for reference: BIG --json, subprocess)", "history json", GOAL_HISTORY_MS),
    ("ingest < 5 ms: median", "ingest median", GOAL_INGEST_MS),
)


def report(all_results: Sequence[Results]) -> None:
    print(f"\ntracker from {Path(tracker.__file__).resolve().parent} (schema {SCHEMA_HEAD})")
    for results in all_results:
        data = results.dataset
        if data:
            print(
                f"{results.label}: {data.shows:,} shows, {data.snapshots:,} snapshots, "
                f"{data.sources:,} sources, {data.changes:,} changes, "
                f"generated in {data.seconds:.0f} s"
            )
        for note in results.notes:
            print(f"{results.label} {note}")
    print(f"\n{'median ms':<46}" + "".join(f"{r.label:>12}" for r in all_results))
    for key, label in ROWS:
        print(f"{label:<46}" + "".join(f"{r.ms[key]:>12.1f}" for r in all_results))
    print()
    for goal, key, limit in GOALS:
        verdicts = [f"{'PASS' if r.ms[key] < limit else 'MISS'}" for r in all_results]
        print(f"{goal:<46}" + "".join(f"{v:>12}" for v in verdicts))
    for results in all_results:
        for what, profiled in results.profiles.items():
            print(f"\n--- {results.label}: profile of {what} (missed its goal)\n{profiled}")


def run_one(kind: str, shows: int, total: int, cache: Path | None) -> Results:
    print(f"{kind}: generating {shows:,} shows, {total:,} snapshots", file=sys.stderr)
    if kind == "sqlite":
        database = sqlite_database(shows, total, cache)
    else:
        database = postgres_database(shows, total)
    with database as (url, dataset):
        print(f"{kind}: measuring", file=sys.stderr)
        return measure(kind, url, dataset)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shows", type=int, default=10_000)
    parser.add_argument("--snapshots", type=int, default=1_000_000)
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="sqlite")
    parser.add_argument("--cache", type=Path, help="keep the SQLite file in DIR and reuse it")
    args = parser.parse_args()
    kinds = ("sqlite", "postgresql") if args.db == "both" else (args.db,)
    try:
        all_results = [run_one(kind, args.shows, args.snapshots, args.cache) for kind in kinds]
    except (SetupError, DatasetError) as exc:
        print(f"setup error: {exc}", file=sys.stderr)
        return 2
    report(all_results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
