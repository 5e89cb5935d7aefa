"""Readings added in extractor 0.10.0, each beside the look-alike it must not swallow.

The texts are written for these tests (not corpus text). Each fix came from a family of
misses in the retired blind sets holdout9–13; the pairs keep the fix from growing into
the neighbouring phrasing that means something else.
"""

from __future__ import annotations

import pytest

from tracker.extract import extract
from tracker.extract.dates import parse_date


def _status(show: str, text: str, published: str | None = None) -> tuple[str, int | None]:
    result = extract(show, [], text=text, published=parse_date(published or ""))
    return result.status, result.season


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a soft end beside a planned one: the story ended, nobody cancelled it
        (
            "No, Driftwood Bay isn't coming back. The sailing drama aired its series finale "
            "in 2022 after five seasons, and its creator has said the story is told.",
            ("ended", 5),
        ),
        (
            "Sorry, fans: there are no plans for a seventh season of Hollin Fields. The farm "
            "comedy wrapped its run last spring after six seasons.",
            ("ended", 6),
        ),
        # ... but a network's decision is a cancellation, however the end is told
        (
            "ABC has opted not to renew Driftwood Bay, bringing the sailing drama's run to a "
            "close after five seasons.",
            ("cancelled", 5),
        ),
        (
            "Driftwood Bay will not return, the network said. It ran for five seasons.",
            ("cancelled", 5),
        ),
    ],
)
def test_soft_end_beside_a_planned_end(text: str, expected: tuple[str, int | None]) -> None:
    show = "Driftwood Bay" if "Driftwood" in text else "Hollin Fields"
    assert _status(show, text, "2025-06-01") == expected


@pytest.mark.parametrize(
    "text",
    [
        "The final series of the Channel 4 sitcom concluded on Friday with a christening.",
        "Its fifth and final season wrapped in March with a christening.",
    ],
)
def test_a_final_season_that_has_concluded_is_an_end(text: str) -> None:
    assert _status("Greyfriars Row", f"Greyfriars Row is a sitcom. {text}")[0] == "ended"


def test_a_final_season_that_wrapped_filming_is_still_to_come() -> None:
    text = "Greyfriars Row is a sitcom. Its final season wrapped filming in March."
    assert _status("Greyfriars Row", text)[0] == "ending"


@pytest.mark.parametrize(
    "text",
    [
        "Orchard Road: Season 4 is confirmed as the last, and the whole cast is back.",
        "Now BBC One has given Orchard Road a fourth series, and told everyone it's the last.",
        "HBO said the next season of Orchard Road will conclude the series.",
        "When Netflix renewed Orchard Road last year, fans expected more. Season four, now "
        "filming in Wales, will be the series' last.",
    ],
)
def test_a_renewal_announced_as_the_last_is_an_ending(text: str) -> None:
    assert _status("Orchard Road", text)[0] == "ending"


def test_it_is_the_last_time_is_no_ending() -> None:
    text = (
        "Orchard Road was renewed for a fifth season. It's the last time the cast meets in Leeds."
    )
    assert _status("Orchard Road", text)[0] == "renewed"


@pytest.mark.parametrize(
    "text",
    [
        "An open casting call for extras on Vireo, HBO's new fantasy series filming in "
        "Belfast, was cancelled after the crowd grew too large. HBO ordered the drama in May.",
        "Sunday's live finale event for Vireo, the singing contest, was cancelled because of "
        "storms. HBO ordered the series in May.",
    ],
)
def test_an_event_cancelled_is_not_the_show(text: str) -> None:
    assert _status("Vireo", text)[0] == "ordered"


def test_plans_for_a_season_scrapped_are_the_shows() -> None:
    text = "Plans for a second season of Vireo have been scrapped, HBO said on Friday."
    assert _status("Vireo", text)[0] == "cancelled"


@pytest.mark.parametrize(
    "text",
    [
        "Q: My uncle swears he read that Tamarind got canceled. A: Tamarind hasn't been "
        "canceled; Hulu picked it up for a third season in March.",
        "Saw a post saying Tamarind got axed?? Hulu renewed Tamarind for a third season.",
    ],
)
def test_hearsay_of_a_cancellation_yields_to_the_renewal(text: str) -> None:
    assert _status("Tamarind", text)[0] == "renewed"


@pytest.mark.parametrize(
    "text",
    [
        "Tamarind got to end on its own terms instead of getting cancelled like most shows.",
        "i refuse to get attached to another hulu show that gets axed after one season. "
        "Tamarind has not been renewed yet.",
    ],
)
def test_cancellations_that_did_not_happen_to_this_show(text: str) -> None:
    assert _status("Tamarind", text)[0] != "cancelled"


def test_a_show_itself_is_another_subject() -> None:
    text = (
        "Netflix is developing Saltmarsh, a prequel to its hit Long Acre. "
        "Long Acre itself was renewed for a fourth season in June."
    )
    assert _status("Saltmarsh", text)[0] == "in_development"


def test_elsewhere_turns_to_another_show() -> None:
    text = (
        "Tallow Creek came to a close after five seasons on Sunday. Elsewhere, the season "
        "ended for Mire on a cliffhanger, and the Starz drama has already been renewed."
    )
    assert _status("Tallow Creek", text)[0] == "ended"


def test_a_revival_of_a_show_cancelled_years_ago() -> None:
    text = (
        "Paramount+ has ordered a revival of 'Kestrel Point', the drama that Fox cancelled "
        "in 2019 after two seasons. It will be billed as the third season."
    )
    assert _status("Kestrel Point", text, "2025-05-01")[0] == "revived"


def test_a_revival_that_was_cancelled_is_no_revival() -> None:
    text = "The planned revival of Kestrel Point was cancelled by Paramount+ on Monday."
    assert _status("Kestrel Point", text, "2025-05-01")[0] != "revived"


def test_commissioned_a_third_after_an_old_cancellation() -> None:
    text = (
        "Nine axed the drama Ironbark in late 2022 after two seasons, but Stan has now "
        "commissioned a third, with the original cast returning."
    )
    assert _status("Ironbark", text, "2025-02-01") == ("revived", 3)


@pytest.mark.parametrize(
    "text",
    [
        "CBS has renewed Halden for a third season, with a 13-episode order.",
        "Peacock has picked up Halden for a third season, weeks before the sophomore run "
        "wraps its eight-episode order.",
    ],
)
def test_an_episode_order_for_a_season_is_a_renewal(text: str) -> None:
    assert _status("Halden", text) == ("renewed", 3)


def test_an_episode_order_for_a_new_show_is_a_series_order() -> None:
    text = "Netflix has given Halden, a thriller from the Dark creators, an eight-episode order."
    assert _status("Halden", text)[0] == "ordered"


@pytest.mark.parametrize(
    "text",
    [
        "Everything points toward Halden getting a fourth season.",
        "MBC has responded to reports that Halden will return, saying nothing is confirmed.",
        "Hulu's slate included renewals for three other originals, leaving Halden waiting.",
        "NBC has given Halden a back-nine order; a second season will be decided in May.",
    ],
)
def test_signs_and_other_shows_renewals_are_a_wait(text: str) -> None:
    assert _status("Halden", text)[0] in ("pending", "unknown")
