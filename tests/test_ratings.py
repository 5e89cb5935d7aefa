"""The rating reader on sentences written for it: each phrasing it reads, beside a
look-alike it must leave alone (an episode's score, a count, a denominator, the Rotten
Tomatoes average rating, another show's score).

Each case is (id, show, text, expected ratings); a rating left out is expected to be None.
"""

from __future__ import annotations

import pytest

from tracker.extract import extract

CASES: list[tuple[str, str, str, dict[str, float]]] = [
    # "per cent", the British spelling
    (
        "per-cent-tomatometer",
        "Harrow Lane",
        "Harrow Lane returns for a third series. The thriller holds a 91 per cent Tomatometer.",
        {"rotten_tomatoes": 91},
    ),
    (
        "per-cent-audience-score",
        "Harrow Lane",
        "Harrow Lane has an audience score of 77 per cent on Rotten Tomatoes.",
        {"rt_audience": 77},
    ),
    (
        "per-cent-share-is-no-rating",
        "Harrow Lane",
        "Harrow Lane drew a 24 per cent audience share on Sunday night.",
        {},
    ),
    # a count of things is no score, even with an adjective between: "12 new episodes"
    (
        "count-with-adjective-is-no-score",
        "Cinder Falls",
        "Cinder Falls, which has a 7.2 on IMDb, will film 10 new episodes this spring.",
        {"imdb": 7.2},
    ),
    (
        "count-alone-is-no-score",
        "Cinder Falls",
        "Cinder Falls is an IMDb darling and will shoot 10 new episodes in June.",
        {},
    ),
    (
        "count-in-relative-clause-is-no-score",
        "Cinder Falls",
        "IMDb users love Cinder Falls, which will shoot 10 more episodes in June.",
        {},
    ),
    (
        "ten-is-a-score",
        "Cinder Falls",
        "Fans are thrilled: IMDb users give Cinder Falls a perfect 10.",
        {"imdb": 10.0},
    ),
    # the scale a figure is given on is no figure: "7.1/10" leaves no "10"
    (
        "denominator-is-no-metascore",
        "Ferrous",
        "On Rotten Tomatoes, Ferrous has an approval rating of 81% with an average rating of "
        "7.1/10, and on Metacritic it holds 69 out of 100.",
        {"rotten_tomatoes": 81, "metacritic": 69},
    ),
    (
        "denominator-alone-is-no-metascore",
        "Ferrous",
        "Ferrous averages 6.2/10 from critics on Rotten Tomatoes; Metacritic has not scored it.",
        {},
    ),
    # an episode's score, its subject back behind a "that", a relative, a participle, a
    # "with": not the show's
    (
        "episode-after-that",
        "Quarry Hill",
        "Small wonder that the episode now sits at 9.5 on IMDb.",
        {},
    ),
    (
        "show-after-that",
        "Quarry Hill",
        "Small wonder that Quarry Hill now sits at 8.6 on IMDb.",
        {"imdb": 8.6},
    ),
    (
        "episode-with-relative",
        "Quarry Hill",
        "The Quarry Hill finale, which earned a 9.3 on IMDb, ended on a cliffhanger.",
        {},
    ),
    (
        "show-with-relative",
        "Quarry Hill",
        "Quarry Hill, which earned an 8.4 on IMDb, ended its second season on a cliffhanger.",
        {"imdb": 8.4},
    ),
    (
        "episode-with-participle",
        "Quarry Hill",
        "Friday's season 3 premiere of Quarry Hill set a record for the show, scoring a 9.2 "
        "on IMDb, above the show's overall 8.0.",
        {"imdb": 8.0},
    ),
    (
        "episode-with-bare-with",
        "Quarry Hill",
        'The fourth episode of Quarry Hill, "Dry Stone," has become the talk of the season on '
        "IMDb, with a 9.1 from 20,000 voters.",
        {},
    ),
    (
        "show-with-bare-with",
        "Quarry Hill",
        "Quarry Hill has become the talk of the season on IMDb, with an 8.7 from 20,000 voters.",
        {"imdb": 8.7},
    ),
    (
        "the-hour-is-an-episode",
        "Quarry Hill",
        "The hour, which already holds a 9.6 on IMDb, closed the season with a funeral.",
        {},
    ),
    (
        "hour-long-drama-is-the-show",
        "Quarry Hill",
        "The hour-long drama, which holds a 7.9 on IMDb, closed its season with a funeral.",
        {"imdb": 7.9},
    ),
    (
        "episode-after-adverb",
        "Quarry Hill",
        "Also the season 2 finale of Quarry Hill is sitting at 9.4 on IMDb.",
        {},
    ),
    # beside the Tomatometer, "audiences" alone names the audience score
    (
        "audiences-beside-tomatometer",
        "Saltmarsh",
        "Saltmarsh scores 88% with critics on Rotten Tomatoes, but audiences there are "
        "harsher, settling at 61 percent.",
        {"rotten_tomatoes": 88, "rt_audience": 61},
    ),
    (
        "audiences-without-rotten-tomatoes",
        "Saltmarsh",
        "Saltmarsh lost its audience, falling to 61 percent of its debut, though IMDb users "
        "still give it 7.0.",
        {"imdb": 7.0},
    ),
    (
        "audience-then-tomatometer",
        "Saltmarsh",
        "Saltmarsh never drew a big audience but holds an 85% Tomatometer.",
        {"rotten_tomatoes": 85},
    ),
    (
        "audience-share-is-no-score",
        "Saltmarsh",
        "Saltmarsh holds a 79% Tomatometer, and its audience share rose to 12% on Sunday.",
        {"rotten_tomatoes": 79},
    ),
    (
        "part-of-audiences-is-no-score",
        "Saltmarsh",
        "Saltmarsh has a 90% Tomatometer; its audiences, 70% of them women, have stayed loyal.",
        {"rotten_tomatoes": 90},
    ),
    # the next sentence may go on with the site just named, for the show as a whole
    (
        "whole-show-in-next-sentence",
        "Lantern Row",
        "The Lantern Row finale has the best IMDb score of the year, a 9.8. The series "
        "overall holds 8.3.",
        {"imdb": 8.3},
    ),
    (
        "demo-rating-in-next-sentence",
        "Lantern Row",
        "The Lantern Row finale has the best IMDb score of the year, a 9.8. The series drew "
        "a 0.6 rating in the demo.",
        {},
    ),
    (
        "two-sites-then-a-bare-figure",
        "Lantern Row",
        "The Lantern Row finale holds a 9.8 on IMDb and 100% on Rotten Tomatoes. The series "
        "as a whole sits at 8.3.",
        {},
    ),
    (
        "viewers-in-next-sentence",
        "Lantern Row",
        "The Lantern Row finale has the best IMDb score of the year, a 9.8. The series as a "
        "whole drew 8.3 million viewers over its run.",
        {},
    ),
    (
        "millions-are-no-score",
        "Lantern Row",
        "Lantern Row drew 8.3 million viewers, and IMDb users love it.",
        {},
    ),
    (
        "next-paragraph-does-not-go-on",
        "Lantern Row",
        "The Lantern Row finale has the best IMDb score of the year, a 9.8.\n\nThe series "
        "as a whole drew 8.3 million viewers over its run.",
        {},
    ),
    # a name that a verb separates from the figure does not own it: the clause's subject does
    (
        "verb-between-a-name-and-the-figure",
        "Quillon Street",
        "Quillon Street is back for a second series. The legal drama, adapted from Hetty "
        "Marsh's Inns of Court novels, sits at 8.1/10 on IMDb.",
        {"imdb": 8.1},
    ),
    (
        "possessive-name-still-owns-its-figure",
        "Quillon Street",
        "Quillon Street holds a 7.2 on IMDb, well short of Bramble Court's 8.6.",
        {"imdb": 7.2},
    ),
    # inside a relative clause, names after "which" are its objects
    (
        "relative-clause-objects-own-nothing",
        "Quillon Street",
        "Quillon Street has a fourth series coming. The courtroom drama, which streams on "
        "Crave and Britbox Plus and holds a 7.9 user rating on IMDb, films in May.",
        {"imdb": 7.9},
    ),
    # a figure said to be the show's as a whole may stand farther from the site's name
    (
        "whole-figure-beyond-the-reach",
        "Quillon Street",
        "The Quillon Street finale shot to a 9.5 on IMDb overnight, although the drama as a "
        "whole sits at 7.6.",
        {"imdb": 7.6},
    ),
    (
        "farther-figure-not-said-whole-is-left",
        "Quillon Street",
        "The Quillon Street finale shot to a 9.5 on IMDb overnight, and its cast will reunite "
        "at a fan event with 7.6 thousand tickets.",
        {},
    ),
    # a place, a person or a people's adjective is not a show that owns the figure
    (
        "place-owns-no-figure",
        "Quillon Street",
        "Quillon Street will film in the Lake District this spring, and the first two "
        "series - rated 7.3 on IMDb - are on BritBox now.",
        {"imdb": 7.3},
    ),
    (
        "demonym-owns-no-figure",
        "Quillon Street",
        "Quillon Street is done. The quiet drama about a 1950s Welsh chapel earned a 94% on "
        "Rotten Tomatoes before ITV let it go.",
        {"rotten_tomatoes": 94},
    ),
    (
        "adjective-in-a-description-owns-no-figure",
        "Quillon Street",
        "Quillon Street is back: Channel 4 has handed its Cornish crime drama a third series "
        "after a run that earned a 91 percent Tomatometer.",
        {"rotten_tomatoes": 91},
    ),
    # a threshold is no score; "X% with critics" beside an audience score is the Tomatometer
    (
        "threshold-is-no-score",
        "Quillon Street",
        "Only three of the autumn dramas cleared 80% on Rotten Tomatoes. Quillon Street "
        "sits at 64% with critics but 90% with audiences.",
        {"rotten_tomatoes": 64, "rt_audience": 90},
    ),
    # an aside between dashes is parenthetical: the figure after it is the subject's
    (
        "dash-aside-names-another-show",
        "Quillon Street",
        "Quillon Street holds an 8.0 on IMDb - a notch below Bramble Court's 8.4 - and an "
        "89% Tomatometer.",
        {"imdb": 8.0, "rotten_tomatoes": 89},
    ),
    # "on the site": the site the sentence before named
    (
        "on-the-site-goes-on-with-the-site-named-before",
        "Quillon Street",
        'Quillon Street peaked this week: on IMDb, the episode "Tidewrack" has climbed to a '
        "9.3. The show as a whole sits at 7.8 on the site and 82% on Rotten Tomatoes.",
        {"imdb": 7.8, "rotten_tomatoes": 82},
    ),
]


@pytest.mark.parametrize(
    ("show", "text", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_ratings(show: str, text: str, expected: dict[str, float]) -> None:
    got = extract(show, text=text).ratings.to_dict()
    assert got == {key: expected.get(key) for key in got}
