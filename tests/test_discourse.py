"""Which show a sentence speaks of, read across the whole document (tracker.extract.discourse).

Round-ups introduce each show once with a description and then use the description alone.
These texts were written for these tests; the corpus has many more such cases.
"""

from __future__ import annotations

from tracker.extract import extract
from tracker.extract.discourse import OURS, Discourse
from tracker.extract.document import from_text
from tracker.extract.shows import ShowMatcher

ROUNDUP = (
    "ABC made its calls on Thursday. Salt Flats, the desert-set crime drama, will return "
    "for a third season, and the network handed the hospital comedy Night Shift Nurses a "
    "second. The crime drama was ABC's most-watched new series of the year. "
    "The comedy, however, was cancelled by its streaming partner in Canada."
)


def _discourse(text: str, show: str) -> tuple[Discourse, int]:
    matcher = ShowMatcher(show)
    sentences = from_text(text, None).sentences()
    matcher.learn(sentences)
    last = len(sentences) - 1
    return Discourse(sentences, matcher), last


def test_a_description_names_the_show_described_so_earlier() -> None:
    discourse, last = _discourse(ROUNDUP, "Salt Flats")
    assert discourse.described_as(last - 1) == OURS  # "The crime drama was …"
    assert discourse.described_as(last) == "night shift nurses"  # "The comedy, however, …"


BUBBLE = (
    "Salt Flats, the desert-set crime drama, and the hospital comedy Night Shift Nurses were "
    "the last two shows on ABC's bubble. The comedy got a second season on Thursday. The "
    "crime drama was not so lucky: ABC cancelled it after two seasons."
)


def test_each_show_gets_the_news_told_of_its_description() -> None:
    """Both shows are named together once; each later sentence names one by description."""
    drama = extract("Salt Flats", text=BUBBLE)
    assert (drama.status, drama.season) == ("cancelled", 2)
    comedy = extract("Night Shift Nurses", text=BUBBLE)
    assert (comedy.status, comedy.season) == ("renewed", 2)
    assert all("crime drama was" not in e.text for e in comedy.evidence)


def test_a_description_that_fits_two_shows_alike_decides_nothing() -> None:
    text = (
        "NBC renewed the legal drama Harbor Court and cancelled the legal drama Bench Trial. "
        "The legal drama drew eight million viewers."
    )
    discourse, last = _discourse(text, "Harbor Court")
    assert discourse.described_as(last) is None


def test_a_generic_anaphor_is_left_to_the_paragraph_reading() -> None:
    discourse, last = _discourse(ROUNDUP.replace("The crime drama was", "The series was"), "X")
    assert discourse.described_as(last - 1) is None


def test_only_shows_named_before_the_sentence_are_candidates() -> None:
    text = "The comedy was cancelled. Fox also renewed the workplace comedy Open Plan."
    discourse, _ = _discourse(text, "Other Show")
    assert discourse.described_as(0) is None


def test_a_title_named_as_a_show_once_is_a_show_wherever_it_is_named() -> None:
    """ "renewed Lowland" marks Lowland as a title; the later bare "Lowland, meanwhile, was
    axed" is then another show's news, not a sentence about the tracked show's paragraph."""
    text = (
        "Peacock renewed Lowland for a fourth season and Glasshouse for a second. "
        "Lowland, meanwhile, was axed in the UK by its original broadcaster after it slumped."
    )
    matcher = ShowMatcher("Glasshouse")
    sentences = from_text(text, None).sentences()
    matcher.learn(sentences)
    assert matcher.other_titles(sentences[1].text, sentences[1].norm) == ["Lowland"]
    assert extract("Glasshouse", text=text).status == "renewed"


def test_the_descriptions_collected_for_each_show() -> None:
    discourse, _ = _discourse(ROUNDUP, "Salt Flats")
    assert {"crime", "drama", "desert-set"} <= discourse.descriptions(OURS)
    assert {"hospital", "comedy"} <= discourse.descriptions("night shift nurses")


def test_a_name_described_by_an_appositive_is_a_show_and_an_adverb_is_not() -> None:
    text = (
        "Cold Harbor, the Welsh coastal thriller, will be back. Meanwhile, the comedy "
        "Open Plan is done."
    )
    discourse, _ = _discourse(text, "Open Plan")
    assert "cold harbor" in discourse.shows()
    assert "meanwhile" not in discourse.shows()
    assert {"welsh", "coastal", "thriller"} <= discourse.descriptions("cold harbor")


def test_a_description_belongs_to_the_name_right_after_it() -> None:
    discourse, _ = _discourse("CBS renewed the drama Bench Trial and Harbor Court.", "Harbor Court")
    assert discourse.descriptions(OURS) == frozenset()
    assert "drama" in discourse.descriptions("bench trial")


def test_a_kind_of_show_the_tracked_one_is_not_rules_it_out() -> None:
    """The tracked show is a crime drama; "the sitcom" is some other show."""
    text = (
        "Salt Flats, the desert-set crime drama, returns in May. "
        "Elsewhere on the network, the sitcom was cancelled after one season."
    )
    discourse, last = _discourse(text, "Salt Flats")
    assert discourse.not_ours(last)
    assert extract("Salt Flats", text=text).status != "cancelled"


def test_a_clause_with_a_description_speaks_of_the_show_described() -> None:
    text = (
        "Harbor Lights, a Boston legal drama, and Engine 19, a firefighter procedural, "
        "were both on the bubble. In the end Engine 19 was cancelled, while the legal "
        "drama got a third season."
    )
    assert (
        extract("Harbor Lights", text=text).status,
        extract("Harbor Lights", text=text).season,
    ) == ("renewed", 3)
    # the rules' reading (the learned reader doubts this short cancellation: see test_learned)
    assert extract("Engine 19", text=text, doubt=False).status == "cancelled"


def test_it_doing_what_only_a_show_does_is_the_show_even_opening_a_paragraph() -> None:
    text = (
        "Crowfield drew a loyal audience on HBO across its first two seasons.\n\n"
        "It was cancelled on Friday, weeks after the second season finale."
    )
    read = extract("Crowfield", text=text, doubt=False)  # the rules' reading, as above
    assert (read.status, read.season) == ("cancelled", 2)


def test_a_description_in_a_contrast_means_the_other_of_two_shows_just_named() -> None:
    text = (
        "Netflix has renewed both Copper Sky and The Ninth Floor. Copper Sky will return for "
        "a second season, while the office satire gets a third."
    )
    ninth = extract("The Ninth Floor", text=text)
    assert (ninth.status, ninth.season) == ("renewed", 3)
    copper = extract("Copper Sky", text=text)
    assert (copper.status, copper.season) == ("renewed", 2)


def test_a_sidebar_cancellation_withdrawn_leaves_the_shows_own_renewal() -> None:
    text = (
        "Fans of Cobalt Bay can breathe easy: the Netflix drama has been renewed for season 3. "
        "The streamer announced the news alongside the cancellation of Ridgeback, the Western "
        "that debuted the same week."
    )
    result = extract("Cobalt Bay", text=text)
    assert (result.status, result.season) == ("renewed", 3)


def test_the_former_and_the_latter_are_the_first_and_last_shows_just_named() -> None:
    text = (
        "The Pitch, a satire set inside a Chicago ad agency, and Salt Flats, a Utah-set noir, "
        "opened a week apart. The former has been renewed for a second season. The latter is "
        "done: HBO cancelled it after one season."
    )
    assert extract("The Pitch", text=text).status == "renewed"
    assert extract("Salt Flats", text=text).status == "cancelled"


def test_the_former_showrunner_is_a_person_not_a_show() -> None:
    discourse, last = _discourse(
        "Salt Flats and The Pitch both premiered in May. The former showrunner was hired.",
        "Salt Flats",
    )
    assert discourse.described_as(last) is None


def test_a_description_of_another_kind_with_other_traits_is_not_the_tracked_show() -> None:
    text = (
        "Good news first: The Ledger is coming back. Showtime confirmed that the financial "
        "drama will get a third season. Less good: the network's other Monday entry is "
        "finished. Showtime cancelled the horror anthology after two seasons."
    )
    result = extract("The Ledger", text=text)
    assert (result.status, result.season) == ("renewed", 3)


def test_a_name_is_a_title_when_a_relative_clause_stands_before_its_decision() -> None:
    text = (
        "Kingsroad will return for a sixth season, though the spinoff is another matter. "
        "The Quartermaster, which followed the army's supply officer, has been cancelled "
        "after two seasons."
    )
    assert extract("Kingsroad", text=text).status == "renewed"
    assert extract("The Quartermaster", text=text).status == "cancelled"


def test_a_description_set_before_the_shows_name_is_another_show() -> None:
    """ "The ranching drama, … its answer to Yellowstone, has been renewed": the drama is
    not Yellowstone; "Copper Sky, the farm noir, has been renewed" is."""
    text = (
        "Paramount Network is betting big on Brimstone Ridge. The ranching drama, which the "
        "network pitches as its answer to Yellowstone, has been renewed for a second season."
    )
    assert extract("Yellowstone", text=text).status == "unknown"
    assert extract("Brimstone Ridge", text=text).status == "renewed"
    apposed = "Copper Sky, the farm noir, has been renewed for a second season."
    assert extract("Copper Sky", text=apposed).status == "renewed"


def test_the_original_is_not_a_sequel_and_another_networks_drama_is_not_ours() -> None:
    sequel = (
        "Twenty years after the original signed off, Westbrook Forever is on its way. "
        "The sequel series has been ordered to series at Hulu."
    )
    assert extract("Westbrook Forever", text=sequel).status == "ordered"
    networks = (
        "Tide Table, a CBS procedural, shot a pilot in Port Alder. "
        "The Netflix drama shooting next door was renewed for a second season."
    )
    assert extract("Tide Table", text=networks).status != "renewed"


def test_a_title_naming_a_person_or_a_new_project_is_named_in_passing() -> None:
    sequel = (
        "Westbrook Forever is on its way. The sequel series, from Westbrook High creator "
        "Patti Moreno, has been ordered to series at Hulu."
    )
    assert extract("Westbrook Forever", text=sequel).status == "ordered"
    text = (
        "Jo Pruitt is developing a new project for FX with Cole Hennessey, whose breakout "
        "came on Dead Reckoning back in 2019."
    )
    assert extract("Dead Reckoning", text=text).status == "unknown"


def test_the_tracked_show_held_up_for_comparison_is_not_the_sentences_subject() -> None:
    text = (
        "Last week I wrote that Hatchet Lake was a lock for renewal, given it's Prime Video's "
        "biggest original since Reacher. Well, Prime has cancelled the show after two "
        "seasons. Reacher, for its part, is already shooting season 4."
    )
    result = extract("Reacher", text=text)
    assert (result.status, result.season) == ("renewed", 4)
    since = "It's been a year since Cold Creek Station signed off after five seasons."
    assert extract("Cold Creek Station", text=since).status == "ended"


def test_the_flagship_and_the_spinoff_follow_the_titles() -> None:
    text = (
        "CBS's Naval Command and Naval Command: Pacific will both be back next season. The "
        "network said Thursday that the spinoff will end with its upcoming fourth season. "
        "The flagship, meanwhile, has been renewed for a ninth."
    )
    flagship = extract("Naval Command", text=text)
    assert (flagship.status, flagship.season) == ("renewed", 9)
    spinoff = extract("Naval Command: Pacific", text=text)
    assert (spinoff.status, spinoff.season) == ("ending", 4)


def test_list_items_and_described_names_are_shows() -> None:
    text = (
        "1. Lighthouse Keepers (NBC): Its second season ended to tepid numbers.\n"
        "2. Dead Air (ABC): Safe. ABC gave the radio-station drama a third season.\n"
        "3. Wildflower Road (CBS): This fourth season will be its last."
    )
    assert extract("Lighthouse Keepers", text=text).status not in ("renewed", "ending")
    assert (extract("Dead Air", text=text).status, extract("Dead Air", text=text).season) == (
        "renewed",
        3,
    )


def test_an_anaphor_takes_the_show_the_sentence_before_it_names_first() -> None:
    text = (
        "Among this year's casualties, none stings like The Ashgrove Letters. The epistolary "
        "drama holds a 97% Tomatometer, a number the network's renewed Copperhead can only "
        "dream of. It still wasn't enough: ABC cancelled the show after its second season."
    )
    ashgrove = extract("The Ashgrove Letters", text=text)
    assert (ashgrove.status, ashgrove.season) == ("cancelled", 2)
    assert extract("Copperhead", text=text).status == "renewed"


def test_a_quoted_title_closes_its_quote_marks() -> None:
    """ "Brightwater" in quote marks is a title: the network's order after it is no speech."""
    from tracker.extract.quotes import _quoted

    text = (
        '"Axed," the comedy, has been renewed. Hulu ordered a second season, calling it '
        '"a hit with everyone who saw it."'
    )
    spans = _quoted(text)
    assert [text[s:e] for s, e in spans] == ['"a hit with everyone who saw it."']
    result = extract("Axed", text=text)
    assert (result.status, result.season) == ("renewed", 2)
    assert _quoted('She said: "We are thrilled and grateful for the chance to go on') == [(10, 63)]


def test_a_contrast_hands_the_topic_to_its_last_clause() -> None:
    text = "NBC renewed Night Court on Monday, but Orchard Hill was cancelled."
    for show, ours in (("Night Court", False), ("Orchard Hill", True)):
        discourse, _ = _discourse(text, show)
        assert discourse.first_reference(0) is ours
