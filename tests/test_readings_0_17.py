"""Readings added in extractor 0.17.0, each beside the look-alike it must not swallow.

The texts were written for these tests and are not taken from the corpus. Each fix came from a
miss in holdout24 or holdout25, the blind sets retired to development in this version.
The rules are read alone (`doubt=False`), so the learned reader cannot hide their errors.
"""

from __future__ import annotations

import pytest
from readings import read as _read

from tracker.extract import extract
from tracker.extract.document import from_text


@pytest.mark.parametrize(
    ("show", "text", "expected"),
    [
        # an early renewal days before the show "returns for its third season" orders the fourth
        (
            "Copperline",
            "Ten days before Copperline returns for its third season, Starz has given the "
            "western an early renewal.",
            ("renewed", 4),
        ),
        (
            "Copperline",
            "Copperline returns for its third season on Starz next week.",
            ("renewed", 3),
        ),
        # "extended X through Season 6" is a renewal up to that season
        (
            "Marrow Bay",
            "Netflix has extended Marrow Bay through Season 6, two seasons beyond the one "
            "now filming.",
            ("renewed", 6),
        ),
        # "renewed for two more" after a season just aired counts on from it
        (
            "Kiln Street",
            "Fresh off a third season that grew its audience, the pottery drama Kiln Street "
            "has been renewed for two more.",
            ("renewed", 5),
        ),
        (
            "Kiln Street",
            "Kiln Street has been renewed for a third season.",
            ("renewed", 3),
        ),
        # "cameras are already rolling on season three" tells of an order
        (
            "Tamsin Road",
            "Cameras are already rolling in Glasgow on season three of Tamsin Road.",
            ("renewed", 3),
        ),
        # writing "as if there's" a season is a hope
        (
            "Orrin Park",
            "The writers of Orrin Park are working as if there's a fourth season coming.",
            ("pending", 4),
        ),
        # "Is there going to be a third season?" asks
        (
            "Lantern Lane",
            "Lantern Lane wrapped its second season last week. Is there going to be a third "
            "season? Nobody at Hulu is saying.",
            ("pending", 3),
        ),
        # fans "in the dark about whether" a season comes are waiting
        (
            "Marrow Lane",
            "Marrow Lane fans are still in the dark about whether Hulu wants a third season.",
            ("pending", 3),
        ),
        ("Marrow Lane", "Marrow Lane is a dark comedy about grief.", ("unknown", None)),
        # "decided against moving forward", "won't be moving ahead" are decisions
        (
            "Shale Point",
            "CBS has decided against moving forward with a third season of Shale Point.",
            ("cancelled", 2),
        ),
        (
            "Shale Point",
            '"We won\'t be moving ahead with another season of Shale Point," the network '
            "said. The drama ran for two seasons.",
            ("cancelled", 2),
        ),
        (
            "Shale Point",
            "CBS is moving forward with a third season of Shale Point.",
            ("renewed", 3),
        ),
        # "the Fox freshman" is a first-season show; "The Rookie" is a title
        (
            "Night Shift Nine",
            "The Fox freshman's ratings have been soft. Update: Fox has cancelled Night Shift "
            "Nine.",
            ("cancelled", 1),
        ),
        # "years after it ended" is an end
        (
            "Pell Street",
            "Six years after it ended, Pell Street still tops the streaming charts.",
            ("ended", None),
        ),
        # a producer's "there's a pilot script" reports development
        (
            "Hollow Pines",
            "\"There's a pilot script and a writers' room,\" producer Jan Ode said of Hollow "
            "Pines, the thriller she set up at AMC.",
            ("in_development", None),
        ),
        # "quietly set a second season" is an order; "set a season premiere date" is not
        (
            "Rook Hill",
            "Prime Video has quietly set a second season of Rook Hill, sources say.",
            ("renewed", 2),
        ),
        (
            "Rook Hill",
            "Prime Video has set a second season premiere date for Rook Hill.",
            ("unknown", None),
        ),
        # "axed fan-favourite DS Kerr" is a character
        (
            "Fellgate",
            "The series four finale axed fan-favourite DS Ana Kerr. Fellgate itself is safe: "
            "ITV has confirmed a fifth series.",
            ("renewed", 5),
        ),
        # "renewed for the 2026-27 season" while airing its eighth orders the ninth
        (
            "Harbor Nine",
            "NBC has renewed Harbor Nine for the 2026-27 broadcast season. The drama is "
            "currently airing its eighth season.",
            ("renewed", 9),
        ),
        (
            "Harbor Nine",
            "NBC has renewed Harbor Nine for the 2026-27 season, which will be the cop "
            "drama's eighth.",
            ("renewed", 8),
        ),
        # "won't bring X back" is a cancellation; "will bring X back" a renewal
        ("Grist", "Hulu won't bring Grist back.", ("cancelled", None)),
        ("Grist", "Hulu will bring Grist back for a second season.", ("renewed", 2)),
        # "Now that season 2 has come and gone" opens a wait for season 3
        (
            "Flint Ridge",
            "Apple renewed Flint Ridge for a second season in 2024. Now that Season 2 has come "
            "and gone, fans want to know what is next.",
            ("pending", 3),
        ),
        # "will wrap up after two more" while midway through the fourth season
        (
            "Sable Row",
            "Sable Row is in the middle of its fourth season, and Hulu has decided the drama "
            "will wrap up after two more.",
            ("ending", 6),
        ),
        # "will also be the comedy's last"
        (
            "Mill House",
            "Update: the network says the fifth season of Mill House will also be the "
            "comedy's last.",
            ("ending", 5),
        ),
        # BET+ is a network, not a hedge
        ("Mill House", "BET+ has renewed Mill House for a fifth season.", ("renewed", 5)),
        ("Mill House", "I'd bet Mill House gets a fifth season.", ("pending", 5)),
        # "whose last season concluded on Netflix" has ended; one "concluded on a cliffhanger"
        # tells a plot
        (
            "The Tern",
            "Its creator said goodbye to The Tern, whose second and last season concluded on "
            "Netflix this week.",
            ("ended", 2),
        ),
        # "ran for five seasons before bowing out in 2016"
        (
            "Dust Radio",
            "The western Dust Radio ran for five seasons before bowing out in 2016.",
            ("ended", 5),
        ),
        # a final season told as the past has ended; one still to come is ending
        (
            "Wick Lane",
            "Five years after Wick Lane won the Emmy with its sixth and final season, its star "
            "is still recognised daily.",
            ("ended", 6),
        ),
        (
            "Wick Lane",
            "Back in 2024 the network said the sixth season of Wick Lane will be its last.",
            ("ending", 6),
        ),
    ],
)
def test_reading(show: str, text: str, expected: tuple[str, int | None]) -> None:
    assert _read(show, text) == expected


def test_other_show_given_a_season_is_not_ours() -> None:
    """ "gave Tulsa King a fourth season" names another show: the sibling waits."""
    text = (
        "Paramount+ gave Copper Crown a fourth season on Friday. Sibling series Lark, "
        "meanwhile, remains in limbo."
    )
    assert _read("Lark", text) == ("pending", None)


def test_inline_numbered_items_are_list_blocks() -> None:
    """An inline numbered list gives each show its own item; numbers must count from 1."""
    text = (
        "Goodbyes of the year: 1. Fen Lane — four seasons. 2. Tor Hill — wrapped after three "
        "seasons in June. 3. Crane Yard — two seasons, cancelled before it could finish."
    )
    blocks = from_text(text).blocks
    assert [b.kind for b in blocks] == ["para", "list", "list", "list"]
    assert [text[b.start : b.start + 6] for b in blocks[1:]] == ["1. Fen", "2. Tor", "3. Cra"]
    assert _read("Tor Hill", text) == ("ended", 3)
    assert _read("Crane Yard", text) == ("cancelled", 2)
    single = from_text("It ranked No. 2. Season 3. 4. Later.").blocks
    assert [b.kind for b in single] == ["para"]


def test_a_cult_hit_named_after_ours_is_another_show() -> None:
    text = (
        "Tide Street concluded its run on Sunday after three seasons. Meanwhile, TVNZ says its "
        "own cult hit Kettle Reach is being revived for a fourth season."
    )
    assert _read("Tide Street", text) == ("ended", 3)
    assert _read("Kettle Reach", text) == ("revived", 4)


def test_a_title_ending_in_hour_scores_for_the_show() -> None:
    """ "the final hour" is an episode, whose score is not the show's; "Blue Hour" is a title."""
    text = "Grey Hour sits at 8.2/10 on IMDb. The final hour holds a 9.6 on IMDb."
    assert extract("Grey Hour", text=text).ratings.imdb == 8.2
    assert (
        extract("Tamsin Road", text="Tamsin Road's final hour holds a 9.6 on IMDb.").ratings.imdb
        is None
    )


def test_episode_score_behind_an_aside_is_not_the_shows() -> None:
    text = (
        "Will Kestrel Moor return? Its Rotten Tomatoes average rating is 6.9/10, and episode "
        "six, the one everybody argued about, holds a 9.4 on IMDb."
    )
    assert extract("Kestrel Moor", text=text).ratings.imdb is None
    assert extract("Kestrel Moor", text="Kestrel Moor holds a 7.4 on IMDb.").ratings.imdb == 7.4


def test_a_network_plainly_acting_on_the_show_is_not_doubted() -> None:
    """The learned reader may not second-guess "…, NBC has cancelled the show": the rules'
    reading stands, whatever the reader makes of the words around it."""
    text = (
        "When NBC renewed Gristmill for a third season last June, it looked like a keeper. "
        "A year later, with Season 3 wrapped and its ratings down by a third, NBC has "
        "cancelled the show."
    )
    assert _read("Gristmill", text, doubt=True) == ("cancelled", 3)
    hedged = "A year later, with its ratings down by a third, NBC may have cancelled the show."
    assert _read("Gristmill", hedged, doubt=True)[0] == "pending"
