"""Benchmark: `tracker run` against urlwatch on the same 1,000 news pages, first and unchanged pass.

    .venv/bin/python bench/fetch_speed.py [--pages 1000] [--size 80000] [--rounds 3]

Generates N pages of about 80 KB (bench/sitegen.py), each about a different show, serves
them from an asyncio HTTP/1.1 server on 127.0.0.1 that sends ETag and Last-Modified and
answers If-None-Match / If-Modified-Since with 304, then runs each tool twice as a child
process: a first pass (every page new) and an unchanged pass (every page a 304), from
scratch in each of `--rounds` rounds (which tool goes first alternates). For each pass it
prints wall time, CPU time (user + sys, the tool and the processes it forks), peak RSS of
its main process, the peak PSS of all its processes, and how many 200s and 304s the server
sent; then the medians over the rounds, the tracker/urlwatch ratios of the medians and the
goals (peak memory: the largest of any round). One run of each is too noisy on a shared
2-CPU machine to judge a goal by: rounds of the same pass were seen 30% apart.

urlwatch is installed from PyPI into its own venv under ~/.cache/renewal-tracker-bench, runs
with its default parallelism, one job per page with `filter: css article`, its reporters off
and its config, cache and hooks in a temporary directory. Exits 2 on a setup error (a failed
source, a count that does not add up); a missed goal is reported, not an error.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import email.utils
import hashlib
import json
import os
import re
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.sitegen import site_pages

URLWATCH_VERSION = "2.29"
CONCURRENCY = 16  # tracker's default [fetch].concurrency
CHILD_TIME_LIMIT = 900.0  # seconds: a hung child is killed, the benchmark must end
RSS_GOAL_MB = 150.0
_SUMMARY = re.compile(
    r"(?P<sources>\d+) sources: (?P<fetched>\d+) fetched, (?P<not_modified>\d+) not modified, "
    r"(?P<unchanged>\d+) unchanged, (?P<failed>\d+) failed(?:, \d+ failing sources resting)?; "
    r"(?P<snapshots>\d+) snapshots, (?P<changes>\d+) changes"
)


class SetupError(Exception):
    """The benchmark did not measure what it claims (a failed fetch, a wrong count)."""


# --- the site -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Resource:
    """A page's responses, encoded once so the server spends no time per request on them."""

    etag: str
    modified: float
    ok: bytes
    not_modified: bytes


def _resource(body: bytes, modified: float) -> _Resource:
    etag = f'"{hashlib.sha1(body).hexdigest()[:20]}"'
    validators = f"ETag: {etag}\r\nLast-Modified: {email.utils.formatdate(modified, usegmt=True)}"
    head = (
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\n{validators}\r\n\r\n"
    )
    return _Resource(
        etag=etag,
        modified=modified,
        ok=head.encode() + body,
        not_modified=f"HTTP/1.1 304 Not Modified\r\n{validators}\r\n\r\n".encode(),
    )


_NOT_FOUND = (
    b"HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 9\r\n\r\nnot found"
)


class PageServer:
    """HTTP/1.1 with keep-alive on an asyncio loop in a thread; counts what it answered.

    A raw asyncio server rather than http.server: no thread per connection (urlwatch opens
    a new connection per request) and responses pre-encoded, so the server is never what
    the clients wait for. Its CPU is reported beside the clients' so that can be checked.
    """

    def __init__(self, pages: dict[str, bytes]) -> None:
        modified = float(int(time.time()) - 86_400)
        self._pages = {path: _resource(body, modified) for path, body in pages.items()}
        self._counts: collections.Counter[str] = collections.Counter()
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._serve_forever, daemon=True)
        self.port = 0

    def __enter__(self) -> PageServer:
        self._thread.start()
        self._ready.wait(10)
        return self

    def __exit__(self, *exc: object) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def take_counts(self) -> collections.Counter[str]:
        """Responses since the last call ("200", "304", "robots 404"…) and "connections"."""
        counts, self._counts = self._counts, collections.Counter()
        return counts

    def _serve_forever(self) -> None:
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(
            asyncio.start_server(self._connection, "127.0.0.1", 0, backlog=1024)
        )
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()
        server.close()
        handlers = asyncio.all_tasks(self._loop)  # connections a client left open
        for task in handlers:
            task.cancel()
        self._loop.run_until_complete(asyncio.gather(*handlers, return_exceptions=True))
        self._loop.close()

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Answer requests on one connection until the client closes it or asks to."""
        self._counts["connections"] += 1
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                response, keep_alive = self._answer(head)
                writer.write(response)
                await writer.drain()
                if not keep_alive:
                    break
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            pass
        finally:
            writer.close()

    def _answer(self, head: bytes) -> tuple[bytes, bool]:
        request_line, *lines = head.decode("latin-1").split("\r\n")
        method, path, version = [*request_line.split(" "), "", "", ""][:3]
        headers = dict(_header(line) for line in lines if ":" in line)
        connection = headers.get("connection", "").lower()
        keep_alive = connection != "close" and (version == "HTTP/1.1" or connection == "keep-alive")
        page = self._pages.get(path)
        if page is None or method != "GET":
            self._counts["robots 404" if path == "/robots.txt" else "other 404"] += 1
            return _NOT_FOUND, keep_alive
        fresh = _is_fresh(page, headers)
        self._counts["304" if fresh else "200"] += 1
        return (page.not_modified if fresh else page.ok), keep_alive


def _header(line: str) -> tuple[str, str]:
    name, _, value = line.partition(":")
    return name.strip().lower(), value.strip()


def _is_fresh(page: _Resource, headers: dict[str, str]) -> bool:
    """RFC 9110 §13.2.2: If-None-Match decides when present, else If-Modified-Since."""
    if "if-none-match" in headers:
        tags = {tag.strip().removeprefix("W/") for tag in headers["if-none-match"].split(",")}
        return page.etag in tags or "*" in tags
    since = headers.get("if-modified-since")
    if not since:
        return False
    try:
        return email.utils.parsedate_to_datetime(since).timestamp() >= page.modified
    except (TypeError, ValueError):
        return False


# --- measuring a child ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Child:
    """One child process: its exit code, output and what os.wait4() said it cost."""

    returncode: int
    stdout: str
    stderr: str
    wall: float
    cpu: float  # user + sys of the child and every process it started (workers too)
    rss_mb: float  # peak resident set of the child process itself, 10^6 bytes
    tree_mb: float  # peak PSS summed over the child and its descendants, 10^6 bytes
    bench_cpu: float  # this process's CPU meanwhile: the page server, in practice


# Run by a small Python launcher, not by this process: Linux carries the RSS a process had
# when it forked and exec'd into the child's ru_maxrss, and this process holds every page
# (hundreds of MB), which would be reported as the tool's peak. The launcher is ~13 MB.
# It makes itself a child subreaper, so processes the tool starts (tracker's page readers
# and their forkserver) are reaped by it and their CPU counts in RUSAGE_CHILDREN, and it
# samples the PSS of the tool's whole process tree (PSS: pages shared after a fork are
# split between the processes that share them, not counted twice) every 50 ms, finding the
# tree through /proc/PID/task/TID/children: a scan of all of /proc every 20 ms took a
# fifth of a CPU, which a tool that keeps both CPUs busy paid for and a one-CPU tool not.
_LAUNCHER = """
import ctypes, json, os, resource, subprocess, sys, threading, time
ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
limit, report, *command = sys.argv[1:]
SAMPLE_EVERY = 0.05

def tree(root):
    found, todo = set(), [root]
    while todo:
        pid = todo.pop()
        found.add(pid)
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as children:
                    todo += [int(child) for child in children.read().split()]
        except OSError:
            pass
    return found

def pss_kib(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0

peak = [0]
done = threading.Event()
def sample():
    while not done.wait(SAMPLE_EVERY):
        peak[0] = max(peak[0], sum(pss_kib(pid) for pid in tree(child.pid)))

start = time.perf_counter()
child = subprocess.Popen(command)
sampler = threading.Thread(target=sample, daemon=True)
sampler.start()
killer = threading.Timer(float(limit), child.kill)
killer.start()
_, status, usage = os.wait4(child.pid, 0)
wall = time.perf_counter() - start
killer.cancel()
done.set()
while True:  # orphans the tool left (a forkserver, its workers) are ours to reap
    try:
        os.waitpid(-1, 0)
    except ChildProcessError:
        break
everything = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = everything.ru_utime + everything.ru_stime
result = {"code": os.waitstatus_to_exitcode(status), "wall": wall, "cpu": cpu,
          "rss_kib": usage.ru_maxrss, "tree_kib": peak[0]}
with open(report, "w") as out:
    json.dump(result, out)
"""


def run_child(command: list[str], cwd: Path, env: dict[str, str]) -> Child:
    """Run `command` to completion and take its own rusage (wait4 in the launcher)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        report = cwd / ".rusage.json"
        launcher = [sys.executable, "-c", _LAUNCHER, str(CHILD_TIME_LIMIT), str(report)]
        before = resource.getrusage(resource.RUSAGE_SELF)
        subprocess.run(
            [*launcher, *command],
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            check=True,
        )
        after = resource.getrusage(resource.RUSAGE_SELF)
        measured = json.loads(report.read_text())
        report.unlink()
        out.seek(0)
        err.seek(0)
        return Child(
            returncode=measured["code"],
            stdout=out.read().decode(errors="replace"),
            stderr=err.read().decode(errors="replace"),
            wall=measured["wall"],
            cpu=measured["cpu"],
            rss_mb=measured["rss_kib"] * 1024 / 1e6,  # Linux reports KiB
            tree_mb=measured["tree_kib"] * 1024 / 1e6,
            bench_cpu=_cpu(after) - _cpu(before),
        )


def _cpu(usage: resource.struct_rusage) -> float:
    """User plus system time: a child waiting on the network uses neither."""
    return usage.ru_utime + usage.ru_stime


def _checked(child: Child, what: str) -> Child:
    """The child, if it exited 0; a measurement of a failed run would mean nothing."""
    if child.returncode != 0:
        raise SetupError(
            f"{what} exited {child.returncode}\n{child.stdout[-2000:]}\n{child.stderr[-3000:]}"
        )
    return child


def child_env(home: Path) -> dict[str, str]:
    """The environment without proxies (loopback only) and with a private home."""
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
    )
    env.pop("TRACKER_CONFIG", None)
    return env


# --- the tools ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Pass:
    """One measured pass of one tool, with what the server answered during it."""

    tool: str
    name: str
    child: Child
    counts: collections.Counter[str]
    round: int = 1


def tracker_config(shows: list[tuple[str, str]]) -> str:
    """One show per page, that page its only source; per-site spacing off (one host)."""
    lines = [
        '[database]\nurl = "sqlite:///bench.db"\n',
        f"[fetch]\nconcurrency = {CONCURRENCY}\nper_host = {CONCURRENCY}\nmin_interval = 0\n",
    ]
    for title, url in shows:
        lines.append(f"[[shows]]\ntitle = {json.dumps(title)}\nsources = [{json.dumps(url)}]\n")
    return "\n".join(lines)


def tracker_passes(
    server: PageServer, shows: list[tuple[str, str]], work: Path, env: dict[str, str]
) -> list[Pass]:
    """`tracker init`, then two timed `tracker run`s; each summary line must add up."""
    tracker = Path(sys.executable).with_name("tracker")
    if not tracker.exists():
        raise SetupError(f"no {tracker}: run this with the tracker venv's python")
    config = work / "config.toml"
    config.write_text(tracker_config(shows), encoding="utf-8")
    _checked(run_child([str(tracker), "--config", str(config), "init"], work, env), "tracker init")
    server.take_counts()
    passes = []
    for name, expect in (("first", "snapshots"), ("unchanged", "not_modified")):
        child = run_child([str(tracker), "--config", str(config), "run"], work, env)
        summary = _tracker_summary(child)
        if summary["failed"] or {summary["sources"], summary[expect]} != {len(shows)}:
            raise SetupError(f"tracker {name} pass: expected {len(shows)} {expect}: {summary}")
        passes.append(
            Pass("tracker", name, _checked(child, f"tracker run ({name})"), server.take_counts())
        )
    return passes


def _tracker_summary(child: Child) -> dict[str, int]:
    match = _SUMMARY.search(child.stdout)
    if match is None:
        raise SetupError(
            f"no summary line from tracker run (exit {child.returncode}):\n"
            f"{child.stdout[-2000:]}\n{child.stderr[-3000:]}"
        )
    return {key: int(value) for key, value in match.groupdict().items()}


def urlwatch_venv() -> Path:
    """urlwatch from PyPI in a venv of its own, created once and reused."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    venv = cache / "renewal-tracker-bench" / "urlwatch-venv"
    binary = venv / "bin" / "urlwatch"
    if not binary.exists():
        print(f"installing urlwatch {URLWATCH_VERSION} into {venv} …", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q"]
        subprocess.run([*pip, f"urlwatch=={URLWATCH_VERSION}"], check=True)
    return venv


def urlwatch_files(shows: list[tuple[str, str]], work: Path) -> list[str]:
    """urls.yaml (one css-filtered job per page), a config with no reporter, no hooks."""
    jobs = (
        f"name: {json.dumps(title)}\nurl: {json.dumps(url)}\nfilter:\n  - css: article\n"
        for title, url in shows
    )
    (work / "urls.yaml").write_text("---\n".join(jobs), encoding="utf-8")
    (work / "urlwatch.yaml").write_text("report:\n  stdout:\n    enabled: false\n")
    return [
        *("--urls", str(work / "urls.yaml"), "--config", str(work / "urlwatch.yaml")),
        *("--cache", str(work / "cache.db"), "--hooks", str(work / "hooks.py")),
    ]


def urlwatch_info(venv: Path, env: dict[str, str]) -> str:
    """The installed version and its thread pool size (urlwatch has no option for it)."""
    code = "import urlwatch, urlwatch.worker as w; print(urlwatch.__version__, w.MAX_WORKERS)"
    python = str(venv / "bin" / "python")
    out = subprocess.run([python, "-c", code], env=env, capture_output=True, text=True)
    if out.returncode != 0:
        raise SetupError(f"urlwatch in {venv} does not import:\n{out.stderr[-2000:]}")
    version, workers = out.stdout.split()
    return f"urlwatch {version}: default parallelism ({workers} worker threads)"


def urlwatch_passes(
    server: PageServer, shows: list[tuple[str, str]], work: Path, env: dict[str, str], venv: Path
) -> list[Pass]:
    """Two timed urlwatch runs: N 200s then N 304s, and N clean entries in its cache."""
    options = urlwatch_files(shows, work)
    urlwatch = str(venv / "bin" / "urlwatch")
    _checked(run_child([urlwatch, "--version"], work, env), "urlwatch --version")  # warm disk cache
    server.take_counts()
    passes = []
    for name, status in (("first", "200"), ("unchanged", "304")):
        child = _checked(run_child([urlwatch, *options], work, env), f"urlwatch ({name})")
        counts = server.take_counts()
        if counts[status] != len(shows):
            raise SetupError(f"urlwatch {name} pass: expected {len(shows)} × {status}: {counts}")
        passes.append(Pass("urlwatch", name, child, counts))
    _check_urlwatch_cache(work / "cache.db", len(shows))
    return passes


def _check_urlwatch_cache(path: Path, expected: int) -> None:
    """Every job stored filtered text and none recorded an error (tries > 0)."""
    with sqlite3.connect(path) as db:
        jobs, errors, empty = db.execute(
            "SELECT COUNT(DISTINCT guid), SUM(tries > 0), SUM(data IS NULL OR data = '') "
            "FROM CacheEntry"
        ).fetchone()
    if jobs != expected or errors or empty:
        raise SetupError(f"urlwatch cache: {jobs} jobs, {errors} errors, {empty} empty")


# --- the report -----------------------------------------------------------------------------


def print_table(passes: list[Pass]) -> None:
    """One row per round, tool and pass; "other" is what the server answered besides pages."""
    print(
        f"{'round':<5} {'tool':<9} {'pass':<10} {'wall s':>7} {'CPU s':>7} {'peak RSS MB':>11} "
        f"{'tree PSS MB':>11} {'200':>5} {'304':>5}  {'other':<12} {'TCP conns':>9} "
        f"{'server CPU s':>12}"
    )
    for p in passes:
        main = ("200", "304", "connections")
        other = ", ".join(f"{n} {k}" for k, n in sorted(p.counts.items()) if k not in main)
        print(
            f"{p.round:<5} {p.tool:<9} {p.name:<10} {p.child.wall:>7.2f} {p.child.cpu:>7.2f} "
            f"{p.child.rss_mb:>11.1f} {p.child.tree_mb:>11.1f} "
            f"{p.counts['200']:>5} {p.counts['304']:>5}  "
            f"{other or '-':<12} {p.counts['connections']:>9} {p.child.bench_cpu:>12.2f}"
        )


def median(passes: list[Pass], tool: str, name: str, what: str) -> float:
    """The median over the rounds of one tool's wall or CPU seconds for one pass."""
    seconds: list[float] = [
        getattr(p.child, what) for p in passes if (p.tool, p.name) == (tool, name)
    ]
    return statistics.median(seconds)


def ratios(passes: list[Pass]) -> dict[tuple[str, str], float]:
    """tracker/urlwatch of the medians, for ("first" | "unchanged", "wall" | "cpu")."""
    return {
        (name, what): median(passes, "tracker", name, what) / median(passes, "urlwatch", name, what)
        for name in ("first", "unchanged")
        for what in ("wall", "cpu")
    }


def print_goals(passes: list[Pass], pages: int) -> None:
    """The ratios, then PASS or MISS for each goal; a miss is a result, not an error."""
    ratio = ratios(passes)
    rounds = max(p.round for p in passes)
    print(f"\nmedians of {rounds} round{'s' if rounds > 1 else ''}:")
    for name in ("first", "unchanged"):
        walls = [median(passes, tool, name, "wall") for tool in ("tracker", "urlwatch")]
        wall, cpu = ratio[name, "wall"], ratio[name, "cpu"]
        print(
            f"{name} pass: tracker {walls[0]:.2f} s, urlwatch {walls[1]:.2f} s; "
            f"tracker/urlwatch wall {wall:.2f}, CPU {cpu:.2f}"
        )
    rss = max(p.child.rss_mb for p in passes if p.tool == "tracker")
    tree = max(p.child.tree_mb for p in passes if p.tool == "tracker")
    at = "" if pages == 1000 else f" (the goal is for 1,000 sources; measured at {pages})"
    first, unchanged = ratio["first", "wall"], ratio["unchanged", "wall"]
    goals = (
        ("first pass wall, tracker/urlwatch < 1.0", f"{first:.2f}", first < 1.0),
        ("unchanged pass wall, tracker/urlwatch <= 0.5", f"{unchanged:.2f}", unchanged <= 0.5),
        (f"tracker peak RSS <= {RSS_GOAL_MB:.0f} MB{at}", f"{rss:.1f} MB", rss <= RSS_GOAL_MB),
        (
            f"tracker peak PSS of all its processes <= {RSS_GOAL_MB:.0f} MB{at}",
            f"{tree:.1f} MB",
            tree <= RSS_GOAL_MB,
        ),
    )
    print("\ngoals:")
    for label, value, met in goals:
        print(f"  {'PASS' if met else 'MISS'}  {label}: {value}")


def print_setup(server: PageServer, sizes: list[int], seconds: float, urlwatch: str) -> None:
    """What is measured and how, so a result can be read without the source."""
    print(
        f"{len(sizes)} pages, {min(sizes) // 1000}-{max(sizes) // 1000} KB "
        f"(median {statistics.median(sizes) / 1000:.0f} KB), generated in {seconds:.1f} s; "
        f"served from 127.0.0.1:{server.port} (asyncio, HTTP/1.1 keep-alive, no compression, "
        "ETag + Last-Modified, 304 on If-None-Match / If-Modified-Since)"
    )
    print(
        f"tracker: [fetch] concurrency = {CONCURRENCY}, per_host = {CONCURRENCY}, "
        "min_interval = 0 — every page is on one loopback host, and the default 1 s spacing "
        "per host (per_host 2) would measure sleep, not work; processes = auto "
        f"({_processes()} on this machine: one per CPU, up to 4); no alerts configured"
    )
    print(
        f"{urlwatch}, one job per page with `filter: css article`, reporters off, "
        "config, cache and hooks in a temporary directory"
    )
    print(
        "CPU counts the tool and every process it started (its pass processes too); peak "
        "RSS is the tool's main process (os.wait4); tree PSS is the peak, sampled every "
        "50 ms, of the PSS summed over all its processes; server CPU is this process's\n"
    )


def _processes() -> int:
    """How many processes `tracker run` splits these passes across here (auto)."""
    from tracker.split import MAX_AUTO_PROCESSES, usable_cpus

    return min(usable_cpus(), MAX_AUTO_PROCESSES, CONCURRENCY)


# --- main -----------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000, help="pages and sources (1000)")
    parser.add_argument("--size", type=int, default=80_000, help="mean page size in bytes")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of both tools (3)")
    args = parser.parse_args()
    try:
        venv = urlwatch_venv()
        with tempfile.TemporaryDirectory(prefix="fetch-speed-") as tmp:
            return _benchmark(args.pages, args.size, args.rounds, Path(tmp), venv)
    except (SetupError, subprocess.CalledProcessError) as exc:
        print(f"setup error: {exc}", file=sys.stderr)
        return 2


def _benchmark(pages: int, size: int, rounds: int, work: Path, venv: Path) -> int:
    """Generate, serve, measure both tools `rounds` times each from scratch (which goes
    first alternates), report the medians (SetupError if a count does not add up)."""
    start = time.perf_counter()
    site = list(site_pages(pages, size))
    seconds = time.perf_counter() - start
    bodies = {path: html.encode() for path, _, html in site}
    sizes = [len(body) for body in bodies.values()]
    with PageServer(bodies) as server:
        base = f"http://127.0.0.1:{server.port}"
        shows = [(story.show, base + path) for path, story, _ in site]
        env = child_env(work / "home")
        print_setup(server, sizes, seconds, urlwatch_info(venv, env))
        passes: list[Pass] = []
        for round_ in range(1, rounds + 1):
            order = ("tracker", "urlwatch") if round_ % 2 else ("urlwatch", "tracker")
            for tool in order:
                folder = work / f"{tool}-{round_}"
                folder.mkdir()
                if tool == "tracker":
                    measured = tracker_passes(server, shows, folder, env)
                else:
                    measured = urlwatch_passes(server, shows, folder, env, venv)
                passes += [replace(p, round=round_) for p in measured]
    print_table(passes)
    print_goals(passes, pages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
