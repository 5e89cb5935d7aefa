"""Benchmark: extraction cost per page vs a bare BeautifulSoup parse, and batch throughput.

    .venv/bin/python bench/extract_speed.py [--pages 60] [--cases 6000]

Prints the median time per page of `extract()` (the whole extractor: chrome removal,
metadata, sentences, rules, ratings) next to the median of a bare
`BeautifulSoup(html, "lxml")` of the same page, their ratio (goal <= 1.0), and the
throughput of `tracker extract --batch` style sentence cases (goal >= 3,000/s).
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bs4 import BeautifulSoup

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.newspages import ROOT, pages
from tracker.extract import extract
from tracker.extract_cli import run_batch


def _best_of(fn: object, repeat: int = 3) -> float:
    """The fastest of a few runs: the least disturbed by whatever else the machine does."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def page_benchmark(count: int) -> None:
    corpus = list(pages(count))
    sizes = [len(html.encode()) for _, html in corpus]
    parse, full = [], []
    for show, html in corpus:
        parse.append(_best_of(lambda h=html: BeautifulSoup(h, "lxml")))
        full.append(_best_of(lambda s=show, h=html: extract(s, html=h)))
    bare, ours = statistics.median(parse), statistics.median(full)
    print(
        f"pages: {count}, size {min(sizes) // 1000}-{max(sizes) // 1000} KB "
        f"(median {statistics.median(sizes) // 1000} KB)"
    )
    print(f"bare BeautifulSoup(html, 'lxml'): median {bare * 1000:.2f} ms/page")
    print(f"full extraction:                  median {ours * 1000:.2f} ms/page")
    print(f"ratio extraction / bare parse:    {ours / bare:.2f}  (goal <= 1.0)")


def batch_benchmark(count: int) -> None:
    """`tracker extract --batch` in process: read a JSONL file, write JSON lines."""
    lines = (ROOT / "tests" / "corpus" / "sentences.jsonl").read_text().splitlines()
    with tempfile.TemporaryDirectory() as tmp:
        batch = Path(tmp) / "batch.jsonl"
        batch.write_text("\n".join(itertools.islice(itertools.cycle(lines), count)) + "\n")
        for jobs, label in ((1, "1 process"), (None, f"{os.cpu_count()} processes (default)")):
            seconds = min(_batch_seconds(batch, jobs) for _ in range(3))  # best of three
            print(
                f"batch, {label}: {count} sentence cases in {seconds:.2f} s = "
                f"{count / seconds:,.0f} cases/s (goal >= 3,000/s)"
            )


def _batch_seconds(batch: Path, jobs: int | None) -> float:
    with open(os.devnull, "w") as sink:
        start = time.perf_counter()
        run_batch(str(batch), sink, jobs)
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=60)
    parser.add_argument("--cases", type=int, default=6000)
    args = parser.parse_args()
    page_benchmark(args.pages)
    batch_benchmark(args.cases)


if __name__ == "__main__":
    main()
