"""Readings added in extractor 0.16.0, each beside the look-alike it must not swallow.

The texts were written for these tests and are not taken from the corpus. Each fix came from a
miss in holdout22 or holdout23, the blind sets retired to development in this version.
The rules are read alone (`doubt=False`), so the learned reader cannot hide their errors.
"""

from __future__ import annotations

import pytest
from readings import read as _read


@pytest.mark.parametrize(
    ("show", "text", "expected"),
    [
        # a quoted title between "picked up" and "for"
        (
            "Ferris Lane",
            'Roundup: CBS has picked up "Ferris Lane" for a fourth season. "Bright Acre" is '
            "done after one.",
            ("renewed", 4),
        ),
        # a renewal and a spin-off order in one sentence, with an aside between them
        (
            "Salt Road",
            "Peacock has renewed Salt Road for a second season and, in a separate deal, "
            "ordered the prequel Salt Road: Origins straight to series.",
            ("renewed", 2),
        ),
        (
            "Salt Road: Origins",
            "Peacock has renewed Salt Road for a second season and, in a separate deal, "
            "ordered the prequel Salt Road: Origins straight to series.",
            ("ordered", 1),
        ),
        # "back for another year - that's season four": the season the count comes to
        (
            "Maple Heights",
            "Hulu is bringing Maple Heights back for another year - that's season four, for "
            "anyone keeping score - and the cast is already teasing a time jump.",
            ("renewed", 4),
        ),
        (
            "Maple Heights",
            "Now in its fourth season, Maple Heights has been picked up for another year.",
            ("renewed", 5),
        ),
        # a network that "isn't renewing" the show has decided; "hasn't renewed" waits
        (
            "Ivy Court",
            "It's official: Freeform isn't renewing Ivy Court after three seasons.",
            ("cancelled", 3),
        ),
        ("Ivy Court", "Freeform has not renewed Ivy Court yet.", ("pending", None)),
        # "pulls plug on", without the article
        (
            "Dry Gulch",
            "Starz pulls plug on 'Dry Gulch' after two seasons",
            ("cancelled", 2),
        ),
        # no season announced is a wait for it, not news of it
        (
            "Moon Lantern",
            'No second season has been announced yet for "Moon Lantern," though the manga '
            "has plenty of material left.",
            ("pending", 2),
        ),
        ("Moon Lantern", "Season 2 of Moon Lantern hasn't been confirmed.", ("pending", 2)),
        (
            "Moon Lantern",
            "The Moon Lantern season 2 premiere date hasn't been announced.",
            ("unknown", None),
        ),
        # a final season named as the subject, well before "will be its last"
        (
            "Harbour Watch",
            "ITV has confirmed that series five of Harbour Watch will be its last.",
            ("ending", 5),
        ),
        # a renewal "back in March 2024" is background to the later news
        (
            "Red Mesa",
            "Red Mesa was renewed for a third season back in March 2024. On Tuesday, Paramount+ "
            "said that season will be the show's last.",
            ("ending", 3),
        ),
        # "two final seasons": ending, counted from the current season
        (
            "Ironwood",
            "Netflix has renewed Ironwood for two final seasons. The drama is currently "
            "airing its third season.",
            ("ending", 5),
        ),
        (
            "Ironwood",
            "Netflix has renewed Ironwood for two more seasons. The drama is currently "
            "airing its third season.",
            ("renewed", 5),
        ),
        # a revival after the "final" series counts on from it
        (
            "Flat Four",
            "Channel 4 is reviving nineties sitcom Flat Four for a new series, 25 years after "
            "the fifth and final series aired.",
            ("revived", 6),
        ),
        (
            "Flat Four",
            "Channel 4 is bringing back nineties sitcom Flat Four for a new series, 25 years "
            "after the fifth and final series aired.",
            ("revived", 6),
        ),
        # a single-season drama that concluded has ended; a season that concluded has not
        (
            "Winter Letter",
            "JTBC's single-season drama 'Winter Letter' concluded on Saturday with its 12th "
            "episode.",
            ("ended", 1),
        ),
        (
            "Winter Letter",
            "Season 2 of Winter Letter concluded on Saturday with its 12th episode.",
            ("unknown", None),
        ),
        # a fraction is no season
        (
            "Copper Lane",
            "With its second season wrapped and its audience down by a third, NBC has "
            "cancelled Copper Lane.",
            ("cancelled", 2),
        ),
        # "Fans of X" opens a sentence about X, not about the tracked show
        (
            "Gull Island",
            "Fans of Marram got good news when Netflix picked up the cancelled drama for a "
            "third season. Fans of Gull Island were less lucky: CBS has cancelled the "
            "island mystery after two seasons.",
            ("cancelled", 2),
        ),
        # "the Southern gothic" describes the show the paragraph is about
        (
            "Sawgrass",
            "Sawgrass killed off its heroine's father in the season finale. HBO has since "
            "cancelled the Southern gothic after two seasons.",
            ("cancelled", 2),
        ),
        # a deal to bring the show back is its renewal, and "near" one is a wait
        (
            "The Spindles",
            "Netflix is near a deal to bring back The Spindles for a second season, sources say.",
            ("pending", 2),
        ),
        (
            "The Spindles",
            "Netflix and the studio renewed their licence deal for The Spindles.",
            ("unknown", None),
        ),
        # a forum's "getting a S3??" asks
        (
            "Holloway",
            "does anyone know if Holloway is getting a S3?? ITV has said nothing",
            ("pending", 3),
        ),
        # "none of that has translated into a renewal yet", "under discussion"
        (
            "Tay Bridge",
            "None of that has translated into a renewal yet: BBC Scotland says a third "
            "series of Tay Bridge is under discussion.",
            ("pending", 3),
        ),
        # a new spin-off ordered by name
        (
            "Coast Guard: Harbor",
            "ABC has ordered Coast Guard: Harbor, a spinoff set at the station's training academy.",
            ("ordered", 1),
        ),
        # "… later," turns what came before into background
        (
            "Dry Creek",
            "Fox cancelled Dry Creek in April after two seasons. Three months later, the "
            "western has a new home: Peacock has picked up the series for a third season.",
            ("revived", 3),
        ),
        (
            "Dry Creek",
            "Peacock renewed Dry Creek for a third season last spring. A year later, the "
            "picture has changed: with season three down by a third in viewers, Peacock has "
            "cancelled the western.",
            ("cancelled", 3),
        ),
        # a pick-up after another network dropped the show is a revival
        (
            "Glass Harbor",
            "Hulu picked up Glass Harbor after Starz dropped it! Season 3 is confirmed.",
            ("revived", 3),
        ),
        # "the show's third" is a season
        (
            "Night Market",
            "Night Market has been revived by Peacock four years after NBC cancelled it. The "
            "new season, the show's third, starts filming in May.",
            ("revived", 3),
        ),
        # a show that "ended in 2019" and "is returning" is back
        (
            "Rue Morgue",
            "Rue Morgue, the crime series that ended in 2019 after three seasons, is "
            "returning. France 2 has ordered a fourth season.",
            ("revived", 4),
        ),
        ("Rue Morgue", "Rue Morgue is returning on Sunday at 9pm.", ("unknown", None)),
        # a final series that has aired is over, unless filming is what wrapped
        (
            "Blackthorn Abbey",
            "Blackthorn Abbey wrapped its third and final series last night.",
            ("ended", 3),
        ),
        (
            "Blackthorn Abbey",
            "Blackthorn Abbey wrapped filming on its third and final series last night.",
            ("ending", 3),
        ),
        # "can't believe it's over after 4 seasons" is told, not doubted
        (
            "Lowwater",
            "just finished Lowwater and I can't believe it's over after 4 seasons",
            ("ended", 4),
        ),
        # a reboot in the works is the news of a show that ended
        (
            "Pine Hollow",
            "Pine Hollow ended in 2011, but it's coming back in some form: a reboot is in the "
            "works with the original creator writing the pilot.",
            ("in_development", None),
        ),
        # an actor saying goodbye, a character's story done: not the show's end
        (
            "Saltmarsh",
            "Saltmarsh killed off Sergeant Ada Quill on Sunday, and actress Mina Cole said "
            "goodbye on Instagram. \u201cAda's story is done,\u201d she wrote.",
            ("unknown", None),
        ),
        (
            "Saltmarsh",
            "Saltmarsh said goodbye on Sunday after five seasons.",
            ("ended", 5),
        ),
        # a network's show set against ours in a fronted clause, and its parenthetical renewal
        (
            "The Tin Cup",
            "While NBC's Lantern Row wrapped its third season on Monday with more to come (it "
            "was renewed in April), it was the end of the line for The Tin Cup. The diner "
            "comedy aired its final episode the next night, closing out a four-season run.",
            ("ended", 4),
        ),
        # left out of a round of renewals told in the clause before
        (
            "Night Ferry",
            "Renewal announcements for most of the network's dramas went out in April; Night "
            "Ferry was not among them.",
            ("pending", None),
        ),
    ],
)
def test_reading(show: str, text: str, expected: tuple[str, int | None]) -> None:
    assert _read(show, text) == expected
