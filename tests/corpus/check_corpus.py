#!/usr/bin/env python3
"""Validate the labelled extraction corpus (standard library only).

Usage: python3 tests/corpus/check_corpus.py
Exits non-zero and lists every problem if the corpus is malformed.
"""

import collections
import datetime
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
STATUSES = {
    "renewed",
    "ordered",
    "in_development",
    "pending",
    "ending",
    "ended",
    "cancelled",
    "revived",
    "unknown",
}
RATING_KEYS = ("imdb", "rotten_tomatoes", "rt_audience", "metacritic")
EXPECTED_KEYS = {"status", "season"} | set(RATING_KEYS)
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MIN_SENTENCES, MIN_PAGES, MIN_TOTAL = 230, 32, 250
PAGE_MIN_BYTES, PAGE_MAX_BYTES = 8 * 1024, 60 * 1024


def load(name, errors):
    rows = []
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                errors.append(f"{name}:{n}: invalid JSON ({e})")
    return rows


def check_number(where, key, value, lo, hi, integer, errors):
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        errors.append(f"{where}: {key} must be a number or null")
    elif integer and not isinstance(value, int):
        errors.append(f"{where}: {key} must be an integer percent")
    elif not lo <= value <= hi:
        errors.append(f"{where}: {key}={value} outside {lo}..{hi}")


def check_expected(where, exp, is_page, errors):
    keys = EXPECTED_KEYS | ({"published"} if is_page else set())
    if set(exp) != keys:
        errors.append(f"{where}: expected keys {sorted(exp)} != {sorted(keys)}")
        return
    if exp["status"] not in STATUSES:
        errors.append(f"{where}: unknown status {exp['status']!r}")
    season = exp["season"]
    if season is not None and (
        isinstance(season, bool) or not isinstance(season, int) or season < 1
    ):
        errors.append(f"{where}: season must be a positive integer or null")
    if exp["status"] in ("unknown", "in_development") and season is not None:
        errors.append(f"{where}: status {exp['status']} must have season null")
    check_number(where, "imdb", exp["imdb"], 0, 10, False, errors)
    for key in ("rotten_tomatoes", "rt_audience", "metacritic"):
        check_number(where, key, exp[key], 0, 100, True, errors)
    if is_page and exp["published"] is not None:
        try:
            datetime.date.fromisoformat(exp["published"])
        except (TypeError, ValueError):
            errors.append(f"{where}: published must be an ISO date (YYYY-MM-DD) or null")


def check_row(where, row, is_page, errors):
    required = {"id", "show", "tags", "expected", "file" if is_page else "text"}
    missing = required - set(row)
    if missing:
        errors.append(f"{where}: missing keys {sorted(missing)}")
        return
    allowed = required | {"aliases", "url", "published"}
    extra = set(row) - allowed
    if extra:
        errors.append(f"{where}: unexpected keys {sorted(extra)}")
    if not ID_RE.match(row["id"]):
        errors.append(f"{where}: id is not kebab-case")
    if not isinstance(row["tags"], list) or not row["tags"]:
        errors.append(f"{where}: tags must be a non-empty list")
    elif not row["id"].startswith(row["tags"][0]):
        errors.append(f"{where}: id must start with its main tag {row['tags'][0]!r}")
    if not isinstance(row["show"], str) or not row["show"].strip():
        errors.append(f"{where}: show must be a non-empty string")
    if "aliases" in row and not (
        isinstance(row["aliases"], list) and all(isinstance(a, str) for a in row["aliases"])
    ):
        errors.append(f"{where}: aliases must be a list of strings")
    if not is_page and not row["text"].strip():
        errors.append(f"{where}: empty text")
    check_expected(where, row["expected"], is_page, errors)
    if is_page:
        path = os.path.join(HERE, row["file"])
        if not os.path.isfile(path):
            errors.append(f"{where}: file {row['file']} does not exist")
        else:
            size = os.path.getsize(path)
            if not PAGE_MIN_BYTES <= size <= PAGE_MAX_BYTES:
                errors.append(f"{where}: {row['file']} is {size} bytes (want 8-60 KB)")


def main():
    errors = []
    # every labelled file in this directory: the tuned ones, the development sets and the
    # blind holdouts alike (pages.jsonl is the one with HTML pages)
    names = sorted(f for f in os.listdir(HERE) if f.endswith(".jsonl"))
    loaded = {name: load(name, errors) for name in names}
    for name, rows in loaded.items():
        for n, row in enumerate(rows, 1):
            check_row(f"{name}:{n} ({row.get('id', '?')})", row, name == "pages.jsonl", errors)
    ids = collections.Counter(r.get("id") for rows in loaded.values() for r in rows)
    errors += [f"duplicate id {i!r} ({n}x)" for i, n in ids.items() if n > 1]
    sentences, pages = loaded.get("sentences.jsonl", []), loaded.get("pages.jsonl", [])
    files = collections.Counter(r.get("file") for r in pages)
    errors += [f"duplicate file {f!r}" for f, n in files.items() if n > 1]
    on_disk = {f"pages/{f}" for f in os.listdir(os.path.join(HERE, "pages")) if f.endswith(".html")}
    errors += [f"unlabelled page {f}" for f in sorted(on_disk - set(files))]
    if len(sentences) < MIN_SENTENCES:
        errors.append(f"only {len(sentences)} sentence cases (want >= {MIN_SENTENCES})")
    if len(pages) < MIN_PAGES:
        errors.append(f"only {len(pages)} pages (want >= {MIN_PAGES})")
    total = len(sentences) + len(pages)
    if total < MIN_TOTAL:
        errors.append(f"only {total} cases in total (want >= {MIN_TOTAL})")

    rows = sentences + pages
    statuses = collections.Counter(r["expected"]["status"] for r in rows if "expected" in r)
    tags = collections.Counter(t for r in rows for t in r.get("tags", []))
    rated = sum(
        1 for r in rows if any(r.get("expected", {}).get(k) is not None for k in RATING_KEYS)
    )
    print(
        f"sentences: {len(sentences)}  pages: {len(pages)}  total: {total}  with ratings: {rated}"
    )
    print(
        "statuses: "
        + ", ".join(f"{s}={statuses[s]}" for s in sorted(STATUSES, key=lambda s: -statuses[s]))
    )
    print("tags:     " + ", ".join(f"{t}={n}" for t, n in tags.most_common()))
    for name, other in loaded.items():
        if name not in ("sentences.jsonl", "pages.jsonl"):
            counts = collections.Counter(r["expected"]["status"] for r in other if "expected" in r)
            print(
                f"{name}: {len(other)} cases: "
                + ", ".join(f"{s}={n}" for s, n in counts.most_common())
            )
    if errors:
        print(f"\n{len(errors)} problem(s):", file=sys.stderr)
        for e in errors:
            print("  " + e, file=sys.stderr)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
