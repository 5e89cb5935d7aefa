"""Input handling for `tracker extract`: files, URLs, stdin and JSON Lines batches.

The extractor itself is pure; this module does the reading, so that the CLI stays
one call per command and the batch format is documented in one place:

    {"id": "...", "show": "Ballard", "aliases": ["Renée Ballard"],
     "text": "..." | "html": "..." | "file": "pages/x.html",
     "url": "...", "published": "2025-07-10"}

`file` (a path relative to the batch file) is an extension used by tests/corpus.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, TextIO

from tracker.config import FetchSettings
from tracker.errors import ExtractError, FetchError
from tracker.extract import extract
from tracker.extract.dates import parse_date
from tracker.extract.model import Extraction


def looks_like_html(text: str) -> bool:
    head = text[:4000].lower()
    return any(
        tag in head for tag in ("<html", "<!doctype html", "<body", "<article", "<p>", "<div")
    )


def read_source(source: str) -> str:
    """The text of a path, an http(s) URL, or "-" for stdin."""
    if source == "-":
        return sys.stdin.read()
    if source.startswith(("http://", "https://")):
        return _fetch_url(source)
    path = Path(source)
    try:
        return path.read_bytes().decode("utf-8", errors="replace")
    except OSError as exc:
        raise ExtractError(f"cannot read {source}: {exc.strerror or exc}") from None


def _fetch_url(url: str) -> str:
    from tracker.fetch import fetch, make_client

    settings = FetchSettings()

    async def get() -> str:
        async with make_client(settings) as client:
            page = await fetch(client, url, max_bytes=settings.max_bytes, timeout=settings.timeout)
        if isinstance(page, FetchError):
            raise ExtractError(f"cannot fetch {url}: {page}")
        return page.text

    return asyncio.run(get())


def extract_source(
    source: str, show: str, aliases: Sequence[str], as_html: bool | None, explain: bool = False
) -> Extraction:
    content = read_source(source)
    html = (
        as_html
        if as_html is not None
        else (source.lower().endswith((".html", ".htm")) or looks_like_html(content))
    )
    return extract(
        show,
        aliases,
        html=content if html else None,
        text=None if html else content,
        explain=explain,
    )


def run_case(case: dict[str, Any], base: Path) -> dict[str, Any]:
    """One batch line -> one extraction JSON line (or an error line), keeping its id."""
    case_id = case.get("id")
    show = case.get("show")
    if not isinstance(show, str) or not show:
        return {"id": case_id, "error": "missing 'show'"}
    text, html = case.get("text"), case.get("html")
    if "file" in case:
        content = (base / str(case["file"])).read_text(encoding="utf-8", errors="replace")
        html, text = (
            (content, None) if str(case["file"]).endswith((".html", ".htm")) else (None, content)
        )
    if not isinstance(text, str) and not isinstance(html, str):
        return {"id": case_id, "error": "give one of 'text', 'html' or 'file'"}
    extraction = extract(
        show,
        [str(a) for a in case.get("aliases") or []],
        text=text if isinstance(text, str) else None,
        html=html if isinstance(html, str) else None,
        published=parse_date(str(case.get("published") or "")),
    )
    return {"id": case_id, **extraction.to_json()}  # batch lines always carry "id"


def read_lines(path: str) -> Iterator[tuple[int, str]]:
    """(line number, text) of each non-blank line of a file, or of stdin for "-"."""
    stream: TextIO = sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115
    with stream:
        for number, line in enumerate(stream, 1):
            if line.strip():
                yield number, line


def parse_case(number: int, line: str) -> dict[str, Any] | str:
    """A case object, or the one-line message saying why the line is not one."""
    try:
        case = json.loads(line)
    except json.JSONDecodeError as exc:
        return f"line {number}: invalid JSON: {exc.msg}"
    return case if isinstance(case, dict) else f"line {number}: not an object"


def read_cases(path: str) -> Iterator[tuple[int, dict[str, Any] | str]]:
    """(line number, case) per non-blank line; a bad line yields its error message."""
    for number, line in read_lines(path):
        yield number, parse_case(number, line)


CHUNK = 256  # lines per worker task: large enough to amortise the hand-over


def run_batch(path: str, out: TextIO, jobs: int | None = None) -> None:
    """Extract every case of a JSON Lines file, writing one JSON line per input, in order.

    Extraction is CPU-bound pure Python, so a large batch is spread over `jobs` worker
    processes (default: one per CPU); the workers parse the lines too, and output order
    always follows input order.
    """
    base = Path(path).parent if path != "-" else Path.cwd()
    workers = jobs or os.cpu_count() or 1
    try:
        chunks = _chunks(read_lines(path))
        if workers == 1:
            for chunk in chunks:
                out.writelines(_run_chunk(chunk, base))
            return
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for lines in pool.map(_run_chunk, chunks, itertools.repeat(base)):
                out.writelines(lines)
    except OSError as exc:
        raise ExtractError(f"cannot read {path}: {exc.strerror or exc}") from None


def _chunks(lines: Iterator[tuple[int, str]]) -> Iterator[list[tuple[int, str]]]:
    chunk: list[tuple[int, str]] = []
    for item in lines:
        chunk.append(item)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _run_chunk(chunk: list[tuple[int, str]], base: Path) -> list[str]:
    """JSON lines for a chunk of input lines; a bad case becomes an error line, not a crash."""
    out = []
    for number, line in chunk:
        case = parse_case(number, line)
        if isinstance(case, str):
            result: dict[str, Any] = {"id": None, "error": case}
        else:
            try:
                result = run_case(case, base)
            except OSError as exc:
                result = {"id": case.get("id"), "error": f"cannot read file: {exc}"}
        out.append(_ENCODER.encode(result) + "\n")
    return out


# json.dumps(..., ensure_ascii=False) builds an encoder per call; a batch reuses one
_ENCODER = json.JSONEncoder(ensure_ascii=False)
