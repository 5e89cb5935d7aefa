"""The extractor's engine: text or HTML in, one Extraction per tracked show out.

See tracker.extract for the picture; this module holds the code behind it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import date

from tracker.extract import learned
from tracker.extract.attribution import (
    looks_like_title,
    names_something,
    owner_of,
    refers_to_show,
    topical_others,
)
from tracker.extract.cues import CUES
from tracker.extract.decide import Candidate, Decision, decide
from tracker.extract.discourse import OURS, Discourse, in_passing
from tracker.extract.document import Document, from_text
from tracker.extract.html import from_html
from tracker.extract.model import Evidence, Extraction, Ratings
from tracker.extract.quotes import Quotes, find_quotes, weigh
from tracker.extract.ratings import Owner, continues_scores, mentions_a_site, ratings_in
from tracker.extract.rules import read_sentence, sentence_clauses
from tracker.extract.safeguard import Context, anothers_past_end, confirm
from tracker.extract.seasons import infer_season, more_seasons, season_refs
from tracker.extract.shows import NETWORKS, ShowMatcher, is_common, matcher_for
from tracker.extract.text import Sentence, normalise

__all__ = ["extract", "extract_document", "fallback_view", "read_document"]


def read_document(
    *, text: str | None = None, html: str | None = None, published: date | None = None
) -> Document:
    """Turn raw input into a Document (HTML when given, else plain text)."""
    if html is not None:
        document = from_html(html)
        if published and not document.published:
            return Document(
                document.blocks,
                document.title,
                published,
                document.canonical,
                document.site_ratings,
            )
        return document
    return from_text(text or "", published)


def extract(
    show: str,
    aliases: Sequence[str] = (),
    *,
    text: str | None = None,
    html: str | None = None,
    published: date | None = None,
    explain: bool = False,
    doubt: bool = True,
) -> Extraction:
    """What the document says about `show`'s future: status, season, certainty, ratings.

    With `explain`, `notes` also say why the other statements were set aside. Without
    `doubt`, a renewal or cancellation the rules find stands even when the learned reader
    all but rules it out (tests of the rules themselves read them this way).
    """
    document = read_document(text=text, html=html, published=published)
    return extract_document(document, show, aliases, explain=explain, doubt=doubt)


def extract_document(
    document: Document,
    show: str,
    aliases: Sequence[str] = (),
    *,
    explain: bool = False,
    doubt: bool = True,
) -> Extraction:
    """Run the rules over an already-read document (lets one page serve several shows)."""
    with _fresh_matcher(show, aliases) as matcher:
        return _extract(document, matcher, show, explain, doubt)


@contextmanager
def _fresh_matcher(show: str, aliases: Sequence[str]) -> Iterator[ShowMatcher]:
    """The show's (cached) matcher with its memo fresh for one document."""
    matcher = matcher_for(show, tuple(aliases))
    matcher.forget()
    try:
        yield matcher
    finally:
        matcher.forget()  # the memo serves one document; a cached matcher keeps none alive


def _attribute(
    sentences: Sequence[Sentence], matcher: ShowMatcher
) -> tuple[Discourse, bool, dict[int, bool | None], list[int]]:
    """Who the text speaks of: its discourse, whether the show is its subject, listicle
    sections, and the indices of the sentences about the show."""
    discourse = Discourse(sentences, matcher)  # first: it tells the matcher the other shows
    subject = _is_subject(sentences, matcher)
    sections = _listicle_sections(sentences, matcher)
    about = _sentences_about(sentences, matcher, subject, sections, discourse)
    return discourse, subject, sections, about


def _extract(
    document: Document, matcher: ShowMatcher, show: str, explain: bool, doubt: bool
) -> Extraction:
    """The extraction itself, with the matcher's memo fresh for this document."""
    sentences = document.sentences()
    discourse, subject, sections, about = _attribute(sentences, matcher)
    year = document.published.year if document.published else None
    quotes = find_quotes(document)
    candidates = _before_later(
        sentences,
        [
            c
            for index in about
            for c in _candidates(
                sentences[index],
                index,
                year,
                matcher,
                quotes,
                discourse,
                _answered(sentences, index),
            )
        ],
    )
    candidates = [c for c in candidates if not anothers_past_end(c, sentences, matcher)]
    context = Context(sentences, matcher, about, quotes, year)
    decision = confirm(decide(candidates), candidates, context)
    if not candidates and _speaks_alone(sentences, matcher):
        decision = _learned(_fallback_texts(sentences, matcher, about, subject, discourse))
    elif (
        doubt
        and decision.status in learned.DOUBTED
        and not _said_official(decision)
        and not _sourced(decision, matcher)
    ):
        hearsay = _hedged_against(decision, candidates)

        def reading() -> list[tuple[Sentence, str]]:
            read = _fallback_texts(sentences, matcher, about, subject, discourse)
            # in a listicle, another item's lines are that show's news, not ours; and a
            # rumour the rules have read as one is no evidence against the decision
            return [
                r
                for r in read
                if sections.get(r[0].block) is not False and r[0].start not in hearsay
            ]

        decision = _doubted(decision, sentences, matcher, reading)
    season = decision.season
    if season is None:
        # sentences naming no show in a text about it ("A decision on a third season is
        # expected"), read for a season only when those about the show name none
        unnamed = _unnamed(sentences, matcher, about, subject, discourse)
        season = _season_inferred(decision, candidates, sentences, matcher, about, unnamed)
    ratings = ratings_in(
        _rating_sentences(sentences, set(about), matcher, subject, sections, discourse)
    )
    return Extraction(
        show=show,
        status=decision.status,
        season=season,
        certainty=decision.certainty,
        lean=decision.lean,
        published=document.published,
        ratings=_merge_site_ratings(ratings, document),
        evidence=decision.evidence,
        notes=(
            (*decision.withdrawn, *_notes(sentences, set(about), candidates, decision.evidence))
            if explain
            else ()
        ),
    )


def _hedged_against(decision: Decision, candidates: Sequence[Candidate]) -> set[int]:
    """Starts of the sentences whose only statements are hedges leaning against the
    decision: "Q: My uncle swears he read that Tamarind got canceled. A: Tamarind hasn't
    been canceled; Hulu picked it up for a third season." The rules read the hearsay as
    hearsay; a bag of words reads "canceled" twice."""
    against = "cancel" if decision.status == "renewed" else "renew"
    hedged: set[int] = set()
    plain: set[int] = set()
    for c in candidates:
        if "+hedged" in c.evidence.rule and c.lean == against:
            hedged.add(c.evidence.start)
        else:
            plain.add(c.evidence.start)
    return hedged - plain


def _sourced(decision: Decision, matcher: ShowMatcher) -> bool:
    """ "Prime Video is renewing Ballard for a second season, according to two people
    familiar with the plans, though the streamer has not announced anything yet": a
    report that names the show and its sources is what the text claims; a bag of words
    reads its "has not announced" as a wait."""
    if not decision.evidence or decision.evidence[0].certainty != "reported":
        return False
    text = decision.evidence[0].text
    return bool(_SOURCES.search(text)) and bool(matcher.mentions(normalise(text), text))


_SOURCES = re.compile(
    r"\baccording to (?:two |three |several |multiple )?(?:people|sources|insiders|"
    r"individuals|people familiar)\b|\bsources (?:say|said|tell|told|close to)\b|"
    r"\bpeople familiar with\b",
    re.IGNORECASE,
)


def _said_official(decision: Decision) -> bool:
    """ "It's official: Marsh Lane has been cancelled", "…, NBC has cancelled the show": a
    text that says in so many words that the decision is official, or has the network
    state it plainly, is not second-guessed by the learned reader."""
    if not decision.evidence:
        return False
    text = decision.evidence[0].text
    if decision.evidence[0].certainty != "official":
        return bool(_IT_IS_OFFICIAL.search(text))
    return bool(
        _IT_IS_OFFICIAL.search(text)
        or _NETWORK_DID.search(text)
        or (decision.status == "cancelled" and _NETWORK_CANCELLED.search(text))
    )


_IT_IS_OFFICIAL = re.compile(r"\b[Ii]t['’]s official\b|\b[Ii]t is official\b")
# A network's own act on the show the text is about, as the sentence's main clause: "With
# Season 3 wrapped and its ratings down by a third, NBC has cancelled the show." (With a
# title as the object the reader may still see a revival the rules missed.)
_NETWORK_OPENS = (
    r"(?:^|[,:;]\s)(?:"
    + "|".join(sorted(map(re.escape, NETWORKS), key=len, reverse=True))
    + r")\+?\s"
)  # a network opening the main clause
_NETWORK_DID = re.compile(
    _NETWORK_OPENS
    + r"(?:has|have)\s(?:(?:officially|formally|now|just)\s)?(?:cancell?ed|axed|renewed|"
    r"picked up)\s(?:the (?:show|series|drama|comedy)|it)\b",
    re.IGNORECASE,
)

# "…: Hulu cancelled Paper Lanterns last week": a network ending a show in its main clause
# (a cancellation has no revival behind it for the reader to see)
_NETWORK_CANCELLED = re.compile(
    _NETWORK_OPENS + r"(?:(?:has|have)\s)?(?:(?:officially|formally|now|just|quietly)\s)?"
    r"(?:cancell?ed|axed)\s",
    re.IGNORECASE,
)


def _before_later(sentences: Sequence[Sentence], candidates: list[Candidate]) -> list[Candidate]:
    """ "Fox cancelled Redwater in May. Four months later, Netflix has picked it up": what a
    story told before its "… later," is background to what it tells after it."""
    if len(candidates) < 2:
        return candidates
    first = min(c.position for c in candidates)
    last = max(c.position for c in candidates)
    turn = max(
        (i for i in range(first + 1, last + 1) if _LATER.match(sentences[i].norm)), default=None
    )
    if turn is None or sentences[turn].block != sentences[first].block:
        return candidates
    return [
        replace(c, historical=True)
        if c.position < turn and sentences[c.position].block == sentences[turn].block
        else c
        for c in candidates
    ]


_LATER = re.compile(
    r"(?:(?:a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few|"
    r"\d+) (?:days?|weeks?|months?|years?)|a year and a half|weeks|months|years) later\b"
)


def fallback_view(document: Document, show: str, aliases: Sequence[str] = ()) -> list[str]:
    """The sentences the learned fallback reads for `show`, as it reads them (for training)."""
    with _fresh_matcher(show, aliases) as matcher:
        sentences = document.sentences()
        discourse, subject, _, about = _attribute(sentences, matcher)
        return [text for _, text in _fallback_texts(sentences, matcher, about, subject, discourse)]


def _fallback_texts(
    sentences: Sequence[Sentence],
    matcher: ShowMatcher,
    about: Sequence[int],
    subject: bool,
    discourse: Discourse,
) -> list[tuple[Sentence, str]]:
    """What the learned fallback may read: the sentences about the show, and, in a text
    about it, those naming no show at all ("The streamer has yet to decide") that the
    paragraph does not give to another show. Titles are masked: the tracked one as one
    stand-in, every other as another, so the model learns the words around them."""
    chosen = {*about, *_unnamed(sentences, matcher, about, subject, discourse)}
    out = []
    for index, sentence in enumerate(sentences):
        if index not in chosen:
            continue
        out.append((sentence, _masked(sentence, matcher)))
    return out


def _masked(sentence: Sentence, matcher: ShowMatcher) -> str:
    """The normalised sentence with the tracked title as one stand-in, every other as
    another."""
    ours = [(m.start, m.end) for m in matcher.mentions(sentence.norm, sentence.text)]
    others = matcher.other_title_spans(sentence.text, sentence.norm)
    chars = list(sentence.norm)
    for spans, mark in ((ours, learned.SHOW), (others, learned.OTHER)):
        for start, end in spans:
            end = min(end, len(chars))
            chars[start:end] = [mark] + [" "] * (end - start - 1)
    return "".join(chars)


def _season_inferred(
    decision: Decision,
    candidates: Sequence[Candidate],
    sentences: Sequence[Sentence],
    matcher: ShowMatcher,
    about: Sequence[int],
    unnamed: Sequence[int],
) -> int | None:
    """The season of a decision whose own statement named none, from the rest of the text:
    the sentences about the show first, then those naming no show."""
    status = decision.status
    if status in ("pending", "cancelled", "ended"):
        season = infer_season(
            status, [_own_text(sentences[i], matcher) for i in about]
        ) or infer_season(status, [_own_text(sentences[i], matcher) for i in unnamed])
        if status == "pending":
            return _after_past_orders(season, candidates)
        if status == "cancelled":
            return _before_awaited(season, candidates)
        # "renewed for a fifth and final season in 2023 … the series finale aired": the
        # final season announced is the last one made
        ending = max((c.season or 0 for c in candidates if c.status == "ending"), default=0)
        return season or ending or None
    if not decision.evidence or status not in ("renewed", "revived", "ending"):
        return None
    # "ordered 20 new episodes of the comedy, which will air as its eighth season", or
    # in another sentence: "the new batch of episodes will be billed as season eight"
    lead = [i for i, s in enumerate(sentences) if s.start == decision.evidence[0].start][:1]
    # "renewed for one more season - its last. The drama, midway through its fourth
    # season, will wrap up in 2026": a count from another current statement of no season
    counted = [*lead, *(c.position for c in candidates if _counts_on(c))]
    more = max(
        (more_seasons(sentences[i].norm, 0, len(sentences[i].norm)) for i in counted), default=0
    )
    # the decision's own sentence first, unless the learned fallback took it from a
    # sentence naming no show (in a listicle, maybe another item's)
    order = [*lead, *about, *unnamed] if set(lead) <= set(about) else [*about, *lead, *unnamed]
    for index in dict.fromkeys(order):
        season = _season_named(sentences[index], matcher, status, more)
        if season is not None:
            return season
    return None


def _counts_on(c: Candidate) -> bool:
    """A current order or end that names no season of its own ("for one more season")."""
    return not c.historical and not c.season and c.status in ("renewed", "revived", "ending")


def _unnamed(
    sentences: Sequence[Sentence],
    matcher: ShowMatcher,
    about: Sequence[int],
    subject: bool,
    discourse: Discourse,
) -> list[int]:
    """In a text about the show, the sentences besides those about it that name no show
    at all ("The streamer has yet to decide") and that the paragraph does not give to
    another show."""
    if not subject:
        return []
    chosen = set(about)
    return [
        index
        for index, sentence in enumerate(sentences)
        if index not in chosen
        and not matcher.mentions(sentence.norm, sentence.text)
        and not matcher.other_title_spans(sentence.text, sentence.norm)
        and discourse.first_reference(index) is not False
        and not names_something(sentence.text)  # "Copperline was cancelled": a name
    ]


def _speaks_alone(sentences: Sequence[Sentence], matcher: ShowMatcher) -> bool:
    """Whether the text speaks of the tracked show on its own somewhere (a sentence naming
    it and no other title), or names no other show at all. The fallback reads whole
    sentences, so it must not guess from a text that names the show only beside another:
    "Copperline, the western that premiered alongside Marrow Lane, is done" says nothing
    of Marrow Lane."""
    others_named = False
    for sentence in sentences:
        others = matcher.other_title_spans(sentence.text, sentence.norm)
        if not others and matcher.mentions(sentence.norm, sentence.text):
            return True
        others_named = others_named or bool(others)
    return not others_named


def _learned(read: Sequence[tuple[Sentence, str]]) -> Decision:
    """The learned fallback's answer, as a decision carrying the sentence that leans most
    to it; `unknown`, with a note saying why, when it is not sure or may not answer that
    status."""
    found = learned.guess([text for _, text in read])
    if found is None:
        return Decision("unknown", None, None, None, ())
    sentence = read[found.sentence][0]
    reading = f"{found.status} p={found.probability:.2f}"
    if not found.accepted:
        why = (
            f"below {learned.THRESHOLD:.2f}"
            if found.status in learned.ALLOWED
            else "a status it may not give"
        )
        note = f"learned fallback declined ({reading}: {why}): {_clip(sentence.text)}"
        return Decision("unknown", None, None, None, (), withdrawn=(note,))
    return _read_as(found.status, sentence, f"learned fallback ({reading}; no rule matched)")


def _read_as(
    status: str, sentence: Sentence, rule: str, withdrawn: tuple[str, ...] = ()
) -> Decision:
    """A reading of the learned model as a decision: `reported`, with no season of its own
    (inferred later from the text), citing the sentence that leans most to it."""
    evidence = Evidence(
        text=sentence.text,
        status=status,
        season=None,
        certainty="reported",
        start=sentence.start,
        end=sentence.end,
        rule=rule,
    )
    return Decision(status, None, "reported", None, (evidence,), withdrawn=withdrawn)


def _doubted(
    decision: Decision,
    sentences: Sequence[Sentence],
    matcher: ShowMatcher,
    reading: Callable[[], list[tuple[Sentence, str]]],
) -> Decision:
    """The rules' renewal or cancellation, unless the learned reader all but rules it out:
    then what it reads instead (a wait, an end, or nothing), with a note saying why.

    The decision's own sentences are read first: most decisions are spared there, and the
    whole text (`reading`) is only masked and read for the rest."""
    starts = {e.start for e in decision.evidence}
    own = [_masked(s, matcher) for s in sentences if s.start in starts]
    if learned.spared(own, decision.status):
        return decision
    read = reading()
    found = learned.doubt([text for _, text in read], own, decision.status)
    if found is None:
        return decision
    note = (
        f"doubted ({decision.status} p<{learned.DOUBT:.2f} by the learned reader, which "
        f"reads {found.status} p={found.probability:.2f}): "
        + "; ".join(_clip(e.text) for e in decision.evidence[:2])
    )
    withdrawn = (*decision.withdrawn, note)
    if found.status == "revived":
        # the comeback the rules read, as the revival the reader sees: same sentences
        revival = tuple(
            replace(e, status="revived", rule=f"{e.rule}; read as a revival")
            for e in decision.evidence
        )
        return replace(decision, status="revived", evidence=revival, withdrawn=withdrawn)
    if found.probability < learned.UNSURE:
        # the reader rules the decision out but reads no wait or end either: the text
        # speaks of a decision, and the honest answer is that it is awaited
        awaited = tuple(
            replace(e, status="pending", rule=f"{e.rule}; {decision.status} doubted")
            for e in decision.evidence
        )
        return Decision("pending", None, "speculative", None, awaited, withdrawn=withdrawn)
    if found.status == "unknown":
        return Decision("unknown", None, None, None, (), withdrawn=withdrawn)
    rule = f"learned reader ({found.status} p={found.probability:.2f}; {decision.status} doubted)"
    return _read_as(found.status, read[found.sentence][0], rule, withdrawn)


def _own_text(sentence: Sentence, matcher: ShowMatcher) -> str:
    """The sentence with other shows' seasons blanked out, offsets kept: in "NBC cancelled
    Pinecrest and renewed Night Desk for a seventh season" the season is Night Desk's. A
    season named after another title, with no mention of the tracked show after it, is
    that title's; one leading up to the tracked title ("one freshman go: Parish Road")
    is not."""
    others = matcher.other_title_spans(sentence.text, sentence.norm)
    ours = [(m.start, m.end) for m in matcher.mentions(sentence.norm, sentence.text)]
    of_others = {start for start, mine in _seasons_of(sentence, ours).items() if not mine}
    if not others and not of_others:
        return sentence.norm
    # "CBS cancelled A after one season and ABC cut loose B after three": a season in a
    # clause about another show is that show's
    bounds = sentence_clauses(sentence.norm, sentence.text)
    subjects = _clause_subjects(sentence, bounds, matcher)
    theirs = [
        (s, e)
        for s, e in bounds
        if subjects.get(s) is False and not sentence.norm.startswith(":", e)
    ]  # (a clause ending in a colon introduces what follows: "cutting two freshmen: B")
    titles = sorted([(end, True) for _, end in ours] + [(end, False) for _, end in others])
    text = list(sentence.norm)
    for ref in season_refs(sentence.norm):
        before = [mine for end, mine in titles if end <= ref.start]
        if (
            ref.start in of_others
            or any(s <= ref.start < e for s, e in theirs)
            or (before and not before[-1] and not any(start >= ref.end for start, _ in ours))
        ):
            text[ref.start : ref.end] = " " * (ref.end - ref.start)
    return "".join(text)


def _after_past_orders(season: int | None, candidates: Sequence[Candidate]) -> int | None:
    """A wait is for a season not ordered yet: "renewed last year for Season 2 … no such
    vote of confidence this year" awaits season 3. Only an announced order counts: a
    reported one may be what the wait corrects ("reports it had been renewed were
    premature")."""
    ordered = [
        c.season
        for c in candidates
        if c.historical
        and c.season
        and c.status in ("renewed", "ordered", "revived")
        and c.certainty == "official"
    ]
    if season is None or not ordered or season > max(ordered):
        return season
    return max(ordered) + 1


# Rules whose season is the one awaited, even when negated or hedged ("has yet to order a
# third season", "fate up in the air as Fox weighs a third season"); a negated
# cancellation's season ("hasn't been cancelled after two seasons") is the last one made.
_AWAITING_RULES = frozenset(c.rule for c in CUES if c.status in ("pending", "renewed", "revived"))


def _before_awaited(season: int | None, candidates: Sequence[Candidate]) -> int | None:
    """A cancellation settles a wait: if the text waited on season n ("Fox is weighing a
    third season … Update: Ledger will not return"), season n was never made."""
    awaited = [
        c.season
        for c in candidates
        if c.status == "pending"
        and c.season
        and not c.historical
        and c.evidence.rule.split("+")[0].split(" ")[0] in _AWAITING_RULES
    ]
    if not awaited or (season is not None and season < min(awaited)):
        return season
    return min(awaited) - 1 or None


def _is_subject(sentences: Sequence[Sentence], matcher: ShowMatcher) -> bool:
    """Whether "the series" and "the spinoff" in this document mean the tracked show.

    They do when the headline names it, or when no other title is named more often: in
    a "Bosch: Legacy" story that mentions the original Bosch twice, "the spinoff" is
    Legacy, whoever is watching Bosch.
    """
    ours = 0
    others: Counter[str] = Counter()
    for sentence in sentences:
        named = len(matcher.mentions(sentence.norm, sentence.text))
        if named and sentence.kind == "title":
            return True
        ours += named
        spans = topical_others(sentence, matcher)
        titles = [sentence.text[s:e] for s, e in spans]
        if (
            sentence.kind == "title"
            and not ours
            and any(_quoted_at(sentence.text, s) for s, _ in spans)
        ):
            return False  # "Cast Exodus Hits 'Bayou Blue' as ABC Moves On": that show's story
        others.update(normalise(t).strip(" ’'\"") for t in titles)
    # A text given for a show that names no title at all is about that show (DESIGN.md).
    return ours >= max(others.values(), default=0) and (ours > 0 or not others)


def _quoted_at(text: str, start: int) -> bool:
    return text[start - 1 : start] in ("'", '"', "‘", "“")


def _listicle_sections(
    sentences: Sequence[Sentence], matcher: ShowMatcher
) -> dict[int, bool | None]:
    """Block index -> whether its section is about the tracked show, for listicles only.

    A listicle gives each show its own heading; anaphors inside an item refer to that
    item's show, never to the headline's subject. A page is a listicle when one short
    heading starts with the tracked title ("3. Ballard (Prime Video)") and at least two
    other short headings stand beside it, or one other heading that is itself a bare
    title ("Ballard" … "Copper Valley"; not "The Cast" or "What We Know").
    """
    headings = [s for s in sentences if s.kind == "heading" and len(s.text.split()) <= 12]
    if len(headings) < 2 or not any(_starts_with_show(h, matcher) for h in headings):
        return _titled_sections(sentences, matcher)
    if len(headings) == 2 and not all(looks_like_title(h.text) for h in headings):
        return _titled_sections(sentences, matcher)
    sections: dict[int, bool | None] = {}
    current: bool | None = None  # the intro before the first item: the page's own subject
    for sentence in sentences:
        if sentence.kind == "heading":
            current = bool(matcher.mentions(sentence.norm, sentence.text))
        sections[sentence.block] = current
    return sections


def _titled_sections(sentences: Sequence[Sentence], matcher: ShowMatcher) -> dict[int, bool | None]:
    """Outside listicles, a heading that is another show's bare title ("The Ferryman")
    opens a section about that show: "the drama" and a score line under it are not the
    tracked show's. The section runs to the next heading; other headings ("What We Know",
    "Release Date"), and a section that names the tracked show, keep the page's subject."""
    heading_of: dict[int, int] = {}  # block -> the block of the heading above it
    owners: dict[int, bool | None] = {}
    heading = -1
    for sentence in sentences:
        if sentence.kind in ("heading", "title"):
            heading = sentence.block
            owners[heading] = _heading_owner(sentence, matcher)
        elif owners.get(heading) is False and matcher.mentions(sentence.norm, sentence.text):
            owners[heading] = None
        heading_of[sentence.block] = heading
    if False not in owners.values():
        return {}
    return {b: owners[h] for b, h in heading_of.items() if owners.get(h) is not None}


def _heading_owner(heading: Sentence, matcher: ShowMatcher) -> bool | None:
    """True for a heading naming the tracked show, False for another show's bare title."""
    if matcher.mentions(heading.norm, heading.text):
        return True
    if not looks_like_title(heading.text) or _NOT_A_TITLE.search(heading.norm):
        return None
    return False if not is_common(heading.text) else None


# Headings that look like titles but are a page's sections: "Season 3 Release Date"
_NOT_A_TITLE = re.compile(
    r"\b(?:season|series|episode|finale|premiere|renewal|release|cast|trailer|ratings?|"
    r"reviews?|update|news|status|verdict|related|trending|popular|latest|more|read|watch|"
    r"comments?|sign|subscribe|newsletter|advertisement|share|follow)s?\b|\d"
)


def _starts_with_show(heading: Sentence, matcher: ShowMatcher) -> bool:
    mentions = matcher.mentions(heading.norm, heading.text)
    lead = re.match(r"^[\W\d]*(?:no\.\s*\d+\W*)?", heading.norm)
    return bool(mentions) and mentions[0].start <= (lead.end() if lead else 0) + 1


def _sentences_about(
    sentences: Sequence[Sentence],
    matcher: ShowMatcher,
    subject: bool,
    sections: dict[int, bool | None],
    discourse: Discourse,
) -> list[int]:
    about: list[int] = []
    for index, sentence in enumerate(sentences):
        if sections.get(sentence.block) is False and not matcher.mentions(
            sentence.norm, sentence.text
        ):
            continue  # another item's "the conspiracy thriller" is that item's show
        here = _subject_here(sentence, subject, sections)
        is_about, _how = refers_to_show(sentences, index, matcher, here, discourse)
        if is_about or _names_as_parent(sentence, matcher):
            about.append(index)
    return about


def _names_as_parent(sentence: Sentence, matcher: ShowMatcher) -> bool:
    """ "Paramount is developing Dutton Ranch, a Yellowstone sequel, now that the flagship
    has ended": the flagship is the show named as the parent."""
    return bool(
        matcher.relative_mentions(sentence.norm, sentence.text)
        and _ANOTHER_SHOW.search(sentence.norm)
    )


def _subject_here(sentence: Sentence, subject: bool, sections: dict[int, bool | None]) -> bool:
    """Whether the page's subject is the tracked show where this sentence stands: a
    listicle item has its own subject."""
    section = sections.get(sentence.block)
    return subject if section is None else section


def _notes(
    sentences: Sequence[Sentence],
    about: set[int],
    candidates: Sequence[Candidate],
    evidence: Sequence[Evidence],
) -> tuple[str, ...]:
    """Why each other statement did not decide: another show's, past, or outranked."""
    used = {(e.start, e.end, e.status) for e in evidence}
    notes = []
    for candidate in candidates:
        e = candidate.evidence
        if (e.start, e.end, e.status) in used:
            continue
        why = "in the past" if candidate.historical else "outranked by the decision above"
        notes.append(f"set aside ({why}: {e.status}, rule {e.rule}): {_clip(e.text)}")
    for index, sentence in enumerate(sentences):
        if index not in about and read_sentence(sentence.norm, None, sentence.text):
            notes.append(f"set aside (about another show, or no show): {_clip(sentence.text)}")
    return tuple(notes)


def _clip(text: str, width: int = 160) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _candidates(
    sentence: Sentence,
    index: int,
    year: int | None,
    matcher: ShowMatcher,
    quotes: Quotes,
    discourse: Discourse,
    answered: bool = False,
) -> list[Candidate]:
    out = []
    bounds = sentence_clauses(sentence.norm, sentence.text)

    def described(start: int, end: int) -> bool | None:
        key = discourse.described_as(index, start, end)
        if key is not None:
            return key == OURS
        return False if discourse.not_ours(index, start, end) else None

    # Who each clause speaks of, and whose seasons the sentence names, are read only once
    # a clause states something: about half the sentences about a show state nothing.
    # (Plain memos: a functools.cache per sentence cost more than it saved.)
    subjects: dict[int, bool | None] | None = None
    owner: Callable[[int], bool] | None = None
    owner_read = False

    def subject(start: int) -> bool | None:
        nonlocal subjects
        if subjects is None:
            subjects = _clause_subjects(sentence, bounds, matcher, described)
        return subjects.get(start)

    def theirs(position: int) -> bool:
        start = next((s for s, e in bounds if s <= position < e), None)
        return start is not None and subject(start) is False

    def foreign(position: int) -> bool:
        nonlocal owner, owner_read
        if not owner_read:
            owner, owner_read = _foreign_seasons(sentence, matcher), True
        return owner is not None and owner(position)

    names = [(m.start, m.end) for m in matcher.mentions(sentence.norm, sentence.text)]
    for finding in read_sentence(
        sentence.norm, year, sentence.text, bounds, foreign, theirs, answered
    ):
        if finding.status == "unknown" or subject(finding.start) is False:
            continue
        if any(start <= finding.cue[0] < end for start, end in names):
            continue  # the show's own title ("Axed", the comedy, has itself been renewed)
        if finding.status in _ORDERS and finding.start < (_excepted(sentence, matcher) or -1):
            # "ABC renewed its entire lineup except Pale Harbor": left out, still waiting
            finding = replace(finding, status="pending", lean=None, rule=finding.rule + "+except")
        start, end = sentence.start + finding.start, sentence.start + finding.end
        if finding.cue != (0, 0):
            # the cue's words decide who speaks: "outlets have run that as 'X cancelled.'"
            start, end = sentence.start + finding.cue[0], sentence.start + finding.cue[1]
        finding = weigh(finding, quotes, sentence.block, start, end)
        evidence = Evidence(
            text=sentence.text,
            status=finding.status,
            season=finding.season,
            certainty=finding.certainty,
            start=sentence.start,
            end=sentence.end,
            rule=finding.rule + (" (past)" if finding.historical else ""),
        )
        out.append(
            Candidate(
                evidence,
                finding.lean,
                finding.historical,
                sentence.kind,
                index,
                finding.explicit,
                (finding.start, finding.end),
                finding.cue,
            )
        )
    return out


def _answered(sentences: Sequence[Sentence], index: int) -> bool:
    """Whether sentence `index` is a question the next sentence answers "yes" to: "Will
    Tulsa King return for Season 4? Yes.", "Is Wednesday coming back? Fans have been asking,
    and the answer is yes." (An explainer's question is its headline; the answer, the news.)"""
    if index + 1 >= len(sentences) or not sentences[index].norm.rstrip(" '\"”)").endswith("?"):
        return False
    return bool(_YES.search(sentences[index + 1].norm))


_YES = re.compile(
    r"^(?:yes|yep|absolutely|good news: yes)\b(?! or no\b)|"
    r"\bthe (?:short |good |happy )?answer is (?:a |an )?(?:\w+ )?yes\b"
)


_ORDERS = frozenset(("renewed", "ordered", "revived"))
_EXCEPT = re.compile(
    r"\b(?:except(?: for)?|other than|save for|apart from|with the exception of|excluding|"
    r"not including|(?<=\s)but)\s+(?:for\s+)?(?:the\s+)?$"
)
_ALL = re.compile(r"\b(?:every|all|each|entire|whole|rest of)\b")


def _excepted(sentence: Sentence, matcher: ShowMatcher) -> int | None:
    """Where the tracked show is named as the exception to a round of decisions
    ("renewed its entire Tuesday lineup except Pale Harbor", "every drama but Pale
    Harbor"), else None. A bare "but" excepts only after "every"/"all"."""
    norm = sentence.norm
    if not any(word in norm for word in _EXCEPT_WORDS):
        return None
    for mention in matcher.mentions(norm, sentence.text):
        found = _EXCEPT.search(norm, max(0, mention.start - 30), mention.start)
        if found is None:
            continue
        if found.group().startswith("but") and not _ALL.search(norm, 0, found.start()):
            continue
        return mention.start
    return None


_EXCEPT_WORDS = (
    "except",
    " but ",
    "other than",
    "save for",
    "apart from",
    "excluding",
    "including",
)


def _clause_subjects(
    sentence: Sentence,
    bounds: list[tuple[int, int]],
    matcher: ShowMatcher,
    described: Callable[[int, int], bool | None] | None = None,
) -> dict[int, bool | None]:
    """Clause start -> whether the clause speaks of the tracked show (None: unknown).

    `described(start, end)` says whether a clause's description means the tracked show
    (None: it says nothing).
    """
    subjects: dict[int, bool | None] = {}
    speaker = None  # who the latest clause that named a show was about: True = tracked
    for start, end in bounds:
        subject = subjects[start] = _clause_subject(
            sentence, start, end, matcher, speaker, described
        )
        if not _RELATIVE.match(sentence.norm, start):
            speaker = subject  # a relative clause is parenthetical: the next one goes on
    return subjects


def _season_named(
    sentence: Sentence, matcher: ShowMatcher, status: str, more: int = 0
) -> int | None:
    """The highest season a sentence names for the tracked show, read for `status`.

    "An early renewal ahead of its Season 3 premiere" orders 4; "two more seasons" (`more`)
    after "it wrapped its second season" runs to 4; a revival "after two seasons" is 3.
    """
    foreign = _foreign_seasons(sentence, matcher)
    numbers = []
    for r in season_refs(sentence.norm):
        if foreign and foreign(r.start):
            continue
        if r.role == "this":
            counted = (
                r.awaited
                or _THAT_IS.search(sentence.norm, max(0, r.start - 30), r.start)
                or sentence.norm.startswith(_COUNT_GIVEN, r.start)
            )
            numbers.append(r.number + (0 if counted else more))
        elif r.role in ("next", "penultimate") or (
            status == "revived" and r.role in ("count", "after", "total")
        ):
            numbers.append(r.number + 1)
        elif status == "renewed" and r.role == "after":
            numbers.append(r.number + max(more, 1))  # "lands a month after the sophomore season"
    return max(numbers, default=None)


# "back for another year - that's season four": the season the count comes to
_THAT_IS = re.compile(
    r"\b(?:that's|that is|that will be|which will be|which would be|making (?:it|this|that)|"
    r"to make it|bringing (?:it|the show|the series) to) $"
)


# "…for the 2025-26 season, which will be the drama's eighth": the reference itself says
# the season the count comes to
_COUNT_GIVEN = ("will be", "would be", "which is", "that is")


def _foreign_seasons(sentence: Sentence, matcher: ShowMatcher) -> Callable[[int], bool] | None:
    """In "renewed Landman for a second season and Tulsa King for a third", a season named
    after another show and before the tracked one is the other show's. A season "of" a
    show is that show's, wherever it stands ("axed Aldgate and commissioned a third series
    of Pennywhistle")."""
    others = matcher.other_title_spans(sentence.text, sentence.norm)
    ours = [(m.start, m.end) for m in matcher.mentions(sentence.norm, sentence.text)]
    of_shows = _seasons_of(sentence, ours)
    if not ours or not (others or of_shows):
        return None
    titles = sorted([(end, True) for _, end in ours] + [(end, False) for _, end in others])

    def foreign(position: int) -> bool:
        if position in of_shows:
            return not of_shows[position]
        before = [mine for end, mine in titles if end <= position]
        return bool(before) and not before[-1] and any(start > position for start, _ in ours)

    return foreign


def _seasons_of(sentence: Sentence, ours: list[tuple[int, int]]) -> dict[int, bool]:
    """Season references followed by "of" and a name: start -> whether the name is ours."""
    if not _SEASON_OF.search(sentence.text):
        return {}
    owners = {}
    for ref in season_refs(sentence.norm):
        name = _OF_NAME.match(sentence.text, ref.end)
        if name:
            owners[ref.start] = any(start <= name.end() - 1 < end for start, end in ours)
    return owners


_SEASON_OF = re.compile(r"(?i:season|series)s?\s+of\s+[A-Z]")
# "commissioned a third series of Pennywhistle": the season of the name after it
_OF_NAME = re.compile(r"\s+of\s+(?:[Tt]he\s+)?(?!(?:Its|Their)\b)[A-Z]")


def _rating_sentences(
    sentences: Sequence[Sentence],
    about: set[int],
    matcher: ShowMatcher,
    subject: bool,
    sections: dict[int, bool | None],
    discourse: Discourse,
) -> list[tuple[str, Owner]]:
    """Sentences naming a rating site, each with who owns which part of it.

    A score line that names no show ("IMDb: 8.2 | Rotten Tomatoes: 97%") belongs to the
    sentence's paragraph if that names the show, or to the page's subject.
    """
    rated = [(i, s) for i, s in enumerate(sentences) if mentions_a_site(s.norm)]
    if not rated:
        return []
    # "Episode 5 holds a 9.7 on IMDb. The series as a whole sits at 8.4.": the next
    # sentence of the paragraph may go on with the site
    rated += [
        (i + 1, sentences[i + 1])
        for i, s in rated
        if i + 1 < len(sentences)
        and sentences[i + 1].block == s.block
        and not mentions_a_site(sentences[i + 1].norm)
        and continues_scores(sentences[i + 1].norm)
    ]
    rated.sort(key=lambda pair: pair[0])
    named_blocks = {s.block for s in sentences if matcher.mentions(s.norm, s.text)}
    # "2. 'Harlow & Finch' (CBS): cancelled. IMDb 6.4.": a bare score line in a paragraph
    # that names only another show is that show's
    foreign_blocks = {s.block for s in sentences if topical_others(s, matcher)} - named_blocks
    others = _other_shows(sentences, matcher)
    return [
        (
            s.norm,
            owner_of(
                s,
                matcher,
                i in about
                or s.block in named_blocks
                or (
                    _subject_here(s, subject, sections)
                    and s.block not in foreign_blocks
                    and not matcher.other_titles(s.text, s.norm)
                ),
                sentence_clauses(s.norm, s.text),
                others,
            ),
        )
        for i, s in rated
    ]


def _other_shows(sentences: Sequence[Sentence], matcher: ShowMatcher) -> tuple[str, ...]:
    """Titles the document names as other shows, normalised, longest first."""
    titles = {
        " ".join(normalise(t).strip(" ,.'\"").split())
        for s in sentences
        for t in matcher.other_titles(s.text, s.norm)
    }
    return tuple(sorted((t for t in titles if len(t) > 2), key=len, reverse=True))


def _clause_subject(
    sentence: Sentence,
    start: int,
    end: int,
    matcher: ShowMatcher,
    previous: bool | None,
    described: Callable[[int, int], bool | None] | None = None,
) -> bool | None:
    """In "Bosch: Legacy wrapped its final season, leaving Ballard as the only series", the
    first clause is about another show: a clause that names only other shows is theirs, and
    a clause that names none belongs to the latest clause that named one."""
    norm = sentence.norm[start:end]
    relatives = matcher.relative_mentions(sentence.norm, sentence.text)
    here = [
        m
        for m in matcher.mentions(sentence.norm, sentence.text)
        if start <= m.start < end and m not in relatives
    ]
    if any(not in_passing(sentence.norm, m.start, m.end, False) for m in here):
        return True
    if here:
        return False  # "a lock for renewal, given it's the biggest original since Reacher"
    if any(
        start <= s < end and not in_passing(sentence.norm, s, e)
        for s, e in matcher.other_title_spans(sentence.text, sentence.norm)
    ):
        return False
    if any(start <= m.start < end for m in relatives):
        return False  # "a spinoff of Driftwood is in development": the spinoff is
    show = described(start, end) if described else None
    if show is not None:
        return show  # "…, while the legal drama got a third season"
    if _ANOTHER_SHOW.search(norm):
        # "now that the flagship has ended": the parent show, which is the tracked one
        # when the sentence names it as the parent ("Dutton Ranch, a Yellowstone sequel")
        return bool(relatives)
    if _RELATIVE.match(norm):
        if _PLURAL_RELATIVE.match(norm) and any(
            m.end <= start and _COORDINATED.match(sentence.norm[m.end : start])
            for m in matcher.mentions(sentence.norm, sentence.text)
        ):
            return True  # "Quarry Road and Counsel, which were both cancelled": both
        return _relative_subject(sentence.text[:start], matcher, previous)
    return previous


_ANOTHER_SHOW = re.compile(
    r"\b(?:the (?:flagship|mothership|parent (?:show|series)|original (?:show|series)|"
    r"spinoff's parent)|its (?:predecessor|parent (?:show|series)|sister (?:show|series)))\b|"
    # a headline's "CBS orders Off the Grid: Alaska, renews flagship for season 9"
    r"\b(?:renew|order|cancel|end)\w* flagship\b(?= for| through|,|$)"
)
# "…, both of which were cancelled": a quantified relative speaks of the names before it
_RELATIVE = re.compile(
    r"\W*(?:(?:both|all|neither|none|each|either) of (?:which|whom)|which|who|whose)\b"
)
_PLURAL_RELATIVE = re.compile(
    r"\W*(?:(?:both|all|neither|none) of (?:which|whom)|"
    r"(?:which|who) (?:were|are|have|had|both|all))\b"
)
_COORDINATED = re.compile(r"(?:\s*,?\s*(?:and|&|or)\s+[^,;:.]{0,60})?\s*$")
_CREDIT_BEFORE = re.compile(
    r"\b(?:starring|led by|created by|written by|hosted by|opposite|featuring|co-starring)\s+$"
)
_LAST_NAME = re.compile(r"((?:[A-Z0-9][\w'’:&-]*\s*)+)[,\s]*$")
_SEASON_OR_COMMON = re.compile(
    r"(?:season|series|part|volume|episode)s? ?\w*|netflix|hulu|max|hbo|peacock|fox|nbc|cbs|abc|"
    r"apple tv\+?|prime video|amazon|disney\+?|paramount\+?|the cw|fx|amc|starz|showtime|bbc"
)


def _relative_subject(before: str, matcher: ShowMatcher, previous: bool | None) -> bool | None:
    """ "…since The Bear, which FX has renewed": "which" is the title just before it."""
    head = _LAST_NAME.search(before[-80:])
    if head is None:
        return previous
    if _CREDIT_BEFORE.search(before[-80:], 0, head.start()):
        return previous  # "a legal thriller starring Colm Deane, which has been given …"
    phrase = head.group(1).strip()
    if matcher.mentions(normalise(phrase), phrase):
        return True
    # "Viewership for Season 2, which slumped": a season or network is no other show
    return previous if _SEASON_OR_COMMON.fullmatch(normalise(phrase)) else False


def _merge_site_ratings(ratings: Ratings, document: Document) -> Ratings:
    """JSON-LD aggregateRating counts as a site's own score only on that site's pages."""
    aggregate = document.site_ratings.get("aggregate")
    host = (document.canonical or "").lower()
    if aggregate is None:
        return ratings
    if "imdb.com" in host and ratings.imdb is None:
        return Ratings(aggregate, ratings.rotten_tomatoes, ratings.rt_audience, ratings.metacritic)
    return ratings
