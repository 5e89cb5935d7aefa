"""`fold_one` (one more observation folded into a view) must equal `fold` over all of them.

Random histories with a fixed seed: news and TVmaze listings, every status, seasons,
certainties, conflicts, undated pages and old articles fetched late. Whenever `fold_one`
answers (it declines when the new observation is not the newest), its view must be the
full fold's, field for field.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import pytest

from tracker.view import Observation, View, fold, fold_one

STATUSES = ["renewed", "pending", "cancelled", "ending", "unknown", "renewed", "pending"]
CERTAINTIES = ["official", "reported", "speculative", None]


def observation(rng: random.Random, number: int, fetched: datetime) -> Observation:
    status = rng.choice(STATUSES)
    structured = rng.random() < 0.15
    late_old_article = rng.random() < 0.2
    published = (
        None
        if rng.random() < 0.2
        else fetched.date()
        - timedelta(days=rng.randint(30, 400) if late_old_article else rng.randint(0, 3))
    )
    return Observation(
        snapshot_id=number,
        url=f"https://site{rng.randint(1, 4)}.example/{number}",
        fetched_at=fetched,
        published=None if structured else published,
        status=status,
        season=rng.choice([None, 2, 2, 3]) if status != "unknown" else None,
        certainty=None if status == "unknown" else rng.choice(CERTAINTIES[:3]),
        lean=None,
        ratings={"imdb": rng.choice([None, 7.1, 7.5]), "tvmaze": rng.choice([None, 8.0])},
        evidence_text=f"sentence {number}",
        structured=structured,
    )


def same_claim_urls(folded: list[Observation], new: Observation) -> tuple[str, ...]:
    """What the store's query returns: URLs of observations making `new`'s claim, in order."""
    ordered = sorted(folded, key=lambda o: (o.when, o.fetched_at, o.snapshot_id))
    urls = (
        o.url
        for o in ordered
        if (o.status, o.season, o.structured) == (new.status, new.season, new.structured)
    )
    return tuple(dict.fromkeys(urls))


@pytest.mark.parametrize("seed", range(40))
def test_folding_one_more_observation_equals_folding_them_all(seed: int) -> None:
    rng = random.Random(seed)
    start = datetime(2025, 7, 1, tzinfo=UTC)
    folded: list[Observation] = []
    view, answered = View(), 0
    for number in range(1, 60):
        fetched = start + timedelta(hours=number * rng.randint(1, 30))
        new = observation(rng, number, fetched)
        folded.append(new)
        full = fold(folded)
        one = fold_one(view, new, lambda o: same_claim_urls(folded, o))
        if one is not None:
            answered += 1
            assert (one, one.newest) == (full, full.newest), (seed, number)
        view = full

    assert answered >= 10  # the shortcut is exercised, not skipped (this history is harsh)


def test_fold_one_declines_an_older_observation_and_a_view_without_newest() -> None:
    fetched = datetime(2025, 10, 6, tzinfo=UTC)
    new = Observation(
        2,
        "https://a.example/2",
        fetched,
        date(2025, 7, 1),
        "pending",
        2,
        "reported",
        None,
        {},
        "old news",
    )
    recent = Observation(
        1,
        "https://a.example/1",
        fetched,
        date(2025, 10, 6),
        "renewed",
        2,
        "official",
        None,
        {},
        "renewed",
    )
    view = fold([recent])

    assert fold_one(view, new, lambda o: ()) is None
    assert fold_one(View(status="renewed"), recent, lambda o: ()) is None
