"""Sentence -> statements: which status a clause asserts, with season and certainty.

Each rule is a regular expression over the normalised clause, tried in order; the
first cue found in a clause decides its status. Around the cue we look for the things
that change its meaning: negation ("has not been renewed"), hedges ("could be
renewed"), attribution ("sources say" vs "announced"), look-alikes ("renewed his
contract", "the panel was cancelled", "the season ended on a cliffhanger") and past
markers ("last year"). The rules read like a spec on purpose: a regression found in
the wild becomes one more pattern here and one more line in tests/corpus/.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from tracker.extract.cues import _NETWORK, CUES, GATE_WORDS, SPECIFIC, Cue
from tracker.extract.seasons import more_seasons, season_for, season_refs
from tracker.extract.shows import _is_common
from tracker.extract.text import WordGate, is_title_case

# what a network, a studio or a star renews when it is not the show
_PACT = r"contract|deal|licen[cs]e|lease|partnership|agreement|pact|option"
_LOOKALIKE = re.compile(
    rf"\b(?:(?:{_PACT}|subscription|membership|hope|interest)s?|licensing|"
    r"passport|vows|urban|calls|focus|push|vigou?r|energy|"
    r"attention|commitment|optimism|sense|rights|carriage|rivalry|feud|romance|friendship|"
    r"tension|relevance|scrutiny|debate|popularity|enthusiasm|purpose|faith|appetite|"
    r"determination|urgency|vows?|threshold|benchmark|cutoff|criteria|bar for)\b"
)
_CANCEL_LOOKALIKE = re.compile(
    r"\b(?:panel|event|convention|tour|screening|appearance|signing|concert|premiere event|"
    r"broadcast|telecast|airing|rerun|"
    r"red carpet|flight|meeting|interview|launch party|culture|subscription|order of|"
    r"comic-?con|q&a|fan event|livestream|wedding|party|pop-?up|experience|exhibit(?:ion)?|"
    r"festival|marathon|ceremony|trip|date|engagement|reunion|auction|contest|giveaway|"
    r"watch party|meet-and-greet|press junket|junket|premiere screening)\b"
)
_PERSON_AXED = re.compile(
    r"\b(?:axed|cut|written out|dropped|fired|let go) (?:from|of) (?:the )?|"
    r"\b(?:axed|cut|dropped|fired|let go) (?:one of its |one of the |a |an |the |his |her )?"
    r"(?:[\w-]+ ){0,3}(?:character|doctor|star|cast member|actor|actress|regular|host|judge|"
    r"showrunner|writer|villain|lead|detective|surgeon|anchor|co-host|contestant)s?\b|"
    # "the finale, which axed fan-favourite DS Mara Solis"
    r"\b(?:axed|cut|dropped|fired|let go|killed off) (?:(?:the |its |a )?(?:fan[- ]favou?rite|"
    r"beloved|long-?serving|longtime)\b|(?:ds|di|dci|dr|sgt|det|inspector|sergeant|officer|"
    r"agent|nurse|professor)\.? )"
)
_PERSON_BEFORE = re.compile(
    r"\b(?:character|villain|hero|host|judge|star|actor|actress|contestant|cast member|"
    r"detective|doctor|dr\.?|sheriff|captain|boss|showrunner|writer|he|she|they)\b"
)
_GIVEN = ("got ", "gets ", "get ", "getting ", "given ", "handed ", "gave ", "gives ", "hands ")
# A part of the show, or a person, as the subject of a passive cut: "the planned musical
# episode was scrapped", "judge Mary Quinn was axed", "the aftershow has been cancelled"
_PART_BEFORE = re.compile(
    r"\b(?:episodes?|segments?|storylines?|subplots?|scenes?|sketch(?:es)?|crossover|"
    r"aftershow|after-show|podcast|special|character|role|cameo|judge|host|co-host|presenter|"
    r"(?:series |cast )?regular|cast member|"
    r"contestant|anchor|panelist|villain|actor|actress|showrunner)"
    r"(?: (?!(?:series|show|drama|comedy|sitcom|programme|thriller)\b)[\w'’.-]+){0,5} "
    r"(?:was|were|(?:has|have|had)(?: also| now| since| already)? been|is being|got|is|are) "
    r"(?:(?:officially|reportedly|quietly|abruptly|also|just|now) )?$"
)
# A person's part in the show as the subject of a cut: "his story would be cut short"
_OWN_STORY_BEFORE = re.compile(
    r"\b(?:his|her|their) (?:story|storyline|arc|journey|time on the show|character)\b"
    r"[^,;]{0,20}$"
)
# Who a person is: "he", "the actor", "co-host Ama Reyes"
_PERSON = (
    r"\b(?:he|she|actor|actress|star|co-star|host|co-host|presenter|judge|showrunner|"
    r"creator|writer|contestant|anchor|cast member)"
)
# A person as the subject of a return: "he will not return", "the actor won't be back"
_PERSON_SUBJECT = re.compile(
    _PERSON + r"(?: (?:also|now|reportedly|probably|likely|will|won't|would|wouldn't|is|isn't|"
    r"not|be|never|definitely)){0,3} $"
)
_ROLE_DONE = re.compile(
    r"\b(?!(?:show|series|drama|comedy|sitcom|network|streamer)'s)[\w-]+'s (?:story|arc|"
    r"storyline|journey|part|role|tenure) $"
)
_SEEN_PHRASE = re.compile(r"\b(?:saw|seen|seeing|see) [\"“'‘][^\"“”'‘’]{0,30}$")
_PACT_DONE = re.compile(rf"\b(?:{_PACT}|talks|negotiations|shoot|filming)s? $")
# a person, perhaps named: "actor Ian Sato ", "she "
_PERSON_NAMED = re.compile(_PERSON + r"(?: [\w.'’-]+){0,3} $")
# the production, not the airing: "wrapped filming on its final season"
_SHOOTING = re.compile(r"\b(?:filming|production|shooting|shoot|photography|cameras)\b")
_NEGATION_WORD = re.compile(r"\b(?:not|never)\b|n't\b")
_FINAL_AS_NOUN = re.compile(
    r"\b(?:of|in|from|during|with|for|binged|watched) (?:its|the|their)\s*$"
)
_RENEW_VERB = re.compile(
    r"\b(?:renew|order|pick|return|back|set|slated|greenlit|green-lit|gets?|got|extend)\w*"
)
_AS_ROLE = re.compile(
    r"\s+(?:as|to play|in the role)\b|\s+(?:for|to) (?:the |their |his |her )?(?:role|part)s?\b"
)
_CANCEL_VERB = re.compile(r"\b(?:cancell?ed|axed|scrapped|pulled the plug|ended)\b")
_ABSTRACT_RENEWAL = re.compile(
    r"(?:grief|hope|themes?|story|stories|sense|spiritual|personal|urban|moral|cultural|spring|"
    r"rebirth|loss|faith|redemption|healing|decay|growth|death|and|of) (?:and )?$"
)
_NEGATION = re.compile(
    r"\b(?:not|no|never|neither|nor|without|yet to|has yet|have yet|is yet|nobody|nothing|no one|"
    r"no-one|none of (?:that|it|this|those|these))\b|n't\b"
)
# Negative words that negate nothing: "couldn't be happier to commission", "no regrets".
_NOT_NEGATING = re.compile(
    r"\b(?:no (?:regrets?|doubt|secret|surprise|stranger|wonder|question|coincidence)|"
    r"(?:couldn't|can't) (?:be (?:happier|prouder|more)|wait|believe)|cannot (?:wait|believe)|"
    r"not only)\b"
)
# Hedge words that hedge nothing: "kept beating the odds", "against all odds".
_NOT_HEDGING = re.compile(
    r"\b(?:beat\w*|def(?:y|ied|ying|ies)|against) (?:all )?(?:the )?odds\b|"
    r"\b(?:can't|cannot|couldn't) believe\b"  # "I can't believe it's over": disbelief, told
)
_NEGATED_AFTER = re.compile(
    r"\s+(?:is|was|are)?\s*(?:n't|not|never) (?:on the table|happening|in the cards|planned|"
    r"in the works|coming)\b|\s+isn't (?:on the table|happening|in the cards|planned)"
)
_HEDGE = re.compile(
    r"\b(?:could|might|may|likely|unlikely|possibl[ey]|plausibl[ey]|conceivabl[ey]|potential(?:ly)?|hope[sd]?|hopeful(?:ly)?|"
    r"hoping|wish(?:es|ing)?|want(?:s|ed|ing)?|expect(?:ed|s|ing)?|would|should|rumou?r(?:s|ed)?|"
    r"hint(?:s|ed|ing)?|"
    r"specul\w+|predict\w*|odds|chances?|if|whether|campaign\w*|petition\w*|fingers crossed|"
    r"perhaps|maybe|probably|(?:i|we|you|they|he|she|it)'d be|"
    r"(?:i'd |i |we'd |we |can |good |best |sure |a |my )bet(?!\+)|"
    r"seems|seemed|appears|appeared|optimistic|pessimistic|wondering|question|"
    r"all but certain|almost certain|certain to|sure to|poised|on track to|in line for|"
    r"teases?d?|teasing|"
    r"favou?red to|safe bet|lock for|frontrunner|claim(?:s|ed|ing)?|viral|hoax|premature|"
    r"leaning (?:toward|towards)|leans?|in talks|in negotiations|nothing has been signed|"
    r"(?:near|nearing|close to|closing in on) (?:a |an )?(?:new )?deal|"
    r"convinced|believes?|believed|thinks?|thought|feared|assumed|suspects?|suspected|"
    r"leaning|lobby(?:ing|ied)?|urg(?:e|es|ed|ing)|"
    r"begg(?:ed|ing)|plead(?:ed|ing)?|clamou?r(?:ed|ing)?|call(?:s|ed|ing)? on|"
    # hearsay: "my mom swears she read that it got canceled", "saw a post saying it got axed"
    r"everything points? (?:to|toward|towards)|all signs point|"
    r"respond(?:ed|s|ing)? to (?:the |these |those )?(?:reports?|rumou?rs?)|"
    r"(?:neighbou?r|friend|mom|mum|dad|sister|brother|cousin|co-?worker|someone|somebody) "
    r"(?:\w+ )?(?:told|tells) me|(?:was|were|i'm|am) (?:so |pretty |really |100% )?sure|"
    r"swears?|swore|(?:saw|seen|read) (?:a |an |some |this |that )?(?:post|tweet|thread|"
    r"tiktok|video|rumou?r|headline|screenshot)s?|heard (?:that|somewhere|from))\b"
)
_REPORTED = re.compile(
    r"\b(?:sources?|has learned|have learned|learned|according to|reportedly|report(?:s|ed)?|"
    r"is said to|are said to|insiders?|exclusive(?:ly)?|per (?:deadline|variety|tvline|thr|"
    r"the hollywood reporter)|in talks|poised to|nearing|close to|expected to|"
    # ("renewed for a fourth season, set to premiere in 2025" dates the season)
    r"set to(?! (?:premiere|debut|air|stream|launch|bow|arrive|begin|start|film|shoot)\b)|"
    r"tells? (?:us|tvline|deadline|variety)|told (?:us|deadline|variety|tvline)|"
    r"confirmed to|word is|hearing)\b"
)
_OFFICIAL = re.compile(
    r"\b(?:officially|announced|announces|announcement|it'?s official|confirmed|confirms|"
    r"press release|statement|revealed|unveiled)\b"
)
_PAST = re.compile(
    r"\b(?:last year|(?:renewal|pickup|order) last (?:spring|summer|fall|autumn|winter)|"
    r"years? ago|previously|originally|back in (?:(?:january|february|march|april|mmm|june|"
    r"july|august|september|october|november|december|the spring|the summer|the fall|"
    r"the autumn|the winter) )?(?:19|20)\d\d|had been|"
    r"had (?:renewed|cancell?ed|ordered)|at the time|formerly|in the past|"
    r"once (?:a|an|billed|touted|considered|seen|hailed|called)|"
    # ("once the network's biggest hit", but not "once the wet season ends": a time ahead)
    r"once the (?![^,.;]{0,50}\b(?:ends?|wraps?|is|are|has|have|finish(?:es)?|concludes?|"
    r"begins?|starts?|airs?|settles?)\b)|"
    r"initially|earlier in its run|"
    r"the year before|the previous year)\b"
)
_REPORTED_SPEECH = re.compile(
    r"\b(?:announc|said|says|confirm|reveal|told|tells|stated|declared|added)\w* "
    r"(?:[\w-]+ ){0,4}that\b"
)
_NOT_RETURN = re.compile(
    r"\b(?:not|won't|n't) (?:be )?(?:return|moving forward|move forward|continu|coming back)"
)
_IN_YEAR = re.compile(
    r"\bin (?:early |late |mid-?|the (?:spring|summer|fall|autumn|winter) of )?((?:19|20)\d\d)\b"
)
_NEW_SERIES = re.compile(
    r"green-?lit|greenlit|green ?light|(?<!re)(?<!re-)commission|go-?ahead|series pick-?up"
)
# "has greenlit a 10-episode first season": the order of a new series, right after an order
# verb (greenlit, commissioned, ordered, greenlight)
_ORDERS_FIRST = re.compile(r"(?<=lit|ned|red|ght) (?:a |an |the )?(?:[\w-]+ )?first season\b")
# ... or names it inside the cue: "Netflix has ordered a first season of Vesper"
_FIRST_ORDERED = re.compile(
    r"\b(?:order|commission|greenlit|pick)\w* (?:up )?(?:a |an |the )?"
    r"(?:[\w-]+ )?first season\b"
)
# "has commissioned 52 new episodes", "40 more": more of a show that exists
_MORE_EPISODES = re.compile(r"\b(?:new|more|additional) (?:[\w-]+ )?episodes\b")
# "has received a 20-episode first-season order"
_FIRST_SEASON_ORDER = re.compile(r"\bfirst[- ]season (?:order|pickup|pick-up)\b")
_FRONTED = re.compile(
    # (behind an update's label: "Update (6/14): Just days after its cancellation, …")
    r"^(?:(?:update|updated|editor's note)\b[^:]{0,25}: )?"
    r"(?:(?:[\w-]+ ){0,3}?(after|since|following|before|when|while|although|though|whereas|"
    r"unlike|despite|as|now that)|(renewed|cancell?ed|axed|picked up|ordered))\b[^,;:]{3,120},"
)
# "Renewed for a third season in 2023, Ashfall will not be getting a fourth": a fronted
# past participle, like a fronted "after", is background to what follows the comma.
_PAST_OPENERS = frozenset(
    (
        "after",
        "since",
        "following",
        "before",
        "when",
        "renewed",
        "cancelled",
        "canceled",
        "axed",
        "picked up",
        "ordered",
    )
)
_WAS_ENDED = re.compile(
    r"\b(?:isn't|is not|not) dead\b|\bback from the dead\b|\bafter (?:[\w'+-]+ ){0,3}"
    # ("six weeks after all eight episodes dropped": released)
    r"(?:cancell?ed|axed|(?<!episodes )(?<!episode )(?<!season )(?<!seasons )dropped|scrapped|"
    # ("the third season, which dropped in March": released)
    r"ended|pulled the plug)|\b(?:cancell?ed|axed|(?<!which )(?<!that )dropped|"
    r"scrapped) (?:it |the (?:show|series|drama|comedy) )?(?:by [\w+]+(?: [\w+]+)? )?"
    r"(?:in|last|back in|earlier)\b|"
    r"\bend of the road\b|\b(?:had|has) ended\b|\bended for good\b|"
    r"\b(?:that|which) (?:had )?ended (?:in (?:19|20)\d\d|after|back in|years ago)\b|"
    # "28 years after the sixth and final series aired"
    r"\b(?:years|decades) after (?:[\w'+-]+ ){0,4}(?:final|last) (?:season|series|episode)\b"
)
_SCOPE_BREAK = re.compile(r"[:;()]|,\s|\s-\s")
_HEDGE_AFTER = re.compile(
    r"^[^.;:]*?\b(?:likely|unlikely|possible|plausible|conceivable|feasible|looks|seems|"
    r"rumou?red|in doubt|if|teases?d?|up in the air|in limbo|undecided|"
    # "the renewal is expected any day", "hinges on the strike", "a renewal candidate",
    # "reports it had been renewed were premature" (not "renewed, as expected")
    r"(?<!as )(?<!than )expected|anticipated|hinges|hinging|depends|depending|candidates?|"
    r"(?:was|were|is|are|proved|proving) (?:premature|false|untrue|inaccurate|wrong))\b"
)
_MONTH_MAY = re.compile(
    r"\bMay\b(?=\s+\d|\s*\)|,\s*\d)|\b(?:in|last|this|next|early|late|since|until|by|of) May\b"
)
# "When will it return" asks; "When TNT renewed it, fans got two years" tells.
_QUESTION_WORDS = re.compile(
    r"^(?:is|will|did|does|has|was|are|can|could|should|why|what|"
    r"when (?:is|are|was|were|will|would|does|do|did|can|could|should|might|has|have)\b)\b"
)
# Every break starts with ";", ": ", a comma or a space, and the branches are grouped by
# that first character, so re jumps between those characters instead of trying every
# branch at every space. ("All but confirmed" is one phrase.)
_CLAUSE_SPLIT = re.compile(
    # (an entity's semicolon, "Law &amp; Order", breaks nothing)
    r";(?<!&amp;)(?<!&quot;)(?<!&apos;)(?<!&#39;)(?<!&nbsp;)|"
    r": |,(?: (?:(?<!\ball )but |however,? |although |though |while |and |leaving |whereas |"
    r"yet |unlike |as |after |which |who |(?:both|all|neither|none|each|either) of (?:which|whom) |"
    r"now that |bringing |ending |closing |capping |"
    r"meaning )|(?: [\w-]+){1,4} after |"
    # a headline's second verb: "CBS orders Off the Grid: Alaska, renews flagship"
    r" (?=(?:renews|cancels|axes|orders|revives|scraps|greenlights|picks up) )|"
    # a verb list's next verb: "picked up Cold Open, renewed Animal Control for a fourth"
    r" (?=(?:renewed|cancell?ed|axed|ordered|revived|scrapped|greenlit) (?!by\b)))|"
    r" (?:(?<!\ball )but |however,? |although |though |"
    r"while |- |whereas |and now |"
    r"and (?=(?:(?:has|have|had|also|then|quickly|been|was|is) )*(?:renewed|"
    r"cancell?ed|axed|ordered|(?:re-?)?commissioned|picked up|greenlit|green-lit|revived|"
    r"scrapped|dropped) "
    r"(?!(?:it|them|the (?:show|series))\b))|"
    # "CBS cancelled X after one season and ABC cut loose Y after three": a new subject
    rf"and (?={_NETWORK} (?:(?:has|have|also|then|quickly|later) )*[a-z]+(?:ed|ew|ave|ut)\b)|"
    # "renewed X for a third season and, in the same breath, ordered the spin-off"
    r"and, (?=[^,.;]{1,40}, (?:(?:has|have|also|then) )*(?:renewed|cancell?ed|axed|ordered|"
    r"(?:re-?)?commissioned|picked up|greenlit|green-lit|revived|scrapped|dropped) ))"
)
_DISTANCE = (
    r" (?:(?:nearly|almost|barely|just|only|more than|less than) )?(?:a|one|two|three|four|"
    r"five|several|\d+) (?:day|week|month|year|decade)s? "
)
_TIME_DISTANCE = re.compile(_DISTANCE + r"(?:after|since|before) ")
# "…, a week after Showtime let it go" dates what came before it ("a year since it ended"
# tells a state that lasts; "a week after its premiere" names no other event)
_AFTER_DISTANCE = re.compile(_DISTANCE + r"(?:after|before) (?!its |their )")
# ("Père Lachaise, the crime series that ended in 2019 after four seasons, is returning")
_RELATIVE_END = re.compile(
    r", (?:which|who|(?:the|a|an) (?:[\w'’-]+ ){0,4}(?:that|which)) [^,]*(?=, )"
)

_SEASON_END = re.compile(r"\b(?:season|series) \w+$|\b\w+ (?:season|series)$")
_ORDERED_RELATIVE = re.compile(
    r", which (?:[\w+&'’-]+ ){1,2}(?:already |officially |quietly )?(?:ordered|commissioned|"
    r"greenlit|green-lit)\b"
)
_BRACKETED_ITEM = re.compile(r"(?<=\)), (?:and )?(?=[^,;()]{1,40} \()")
_PARTICIPLE_ASIDE = re.compile(
    r", (?:cancell?ed|axed|dropped|scrapped|ditched) (?:by|in|last|after|earlier) [^,]*(?=, )"
)


@dataclass(frozen=True, slots=True)
class Finding:
    """One clause's statement: status, season, certainty, lean and the rule that fired."""

    status: str
    season: int | None
    certainty: str
    lean: str | None
    rule: str
    historical: bool
    negated: bool
    explicit: bool  # attribution stated ("sources say", "announced"), not assumed
    start: int  # offsets of the clause within the sentence
    end: int
    cue: tuple[int, int] = (0, 0)  # offsets of the cue's words within the sentence


def clauses(norm: str, raw: str | None = None, cut: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each clause: a contrast or semicolon starts a new statement.

    A colon between two capitalised words is part of a title ("Rescue: HI-Surf"), not a
    clause break; `raw` (same offsets as `norm`) tells the two apart.
    """
    asides = _dash_asides(norm) if " - " in norm else set()
    cuts = [
        m.start()
        for m in _CLAUSE_SPLIT.finditer(norm)
        if not (raw and m.group() == ": " and _label_colon(raw, norm, m.start()))
        and m.start() not in asides
        # "for season five, which ABC ordered in April": the relative tells of the season
        and not (
            m.group() == ", which "
            and _SEASON_END.search(norm, max(0, m.start() - 20), m.start())
            and _ORDERED_RELATIVE.match(norm, m.start())
        )
    ]
    if cut is not None:
        cuts.append(cut)
    if " after " in norm or " since " in norm or " before " in norm:
        cuts.extend(m.start() for m in _TIME_DISTANCE.finditer(norm))
    # A relative clause ends at its closing comma: "Unlike Quantum Leap, which NBC axed,
    # Tracker has been renewed" has three clauses.
    if ", which " in norm or ", who " in norm or " that " in norm:
        cuts.extend(m.end() for m in _RELATIVE_END.finditer(norm))
    # "The Velvet Hour, cancelled by Peacock in March, has been picked up by Netflix"
    cuts.extend(m.end() for m in _PARTICIPLE_ASIDE.finditer(norm))
    if "), " in norm:
        # "Sugar Creek (ended after seven seasons), Harlow & Vine (cancelled after two)":
        # each item of a bracketed list speaks of its own show
        cuts.extend(m.start() for m in _BRACKETED_ITEM.finditer(norm))
    bounds, start = [], 0
    for cut in sorted(set(cuts)):
        if cut > start:
            bounds.append((start, cut))
            start = cut
    bounds.append((start, len(norm)))
    return [(s, e) for s, e in bounds if norm[s:e].strip(" ,")]


def _dash_asides(norm: str) -> set[int]:
    """Where a short aside between two dashes opens and closes: "its third season - its
    last - is now streaming" is one statement, the aside describing the words before it."""
    spots: set[int] = set()
    for m in _DASH_ASIDE.finditer(norm):
        spots.update((m.start(), m.end() - 3))
    return spots


_DASH_ASIDE = re.compile(r" - (?:[^-.;:]{1,40}?) - ")
_SEASON_LABEL = re.compile(r"\b(?:s\d{1,2}|season \w+|(?:final|last) season)$")


def _label_colon(raw: str, norm: str, at: int) -> bool:
    """A colon in a title or after a season label ("Paper Moons S4: confirmed") joins."""
    return _title_colon(raw, at) or bool(_SEASON_LABEL.search(norm, max(0, at - 12), at))


def _title_colon(raw: str, at: int) -> bool:
    """A colon inside a name or a label ("Rescue: HI-Surf", "IMDb: 8.0") breaks nothing."""
    before = raw[:at].rsplit(None, 1)[-1].lstrip("([\"'“‘") if raw[:at].strip() else ""
    after = raw[at + 2 : at + 3]
    return before[:1].isupper() and (after.isupper() or after.isdigit())


def read_sentence(
    norm: str,
    year: int | None = None,
    raw: str | None = None,
    bounds: list[tuple[int, int]] | None = None,
    foreign: Callable[[int], bool] | None = None,
    theirs: Callable[[int], bool] | None = None,
    answered: bool = False,
) -> list[Finding]:
    """Every statement the sentence makes, clause by clause.

    `raw` (the original text, same offsets) lets a capitalised "Renewal" inside a name
    such as "The Renewal Desk" be told apart from the word. `foreign` says which
    positions hold another show's season ("renewed Landman for a second season and Tulsa
    King for a third": the second is Landman's); `theirs`, which positions are in a
    clause about another show, whose cancellation makes no revival of this one.
    `answered`: the sentence is a question the text answers "yes" to ("Will Tulsa King
    return for Season 4? Yes."), so it states what it asks.
    """
    if raw is not None and "May" in raw:  # the month, not the hedge
        norm = _mask_may(norm, raw)
    if " have " in norm and ", but " in norm:
        norm = _mask_concession(norm)
    if raw is not None and " no " in raw:
        norm = _mask_name_particle(norm, raw)
    question = not answered and (
        norm.rstrip(" '\"’”)").endswith("?") or bool(_QUESTION_WORDS.match(norm))
    )
    findings: list[Finding] = []
    fronted = _FRONTED.match(norm)
    past = fronted is not None and (fronted.group(1) or fronted.group(2)) in _PAST_OPENERS
    # Which cue words occur at all: a cue absent from the sentence is absent from its clauses.
    present = _GATE(norm)
    if not present:
        return []
    for start, end in bounds or sentence_clauses(norm, raw):
        clause, raw_clause = norm[start:end], (raw or norm)[start:end]
        finding = _read_clause(clause, start, question, year, raw_clause, present, foreign)
        if finding and past and fronted and start < fronted.end():
            finding = replace(finding, historical=True)
        elif finding and findings and _AFTER_DISTANCE.match(norm, start):
            # "Netflix has picked up X, less than a week after Showtime let it go": dated
            # by the statement before it, it is background (not "The news came a day after
            # the network cancelled X", where it is the news)
            finding = replace(finding, historical=True)
        if finding:
            findings.append(finding)
    if _EVENT_SUBJECT.match(norm):
        findings = [f for f in findings if not _event_cancelled(f, norm)]
    pact = _PACT_SUBJECT.match(norm)
    if pact:
        findings = [f for f in findings if not _pact_renewed(f, norm, pact.end())]
    return _rebooted(_revival(_completed(findings, norm), norm, theirs), norm)


# A sentence whose subject is an event, a plan or a part of the production: "An open
# casting call for extras on Greywater, Peacock's new series, was cancelled Saturday",
# "Tuesday's live finale event for Tinsel Town Throwdown, …, was cancelled because of
# high winds". The subject can stand far from its verb, past appositives a clause window
# would not reach. (Not "plans for a third season were scrapped": that is the show's.)
_EVENT_SUBJECT = re.compile(
    r"^(?:[^:.]{1,60}: )?(?:an? |the |this |that |[\w'’-]+'s? )?(?:[\w'’-]+ ){0,3}?"
    r"(?:casting (?:call|session)|open call|auditions?|table read|taping|tapings|"
    r"(?:finale |premiere |fan |live |launch )?(?:event|party|screening)s?|panels?|"
    r"premiere|concert|tour|signing|meet-and-greet|q&a|appearances?|dinner|lunch|brunch|"
    r"(?:dinner |wedding |holiday |travel )?plans(?! for (?:a|an|another|the|its) )|"
    r"wedding|trip|parade|festival|ceremony|convention|livestream|photo ?call)\b"
)
_PASSIVE_END = re.compile(
    r"\b(?:was|were|is|are|has been|have been|had been|got|gets|get|being)"
    r"(?: (?:officially|abruptly|quietly|also|just|now|suddenly))? $"
)


# ... and a sentence whose subject is a pact: "The lease on the hangar, which the
# production shares with a children's series, was renewed last year for five years"
_PACT_SUBJECT = re.compile(
    rf"^(?:[^:.]{{1,60}}: )?(?:an? |the |this |that |[\w'’-]+'s? )?(?:[\w'’-]+ ){{0,3}}?"
    rf"(?:{_PACT})s?\b(?! (?:for|to) (?:a|an|another|the) (?:[\w-]+ )?season)"
)


def _pact_renewed(finding: Finding, norm: str, subject_end: int) -> bool:
    """Whether a renewal is the passive verb of a sentence whose subject is a pact (in
    the same clause chain: after "The deal was done quietly:" a new subject may come)."""
    between = norm[subject_end : finding.cue[0]]
    return _passive_verb(finding, norm, "renewed") and ": " not in between and ";" not in between


def _event_cancelled(finding: Finding, norm: str) -> bool:
    """Whether a cancellation is the passive verb of a sentence whose subject is an event."""
    return _passive_verb(finding, norm, "cancelled")


def _passive_verb(finding: Finding, norm: str, status: str) -> bool:
    """Whether the finding is its bare `status` cue as a passive verb ("…, was cancelled")."""
    return (
        finding.status == status
        and finding.rule.startswith(status)
        and finding.cue != (0, 0)
        and bool(_PASSIVE_END.search(norm, 0, finding.cue[0]))
    )


# The announced end has come: "its fourth and final season, which premiered in February,
# wrapped up with its finale last week", "after six seasons, it has come to an end"
_COMPLETED = re.compile(
    r"\b(?:(?:has|have|had) (?:now |officially |finally |already )?(?:ended|concluded|"
    r"wrapped(?: up)?|come to an end|finished(?: airing)?|signed off|bowed out)|"
    r"came to an end|wrapped up with (?:its|the|a) (?:[\w-]+ )?finale|"
    r"(?:aired|streamed|broadcast) (?:its|their|the) (?:[\w-]+ )?(?:series )?finale|"
    # "wrapped its fourth and final series last night" (not filming: see _completed)
    r"(?:wrapped|ended|concluded|finished) (?:its|their) (?:[\w-]+ and )?(?:final|last) "
    r"(?:season|series|run)\b(?= (?:last|on|this|with|yesterday|in)\b| *[.,;]))\b"
)
# …unless the sentence still looks ahead: "will", "upcoming", "premieres in March"
_AHEAD = re.compile(
    r"\b(?:will|would|won't|upcoming|forthcoming|next|set to|is set|are set|slated|due|"
    r"coming|to come|later this|premieres|returns|launches|begins|starts)\b"
)


def _completed(findings: list[Finding], norm: str) -> list[Finding]:
    """An announced final season that the sentence says has run its course is ended."""
    if not any(f.status == "ending" and not f.historical and not f.negated for f in findings):
        return findings
    if not _COMPLETED.search(norm) or _AHEAD.search(norm) or _SHOOTING.search(norm):
        return findings
    return [
        replace(f, status="ended", rule=f.rule + "+completed")
        if f.status == "ending" and not f.historical and not f.negated and f.lean is None
        else f
        for f in findings
    ]


def sentence_clauses(norm: str, raw: str | None = None) -> list[tuple[int, int]]:
    """The clauses of a sentence, a fronted subordinate clause included.

    "While Cinder was renewed, its sister series will end": a sentence that opens with
    "while", "after", "unlike"… has its first clause end at the first comma; "after",
    "since" and "when" openers are background ("Six months after handing it a renewal,
    Showtime cancelled it").
    """
    fronted = _FRONTED.match(norm)
    return clauses(norm, raw, fronted.end() if fronted else None)


def _revival(
    findings: list[Finding], norm: str, theirs: Callable[[int], bool] | None = None
) -> list[Finding]:
    """A pick-up of a show that was cancelled or ended ("a day after Fox cancelled it",
    "the drama The CW dropped in May", "isn't dead after all") is a revival; another
    show's end is not ("Hartwell was cancelled in 2019; Hartwell Academy is renewed")."""
    picks = [
        f
        for f in findings
        if f.status in ("renewed", "ordered")
        and not f.historical
        and not (theirs and theirs(f.cue[0]))  # "The Clearing was renewed; Harbor Ghosts …"
    ]
    if not picks and not any(f.status == "revived" for f in findings):
        return findings
    if not any(not (theirs and theirs(m.start())) for m in _WAS_ENDED.finditer(norm)):
        return findings
    ends = [
        f
        for f in findings
        if f.status in ("cancelled", "ended")
        and _WAS_ENDED.search(norm, max(0, f.start - 30), f.end)
    ]
    revived = [replace(f, status="revived", rule=f.rule + "+after-end") for f in picks]
    revived += [f for f in findings if f.status == "revived" and f not in picks]
    return [f for f in findings if f not in ends and f not in picks] + revived


# "The first version ran for three seasons between 1994 and 1997": the show a reboot remakes
_ORIGINAL_SUBJECT = re.compile(
    r"^(?:the|its) (?:first|original|earlier|previous|old) (?:version|incarnation|iteration|"
    r"run|series|show)\b"
)


def _rebooted(findings: list[Finding], norm: str) -> list[Finding]:
    """ "Dunmore Heights ended in 2009, but … a reboot is in the works": the end is the
    background of the new project; so is an end told of "the first version"."""
    if _ORIGINAL_SUBJECT.match(norm):
        findings = [
            replace(f, historical=True) if f.status in ("cancelled", "ended") else f
            for f in findings
        ]
    reboot = next(
        (f for f in findings if f.status == "in_development" and _REBOOT.search(norm, 0, f.end)),
        None,
    )
    if reboot is None:
        return findings
    return [
        replace(f, historical=True)
        if f.status in ("cancelled", "ended") and f.end <= reboot.start
        else f
        for f in findings
    ]


_REBOOT = re.compile(r"\b(?:reboot|revival|remake|continuation)\b")


def _read_clause(
    clause: str,
    offset: int,
    question: bool,
    year: int | None,
    raw: str,
    present: frozenset[str],
    foreign: Callable[[int], bool] | None = None,
) -> Finding | None:
    """The clause's statement: a specific cue in CUES order, else the earliest bare verb."""
    cut = clause.find(" despite ")
    if cut > 0:
        # "picked up for Season 3 despite rumours it was on the chopping block": what the
        # clause concedes is background to what it states
        head = _read_clause(clause[:cut], offset, question, year, raw, present, foreign)
        if head is not None:
            return head
    fronted = _CLAUSE_FRONTED.match(clause)
    if fronted:
        # ", and after weeks on the bubble, freshman drama X has been cancelled": the
        # fronted phrase is background to what the clause goes on to state
        rest = fronted.end()
        main = _read_clause(
            clause[rest:], offset + rest, question, year, raw[rest:], present, foreign
        )
        if main is not None:
            return main
    found: list[tuple[int, Cue, re.Match[str]]] = []
    for index, cue in enumerate(CUES):
        if present.isdisjoint(cue.gate):
            continue
        match = _first_real(cue, clause, raw)
        if match is None:
            continue
        if index < SPECIFIC:
            return _finding(cue, clause, match, offset, question, year, foreign, raw)
        found.append((match.start(), cue, match))
    if not found:
        return None
    # A plan or the odds speak only when nothing else in the clause does
    strong = [item for item in found if item[1].rule not in _WEAK_RULES]
    _, cue, match = min(strong or found, key=lambda item: item[0])
    return _finding(cue, clause, match, offset, question, year, foreign, raw)


_WEAK_RULES = frozenset(("plans", "odds"))
_CLAUSE_FRONTED = re.compile(r"^[,;]?\s*(?:and |but |yet )?(?:after|following) [^,;]{3,60}, (?=\w)")
_GATE = WordGate(GATE_WORDS)


def _names_a_show_after(raw: str, end: int) -> bool:
    """Whether a title follows right after `end` ("revival Dexter: New Blood"; not "a
    revival Tuesday")."""
    name = _NAME_AFTER.match(raw, end)
    return name is not None and not _is_common(name.group(1))


_NAME_AFTER = re.compile(r"\s+[\"“‘']?([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)")


def _first_real(cue: Cue, clause: str, raw: str) -> re.Match[str] | None:
    """The cue's first match that is not a look-alike or part of a name."""
    for match in cue.pattern.finditer(clause):
        if not _is_lookalike(cue, clause, match, raw) and not _in_name(raw, match):
            return match
    return None


def _mask_may(norm: str, raw: str) -> str:
    chars = list(norm)
    for match in _MONTH_MAY.finditer(raw):
        chars[match.end() - 3 : match.end()] = "mmm"
    return "".join(chars)


# "Blackpine may have ended its run in 2023, but the franchise lives on": a concession
# grants a fact. Not when the grant is attributed ("may have been cancelled, according
# to …") or the "but" clause casts doubt ("…, but Fox has not confirmed it").
_CONCESSION = re.compile(
    r"\b(may|might) (?:well )?have (?![^,;]*\b(?:according|reports?|reportedly|rumou?r\w*|"
    r"sources?|if)\b)[^,;]{1,80}, but (?![^.;]*(?:\b(?:not|no|yet|unclear|confirm\w*|denie[sd]|"
    r"rumou?r\w*)\b|n't))"
)


def _mask_concession(norm: str) -> str:
    for match in _CONCESSION.finditer(norm):
        start, end = match.span(1)
        norm = norm[:start] + "m" * (end - start) + norm[end:]
    return norm


# Japanese "no" between the words of a title: "Tsuki no Hanaya is getting a TV anime"
_NAME_PARTICLE = re.compile(r"[A-Z][\w'’-]* (no) [A-Z]")


def _mask_name_particle(norm: str, raw: str) -> str:
    """Hide a title's "no" from the negation check (same length, so offsets hold)."""
    for match in _NAME_PARTICLE.finditer(raw):
        start, end = match.span(1)
        norm = norm[:start] + "nx" + norm[end:]
    return norm


def _in_name(raw: str, match: re.Match[str]) -> bool:
    """A capitalised cue followed by a capitalised word mid-clause is part of a name."""
    word = raw[match.start() : match.end()]
    if not word[:1].isupper() or match.start() == 0:
        return False
    following = raw[match.end() :].lstrip()
    return following[:1].isupper() and not is_title_case(raw)


# A revival (the noun) is news only with a decision beside it: "ordered a revival",
# "the revival is a go", "confirmed a revival".
# "the revival of the sitcom was cancelled" (not "a revival of Coldharbour, the drama that
# BBC America cancelled in 2019": the cancellation there is the show's history)
_REVIVAL_ENDED = re.compile(
    r"(?: of (?:[\w'’:&-]+ ){1,6}?)?[^,;]{0,20}?\b(?:was|were|has been|have been|had been|got|is|"
    r"are|been)(?: \w+)? (?:cancell?ed|axed|scrapped|shelved|ended|pulled|nixed|dropped)\b"
)
_REVIVAL_DECIDED = re.compile(
    r"\b(?:order\w*|greenl\w*|green-l\w*|green ?light\w*|confirm\w*|announc\w*|official\w*|"
    r"commission\w*|picked up|picks up|a go|happening|set (?:for|to)|premieres?|"
    r"(?:gets?|got|getting|lands?|landed|earn\w*|secur\w*) (?:a|an|the|its) (?:[\w-]+ )?revival|"
    r"will (?:premiere|debut|air|stream|return)|"
    r"(?:is|are) coming|in production|filming)\b"
)
_RETURN = re.compile(r"return|be back|come back|coming back")
_CAPITAL_WORD_BEFORE = re.compile(r"[A-Z][\w'’-]*\s+$")
_CAPITAL_WORD_AFTER = re.compile(r"[\w'’-]*\s+[A-Z]")


def _in_title(raw: str, at: int) -> bool:
    """Whether a capitalised word at `at` sits in a run of capitalised words (a name)."""
    if not raw or not raw[at : at + 1].isupper() or is_title_case(raw):
        return False
    if at == 0:  # "Hopeful Hearts was renewed", not "Maybe Netflix will renew it"
        word = raw.split(None, 1)[0].lower()
        return (
            word not in _OPENING_HEDGES
            and not word.endswith("ly")
            and bool(_CAPITAL_WORD_AFTER.match(raw, 1))
        )
    return bool(
        _CAPITAL_WORD_BEFORE.search(raw, max(0, at - 30), at)
        or _CAPITAL_WORD_AFTER.match(raw, at + 1)
    )


def _hedged_after(after: str, raw: str, at: int) -> bool:
    """A hedge just after the cue ("renewed, it seems"), unless it is a name's word
    ("renewed Possible Worlds")."""
    hedge = _HEDGE_AFTER.search(after)
    if hedge is None:
        return False
    word = hedge.group().rsplit(None, 1)[-1]
    return not _in_title(raw, at + hedge.end() - len(word))


_OPENING_HEDGES = frozenset(("maybe", "perhaps", "if", "whether", "could", "might", "would"))


_PLOT_ENDED = re.compile(
    r"\b(?:season|episode|finale|premiere) \w* ?(?:of (?:[\w'’:&-]+ ){1,4})?"
    r"(?:ended|concluded|wrapped) on\b"
    # (not "concluded on Netflix this week": a channel)
    rf"(?! {_NETWORK}\b)"
)
_TOPIC_NOUN = re.compile(
    r"\s(?:status|news|odds|hopes?|chances|updates?|decisions?|watch|scorecard|tracker|"
    r"prospects|questions?|fate|talks|deadline|guide|roundup|rumou?rs?|announcements)\b"
)


# A bubble in the past is history, not a wait: "had been on the bubble before NBC
# canceled it", "spent its early years on the bubble", "on the bubble last season"
_PAST_BUBBLE = re.compile(
    r"(?:\bhad been|\bspent [\w' ]{0,30}|\bonce|\bformerly|\bused to be) on the (?:[\w-]+ )?"
    r"bubble\b|\bbubble(?: for (?:a while|(?:a few |several |two |three )?(?:days|weeks|months)))?"
    r",? (?:last|in (?:19|20)\d\d|for years|years ago|back in|two years "
    r"running|before (?:[\w+]+ ){0,2}(?:renew|cancel|axe|pick|end))"
)


# A cancellation that did not happen, or happens to shows in general: "instead of getting
# cancelled like half the shows I love", "another Netflix show that gets axed after one
# season"
_NOT_THIS_ONE = re.compile(
    r"\b(?:instead of|rather than|unlike|like so many|better than|worse than) "
    r"(?:being |getting |get )?$|"
    r"\b(?:another|other|any|every) (?:[\w+-]+ ){0,2}(?:shows?|series) (?:that|which|to) "
    r"(?:gets?|got|get|was|were|are|is) (?:\w+ )?$"
)


# shows in general, counted by none of the words that would make them these ones
_SHOWS = r"shows|dramas|comedies|sitcoms|titles|originals|programmes"
_SHOWS_BEFORE = re.compile(
    rf"\b(?:{_SHOWS}|ones) (?:that |which )?"
    r"(?!(?:were|are|was|is|has|have|had|been|being|got|get|gets|getting)\b)"
    r"(?:it|they|[\w+]+|the [\w+]+) (?:(?:has|have|had) )?(?:already |also |just )?$"
)
_OTHER_SHOWS_AFTER = re.compile(
    r"s?(?: for| of)? (?:like |about |some |several |all )?(?:[\w-]+ )?other "
    r"(?:[\w-]+ )?(?:shows|series|originals|dramas|comedies|titles|programmes)\b"
)
_RENEWED_PACT = re.compile(
    # (and a person's: "renewed host Kenny Armitage's overall deal")
    r" (?:its|their|his|her|a|an|the|our|(?:[\w-]+ ){0,3}[\w-]+'s) (?:[\w'’-]+ ){0,3}"
    rf"(?:{_PACT}|arrangement|alliance|commitment)s?\b"
)
_BROUGHT_BACK_PEOPLE = re.compile(
    r"(?<=back) (?:(?:nearly|almost|all|every|several|many|some|most|a few|a handful|each|"
    r"of|the|its|his|her|their|former|original|old|fan-favou?rite|beloved|familiar|past) )*"
    r"(?:[\w-]+ )?(?:cast|characters?|actors?|actresses|alumni|alums|favou?rites|faces|"
    r"members|villains?|stars?|regulars|guest stars?|contestants|judges|hosts?)\b"
)
_SHOWS_AFTER = re.compile(
    r" (?!(?:two|three|four|five|six|several|both|\d+|its|their|the|these|those|all)\b)"
    rf"(?:[\w-]+ ){{0,2}}(?:{_SHOWS})\b"
)
# more episodes of this season, named before the cue or inside it ("full-season pickup")
_SEASON_PICKED = ("full-season", "back-nine", "back nine")
_SEASON_PICKUP = re.compile(rf"\b(?:{'|'.join(_SEASON_PICKED)}) $")


def _orders_a_season(clause: str) -> bool:
    """Whether a clause speaks of a renewal or of a season after the first."""
    return "renew" in clause or any(r.number >= 2 for r in season_refs(clause) if r.number)


def _lookalike_word(clause: str, raw: str, match: re.Match[str], reach: int) -> bool:
    """A contract, lease or hope within `reach` characters of a renewal cue.

    A word in a name does not count: "Hope Street will be back for a fourth series".
    """
    start = max(0, match.start() - reach)
    for word in _LOOKALIKE.finditer(clause, start, match.end() + reach):
        if not _in_title(raw, word.start()) and not _DEAL_FOR_SHOW.match(clause, word.end()):
            return True
    return False


# "near a deal to bring back The Larches": the deal is the show's renewal
_DEAL_FOR_SHOW = re.compile(
    r"(?<=deal) (?:to (?:renew|bring|return|revive|continue|keep)|for (?:a|an|another) "
    r"(?:[\w-]+ )?season)\b"
)


def _is_lookalike(cue: Cue, clause: str, match: re.Match[str], raw: str = "") -> bool:
    if cue.rule == "bubble":
        near = clause[max(0, match.start() - 45) : match.end() + 30]
        return bool(_PAST_BUBBLE.search(near))
    if match.start() > 0 and clause[match.start() - 1] == "#":
        return True  # "#RenewStarling" is a fan campaign, not a renewal
    if match.group().endswith(("renewal", "cancellation")) and _TOPIC_NOUN.match(
        clause, match.end()
    ):
        return True  # "the renewal status of Ballard" names a topic, it states nothing
    if match.group() == "renewal" and _ABSTRACT_RENEWAL.search(clause[: match.start()]):
        return True  # "an episode about grief and renewal"
    if (
        match.group() == "renewal"
        and clause.startswith("renewals", match.start())
        and _DECIDING_ON.search(clause, max(0, match.start() - 25), match.start())
    ):
        return True  # "the streamer typically waits a month before deciding on renewals"
    if match.group() == "revival" and _names_a_show_after(raw, match.end()):
        return True  # "the 2021 revival Dexter: New Blood" describes another show
    if match.group() == "revival" and (
        _REVIVAL_ENDED.match(clause, match.end()) or not _REVIVAL_DECIDED.search(clause)
    ):
        # "the revival of the sitcom was cancelled": the revival is what ended; "fans keep
        # asking about a revival": a revival nobody ordered is talk, not news
        return True
    if cue.status == "renewed" and _RETURN.search(match.group()):
        # "he will not return for season 4": a cast member leaves, the show may go on (one
        # who will return for season 4 does tell of a season 4)
        person = _PERSON_SUBJECT.search(clause, max(0, match.start() - 40), match.start())
        if person and _NEGATION_WORD.search(person.group()):
            return True
    if (
        cue.status == "renewed"
        and ("hiatus" in clause or "new episodes on" in clause)
        and _RETURN.search(match.group())
        and "season" not in clause
    ):
        return True  # "goes on a winter hiatus and will return with new episodes on March 3"
    if match.group().startswith("renew") and _RENEWED_PACT.match(clause, match.end()):
        return True  # "renewed their global distribution agreement for Bluey"
    if cue.rule == "ordered-title":
        # "has ordered Vesper" names a title; "has ordered reshoots" does not
        verb = _ORDER_VERB.match(match.group())
        at = match.start() + (len(verb.group()) if verb else 0)
        return not raw[at : at + 1].isupper()
    if _SEEN_PHRASE.search(clause, max(0, match.start() - 40), match.start()):
        return True  # viewers who saw "Night Desk cancelled" trending: a phrase, seen
    if cue.rule == "done" and _ROLE_DONE.search(clause, max(0, match.start() - 40), match.start()):
        return True  # "Ray's story is done": a character's
    if cue.rule == "done" and _PACT_DONE.search(clause, max(0, match.start() - 30), match.start()):
        return True  # "the deal was done quietly": a pact made, not a show ended
    if match.group().startswith("said") and _PERSON_NAMED.search(
        clause, max(0, match.start() - 50), match.start()
    ):
        return True  # "actor Ian Sato said goodbye on social media": to a role
    if cue.status == "renewed" and _BROUGHT_BACK_PEOPLE.match(clause, match.end()):
        return True  # "brought back nearly every former cast member": people, not the show
    if cue.status == "renewed" and _lookalike_word(clause, raw, match, 40):
        return _lookalike_word(clause, raw, match, 25)
    if cue.rule == "will-not-return" and (
        _AS_ROLE.match(clause, match.end())
        or _PERSON_SUBJECT.search(clause, max(0, match.start() - 40), match.start())
    ):
        # "the two stars will not return as the leads", "Mills confirmed he will not return
        # for season 4": people, not the show
        return True
    if cue.rule == "series-order" and clause.endswith(("any ", "no "), 0, match.start()):
        return True  # "any series order will depend on the scripts": none made yet
    if cue.rule == "series-order" and "episode" in match.group() and _orders_a_season(clause):
        # "renewed for a third season, with a 13-episode order", "before the sophomore run
        # wraps its eight-episode order": the episodes of a season, not a new series
        return True
    if cue.status == "renewed" and (
        _OTHER_SHOWS_AFTER.match(clause, match.end())
        or _SEASON_PICKUP.search(clause, max(0, match.start() - 20), match.start())
        or match.group().startswith(_SEASON_PICKED)
    ):
        # "renewals for three other originals", "they renewed like three other shows";
        # "a full-season pickup", "a back-nine order": more episodes of this season
        return True
    if cue.status in ("renewed", "cancelled") and _SHOWS_BEFORE.search(
        clause, max(0, match.start() - 40), match.start()
    ):
        return True  # "behind the ones it renewed", "some shows Netflix has cancelled"
    if cue.status in ("cancelled", "revived") and _SHOWS_AFTER.match(clause, match.end()):
        # "the most underrated cancelled shows", "has cancelled better shows", "which has
        # saved shows before"
        return True
    if cue.status == "cancelled" and _NOT_THIS_ONE.search(clause, 0, match.start()):
        return True  # "ended on their own terms instead of getting cancelled"
    if cue.status == "cancelled":
        # (searched in place, not in a slice: a slice's edge would make "update" a "date")
        event = _CANCEL_LOOKALIKE.search(clause, max(0, match.start() - 60), match.end() + 20)
        if event or _PERSON_AXED.search(clause, match.start()):
            return True
        if _PART_BEFORE.search(clause, max(0, match.start() - 60), match.start()):
            return True  # "the musical episode was scrapped", "judge Mary Quinn was axed"
        if _OWN_STORY_BEFORE.search(clause, max(0, match.start() - 40), match.start()):
            return True  # "I knew his story would be cut short": a character's arc
        if match.group().startswith(_GIVEN):
            # "the villain got the axe in the finale", "gave the host the boot": a person
            return bool(
                _PERSON_BEFORE.search(clause, max(0, match.start() - 40), match.start())
                or _PERSON_BEFORE.search(match.group())
            )
    if cue.rule == "final-season-aired" and _SHOOTING.search(
        clause, max(0, match.start() - 30), match.start()
    ):
        return True  # "as filming on the final season wrapped": the shoot ended, not the show
    if cue.rule == "final-season" and _FINAL_AS_NOUN.search(clause, 0, match.start()):
        # "a Metacritic score of 87 for its final season": the season is named, not announced
        return not _RENEW_VERB.search(clause, max(0, match.start() - 40), match.start())
    if cue.status == "ended" and _SEASON_RAN.search(
        clause, max(0, match.start() - 30), match.start()
    ):
        return True  # "The season ended its run on July 9": a season's run, not the show's
    # "the season ended on a cliffhanger" is a plot point, not the show's end.
    return cue.status == "ended" and bool(_PLOT_ENDED.search(clause))


# renewals in general: "before deciding on renewals", "its decisions about renewals"
_DECIDING_ON = re.compile(r"\b(?:decid\w*|decisions?) (?:on|about) $")
# the words of an "ordered-title" cue up to the title: "has officially commissioned "
_ORDER_VERB = re.compile(r".*?\b(?:ordered|commissioned|greenlit|green-lit) ")
_SEASON_RAN = re.compile(
    r"(?:\b(?:the|its|that|this)|'s) (?!final\b|last\b)(?:[\w-]+ )?season(?: \w+)? $"
)


def _finding(
    cue: Cue,
    clause: str,
    match: re.Match[str],
    offset: int,
    question: bool,
    year: int | None,
    foreign: Callable[[int], bool] | None = None,
    raw: str = "",
) -> Finding:
    # Negation and hedges govern the cue only from within its own phrase: "it wasn't so
    # lucky: Fox has cancelled it" is not a negated cancellation.
    before = _SCOPE_BREAK.split(clause[max(0, match.start() - 45) : match.start()])[-1]
    negated = cue.negatable and (
        bool(_NEGATION.search(_NOT_NEGATING.sub(" ", before)))
        or bool(_NEGATED_AFTER.match(clause, match.end()))  # "a revival isn't on the table"
    )
    status, lean = _polarity(
        cue.status,
        negated,
        before,
        match.group(),
        _YET_AFTER.match(clause, match.end()) is not None,
    )
    hedge_scope = _SCOPE_BREAK.split(clause[max(0, match.start() - 60) : match.start()])[-1]
    after = clause[match.end() : match.end() + 30]
    if "odds" in hedge_scope or "believe" in hedge_scope:
        hedge_scope = _NOT_HEDGING.sub(" ", hedge_scope)  # "kept beating the odds before"
    hedge = _HEDGE.search(f"{hedge_scope} {match.group()}")  # "could easily return for"
    if hedge and _in_title(raw, match.start() - len(hedge_scope) + hedge.start()):
        # "High Potential was renewed": the hedge word is part of a name
        hedge = _HEDGE.search(f"{hedge_scope} {match.group()}", hedge.end())
    if hedge and hedge.group() == "would" and _REPORTED_SPEECH.search(clause, 0, match.start()):
        hedge = None  # "announcing that season 6 would be its last": a backshifted "will"
    hedged = question or bool(hedge or _hedged_after(after, raw, match.end()))
    reported = not hedged and _reported(clause)
    certainty = _certainty(hedged, status, reported)
    all_refs = season_refs(clause)
    if foreign and all_refs:
        all_refs = [r for r in all_refs if not foreign(offset + r.start)]
    if (
        status == "renewed"
        and _NEW_SERIES.search(match.group())
        and not all_refs
        and not _MORE_EPISODES.search(match.group())
    ):
        status = "ordered"  # "Netflix has greenlit Vesper Heights": a new series, no season
    if hedged and status not in ("pending", "in_development"):
        lean = "renew" if status in ("renewed", "ordered", "revived") else "cancel"
        status = "pending"
    # Only season numbers close to the cue belong to it: in "Season 1 ended on a cliffhanger,
    # leaving fans wondering whether the show would be renewed" season 1 is not the one asked.
    # (a final season is named as the subject: "series four of The Lighthouse Keepers will
    # be its last")
    reach = 60 if status == "ending" else 30
    refs = [
        r
        for r in all_refs
        if match.start() - reach <= r.end
        and (r.start <= match.end() + 70 or (r.upto and status == "renewed"))
    ]
    more = more_seasons(clause, match.start(), match.end()) if all_refs else 0
    if more and not any(r.start >= match.start() and r.role != "total" for r in refs):
        # "With season two wrapping up, Netflix has ordered two more": counted from the
        # current season, wherever the clause names it before the cue
        refs = [r for r in all_refs if r.end <= match.start()] or refs
    negated_return = negated or cue.rule == "will-not-return" or bool(_NOT_RETURN.search(clause))
    season = (
        None
        if status == "in_development"
        else season_for(
            _season_status(cue.status, status),
            refs,
            match.start(),
            negated_return,
            clause,
            more,
        )
    )
    if (
        status == "renewed"
        and season == 1
        and (
            _ORDERS_FIRST.match(clause, match.end())
            or _FIRST_ORDERED.search(match.group())
            or _FIRST_SEASON_ORDER.search(clause, match.start())
        )
    ):
        status = "ordered"  # "has greenlit a 10-episode first season": a new series
    elif status == "renewed" and season == 1:
        season = 2  # "renewed it, citing the first season's numbers": a renewal orders more
    return Finding(
        status=status,
        season=season,
        certainty=certainty,
        lean=lean,
        rule=cue.rule + ("+negated" if negated else "") + ("+hedged" if hedged else ""),
        historical=_is_historical(clause, year, match.end())
        or _as_time_marker(cue, clause, match)
        or _ended_a_past_bubble(cue, clause),
        negated=negated,
        explicit=not hedged and (reported or bool(_OFFICIAL.search(clause))),
        start=offset,
        end=offset + len(clause),
        cue=(offset + match.start(), offset + match.end()),
    )


def _polarity(
    status: str, negated: bool, before: str, cue: str = "", yet: bool = False
) -> tuple[str, str | None]:
    """Negation turns a decision into a wait: "not renewed yet" is pending, not cancelled
    (`yet`: the word follows the cue, "didn't get renewed yet").

    A network that "isn't renewing" the show has decided, as one that "won't renew" it.
    """
    if not negated:
        return status, None
    if status == "renewed":
        if (
            (
                re.search(
                    r"\b(?:was|were|will|won't|wasn't|weren't|would|did) not\b|\b(?:wasn't|won't"
                    r"|weren't|didn't)\b",
                    before,
                )
                or (cue.startswith("renewing") and _NOT_NOW.search(before))
            )
            and "yet" not in before
            and not yet
        ):
            return "cancelled", None
        return "pending", None
    if status == "cancelled":
        return "pending", "renew"
    if status in ("ending", "ended"):
        return "pending", None
    return "unknown", None


_YET_AFTER = re.compile(r"(?: [\w-]+){0,4}? (?:just )?yet\b")
_NOT_NOW = re.compile(r"\b(?:is|are) not $|\b(?:isn't|aren't) $")


def _reported(clause: str) -> bool:
    """Whether a clause reports rather than announces: "sources say", "confirmed to
    Deadline" (but "a spokesperson confirmed to us" is the network speaking)."""
    found = _REPORTED.search(clause)
    if found is None:
        return False
    if found.group().startswith("confirmed") and _SPOKESPERSON.search(clause, 0, found.start()):
        return bool(_REPORTED.search(clause, found.end()))
    return True


_SPOKESPERSON = re.compile(
    r"\b(?:spokes\w+|representative|rep for|publicist|executive|president|chief|head of)\b"
    r"[^.;]{0,25}$"
)


def _certainty(hedged: bool, status: str, reported: bool) -> str:
    if hedged:
        return "speculative"
    if status == "pending":
        return "reported"  # "not officially renewed" reports a wait; nobody announced it
    return "reported" if reported else "official"


def _season_status(cue_status: str, status: str) -> str:
    """Season arithmetic follows what the cue talks about, even when negated or hedged."""
    return cue_status if status == "pending" else status


# "Last May, Brass Tacks was one of the last shows NBC made up its mind about": a clause
# that opens on a past month or season is background ("the drama Fox cancelled last fall"
# dates only the cancellation, so the marker must lead)
_PAST_LEAD = re.compile(
    r"^\W*last (?:january|february|march|april|mmm|may|june|july|august|september|october|"
    r"november|december|spring|summer|fall|autumn|winter),"
)


# "Peacock picks up Second Shift after CBS cancellation", "following its axing": an end named
# as the time of something else is background, not the news
_AFTER_END = re.compile(r"\b(?:after|following|in the wake of) (?:[\w'’+-]+ ){0,3}$")


def _as_time_marker(cue: Cue, clause: str, match: re.Match[str]) -> bool:
    if cue.status != "cancelled" or not match.group().endswith(("ation", "axing")):
        return False
    return bool(_AFTER_END.search(clause, max(0, match.start() - 40), match.start()))


def _ended_a_past_bubble(cue: Cue, clause: str) -> bool:
    """ "sat on the bubble last spring before CBS renewed it": the renewal that ended a
    bubble dated in the past is as past as the wait (not "on the bubble for weeks before
    NBC renewed it on Monday", which is today's news)."""
    return (
        cue.status == "renewed"
        and "bubble" in clause
        and bool(_PAST_BUBBLE.search(clause))
        and bool(_DATED_PAST.search(clause))
    )


_PAST_REACH = 60
_DATED_PAST = re.compile(
    r"\b(?:last (?:spring|summer|fall|autumn|winter|season|year|may|mmm)|in (?:19|20)\d\d|"
    r"years? ago|a year earlier|the year before)\b"
)


def _is_historical(clause: str, year: int | None, cue_end: int | None = None) -> bool:
    # (a past word far after the cue tells of something else: "FX has renewed Shogun for
    # two seasons, the network said, turning what was originally sold as a limited series")
    reach = len(clause) if cue_end is None else cue_end + _PAST_REACH
    past = _PAST.search(clause)  # (searched whole: its lookaheads read past the reach)
    if (
        past
        and past.group().startswith("had ")
        and past.group() != "had been"
        and _REPORTED_SPEECH.search(clause, 0, past.start())
    ):
        past = None  # "it was announced that the BBC had cancelled the series": backshifted
    if (past and past.start() < reach) or _PAST_LEAD.match(clause):
        return True
    if year is None:
        return False
    return any(int(y) < year for y in _IN_YEAR.findall(clause))
