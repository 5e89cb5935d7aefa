"""Which sentences, clauses and figures speak of the tracked show.

A sentence that names the show speaks of it. One that names no show but has an anaphor
("the series", "the show", "it") speaks of the document's subject, unless the paragraph
has just been talking about another show; a fact-box line ("Status: Renewed.") speaks
of the page's or the item's show. Within a sentence, a rating figure belongs to the
nearest show named around it, and "it"/"its" to the nearest title before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import pairwise

from tracker.extract.discourse import OURS, Discourse, in_passing
from tracker.extract.shows import (
    _FOLLOWERS,
    _LABELS,
    _LEADERS,
    _PRONOUNS,
    ShowMatcher,
    _anaphors,
    _is_common,
    _overlaps,
    _word_spans,
    _words,
    other_one,
    other_one_spans,
)
from tracker.extract.text import Sentence, is_title_case

# Capitalised words that are not sentence (or quotation) openers.
_NAME = re.compile(r"(?<![.!?:]\s)(?<!^)(?<![“\"‘])\b[A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*)*")
_PERSON_BEFORE = re.compile(
    r"\b(?:stars?|co-?stars?|creators?|co-?creators?|showrunners?|actors?|actress|executive|"
    r"president|producers?|writers?|director|host|author|novelist|chief|head|spokesperson|"
    r"said|says|told|studio|studios|banner|outfit|distributor|production company)\s+$",
    re.IGNORECASE,
)
_PLACE_WORD = r"\b(?:in|near|outside|across|around)\s+"
_PLACE_BEFORE = re.compile(_PLACE_WORD + "$")
_PLACE_THE_BEFORE = re.compile(_PLACE_WORD + r"(?:the\s+)?$")  # "in the Hunter Valley"
_COMPANY_AFTER = re.compile(r"\s+(?:studio|studios|production company|outfit)\b")
_PERSON_AFTER = re.compile(
    r"\s+(?:said|says|told|tells|wrote|writes|added|explained)\b|"
    r"-(?:led|fronted|helmed|hosted|starring|penned|created)\b"  # "the Gary Oldman-led drama"
)

_APPOSITIVE_GAP = re.compile(r"\s*,\s*(?:(?:the|a|an)\s+)?")
# "Mick Herron's Slough House novels, sits at 8.2": a name that a verb separates from the
# figure is not the figure's owner, as "Dark Matter's 8.2" or "Paradise (81%)" are
_VERB_BETWEEN = re.compile(
    r"(?:,|\band\b)\s*(?:(?:currently|now|still|already|also) )?(?:sits?|holds?|has|had|is|"
    r"was|scored|scores|earned|earns|boasts?|carrie[sd]|rates?|rated|drew|draws|landed|lands|"
    r"got|gets)\b"
)
_KIN_NOUN = re.compile(r"\b(?:prequel|sequel|spin-?off|reboot|remake)$")
_RELATIVE_OPENING = re.compile(
    r"\W*(?:(?:both|all|neither|none|each|either) of (?:which|whom)|which|who|whose)\b"
)
_OTHER_ONE = re.compile(r"\b(?:other|another|rival|sister|competing|previous|former|fellow)\b")
_RELATIVE_NOUN = re.compile(
    r"\s+(?:predecessor|parent|sister|rival|competitor|lead-in|counterpart|spin-?off|original)\b"
)


def names_something(raw: str) -> bool:
    """A capitalised name mid-sentence that could be a show's title: not a network, a day,
    a month, or a person introduced as one ("star Renée Oduya wrote"). In a headline,
    words capitalised only because it is one ("Here's What We Know About Season 3") are
    no name."""
    headline = is_title_case(raw)
    person_end = -1  # where the latest person's name ended
    for match in _NAME.finditer(raw):
        if _is_common(match.group()):
            continue
        if headline and all(w in _HEADLINE_WORDS for w in match.group().split()):
            continue
        if _MIDDLE_INITIAL.match(raw, match.end()) and re.search(r"\s[A-Z]$", match.group()):
            continue  # "Willard R. Abbott": a person's name
        if _is_person(raw, match.start(), match.end()) or (
            person_end >= 0 and raw[person_end : match.start()] in (" and ", ", ", ", and ")
        ):
            person_end = match.end()  # "Stars Jo Bellamy and Aaron Pike": both people
            continue
        if _PLACE_BEFORE.search(raw, max(0, match.start() - 8), match.start()):
            continue  # "cameras have been rolling in Alberta": a place
        if _COMPANY_AFTER.match(raw, match.end()):
            continue  # "from Hobart studio Lantern Yard": the studio's home
        if _KIND_ADJECTIVE.fullmatch(match.group()) and _KIND_AFTER.match(raw, match.end()):
            continue  # "AMC has cancelled the Southern gothic": a description
        return True
    return False


# a capitalised adjective of place or period before a kind of show
_KIND_ADJECTIVE = re.compile(r"[A-Z][a-z]+(?:ern|ish|ian|ese|ic|an)")
_KIND_AFTER = re.compile(
    r" (?:[a-z-]+ )?(?:gothic|drama|comedy|series|show|thriller|sitcom|procedural|soap|noir|"
    r"western|saga|epic|anthology|mystery|romance|horror|dramedy|period piece|crime drama|"
    r"co-production|import|adaptation|miniseries|docuseries|anime|k-drama)\b"
)


_COMMON_TITLE_WORDS = _words(
    "of the and & in on at a an to for Cast Plot Premise Production Reception Ratings Reviews "
    "Background History Overview Summary Synopsis Episodes Characters Music Awards Verdict "
    "Conclusion Introduction Related Comments Share More Trending Spoilers FAQ References"
)
_MIDDLE_INITIAL = re.compile(r"\.\s+[A-Z][a-z]")
_HEADLINE_WORDS = (
    _LEADERS
    | _FOLLOWERS
    | _words(
        "Here's Here’s Here Everything Anything What We Know Need You Your About Release Date "
        "Dates Cast Plot News Details Trailer Renewal Status Updates More So Far Be There Another "
        "Explained Guide Expect Latest Look Coming Back Next New Know"
    )
)
_TITLE_WORD = re.compile(r"[A-Z0-9][\w'’.&:+-]*|of|the|and|&|in|on|at|a|an|to|for")


def looks_like_title(text: str) -> bool:
    """Whether a heading is a bare title ("Copper Valley", "The Night Ledger (Hulu)"):
    capitalised words only, and not only headline words ("The Cast", "What We Know")."""
    words = re.sub(r"\s*\([^)]*\)\s*$", "", text).split()
    if not words or len(words) > 6 or not all(_TITLE_WORD.fullmatch(w) for w in words):
        return False
    return not all(w.strip(":") in _HEADLINE_WORDS | _COMMON_TITLE_WORDS for w in words)


# Fact-box lines on the show's own page or item: "Renewal status: …", "Final season: 5."
_STATUS_LABEL = re.compile(
    r"(?:(?:renewal )?status|(?:final|last|latest|current|next) (?:season|series))\s*:"
)


def _update_subject(sentences: Sequence[Sentence], index: int, matcher: ShowMatcher) -> bool:
    """An "Update:" box speaks of the story it follows: in a list of shows, of the item
    just above it; in an article, of the article's subject."""
    for prev in reversed(sentences[:index]):
        if prev.kind == "update":
            continue
        if matcher.mentions(prev.norm, prev.text):
            return True
        if matcher.other_titles(prev.text, prev.norm) or prev.kind == "list":
            return False
    return True


def refers_to_show(
    sentences: Sequence[Sentence],
    index: int,
    matcher: ShowMatcher,
    subject: bool,
    discourse: Discourse | None = None,
) -> tuple[bool, str]:
    """Whether sentence `index` is about the tracked show, and how we know ("named"/"anaphor").

    An unnamed sentence is attributed to the document's subject only if it contains
    an anaphor and the latest sentence of the same paragraph that named any show
    named only the tracked one.
    """
    sentence = sentences[index]
    if matcher.mentions(sentence.norm, sentence.text):
        return True, "named"
    if _ITSELF.search(sentence.text) or _ELSEWHERE.match(sentence.norm):
        # "Dry County itself was renewed in January", "Elsewhere, the season ended for
        # Blackwater": the sentence has turned to another show
        return False, ""
    anaphors = _anaphors(sentence.norm)
    pointing = anaphors or "the former" in sentence.norm or "the latter" in sentence.norm
    described = discourse.described_as(index) if discourse and pointing else None
    if described == OURS or (
        described is not None and not matcher.other_titles(sentence.text, sentence.norm)
    ):
        # "The legal drama grew its audience": the show described so, wherever it stands;
        # "Engine 19 was renewed, while the legal drama got a third season" speaks of
        # both, and its clauses say which part is whose
        return described == OURS, "described"
    if (
        discourse
        and anaphors
        and matcher.other_titles(sentence.text, sentence.norm)
        and discourse.in_a_clause(index)
    ):
        return True, "described"
    if discourse and anaphors and discourse.not_ours(index):
        return False, "described"  # "the comedy", of a document whose show is a drama
    if not subject:
        return False, ""
    if subject and _STATUS_LABEL.match(sentence.norm):
        return True, "label"  # "Renewal status: Awaiting decision." on the show's own page
    if sentence.kind == "update" and not matcher.other_titles(sentence.text, sentence.norm):
        return _update_subject(sentences, index, matcher), "update"
    if not anaphors:
        # "S3 is a go! Hulu confirmed that Kestrel will return": in a paragraph that names
        # the show and no other, an unnamed sentence that names nothing else is about it.
        block = [s for s in sentences if s.block == sentence.block]
        named = (
            any(matcher.mentions(s.norm, s.text) for s in block)
            or _headed(sentences, index, matcher)
            or _still_the_subject(sentences, index, matcher, block)
        )
        # a text given for the show that names no show at all is about it (DESIGN.md)
        named = named or (discourse is not None and not discourse.shows())
        # a comparison the paragraph goes on to draw does not take back what came before
        alone = not any(
            matcher.other_titles(s.text, s.norm) for s in block if s.start <= sentence.start
        )
        alone = alone and not other_one(sentence.norm)
        if (
            named
            and alone
            and discourse
            and _latest_reference(sentences, index, discourse) is False
        ):
            # "The ranching drama, …its answer to Yellowstone, has been renewed. Showrunner
            # Eli Castañeda said…": the paragraph has moved on to the show it described
            return False, "paragraph"
        return named and alone and not names_something(sentence.text), "paragraph"
    pronoun_only = all(m.group() in _PRONOUNS for m in anaphors)
    pronoun_only = pronoun_only and not _SHOW_PREDICATE.search(sentence.norm)
    if topical_others(sentence, matcher):
        return False, ""
    for prev in reversed(sentences[:index]):
        if prev.block != sentence.block:
            # A list item speaks of the show it names; "the series" in an item that
            # named nothing cannot borrow the page's subject. A bare "it" at the start of
            # a paragraph is as likely the network as the show, unless the heading just
            # above names the show ("5. Hartwell Academy (NBC)" over its item).
            if _headed(sentences, index, matcher):
                return True, "anaphor"
            # "THEY UNCANCELLED HEX APPEAL." / "Peacock dropped it in March and Prime Video
            # has picked it up for season 3": the story goes on where only ours was named
            if pronoun_only and not names_something(sentence.text):
                block = [s for s in sentences if s.block == sentence.block]
                pronoun_only = not _still_the_subject(sentences, index, matcher, block)
            return sentence.kind != "list" and not pronoun_only, "anaphor"
        first = discourse.first_reference(sentences.index(prev)) if discourse else None
        if first is not None:
            # the latest sentence naming shows: its subject, the show it names first
            # ("The epistolary drama holds a 97%, numbers the renewed Copperhead can only
            # dream of. It still wasn't enough: ABC cancelled the show")
            return first, "anaphor"
        if topical_others(prev, matcher):
            return False, ""
        mentions = matcher.mentions(prev.norm, prev.text)
        if mentions and all(in_passing(prev.norm, m.start, m.end, False) for m in mentions):
            # "Hatchet Lake was a lock, given it's Prime's biggest original since Reacher.
            # Well, Prime has cancelled the show": the show is the other name
            if names_something(prev.text):
                return False, ""
            continue
        if mentions:
            return True, "anaphor"
    return sentence.kind != "list" and not pronoun_only, "anaphor"


# A named show set against ours ("The Ember Throne itself returns for its third season"),
# and a paragraph turning to other shows ("Elsewhere, the season ended for Blackwater")
_ITSELF = re.compile(
    r"(?:^|[,;:]\s)[\"“‘']?(?:The\s)?[A-Z][\w'’&-]*(?:\s[A-Z][\w'’&-]*)*\sitself\b"
)
_ELSEWHERE = re.compile(r"(?:elsewhere|in other news|over at|meanwhile, over)\b")


def _latest_reference(
    sentences: Sequence[Sentence], index: int, discourse: Discourse
) -> bool | None:
    """Whether the paragraph's latest sentence that speaks of a show speaks of ours first."""
    for back in range(index - 1, -1, -1):
        if sentences[back].block != sentences[index].block:
            return None
        first = discourse.first_reference(back)
        if first is not None:
            return first
    return None


# "It was cancelled after two seasons": what "it" does here only a show can do, so it
# is no network
_SHOW_PREDICATE = re.compile(
    r"\bit(?:'s| (?:has|had|was|is|will|would|won't|wasn't|isn't|hasn't)(?: not)?"
    r"(?: be| been| now| officially| also| quietly)*) (?:renewed|cancell?ed|axed|canned|"
    r"scrapped|revived|picked up for|greenlit|green-lit|getting a|return(?:ing)?|ending|"
    r"end|back for|coming back)\b|\bits (?:(?:first|second|third|fourth|fifth|sixth|final|"
    r"last|next|new|upcoming|[0-9]+(?:st|nd|rd|th)) )?(?:season|series finale|finale|run)\b"
)


def topical_others(sentence: Sentence, matcher: ShowMatcher) -> list[tuple[int, int]]:
    """Other shows' titles a sentence talks about, not those named in passing: "the best
    thing Starz has aired since Outlander", "its answer to Yellowstone", "from the
    producers of This Is Us", "Westbrook High creator Patti Moreno" leave the sentence's
    topic where it was."""
    return [
        (start, end)
        for start, end in matcher.other_title_spans(sentence.text, sentence.norm)
        if not in_passing(sentence.norm, start, end)
    ]


def _still_the_subject(
    sentences: Sequence[Sentence], index: int, matcher: ShowMatcher, block: Sequence[Sentence]
) -> bool:
    """Whether a paragraph that names no show continues the tracked one's story: the latest
    paragraph before it that names a show names ours and no other ("Dead Reckoning S3 -
    it's happening!!" / "Third season confirmed, filming in Halifax in the fall.")."""
    if sentences[index].kind == "list" or any(matcher.other_titles(s.text, s.norm) for s in block):
        return False
    for prev in reversed(sentences[:index]):
        if prev.block == sentences[index].block:
            continue
        if topical_others(prev, matcher):
            return False
        if matcher.mentions(prev.norm, prev.text):
            return True
    return False


def _headed(sentences: Sequence[Sentence], index: int, matcher: ShowMatcher) -> bool:
    """Whether the paragraph sits right under a heading that is the tracked show's bare
    title ("Tamsin" / "Renewed for a second season at Hulu.")."""
    block = sentences[index].block
    heading = next((s for s in reversed(sentences[:index]) if s.block != block), None)
    return (
        heading is not None
        and heading.kind in ("heading", "title")
        and sentences[index].kind == "para"
        and looks_like_title(heading.text)
        and bool(matcher.mentions(heading.norm, heading.text))
    )


def owner_of(
    sentence: Sentence,
    matcher: ShowMatcher,
    about: bool,
    clauses: Sequence[tuple[int, int]],
    other_shows: Sequence[str] = (),
) -> Callable[[int], bool]:
    """Who a position in the sentence speaks of: the nearest show named in its clause.

    Within a clause, names before a position count at face distance and names after it
    at double, since a subject usually comes first ("Dark Matter's 8.2 on IMDb"). A
    clause that names nothing belongs to the last show named before it ("Silo holds an
    85%, while Foundation's sits at 92%"); failing that, the sentence's attribution.
    `other_shows` are titles the document names as other shows (normalised): they are
    theirs wherever they stand, even opening a sentence ("Brightwater, for its part, …").
    """
    bounds = list(clauses) or [(0, len(sentence.norm))]
    mine = [(m.start, m.end) for m in matcher.mentions(sentence.norm, sentence.text)]
    titles = [
        span
        for span in [
            *matcher.other_title_spans(sentence.text, sentence.norm),
            *_spans_of(sentence.norm, other_shows),
        ]
        if not _overlaps(span, mine)
    ]
    theirs = [
        span
        for span in _name_spans(sentence.text)
        if not _overlaps(span, mine) and not _person_or_place(sentence.text, span)
    ]
    theirs += [span for span in titles if not _overlaps(span, theirs)]
    theirs += [span for span in other_one_spans(sentence.norm) if not _overlaps(span, theirs)]
    ours = mine + (_own_anaphors(sentence.norm, mine, theirs, titles) if about else [])
    theirs = [span for span in theirs if not _overlaps(span, ours)]
    named = sorted([(span, True) for span in ours] + [(span, False) for span in theirs])
    relatives = [(s, e) for s, e in bounds if _RELATIVE_OPENING.match(sentence.norm, s)]
    # "It holds a 9.0 - a hair behind Breaking Bad's 9.5 - and a 98% Tomatometer": an
    # aside between dashes is parenthetical too
    relatives += [
        (s, e)
        for (s, e), (following, _) in pairwise(bounds)
        if sentence.norm.startswith(" - ", s) and sentence.norm.startswith(" - ", following)
    ]

    def _antecedent(start: int) -> bool:
        # "Cold Cove, which aired opposite it, sits at 8.8": a relative clause is
        # parenthetical, its names are not the subject's
        before = [
            mine
            for span, mine in named
            if span[0] < start and not any(s <= span[0] < e for s, e in relatives)
        ]
        return before[-1] if before else about

    def owner(position: int) -> bool:
        start, end = next(((s, e) for s, e in bounds if s <= position < e), bounds[-1])
        here = [(span, mine) for span, mine in named if start <= span[0] < end]
        if not here:
            return _antecedent(start)
        # A name right before the figure owns it ("Dark Matter's 8.2", "Paradise (81%)");
        # otherwise the clause's subject does, the first name in it.
        adjacent = [
            (position - s[1], mine)
            for s, mine in here
            if 0 <= position - s[1] <= 20
            and not _VERB_BETWEEN.search(sentence.norm, s[1], position)
        ]
        if adjacent:
            return min(adjacent)[1]
        if (start, end) in relatives:
            # "the police drama, which streams on Crave and holds a 7.8": a relative
            # clause's names are its objects; its subject is the name it follows
            return _antecedent(start)
        leading = [(s, mine) for s, mine in here if s[0] < position]
        return leading[0][1] if leading else about

    return owner


def _own_anaphors(
    norm: str,
    mine: list[tuple[int, int]],
    theirs: list[tuple[int, int]],
    titles: list[tuple[int, int]],
) -> list[tuple[int, int]]:
    """Anaphors that can speak of the tracked show. Not "its predecessor"; not a
    description set before another name ("the Apple comedy Bad Neighbours"); not "it" or
    "its" whose nearest title before it is another show's ("Brightwater, for its part,
    holds a 93%")."""
    spans = []
    for m in _anaphors(norm):
        if _RELATIVE_NOUN.match(norm, m.end()) or _OTHER_ONE.search(m.group()):
            continue  # "its predecessor", "the network's other new drama"
        if _KIN_NOUN.search(m.group()) and any(m.start() <= start < m.end() for start, _ in theirs):
            continue  # "the Cold Cove prequel": another show's relative
        if any(m.end() <= start <= m.end() + 2 for start, _ in theirs) or any(
            end <= m.start() <= end + 8 and _APPOSITIVE_GAP.fullmatch(norm, end, m.start())
            for _, end in theirs
        ):
            continue  # an appositive description of the name beside it
        if m.group() in _PRONOUNS and _nearest_before(m.start(), mine, titles) is False:
            continue
        spans.append(m.span())
    return spans


def _nearest_before(
    position: int, mine: list[tuple[int, int]], titles: list[tuple[int, int]]
) -> bool | None:
    """Whether the title nearest before `position` is the tracked show's (None: no title)."""
    before = [(end, True) for _, end in mine if end <= position]
    before += [(end, False) for _, end in titles if end <= position]
    return max(before)[1] if before else None


def _spans_of(norm: str, titles: Sequence[str]) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _word_spans(norm, titles)] if titles else []


_INITIAL_NAME = re.compile(r"^[\"“‘']?([A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*)*)(?=\s*\(|['’]s\b|:)")


# "Blackfen, the streamer's buzziest import, holds …": a name described as a work, not as
# a person ("Ruiz, the show's creator, said") nor an opening adverb ("Meanwhile, the …")
_INITIAL_DESCRIBED = re.compile(
    r"^[\"“‘']?([A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*)*)[”\"’']?,\s+(?:the|a|an|another)\s+"
    r"([^,]{1,45}),"
)
_PERSON_NOUN = re.compile(
    r"\b(?:star|creator|showrunner|actor|actress|executive|president|producer|writer|director|"
    r"host|author|novelist|chief|head|spokes\w+|critic|analyst|reporter|editor|fan|man|woman|"
    r"veteran|alum\w*|newcomer|lead|co-\w+|founder|ceo|officer|boss)s?\b",
    re.IGNORECASE,
)


def _initial_described(raw: str) -> re.Match[str] | None:
    match = _INITIAL_DESCRIBED.match(raw)
    if match is None or _PERSON_NOUN.search(match.group(2)):
        return None
    name = match.group(1)
    if " " not in name and (name in _HEADLINE_WORDS or name.endswith("ly")):
        return None
    return match


def _is_person(raw: str, start: int, end: int) -> bool:
    """ "star Renée Oduya", "Oduya said" (but "said The Bear will return" names a show)."""
    return bool(
        (
            not raw.startswith("The ", start)
            and _PERSON_BEFORE.search(raw, max(0, start - 20), start)
        )
        or _PERSON_AFTER.match(raw, end)
    )


def _person_or_place(raw: str, span: tuple[int, int]) -> bool:
    """ "star Renée Oduya", "filming in the Hunter Valley", "its Scottish heist drama": a
    name that is not a show's, and owns no figure."""
    start, end = span
    return bool(
        _is_person(raw, start, end)
        or _PLACE_THE_BEFORE.search(raw, max(0, start - 12), start)
        or raw[start:end] in _DEMONYMS
        or (
            _DETERMINER_BEFORE.search(raw, max(0, start - 6), start) is not None
            and _GENRE_AFTER.match(raw, end) is not None
        )
    )


# "a 1920s Welsh mining town": a people's adjective names no show
_DEMONYMS = _words(
    "American British English Scottish Welsh Irish Canadian Australian Kiwi French German "
    "Spanish Italian Danish Swedish Norwegian Finnish Icelandic Dutch Belgian Polish Russian "
    "Ukrainian Turkish Greek Israeli Indian Pakistani Chinese Japanese Korean Taiwanese Thai "
    "Mexican Brazilian Argentine Colombian Chilean Nigerian African European Asian Latin "
    "Nordic Scandinavian Southern Northern Texan Californian Victorian Edwardian Georgian "
    "Elizabethan Tudor Regency"
)
# "its Scottish heist drama", "a British crime series": a name that describes a work is
# an adjective, not a title (a kin noun is no description: "the Yellowstone prequel")
_DETERMINER_BEFORE = re.compile(r"\b(?:its|their|the|a|an|this|that)\s+$")
_GENRE_AFTER = re.compile(
    r"\s+(?:[a-z][\w'-]*\s+){0,3}(?:series|show|drama|melodrama|dramedy|comedy|sitcom|"
    r"thriller|procedural|western|mystery|soap|saga|anthology|miniseries|docuseries|"
    r"romance|horror|period piece)\b"
)


def _name_spans(raw: str) -> list[tuple[int, int]]:
    """Spans of names that are not networks, days, months or rating sites."""
    spans = [m.span() for m in _NAME.finditer(raw) if not _is_common(m.group())]
    initial = _INITIAL_NAME.match(raw) or _initial_described(raw)
    if (
        initial
        and not _is_common(initial.group(1))
        and not all(
            w in _COMMON_TITLE_WORDS or w.lower() in _LABELS for w in initial.group(1).split()
        )
    ):
        # "Landman (IMDb: 8.0) and …", "Severance, the streamer's top drama, holds …":
        # a title opens it
        spans.append(initial.span(1))
    return spans
