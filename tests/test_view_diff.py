"""The status fold (tracker.view) and the diff (tracker.diff): pure functions, called directly."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import pytest

from tracker.diff import diff
from tracker.view import Observation, View, fold

FETCHED = datetime(2025, 11, 1, 12, 0, tzinfo=UTC)
JULY, SEPT, OCT = date(2025, 7, 10), date(2025, 9, 16), date(2025, 10, 6)
_ids = itertools.count(1)


def obs(
    status: str,
    season: int | None = 2,
    certainty: str | None = "reported",
    published: date | None = OCT,
    *,
    fetched: datetime = FETCHED,
    url: str | None = None,
    **ratings: float | None,
) -> Observation:
    number = next(_ids)
    return Observation(
        snapshot_id=number,
        url=url or f"https://site{number}.example/ballard",
        fetched_at=fetched,
        published=published,
        status=status,
        season=season,
        certainty=certainty,
        lean="renew" if certainty == "speculative" else None,
        ratings=dict(ratings),
        evidence_text=f"sentence {number}: Ballard {status}",
    )


def view(
    status: str = "unknown",
    season: int | None = 2,
    certainty: str | None = "reported",
    **fields: Any,
) -> View:
    defaults: dict[str, Any] = {
        "since": "2025-10-06",
        "url": "https://news.example/ballard",
        "evidence": f"Ballard is {status}.",
        "ratings": {"imdb": 7.5, "rotten_tomatoes": 100, "rt_audience": None, "metacritic": None},
    }
    if status == "unknown":
        season = certainty = None
    return View(status=status, season=season, certainty=certainty, **{**defaults, **fields})


# -- fold: ordering -----------------------------------------------------------------------


def test_no_observations_fold_to_unknown() -> None:
    result = fold([])
    assert (result.status, result.season, result.since, result.conflict) == (
        "unknown",
        None,
        None,
        False,
    )
    assert result.ratings == {
        "imdb": None,
        "rotten_tomatoes": None,
        "rt_audience": None,
        "metacritic": None,
        "tvmaze": None,
    }


def test_the_newest_publication_wins_whatever_order_the_observations_come_in() -> None:
    pending, reported, official = (
        obs("pending", published=JULY),
        obs("renewed", published=SEPT),
        obs("cancelled", 1, "official", OCT),
    )
    for order in itertools.permutations([pending, reported, official]):
        result = fold(order)
        assert (result.status, result.since, result.url) == (
            "cancelled",
            "2025-10-06",
            official.url,
        )


def test_an_older_article_fetched_late_never_moves_the_status_back() -> None:
    renewed = obs("renewed", 2, "official", OCT, fetched=datetime(2025, 10, 6, tzinfo=UTC))
    old_pending = obs("pending", 2, "reported", JULY, fetched=datetime(2025, 12, 1, tzinfo=UTC))
    result = fold([renewed, old_pending])
    assert (result.status, result.since, result.snapshot_id) == (
        "renewed",
        "2025-10-06",
        renewed.snapshot_id,
    )


def test_fetch_time_orders_an_observation_only_when_it_has_no_publication_date() -> None:
    dated = obs("renewed", published=OCT, fetched=datetime(2025, 10, 9, tzinfo=UTC))
    undated = obs("cancelled", published=None, fetched=datetime(2025, 10, 8, tzinfo=UTC))
    result = fold([dated, undated])
    assert (result.status, result.since) == ("cancelled", "2025-10-08")  # Oct 8 > Oct 6

    undated_earlier = obs("cancelled", published=None, fetched=datetime(2025, 10, 1, tzinfo=UTC))
    assert fold([dated, undated_earlier]).status == "renewed"


def test_between_undated_observations_the_later_fetch_wins() -> None:
    early = obs("pending", published=None, fetched=datetime(2025, 10, 1, 8, tzinfo=UTC))
    late = obs("renewed", published=None, fetched=datetime(2025, 10, 3, 8, tzinfo=UTC))
    assert fold([late, early]).status == "renewed"


# -- fold: certainty ----------------------------------------------------------------------


@pytest.mark.parametrize("order", ["official first", "reported first"])
def test_official_beats_reported_on_the_same_date(order: str) -> None:
    official = obs("renewed", 2, "official", OCT)
    reported = obs("cancelled", 1, "reported", OCT)
    pair = [official, reported] if order == "official first" else [reported, official]
    result = fold(pair)
    assert (result.status, result.certainty, result.conflict) == ("renewed", "official", False)


def test_reported_beats_speculative_on_the_same_date() -> None:
    result = fold([obs("renewed", 2, "reported", OCT), obs("pending", 2, "speculative", OCT)])
    assert (result.status, result.certainty) == ("renewed", "reported")


@pytest.mark.parametrize("certainty", ["reported", "official"])
def test_newer_speculation_never_overrides_a_reported_or_official_status(certainty: str) -> None:
    decided = obs("renewed", 2, certainty, SEPT)
    speculation = obs("pending", 3, "speculative", OCT)
    result = fold([decided, speculation])
    assert (result.status, result.season, result.certainty) == ("renewed", 2, certainty)


def test_newer_speculation_replaces_older_speculation() -> None:
    result = fold([obs("pending", 2, "speculative", JULY), obs("cancelled", 1, "speculative", OCT)])
    assert (result.status, result.certainty) == ("cancelled", "speculative")


def test_a_newer_report_beats_an_older_official_statement() -> None:
    result = fold([obs("renewed", 2, "official", SEPT), obs("cancelled", 2, "reported", OCT)])
    assert (result.status, result.certainty, result.since) == (
        "cancelled",
        "reported",
        "2025-10-06",
    )


def test_the_same_claim_with_higher_certainty_upgrades_the_view() -> None:
    reported = obs("renewed", 2, "reported", SEPT)
    official = obs("renewed", 2, "official", OCT)
    result = fold([reported, official])
    assert (result.certainty, result.since, result.url) == ("official", "2025-10-06", official.url)


def test_a_weaker_restatement_keeps_the_official_view_and_its_date() -> None:
    official = obs("renewed", 2, "official", SEPT)
    echo = obs("renewed", 2, "reported", OCT)
    result = fold([official, echo])
    assert (result.certainty, result.since, result.url) == ("official", "2025-09-16", official.url)
    assert result.agreeing == (official.url, echo.url)


def test_a_later_restatement_without_a_season_keeps_the_known_season_and_certainty() -> None:
    official = obs("renewed", 2, "official", SEPT)
    vague = obs("renewed", None, "reported", OCT)  # "Ballard, which was renewed, ..."
    result = fold([official, vague])
    assert (result.status, result.season, result.certainty) == ("renewed", 2, "official")


# -- fold: unknowns, conflicts, agreement, ratings ----------------------------------------


def test_unknown_observations_change_nothing() -> None:
    decided = obs("pending", 2, "reported", JULY)
    noise = [obs("unknown", None, None, OCT), obs("unknown", None, None, None)]
    assert fold([decided, *noise]) == fold([decided])


def test_a_same_date_same_certainty_conflict_keeps_the_current_status_and_flags_it() -> None:
    first = obs("renewed", 2, "reported", OCT, fetched=datetime(2025, 10, 6, 9, tzinfo=UTC))
    second = obs("cancelled", 1, "reported", OCT, fetched=datetime(2025, 10, 6, 10, tzinfo=UTC))
    result = fold([second, first])
    assert (result.status, result.url, result.conflict) == ("renewed", first.url, True)


def test_a_newer_decision_clears_an_earlier_conflict() -> None:
    conflicting = [obs("renewed", 2, "reported", SEPT), obs("cancelled", 1, "reported", SEPT)]
    result = fold([*conflicting, obs("renewed", 2, "official", OCT)])
    assert (result.status, result.certainty, result.conflict) == ("renewed", "official", False)


def test_sources_agreeing_with_the_status_are_listed_once_each_in_date_order() -> None:
    a = obs("renewed", 2, "reported", SEPT, url="https://a.example/ballard")
    b = obs("renewed", 2, "official", OCT, url="https://b.example/ballard")
    a_again = obs("renewed", 2, "reported", OCT, url="https://a.example/ballard")
    other = obs("pending", 2, "reported", JULY, url="https://c.example/ballard")
    assert fold([b, a_again, other, a]).agreeing == (
        "https://a.example/ballard",
        "https://b.example/ballard",
    )


def test_each_rating_comes_from_the_newest_observation_that_states_it() -> None:
    july = obs("pending", published=JULY, imdb=7.5, rotten_tomatoes=100, metacritic=65)
    sept = obs("unknown", None, None, SEPT, metacritic=70)  # a review: no status, a score
    october = obs("renewed", published=OCT, imdb=7.6, rotten_tomatoes=None)
    late_old = obs("pending", published=JULY, fetched=datetime(2025, 12, 1, tzinfo=UTC), imdb=6.0)
    assert fold([october, late_old, sept, july]).ratings == {
        "imdb": 7.6,
        "rotten_tomatoes": 100,
        "rt_audience": None,
        "metacritic": 70,
        "tvmaze": None,
    }


def test_a_view_survives_its_dict_round_trip() -> None:
    folded = fold([obs("renewed", 2, "official", OCT, imdb=7.6), obs("renewed", 2, "reported")])
    assert View.from_dict(folded.to_dict()) == folded
    assert View.from_dict(None) == View()


# -- diff ---------------------------------------------------------------------------------


def test_the_first_known_status_is_first_seen_with_its_evidence() -> None:
    pending = view("pending", 2, "reported", since="2025-07-10", published="2025-07-10")
    [change] = diff(View(), pending)
    assert change.kind == "first_seen"
    assert change.previous is None
    assert change.current["status"] == "pending" and change.current["season"] == 2
    assert change.evidence == {
        "url": "https://news.example/ballard",
        "text": "Ballard is pending.",
        "published": "2025-07-10",
    }


def test_an_undated_statement_has_no_published_date_in_its_evidence() -> None:
    """A TVmaze listing (or a page with no date) is dated by its fetch: that is `since`,
    never a publication date an alert could show."""
    listing = replace(obs("pending", 3, published=None), structured=True)

    folded = fold([listing])
    [change] = diff(View(), folded)

    assert (folded.since, folded.published) == (FETCHED.date().isoformat(), None)
    assert change.evidence is not None and change.evidence["published"] is None


def test_a_new_status_is_status_changed_from_the_previous_one() -> None:
    [change] = diff(view("pending", 2, "reported"), view("renewed", 2, "official"))
    assert change.kind == "status_changed"
    assert change.previous and change.previous["status"] == "pending"
    assert (change.current["status"], change.current["certainty"]) == ("renewed", "official")


def test_a_new_season_with_the_same_status_is_season_changed() -> None:
    [change] = diff(view("renewed", 2), view("renewed", 3))
    assert change.kind == "season_changed"
    assert change.previous and (change.previous["season"], change.current["season"]) == (2, 3)


@pytest.mark.parametrize(
    ("before", "after"), [("speculative", "reported"), ("reported", "official")]
)
def test_more_certainty_about_the_same_status_is_certainty_upgraded(
    before: str, after: str
) -> None:
    [change] = diff(view("renewed", 2, before), view("renewed", 2, after))
    assert change.kind == "certainty_upgraded"


def test_less_certainty_about_the_same_status_is_not_a_change() -> None:
    assert diff(view("renewed", 2, "official"), view("renewed", 2, "reported")) == []


def test_nothing_moved_means_no_change() -> None:
    same = view("renewed", 2, "official")
    assert diff(same, same) == []
    assert diff(View(), View()) == []


@pytest.mark.parametrize(
    ("rating", "old", "new", "alerts"),
    [
        ("imdb", 7.5, 7.7, False),
        ("imdb", 7.5, 8.0, True),
        ("imdb", 8.0, 7.6, True),
        ("imdb", 7.0, 7.2, False),
        ("rotten_tomatoes", 100, 96, False),
        ("rotten_tomatoes", 100, 95, True),
        ("rt_audience", 80, 86, True),
        ("metacritic", 70, 74, False),
        ("metacritic", 70, 60, True),
        ("imdb", None, 7.5, False),
        ("rotten_tomatoes", 100, None, False),
    ],
)
def test_a_rating_changes_only_past_its_threshold(
    rating: str, old: float | None, new: float | None, alerts: bool
) -> None:
    before = view("renewed", ratings={rating: old})
    after = view("renewed", ratings={rating: new})
    kinds = [(c.kind, c.current.get("rating")) for c in diff(before, after)]
    assert kinds == ([("rating_changed", rating)] if alerts else [])


@pytest.mark.parametrize(("old", "new"), [(7.5, 7.8), (7.2, 7.5), (6.8, 7.1)])
def test_an_imdb_move_of_exactly_the_threshold_alerts_like_other_ratings(
    old: float, new: float
) -> None:
    changes = diff(view("renewed", ratings={"imdb": old}), view("renewed", ratings={"imdb": new}))
    assert [c.kind for c in changes] == ["rating_changed"]


def test_a_rating_change_names_the_rating_and_both_values() -> None:
    [change] = diff(view("renewed", ratings={"imdb": 7.5}), view("renewed", ratings={"imdb": 8.1}))
    assert change.previous == {"rating": "imdb", "value": 7.5}
    assert change.current == {"rating": "imdb", "value": 8.1, "status": "renewed"}
    assert change.evidence and change.evidence["url"] == "https://news.example/ballard"


def test_a_status_change_is_listed_before_rating_changes() -> None:
    before = view("pending", ratings={"rotten_tomatoes": 100})
    after = view("renewed", ratings={"rotten_tomatoes": 90})
    assert [c.kind for c in diff(before, after)] == ["status_changed", "rating_changed"]
