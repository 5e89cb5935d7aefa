"""Load test: several `tracker daemon`s on one PostgreSQL database share each minute's work.

    .venv/bin/python bench/scale_out.py [--workers 4] [--sources 2000] [--minutes 4] [--db URL]

Serves one light news page per show (bench/scalegen.py: 10-20 KB, ETag + Last-Modified,
304s) from a threaded HTTP server on 127.0.0.1, with a webhook receiver beside it; writes a
config whose every source is due every minute (`cron = "* * * * *"`, 3 s jitter, 15 s
leases) and starts --workers daemons on a throw-away schema. Once their catch-up pass has
checked every source, they run --minutes whole minutes. Before each minute 2% of the pages
get a later story with another status, so every minute has changes and alerts; at
half-time the worker holding the most claimed sources is SIGKILLed. At the end the others
get SIGTERM (they must exit 0), `tracker alerts retry` runs once, and the checks, changes
and outbox tables, the workers' logs and the receiver's counts are compared: throughput
per minute, each worker's share, sources checked twice or not at all in a minute, alerts
received twice or never. A period is the UTC minute of a check's `started_at`.

Exit status: 0 when every goal is met, 1 when one is missed, 2 on a setup error (no
PostgreSQL, a worker that exits on its own, a catch-up that never completes).
"""

from __future__ import annotations

import argparse
import base64
import collections
import json
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.fetch_speed import child_env
from bench.scalegen import (
    PageServer,
    Schema,
    Serving,
    SetupError,
    ShowSite,
    WebhookReceiver,
    minute,
)

DEFAULT_DB = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
SECRET_ENV = "TRACKER_BENCH_WEBHOOK_SECRET"
JITTER, LEASE = 3, 15  # [schedule], seconds: a dead worker's leases expire within a minute
CONCURRENCY = 16  # [fetch] concurrency and per_host: every page is on one loopback host
NEWS_SHARE = 0.02  # of the pages given a new story before each minute…
NEWS_AHEAD = 15  # …this many seconds before it
KILL_AFTER = 1.0  # seconds into the kill minute before looking for a worker mid-pass…
KILL_WINDOW = 20.0  # …and how long to look
CATCH_UP_LIMIT = 600.0  # seconds for the first pass over every source
EXIT_LIMIT = 60.0  # seconds a worker may take to stop after SIGTERM
DRAIN_MARGIN = 3.0  # SIGTERM at the latest this long before the next minute's firing
_LOGFMT = re.compile(r'^ts=(\S+) level=(\w+) logger=(\S+) msg=("(?:[^"\\]|\\.)*"|\S+)')
_SCRAPE = re.compile(
    r"scrape done: \d+ sources: (?P<fetched>\d+) fetched, (?P<not_modified>\d+) not modified, "
    r"(?P<unchanged>\d+) unchanged, (?P<failed>\d+) failed.*?; \d+ snapshots, "
    r"(?P<changes>\d+) changes in (?P<seconds>[\d.]+)s"
)


def now() -> datetime:
    return datetime.now(UTC)


def sleep_until(at: datetime) -> None:
    time.sleep(max(0.0, (at - now()).total_seconds()))


def hhmm(at: datetime, seconds: bool = False) -> str:
    return at.strftime("%H:%M:%S.%f")[:12] if seconds else at.strftime("%H:%M")


# --- the database, read while it runs ----------------------------------------------------------


def scalar(db: Engine, sql: str, **params: object) -> int:
    with db.connect() as connection:
        return int(connection.execute(text(sql), params).scalar() or 0)


def lease_holders(db: Engine) -> dict[int, set[int]]:
    """Sources leased right now, by the pid in their lease's owner (host:pid:tag)."""
    sql = "SELECT lease_owner, id FROM sources WHERE lease_owner IS NOT NULL"
    with db.connect() as connection:
        rows = connection.execute(text(sql)).all()
    held: dict[int, set[int]] = collections.defaultdict(set)
    for owner, source_id in rows:
        held[int(owner.rsplit(":", 2)[1])].add(source_id)
    return held


# --- the workers ----------------------------------------------------------------------------


@dataclass
class Worker:
    """One `tracker daemon` child, its stderr (logfmt) going to a file of its own."""

    number: int
    process: subprocess.Popen[bytes]
    log: Path
    killed_at: datetime | None = None
    exit_code: int | None = None

    @property
    def pid(self) -> int:
        return self.process.pid

    def fate(self) -> str:
        if self.killed_at is not None:
            return f"SIGKILL {hhmm(self.killed_at, True)}"
        return "hung, killed" if self.exit_code is None else f"exit {self.exit_code}"


def tracker_command(config: Path, *args: str) -> list[str]:
    tracker = Path(sys.executable).with_name("tracker")
    if not tracker.exists():
        raise SetupError(f"no {tracker}: run this with the tracker venv's python")
    return [str(tracker), "--config", str(config), *args]


def start_workers(count: int, config: Path, env: dict[str, str]) -> list[Worker]:
    workers = []
    for number in range(1, count + 1):
        log = config.with_name(f"worker-{number}.log")
        with log.open("wb") as err:
            process = subprocess.Popen(
                tracker_command(config, "daemon"),
                cwd=config.parent,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=err,
            )
        workers.append(Worker(number, process, log))
    return workers


def check_alive(workers: list[Worker]) -> None:
    """A worker that exited on its own makes the rest of the run meaningless."""
    for worker in workers:
        if worker.killed_at is None and worker.process.poll() is not None:
            tail = worker.log.read_text(errors="replace")[-3000:]
            raise SetupError(f"worker {worker.number} exited {worker.process.returncode}:\n{tail}")


def stop_workers(workers: list[Worker]) -> None:
    """SIGTERM to each live worker, then a bounded wait for each exit code."""
    live = [w for w in workers if w.killed_at is None and w.process.poll() is None]
    for worker in live:
        worker.process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + EXIT_LIMIT
    for worker in live:
        try:
            worker.exit_code = worker.process.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            worker.process.kill()
            worker.process.wait(10)


def kill_all(workers: list[Worker]) -> None:
    """Whatever happened, no child outlives the benchmark (or its schema)."""
    for worker in workers:
        if worker.process.poll() is None:
            worker.process.kill()
            worker.process.wait(10)


# --- the run --------------------------------------------------------------------------------


@dataclass
class Timeline:
    """Who ran and what happened when: the periods measured, the news, the kill, the stop."""

    started: datetime
    minutes: int
    revision: str
    workers: list[Worker] = field(default_factory=list)
    caught_up: datetime | None = None
    periods: list[datetime] = field(default_factory=list)
    news: dict[datetime, int] = field(default_factory=dict)  # period -> pages changed
    victim: Worker | None = None
    victim_leases: set[int] = field(default_factory=set)  # sources it held when killed
    stopped: datetime | None = None
    retry_line: str = ""
    retry_received: int = 0

    @property
    def kill_period(self) -> datetime | None:
        killed = self.victim.killed_at if self.victim is not None else None
        return minute(killed) if killed is not None else None


def config_text(db_url: str, hook: str, pages: list[tuple[str, str]]) -> str:
    """Every source due every minute; leases short enough that a dead worker's expire
    within a period; the webhook signed, so each delivery carries its `webhook-id`."""
    head = f"""[database]
url = {json.dumps(db_url)}

[schedule]
cron = "* * * * *"
jitter = {JITTER}
lease = {LEASE}
deliver_cron = "* * * * *"

[fetch]
concurrency = {CONCURRENCY}
per_host = {CONCURRENCY}
min_interval = 0

[[alerts]]
kind = "webhook"
url = {json.dumps(hook)}
secret_env = "{SECRET_ENV}"
"""
    shows = (
        f"[[shows]]\ntitle = {json.dumps(title)}\nsources = [{json.dumps(url)}]\n"
        for title, url in pages
    )
    return "\n".join([head, *shows])


def drive(
    db: Engine, workers: list[Worker], site: ShowSite, pages: PageServer, line: Timeline
) -> None:
    """Catch-up, then the measured minutes with their news and, at half-time, the kill.

    Measuring starts with the minute after the catch-up is seen complete: a catch-up
    still running when a minute's firing starts would hold sources that firing skips.
    """
    line.caught_up = wait_for_catch_up(db, len(site.pages), workers)
    print(f"{hhmm(now(), True)} catch-up done: every source checked", file=sys.stderr)
    first = minute(line.caught_up) + timedelta(minutes=1)
    line.periods = [first + timedelta(minutes=k) for k in range(line.minutes)]
    kill_in = line.periods[len(line.periods) // 2]
    for period in line.periods:
        sleep_until(period - timedelta(seconds=NEWS_AHEAD))
        check_alive(workers)
        line.news[period] = publish_news(site, pages)
        print(f"{hhmm(now(), True)} news for {hhmm(period)}", file=sys.stderr)
        if period == kill_in:
            kill_mid_pass(db, workers, period, line)
    wait_for_last_period(db, len(site.pages), line.periods[-1])


def wait_for_catch_up(db: Engine, sources: int, workers: list[Worker]) -> datetime:
    """Until every source has been checked once: the daemons' first, catch-up pass."""
    deadline = time.monotonic() + CATCH_UP_LIMIT
    while time.monotonic() < deadline:
        check_alive(workers)
        if scalar(db, "SELECT count(DISTINCT source_id) FROM checks") >= sources:
            return now()
        time.sleep(0.5)
    raise SetupError(f"the first pass did not check all {sources} sources in {CATCH_UP_LIMIT}s")


def publish_news(site: ShowSite, pages: PageServer) -> int:
    updates = site.update(NEWS_SHARE)
    for update in updates:
        pages.publish(update.path, update.html)
    return len(updates)


def kill_mid_pass(db: Engine, workers: list[Worker], period: datetime, line: Timeline) -> None:
    """SIGKILL the worker holding the most claimed sources, soon after the minute starts.

    Holding source leases is what being mid-pass means: sources claimed and not yet
    recorded. If none holds any within the window, the first live worker is killed
    anyway, and the report shows it held nothing.
    """
    sleep_until(period + timedelta(seconds=KILL_AFTER))
    by_pid = {w.pid: w for w in workers if w.killed_at is None}
    victim, leases = next(iter(by_pid.values())), set[int]()
    deadline = time.monotonic() + KILL_WINDOW
    while time.monotonic() < deadline:
        held = {pid: ids for pid, ids in lease_holders(db).items() if pid in by_pid}
        if held:
            pid = max(held, key=lambda p: len(held[p]))
            victim, leases = by_pid[pid], held[pid]
            break
        time.sleep(0.05)
    victim.process.kill()
    victim.killed_at = now()
    victim.process.wait(10)
    line.victim, line.victim_leases = victim, leases
    print(
        f"{hhmm(now(), True)} killed worker {victim.number}: {len(leases)} leases", file=sys.stderr
    )


def wait_for_last_period(db: Engine, sources: int, last: datetime) -> None:
    """Until the last period's work is done (every source checked, no lease held) and the
    outbox drained, or until just before the next minute's firing, whichever is first."""
    sleep_until(last + timedelta(seconds=JITTER + 1))
    checked = (
        "SELECT count(DISTINCT source_id) FROM checks "
        "WHERE started_at >= :start AND started_at < :end"
    )
    end = last + timedelta(minutes=1)
    while now() < end - timedelta(seconds=DRAIN_MARGIN):
        done = scalar(db, checked, start=last, end=end) >= sources and not lease_holders(db)
        if done and not scalar(db, "SELECT count(*) FROM outbox WHERE state = 'pending'"):
            return
        time.sleep(0.5)


def final_retry(config: Path, env: dict[str, str], hooks: WebhookReceiver, line: Timeline) -> None:
    """`tracker alerts retry` once the workers stopped: what it sends, they left unsent."""
    before = len(hooks.received)
    done = subprocess.run(
        tracker_command(config, "alerts", "retry"),
        cwd=config.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = (done.stdout + done.stderr).strip().splitlines()
    line.retry_line = output[-1] if output else f"exit {done.returncode}, no output"
    line.retry_received = len(hooks.received) - before


# --- what happened --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LoggedPass:
    """One `scrape done` line: whose, the period it started in, what it processed."""

    worker: int
    period: datetime
    processed: int  # fetched + not modified + unchanged + failed: sources it recorded
    seconds: float
    ended: datetime  # when it logged, its alerts sent


@dataclass
class Facts:
    """Everything the report reads, gathered once after the workers stopped."""

    sources: frozenset[int]  # every source's id
    checks: dict[datetime, collections.Counter[int]]  # period -> source id -> checks
    spans: dict[datetime, tuple[float, float]]  # period -> first and last check, s into it
    changes: dict[int, tuple[datetime, str]]  # change id -> (occurred_at, kind)
    outbox: collections.Counter[str]  # state -> rows
    received: collections.Counter[str]  # webhook-id -> deliveries
    first_received: dict[str, datetime]  # webhook-id -> its first delivery
    passes: list[LoggedPass]
    issues: dict[int, list[str]]  # worker -> warnings, errors, failed sources, non-logfmt lines


def gather(db: Engine, workers: list[Worker], hooks: WebhookReceiver) -> Facts:
    with db.connect() as connection:
        sources = frozenset(connection.execute(text("SELECT id FROM sources")).scalars())
        checks = connection.execute(text("SELECT source_id, started_at FROM checks")).all()
        changes = connection.execute(text("SELECT id, occurred_at, kind FROM changes")).all()
        states = connection.execute(text("SELECT state, count(*) FROM outbox GROUP BY 1")).all()
    by_period: dict[datetime, collections.Counter[int]] = collections.defaultdict(
        collections.Counter
    )
    offsets: dict[datetime, list[float]] = collections.defaultdict(list)
    for source_id, started_at in checks:
        period = minute(started_at)
        by_period[period][source_id] += 1
        offsets[period].append((started_at - period).total_seconds())
    passes, issues = [], {}
    for worker in workers:
        logged, issues[worker.number] = read_log(worker)
        passes += logged
    return Facts(
        sources=sources,
        checks=dict(by_period),
        spans={period: (min(found), max(found)) for period, found in offsets.items()},
        changes={id_: (at, kind) for id_, at, kind in changes},
        outbox=collections.Counter({state: count for state, count in states}),
        received=collections.Counter(message for message, _ in hooks.received),
        first_received={m: at for m, at in reversed(hooks.received)},
        passes=passes,
        issues=issues,
    )


def read_log(worker: Worker) -> tuple[list[LoggedPass], list[str]]:
    """The worker's passes, and the lines worth a look: warnings, errors, failed sources,
    and anything not logfmt (a crash that bypassed logging)."""
    passes, issues = [], []
    for raw in worker.log.read_text(errors="replace").splitlines():
        match = _LOGFMT.match(raw)
        if match is None:
            issues.append(raw)
            continue
        stamp, level, logger, quoted = match.groups()
        message = json.loads(quoted) if quoted.startswith('"') else quoted
        done = _SCRAPE.search(message)
        if done is not None:
            seconds = float(done["seconds"])
            start = datetime.fromisoformat(stamp) - timedelta(seconds=seconds)
            counts = ("fetched", "not_modified", "unchanged", "failed")
            processed = sum(int(done[name]) for name in counts)
            ended = datetime.fromisoformat(stamp)
            passes.append(LoggedPass(worker.number, minute(start), processed, seconds, ended))
        # a source's failure; tracker.fetch also logs robots.txt's 404, which is no failure
        failed_source = " failed: " in message and logger != "tracker.fetch"
        if level in ("warning", "error", "critical") or failed_source:
            issues.append(raw)
    return passes, issues


# --- the report -----------------------------------------------------------------------------


def role(period: datetime, line: Timeline) -> str:
    if period in line.periods:
        number = line.periods.index(period) + 1
        return f"{number} (kill)" if period == line.kill_period else str(number)
    return "catch-up" if period < line.periods[0] else "after"


def print_periods(facts: Facts, line: Timeline, pages: PageServer) -> None:
    """Throughput per minute: checks, their spread in it, what the site served, news,
    changes and the alerts received for them."""
    received = {int(m.removeprefix("msg_change_")) for m in facts.received if m[-1:].isdigit()}
    print(
        f"{'period':<6} {'role':<9} {'checks':>6} {'sources':>7} {'missed':>6} {'twice':>5} "
        f"{'1st-last s':>11} {'checks/s':>8} {'slowest pass s':>14} {'200':>5} {'304':>5} "
        f"{'news':>4} {'changes':>7} {'alerted':>7}"
    )
    for period in sorted(facts.checks):
        counts = facts.checks[period]
        first, last = facts.spans[period]
        rate = f"{counts.total() / (last - first):.0f}" if last > first else "-"
        missed = str(len(facts.sources - set(counts))) if period in line.periods else "-"
        slowest = max((p.seconds for p in facts.passes if p.period == period), default=None)
        changed = [i for i, (at, _) in facts.changes.items() if minute(at) == period]
        print(
            f"{hhmm(period):<6} {role(period, line):<9} {counts.total():>6} {len(counts):>7} "
            f"{missed:>6} {sum(1 for n in counts.values() if n > 1):>5} "
            f"{f'{first:.1f}-{last:.1f}':>11} {rate:>8} "
            f"{'-' if slowest is None else f'{slowest:.1f}':>14} "
            f"{pages.counts[period, '200']:>5} {pages.counts[period, '304']:>5} "
            f"{line.news.get(period, 0):>4} {len(changed):>7} "
            f"{sum(1 for i in changed if i in received):>7}"
        )
    print(
        "  checks/s: the period's checks over the seconds between its first and last check "
        "start; slowest pass: the longest `scrape done` among the passes that started in it; "
        "200/304: what the site answered in that minute; news: pages given a new story "
        f"{NEWS_AHEAD} s before it; alerted: its changes whose webhook arrived"
    )
    late = [p for p in facts.passes if minute(p.ended) != p.period]
    print(
        f"  passes that ended (alerts sent) after the minute they started in: {len(late)}"
        + "".join(f"; worker {p.worker} {hhmm(p.period)} pass ran {p.seconds:.1f} s" for p in late)
    )


def print_workers(facts: Facts, line: Timeline, workers: list[Worker]) -> None:
    """Sources each worker recorded per period, from its own `scrape done` lines. The
    killed worker logs nothing for the pass it died in: that share is inferred as the
    period's checks less what the others logged (marked ~)."""
    columns: list[datetime | str] = ["catch-up", *line.periods]
    done: collections.Counter[tuple[int, datetime | str]] = collections.Counter()
    for logged in facts.passes:
        if logged.period in line.periods or logged.period < line.periods[0]:
            column = logged.period if logged.period in line.periods else "catch-up"
            done[logged.worker, column] += logged.processed
    inferred = _victim_share(facts, line, done)
    totals = {w.number: sum(done[w.number, p] for p in line.periods) for w in workers}
    if line.victim is not None:
        totals[line.victim.number] += inferred
    everyone = sum(totals.values()) or 1
    heads = " ".join(f"{c if isinstance(c, str) else hhmm(c):>8}" for c in columns)
    print(f"{'worker':<6} {'pid':>7} {'fate':<20} {heads} {'measured':>8} {'share':>6}")
    for worker in workers:
        cells = [
            f"~{done[worker.number, c] + inferred}"
            if worker is line.victim and c == line.kill_period
            else str(done[worker.number, c])
            for c in columns
        ]
        share = 100 * totals[worker.number] / everyone
        print(
            f"{worker.number:<6} {worker.pid:>7} {worker.fate():<20} "
            + " ".join(f"{cell:>8}" for cell in cells)
            + f" {totals[worker.number]:>8} {share:>5.1f}%"
        )
    print(
        "  sources each worker recorded (fetched + not modified + unchanged + failed) in the "
        "passes that started in each period; measured: the measured periods' sum"
    )


def _victim_share(
    facts: Facts, line: Timeline, done: collections.Counter[tuple[int, datetime | str]]
) -> int:
    """What the killed worker recorded in its last pass: the checks of that period that
    no other worker's log accounts for."""
    period, victim = line.kill_period, line.victim
    if period is None or victim is None:
        return 0
    others = sum(n for (number, p), n in done.items() if p == period and number != victim.number)
    return max(0, facts.checks.get(period, collections.Counter()).total() - others)


def print_kill(facts: Facts, line: Timeline) -> None:
    """The kill period's misses, set against what the killed worker held when it died."""
    period, victim = line.kill_period, line.victim
    if period is None or victim is None:
        return
    checked = facts.checks.get(period, collections.Counter())
    missed = facts.sources - set(checked)
    after = facts.checks.get(period + timedelta(minutes=1), collections.Counter())
    print(
        f"kill: worker {victim.number} (pid {victim.pid}) SIGKILLed at "
        f"{hhmm(victim.killed_at or period, True)} in period {hhmm(period)}, holding "
        f"{len(line.victim_leases)} claimed sources; that period missed {len(missed)} sources, "
        f"{len(missed & line.victim_leases)} of them among those it held; "
        f"{sum(1 for i in missed if i in after)} of the missed were checked the next minute"
    )


def print_alerts(facts: Facts, line: Timeline, hooks: WebhookReceiver) -> tuple[int, int]:
    """Changes against deliveries: (webhook-ids received twice, changes lost)."""
    kinds = collections.Counter(kind for _, kind in facts.changes.values())
    expected = {f"msg_change_{i}" for i in facts.changes}
    twice = {message: n for message, n in facts.received.items() if n > 1}
    never = expected - set(facts.received)
    unsent = sum(n for state, n in facts.outbox.items() if state != "sent")
    states = ", ".join(f"{n} {state}" for state, n in sorted(facts.outbox.items()))
    print(f"changes: {len(facts.changes)} ({', '.join(f'{n} {k}' for k, n in kinds.items())})")
    print(
        f"webhook deliveries received: {facts.received.total()}, {len(facts.received)} distinct "
        f"webhook-ids, {hooks.unsigned} with a bad signature, "
        f"{len(set(facts.received) - expected)} for no change row"
    )
    print(f"received more than once: {len(twice)} {sorted(twice)[:5] or ''}".rstrip())
    print(f"never received: {len(never)} {sorted(never)[:5] or ''}".rstrip())
    print(f"outbox rows: {states}")
    print_latency(facts, line)
    print(
        f"final `tracker alerts retry`: {line.retry_line!r}; "
        f"{line.retry_received} deliveries received from it"
    )
    return len(twice), len(never) + unsent


def print_latency(facts: Facts, line: Timeline) -> None:
    """From a change's row to its first webhook: after the catch-up, and in the measured
    minutes, where a pass delivers its own alerts as it ends."""
    spans: dict[str, list[float]] = {"catch-up": [], "measured": []}
    for change_id, (at, _) in facts.changes.items():
        received = facts.first_received.get(f"msg_change_{change_id}")
        if received is not None:
            key = "measured" if minute(at) in line.periods else "catch-up"
            spans[key].append((received - at).total_seconds())
    parts = [
        f"{key} median {statistics.median(found):.1f} s, max {max(found):.1f} s"
        for key, found in spans.items()
        if found
    ]
    print(f"change written -> webhook received: {'; '.join(parts)}")


def print_issues(facts: Facts) -> None:
    """Warnings, errors and failed sources in the workers' logs, a few of each shown."""
    print("worker logs (warnings, errors, failed sources, non-logfmt lines):")
    for number, lines in facts.issues.items():
        print(f"  worker {number}: {len(lines)} lines")
        for raw in lines[:3]:
            print(f"    {raw[:400]}")


def print_goals(
    facts: Facts, line: Timeline, workers: list[Worker], alerts: tuple[int, int]
) -> bool:
    """PASS or MISS per goal; True when all are met."""
    twice = sum(1 for counts in facts.checks.values() for n in counts.values() if n > 1)
    missed = {p: len(facts.sources - set(facts.checks.get(p, ()))) for p in line.periods}
    where = ", ".join(
        f"{n} in {hhmm(p)}{' (kill)' if p == line.kill_period else ''}"
        for p, n in missed.items()
        if n
    )
    survivors = [w for w in workers if w is not line.victim]
    goals = (
        ("duplicates processed = 0", f"{twice} (source, minute) pairs", twice == 0),
        ("duplicate alerts = 0", f"{alerts[0]} webhook-ids received twice", alerts[0] == 0),
        ("lost alerts = 0", f"{alerts[1]} changes never received or not sent", alerts[1] == 0),
        (
            f"every due source processed once per period ({len(line.periods)} min "
            f"x {len(facts.sources)} sources)",
            f"missed: {where or 'none'}; checked twice: {twice}",
            not where and not twice,
        ),
        (
            "surviving workers exit 0 on SIGTERM",
            ", ".join(f"worker {w.number} {w.fate()}" for w in survivors),
            all(w.exit_code == 0 for w in survivors),
        ),
    )
    print("\ngoals:")
    for label, value, met in goals:
        print(f"  {'PASS' if met else 'MISS'}  {label}: {value}")
    return all(met for _, _, met in goals)


def print_setup(
    args: argparse.Namespace, schema: Schema, pages: PageServer, line: Timeline
) -> None:
    sizes = sorted(len(r.body) for r in pages.resources.values())
    victim = line.victim
    print(
        f"scale-out: {args.workers} x `tracker daemon` on PostgreSQL (schema {schema.name}, "
        f"dropped after), {len(sizes)} sources, one page per show, {sizes[0] / 1000:.1f}-"
        f"{sizes[-1] / 1000:.1f} KB (median {sizes[len(sizes) // 2] / 1000:.1f}), on a "
        f"threaded http.server at {pages.base} (ETag, Last-Modified, 304; robots.txt 404)"
    )
    print(f"tracker: {line.revision} when the workers started")
    print(
        f'config: cron "* * * * *", jitter {JITTER} s, lease {LEASE} s, deliver_cron "* * * * *"; '
        f"[fetch] concurrency {CONCURRENCY}, per_host {CONCURRENCY}, min_interval 0; one signed "
        "webhook to a threaded receiver on 127.0.0.1"
    )
    print(
        f"timeline: workers started {hhmm(line.started, True)}, catch-up seen complete "
        f"{hhmm(line.caught_up or line.started, True)}; measured {hhmm(line.periods[0])}-"
        f"{hhmm(line.periods[-1])} ({len(line.periods)} min); news: "
        f"{max(line.news.values(), default=0)} pages {NEWS_AHEAD} s before each; "
        f"SIGKILL worker {victim.number if victim else '-'} at "
        f"{hhmm(victim.killed_at, True) if victim and victim.killed_at else '-'}; SIGTERM to "
        f"the rest at {hhmm(line.stopped or line.started, True)}\n"
    )


def revision() -> str:
    """The commit measured: others may be editing the tree while this runs."""
    root = Path(__file__).resolve().parents[1]
    found = subprocess.run(
        ["git", "-C", str(root), "describe", "--always", "--dirty"],
        capture_output=True,
        text=True,
    )
    return f"commit {found.stdout.strip()}" if found.returncode == 0 else "not a git checkout"


def report(
    args: argparse.Namespace, schema: Schema, serving: Serving, line: Timeline, facts: Facts
) -> bool:
    workers = line.workers
    print_setup(args, schema, serving.pages, line)
    print_periods(facts, line, serving.pages)
    print()
    print_workers(facts, line, workers)
    print()
    print_kill(facts, line)
    alerts = print_alerts(facts, line, serving.hooks)
    print()
    print_issues(facts)
    return print_goals(facts, line, workers, alerts)


# --- main -----------------------------------------------------------------------------------


def benchmark(args: argparse.Namespace, work: Path) -> bool:
    """Set up, run the workers, gather what happened, report; the schema and every child
    are gone when it returns or raises."""
    site = ShowSite(args.sources)
    secret = "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()
    env = child_env(work / "home") | {SECRET_ENV: secret}
    serving = Serving(PageServer(site.pages), WebhookReceiver(secret))
    with Schema(args.db) as schema, serving:
        config = work / "config.toml"
        shows = [(story.show, serving.pages.base + path) for path, story in site.stories.items()]
        config.write_text(config_text(schema.url, serving.hooks.url, shows), encoding="utf-8")
        init = subprocess.run(
            tracker_command(config, "init"),
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if init.returncode != 0:
            raise SetupError(f"tracker init exited {init.returncode}: {init.stderr[-2000:]}")
        db = create_engine(schema.url, pool_size=2)
        try:
            line = Timeline(now(), args.minutes, revision())
            line.workers = start_workers(args.workers, config, env)
            try:
                drive(db, line.workers, site, serving.pages, line)
                line.stopped = now()
                stop_workers(line.workers)
            finally:
                kill_all(line.workers)
            final_retry(config, env, serving.hooks, line)
            facts = gather(db, line.workers, serving.hooks)
        finally:
            db.dispose()
        return report(args, schema, serving, line, facts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=4, help="daemons to start (4)")
    parser.add_argument("--sources", type=int, default=2000, help="pages, one per show (2000)")
    parser.add_argument("--minutes", type=int, default=4, help="minutes measured (4)")
    parser.add_argument(
        "--db",
        default=os.environ.get("TRACKER_BENCH_POSTGRES_URL", DEFAULT_DB),
        help=f"PostgreSQL URL ($TRACKER_BENCH_POSTGRES_URL, else {DEFAULT_DB})",
    )
    parser.add_argument("--keep", action="store_true", help="keep the config and worker logs")
    args = parser.parse_args()
    if args.workers < 2 or args.sources < 1 or args.minutes < 1:
        parser.error("needs --workers >= 2 (one is killed), --sources >= 1, --minutes >= 1")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so the cleanup still runs
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="scale-out-"))
    try:
        met = benchmark(args, work)
    except (SetupError, subprocess.TimeoutExpired) as exc:
        print(f"setup error: {exc}", file=sys.stderr)
        return 2
    finally:
        if args.keep:
            print(f"config and worker logs kept in {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    minutes, seconds = divmod(round(time.monotonic() - started), 60)
    print(f"\nwall time: {minutes} min {seconds} s")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
