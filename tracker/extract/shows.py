"""Where the tracked show, and other shows, are named.

Titles and aliases are matched on the normalised text (case, accents and curly
quotes folded) on word boundaries. A longer title that contains the tracked one is
another show: "Bosch: Legacy" is not "Bosch", "Bosch Legacy" neither; so is a title
that a word before marks as one ("renewed Sunlit Road", "the procedural Harbor Watch")
or that opens a sentence as a decision's subject. Which sentences and figures those
names make about the show is tracker.extract.attribution's business.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from tracker.extract.text import Sentence, is_title_case, normalise


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# "the series", "the show", and descriptions such as "the coastal thriller", "the Maggie
# Q-led Bosch spinoff", "the streamer's medical drama": up to four words between "the"
# and a genre noun.
_GENRE = (
    r"(?:series|show|drama|dramedy|comedy|sitcom|thriller|procedural|spin-?off|program(?:me)?|"
    r"adaptation|anthology|docuseries|miniseries|reboot|revival|saga|serial|soap|western|"
    r"mystery|sci-fi|fantasy|animated|cartoon|prequel|sequel|hit|favou?rite|original|title|"
    r"project|property|ensemble|romcom|romance|horror|epic|period piece|dystopia|"
    r"limited series|opera|space opera|soap opera|noir|dramedy|whodunit|caper|satire|parody|"
    r"flagship|mothership|pilot)"
)
# Also possessive descriptions: "Queen Latifah's vigilante drama", "Netflix's hit".
_DESCRIPTION = re.compile(rf"\b(?:the|this|that) (?:[\w'+-]+ ){{0,4}}{_GENRE}\b")
# (not a contraction: "there's a pilot script", "here's the drama")
_POSSESSIVE = re.compile(
    r"(?<![\w.-])(?!(?:there|here|that|what|who|where|he|she|let|nobody|somebody|"
    rf"everybody|everyone|someone|one)'s\b)[\w.-]+'s (?:[\w'-]+ ){{0,3}}{_GENRE}\b"
)
# (an emphatic "itself" after a name is that name's: "Love Is Blind itself, which …")
_PRONOUN = re.compile(
    r"\bit(?:s|'s)?\b|\bitself\b(?!,| (?:was|is|has|had|holds|will|got|remains|sits)\b)"
)


def _anaphors(norm: str) -> list[re.Match[str]]:
    """Every anaphor in a sentence; the possessive pattern only runs where a "'s" is."""
    found = [*_PRONOUN.finditer(norm), *_DESCRIPTION.finditer(norm)]
    if "'s " in norm:
        found.extend(_POSSESSIVE.finditer(norm))
    if _maybe_other_one(norm) and _OTHER_ONE.search(norm):
        # "the network's other new drama", "its rival series": another show
        return [m for m in found if not _OTHER_ONE.search(m.group())]
    return found


_OTHER_ONE = re.compile(r"\b(?:other|another|rival|competing|former|fellow|different)\b")


def _maybe_other_one(norm: str) -> bool:
    """Cheap substring filter before _OTHER_ONE, run for every sentence."""
    return (
        "other" in norm
        or "rival" in norm
        or "former" in norm
        or "fellow" in norm
        or ("competing" in norm)
        or ("different" in norm)
    )


def other_one(norm: str) -> bool:
    """Whether the sentence describes another show: "the network's other new drama"."""
    return bool(other_one_spans(norm))


def other_one_spans(norm: str) -> list[tuple[int, int]]:
    """Spans of descriptions of another show: "the network's other new drama"."""
    if not _maybe_other_one(norm) or not _OTHER_ONE.search(norm):
        return []
    found = [*_DESCRIPTION.finditer(norm), *_POSSESSIVE.finditer(norm)]
    return [m.span() for m in found if _OTHER_ONE.search(m.group())]


# Other shows named in the text: "the original show, Bosch", "shows Bosch and Bosch: Legacy",
# "the Bosch franchise", "spin-off of Bosch". Capitalised phrases only.
# A capitalised phrase is another show's title when a word before it says so: "the
# original show, Bosch", "shows like Severance", or a decision's object: "renewed Sunlit
# Road". Phrases are found first and the word before is checked on a short window, since
# trying forty keywords at every position of every sentence is slow in re.
_CAPITALISED = re.compile(
    r"(?<![\w'’])(?:(?:St|Mt|Ft|Dr|Mr|Mrs|Ms)\.\s+)?[A-Z][\w'’]*"  # ("St. Denis Medical")
    r"(?:(?::\s+|\s+(?:(?:of|the|and|&(?:amp;)?)\s+)*)[A-Z][\w'’]*)*"
)
_JOB_BEFORE = re.compile(r"\b(?:of|head|chief|president|executive)\s+(?:drama|comedy|series)\s+$")
_TITLE_CUE_WORDS = _words(
    "show shows series drama comedy sitcom prequel sequel counterpart predecessor like unlike "
    "procedural thriller dramedy anthology docuseries miniseries western soap "
    "including and original renewed renews cancelled canceled cancels axed axes ordered orders "
    "revived revives greenlit up scrapped canned nixed dropped spinoff spin-off of hit hits comes "
    "for on cancelling canceling renewing axing reviving scrapping"
)


def _title_cue_before(raw: str, start: int) -> bool:
    """Whether the word before a capitalised phrase marks it as a show's title.

    A set lookup on the preceding word rather than a regular expression: this runs
    for every capitalised phrase of every sentence.
    """
    words = raw[max(0, start - 30) : start].lower().replace(",", " ").split()
    if len(words) > 1 and words[-1] in ("both", "all", "each", "either", "neither"):
        words.pop()  # "renewed both Copper Sky and The Ninth Floor"
    if not words or words[-1] not in _TITLE_CUE_WORDS:
        return False
    if words[-1] == "up":
        return len(words) > 1 and words[-2] == "picked"  # "picked up Sunlit Road"
    if words[-1] == "and":
        # "renewed Bench Trial and Harbor Court" (not "…at the brickworks, and Brackenreid
        # makes a decision": a clause about a character)
        before = raw[max(0, start - 30) : start].split()
        joined = before[-2].rstrip(",;") if len(before) > 1 else ""
        if joined.lower() in _PLATFORMS or (joined[:1].isupper() and _is_common(joined)):
            # "trended worldwide on X, and Minase thanked the staff", "97% on Rotten
            # Tomatoes, and Gary Oldman's Jackson Lamb is …": clauses, not titles
            return False
        return bool(
            joined[:1].isupper()
            or joined[-1:].isdigit()
            or joined.endswith(")")
            or _TWO_WORDS.match(raw, start)  # "…, and Will Trent returns"
        )
    if words[-1] == "on":
        # "Netflix pulled the plug on Kaos", "closed the book on Ozark" (not "on Netflix")
        return len(words) > 1 and words[-2] in ("plug", "pin", "curtain", "book")
    if words[-1] == "for":
        # "The renewal announced on Tuesday was for Cross Country" (not "for Netflix")
        return len(words) > 1 and words[-2] in ("was", "is", "were", "are")
    if words[-1] == "hit":
        # "its own cult hit Kettle Lake" (not "hit Aussie comedy Bluegum Flats")
        return len(words) > 1 and words[-2] in ("cult", "smash", "sleeper", "breakout", "own")
    if words[-1] == "of":
        # "spin-off of Bosch", "a second season of The Ferryman's Daughter", "fans of X"
        return len(words) > 1 and words[-2] in _OF_TITLE
    return True


# Social platforms a story trends on: "on X, and …" joins clauses, not titles
_PLATFORMS = _words("x tiktok instagram youtube twitter reddit facebook threads bluesky")
NETWORKS = _words(
    "netflix hulu peacock hbo max showtime starz amc fx nbc cbs abc fox cw apple prime amazon "
    "disney+ disney paramount+ paramount bbc itv sky freevee tubi britbox acorn mgm+"
)


# "Harlow & Vine (cancelled after two)", "Glasshouse (final season airs in 2025)": a name
# with its own status noted in brackets after it
_STATUS_NOTE_AFTER = re.compile(
    r"\s*\((?:[^()]{0,20}\b)?(?:ended|cancell?ed|renewed|axed|ordered|final season|"
    r"last season|returning|revived)\b[^()]{0,40}\)"
)


def _title_start(raw: str, match: re.Match[str]) -> int | None:
    """Where a run of capitals starts a title of another show, if it does: after a cue
    word before it, or after a cue the run takes in at the start of a sentence ("Fans of
    Redwater got a surprise"), or after an opener and a network's possessive before a
    title that does something ("While Fox's Hillside Hounds ended", not "Netflix's Los
    Gatos offices")."""
    start = match.start()
    if _title_cue_before(raw, start) or _STATUS_NOTE_AFTER.match(raw, match.end()):
        return start  # (or an item's "Glasshouse (final season airs in 2025)")
    if _GIVER_BEFORE.search(raw, max(0, start - 10), start) and _GIFT_AFTER.match(raw, match.end()):
        return start  # "Paramount+ gave Tulsa King a fourth season"
    head = _CUE_HEAD.match(match.group())
    if head is None:
        owner = _OWNER_HEAD.match(match.group())
        if owner is None or owner.group(1).lower() not in NETWORKS:
            return None
        if not _ACTS_AFTER.match(raw, match.end()):
            return None
        head = owner
    return start + head.end() if head.end() < len(match.group()) else None


_TWO_WORDS = re.compile(r"[A-Z][\w'’-]* [A-Z]")
_GIVER_BEFORE = re.compile(r"\b(?:gave|gives|given|granted|grants|handed|hands) $")
_GIFT_AFTER = re.compile(
    r" (?:a|an|another) (?:[\w-]+ )?(?:season|series order|renewal|pickup|order)\b"
)
_OWNER_HEAD = re.compile(r"(?:[A-Z]\w* )?([\w+]+)['’]s ")
_ACTS_AFTER = re.compile(
    r" (?:was|is|has|had|will|would|got|gets|returns|[a-z]+ed)\b(?! (?:by|in|on|at)\b)"
)
_LOWER_AFTER = re.compile(r" [a-z]")
_CUE_HEAD = re.compile(r"(?:Fans|Viewers|Creators?|Cast|Stars?|Showrunners?) of (?=[A-Z0-9])")
_OF_TITLE = _words(
    "spinoff spin-off season seasons finale premiere renewal cancellation return revival "
    "reboot remake adaptation fans cast showrunner creators co-creator episodes axing "
    "cancelling canceling renewing"
)
_PRONOUNS = frozenset(("it", "its", "it's", "itself"))
_NOT_TITLES = frozenset(
    [
        "the",
        "a",
        "an",
        "season",
        "seasons",
        "series",
        "show",
        "it",
        "this",
        "that",
        "netflix",
        "hbo",
        "max",
        "prime",
        "video",
        "amazon",
        "apple",
        "hulu",
        "disney",
        "peacock",
        "paramount",
        "abc",
        "cbs",
        "nbc",
        "fox",
        "cw",
        "amc",
        "fx",
        "starz",
        "showtime",
        "i",
        "i'm",
        "i've",
        "i'd",
        "i'll",
        "he",
        "she",
        "they",
        "we",
        "you",
        # a scorecard's headline, "Renewed, Cancelled or Still Waiting?", names statuses
        "renewed",
        "cancelled",
        "canceled",
        "ended",
        "ending",
        "revived",
        "ordered",
        "pending",
        "waiting",
        "still waiting",
    ]
)


# A title used to name a relative is not the show itself: "the Bosch spin-off",
# "Bosch universe", "spinoff of Bosch", "prequel to Bosch".
_MODIFIER_AFTER = re.compile(
    r"['s]*\s+(?:spin-?offs?|franchise|universe|prequel|sequel|follow-up|companion series|"
    r"offshoot|alum(?:ni|nus|na)?|veteran|aftershows?|after-shows?|podcasts?|"
    r"companion podcast|video game|stage (?:show|play|adaptation)|musical|"
    # "the Ghosts panel … has been cancelled", "this year's Northbrook Christmas special"
    r"panels?|(?:premiere |watch |launch |wrap )?part(?:y|ies)|tours?|screenings?|"
    r"(?:christmas |holiday |reunion |live )?specials?|concerts?|exhibits?|exhibitions?|"
    r"experience|marathons?|live shows?|conventions?|fan events?)\b"
)
_PARENT_BEFORE = re.compile(
    r"\b(?:(?:spin-?off|prequel|sequel|follow-up) (?:to|of|from) [^,.;:]{0,40}?|"
    r"offshoot of|set in the world of|successor to|(?:same|shared) (?:universe|world) as)\s+"
    r"(?:the (?:original |long-running )?)?$"
)
# "A spinoff of Driftwood is in development": the title names the show (feeds that say so
# are worth reading) but the clause is the spinoff's news.
_KIN_WORDS = (
    "spin",
    "quel",
    "follow-up",
    "offshoot",
    "remake",
    "adaptation",
    "version",
    "reimagin",
)
_RELATIVE_OF = re.compile(
    r"\b(?:spin-?off|prequel|sequel|follow-up|offshoot) (?:to|of|from) "
    r"(?:the (?:original |long-running )?)?$|"
    # "Fox's remake of the Spanish thriller La Caja has been cancelled": the remake's news
    # (not "an adaptation of Tidepool": a novel's adaptation takes the novel's title)
    r"\b(?:remake|version|reimagining) of (?:the )?(?:[\w'-]+ ){0,3}$"
)


@dataclass(frozen=True, slots=True)
class Mention:
    start: int  # offsets within the sentence
    end: int


class _Span:
    """A found name, shaped like the re.Match the callers used before (start(), end())."""

    __slots__ = ("_end", "_start")

    def __init__(self, start: int, end: int) -> None:
        self._start, self._end = start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


_CONTRACTIONS = ("'re", "'ll", "'ve", "'d", "'m")


def _word_spans(norm: str, names: Sequence[str]) -> list[_Span]:
    """Where any of `names` (longest first) stands on word boundaries, left to right.

    str.find instead of a compiled alternation: building a regular expression per
    show costs more than every search it would serve in a batch of short cases.
    "#SaveStarling" names Starling; "You're the Worst" does not name "You".
    """
    found: list[tuple[int, int]] = []
    for name in names:
        start = norm.find(name)
        while start != -1:
            end = start + len(name)
            if _bounded(norm, start, end):
                found.append((start, -end))
            start = norm.find(name, start + 1)
    spans: list[_Span] = []
    taken = -1
    for start, neg_end in sorted(found):
        if start >= taken:
            spans.append(_Span(start, -neg_end))
            taken = -neg_end
    return spans


def _bounded(norm: str, start: int, end: int) -> bool:
    before_ok = (
        start == 0 or not _is_word(norm[start - 1]) or norm.endswith(("#save", "#renew"), 0, start)
    )
    if not before_ok or (end < len(norm) and _is_word(norm[end])):
        return False
    for suffix in _CONTRACTIONS:
        if norm.startswith(suffix, end):
            after = end + len(suffix)
            if after == len(norm) or not _is_word(norm[after]):
                return False
    return True


_CASED_WORD = re.compile(r"[A-Z][a-z]")
_PAIRED = re.compile(
    r"\b(?:[Nn]either|[Bb]oth|[Ee]ither) ((?:The )?[A-Z][\w'’&:-]*(?: [A-Z0-9][\w'’&:-]*){0,5})"
    r" (?:nor|and|or) (?=[A-Z\"“])"
)
_JOINED_END = re.compile(r"(?:\s+(?:and|&|or))?[\s,]*$")
_WORDISH = re.compile(r"[a-z0-9]{3}")  # "I'm" quoted is no title


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


# Letters normalise() keeps (it maps one character to one) that writers also spell out
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})


def _spellings(title: str) -> set[str]:
    """A title, normalised, and the other ways a writer spells it: "Fenwick & Daughters" is
    also "Fenwick and Daughters" (and back), "Les Sœurs Lemieux" also "Les Soeurs Lemieux"."""
    name = normalise(title).strip()
    found = {name, name.translate(_LIGATURES)}
    for spelling in list(found):
        found.add(spelling.replace(" & ", " and "))
        found.add(spelling.replace(" and ", " & "))
    for spelling in list(found):
        # "Dexter Resurrection" for "Dexter: Resurrection", "Greys Anatomy" for "Grey's
        # Anatomy", and "Lantern Keepers" for "The Lantern Keepers" (not "Bear" for "The
        # Bear": one word left is a common noun as often as a title)
        found.add(" ".join(spelling.replace(":", " ").split()))
        found.add(re.sub(r"(?<=\w)'(?=s\b)", "", spelling))
        rest = spelling.removeprefix("the ")
        if rest != spelling and len(rest.split()) >= 2:
            found.add(rest)
    return found


class ShowMatcher:
    """Finds a show's title or aliases in normalised sentences."""

    def __init__(self, title: str, aliases: Sequence[str] = ()) -> None:
        names = list({v for n in (title, *aliases) if n.strip() for v in _spellings(n)})
        # text lifted from a feed or a page's source can keep "&amp;": "SALT &amp; STONE"
        names += [n.replace("&", "&amp;") for n in names if "&" in n]
        names.sort(key=len)
        self.names = tuple(" ".join(n.split()) for n in reversed(names))
        self._raw_names = set(self.names)
        self._quick = self.names[-1].split()[0] if self.names else ""  # cheap pre-check
        self._capitalised = any(c.isupper() for c in title)
        self._mentions: dict[str, list[Mention]] = {}
        self._relatives: dict[str, list[Mention]] = {}
        self._longer: dict[str, list[tuple[int, int]]] = {}  # longer titles around a name
        self._others: dict[str, list[tuple[int, int]]] = {}
        self._found: dict[str, list[tuple[int, int]]] = {}  # before the document's titles
        self._known: tuple[str, ...] = ()  # other shows' titles named in this document
        # "FBI" is the parent of "FBI: Most Wanted": named alone, it is another show.
        parents = {n.split(":")[0].strip() for n in self.names if ":" in n}
        # "Harbour" beside a tracked "Harbour Lights" is another show, as "FBI" is beside
        # "FBI: Most Wanted"; only a leading word that is itself title-like counts.
        leading = normalise(title).split()
        titled = len(leading) > 1 and ":" not in title and len(leading[0]) >= 4
        if titled and leading[0].capitalize() not in _LEADERS | _FOLLOWERS:
            parents.add(leading[0])
        parents -= self._raw_names
        self._parents = tuple(sorted(parents, key=len, reverse=True))
        self._hashtag: re.Pattern[str] | None = None  # made when a text first has a "#"

    def forget(self) -> None:
        """Drop the memo of sentences seen: it serves one document, not the next."""
        self._mentions.clear()
        self._relatives.clear()
        self._longer.clear()
        self._others.clear()
        self._found.clear()
        self._known = ()

    def learn(self, sentences: Sequence[Sentence], titles: Sequence[str] = ()) -> None:
        """Take the other shows' titles a document names anywhere as other shows wherever
        it names them: "the firefighter procedural Engine 19" once makes a later bare
        "Engine 19 drew the bigger audience" another show's sentence, where no word
        before the name says so. `titles` are more names the caller knows are shows
        ("Salt Flats, the desert-set crime drama")."""
        known = set()
        found = [
            sentence.text[start:end]
            for sentence in sentences
            for start, end in self.other_title_spans(sentence.text, sentence.norm)
        ]
        for name in [*found, *titles]:
            title = title_key(name)
            if title in _NOT_TITLES or not _WORDISH.search(title) or _is_common(title):
                continue
            if not any(title in ours or ours in title for ours in self.names):
                known.add(title)
        if known:
            self._known = tuple(sorted(known, key=len, reverse=True))
            self._others.clear()

    def mentions(self, norm: str, raw: str) -> list[Mention]:
        """Mentions of the show in a normalised sentence (raw text decides "longer titles")."""
        cached = self._mentions.get(raw)
        if cached is None:
            cached = self._mentions[raw] = self._find_mentions(norm, raw)
        return cached

    def relative_mentions(self, norm: str, raw: str) -> list[Mention]:
        """The show named to name a relative: "a spinoff of Driftwood" (also a mention),
        "a Yellowstone sequel series" (not one)."""
        self.mentions(norm, raw)
        return self._relatives.get(raw, [])

    def _find_mentions(self, norm: str, raw: str) -> list[Mention]:
        if "#" in norm and self.names:
            tags = [Mention(m.start(), m.end()) for m in self._hashtags().finditer(norm)]
            if tags:
                return sorted([*tags, *self._find_named(norm, raw)], key=lambda m: m.start)
        return self._find_named(norm, raw)

    def _hashtags(self) -> re.Pattern[str]:
        """ "#SaveMoonlightMotel", "#RenewTheExpanse": a fans' hashtag names the show. Made
        on first need: compiling it for each of a thousand shows in a pass cost ~0.4 ms each."""
        if self._hashtag is None:
            compact = sorted({re.sub(r"\W", "", n) for n in self.names}, key=len, reverse=True)
            names = "|".join(map(re.escape, filter(None, compact)))
            self._hashtag = re.compile(rf"#(?:save|renew|bringback|keep|more)?(?:{names})\b")
        return self._hashtag

    def _find_named(self, norm: str, raw: str) -> list[Mention]:
        if self._quick not in norm and not any(name in norm for name in self.names):
            return []
        found = []
        kin = any(word in norm for word in _KIN_WORDS)
        for match in _word_spans(norm, self.names):
            if (
                self._capitalised
                and raw[match.start() : match.end()].islower()
                and _CASED_WORD.search(raw)
            ):
                # "weighing succession plans" is not "Succession"; a sentence typed all
                # in lower case ("apple renewed severance for s3") names it that way (nor
                # is "keeping its slow horses in the stable" a longer title)
                continue
            if _extends_title(raw, match.start(), match.end()):
                # "Bosch: Legacy": another show, kept for other_title_spans
                self._longer.setdefault(raw, []).append(
                    (match.start(), _title_end(raw, match.end()))
                )
                continue
            mention = Mention(match.start(), match.end())
            if _MODIFIER_AFTER.match(norm, match.end()) or _PARENT_BEFORE.search(
                norm, 0, match.start()
            ):
                # "the Bosch spin-off", "a spinoff of the long-running Bosch": the other show
                self._relatives.setdefault(raw, []).append(mention)
                continue
            if kin and _RELATIVE_OF.search(norm, max(0, match.start() - 40), match.start()):
                self._relatives.setdefault(raw, []).append(mention)
            found.append(mention)
        return found

    def other_titles(self, raw: str, norm: str | None = None) -> list[str]:
        """Capitalised titles of other shows named in a sentence."""
        return [raw[start:end] for start, end in self.other_title_spans(raw, norm)]

    def other_title_spans(self, raw: str, norm: str | None = None) -> list[tuple[int, int]]:
        """Where other shows' titles stand in a sentence (memoised per document)."""
        cached = self._others.get(raw)
        if cached is None:
            norm = norm or normalise(raw)
            found = self._found.get(raw)
            if found is None:
                found = self._found[raw] = self._find_other_titles(raw, norm)
            if self._known:
                found = found + self._known_spans(raw, norm, found)
            # each title once (several readings find the same one), and never the tracked
            # title itself inside a longer one ("Stranger Things" in "Stranger Things:
            # Tales From '85", which is found whole)
            found = [
                span
                for span in dict.fromkeys(found)
                if not (self._is_tracked(raw[slice(*span)]) and _inside_another(span, found))
            ]
            cached = self._others[raw] = found
        return cached

    def _find_other_titles(self, raw: str, norm: str) -> list[tuple[int, int]]:
        spans = []
        tracked = [(m.start, m.end) for m in self.mentions(norm, raw)]
        runs = list(_CAPITALISED.finditer(raw))  # read twice: here and by _clause_subjects
        for match in runs:
            begin = _title_start(raw, match)
            if begin is None:
                continue
            start, end = begin, match.end()
            # "renewed both Copper Sky and The Ninth Floor": one run of capitals, two
            # titles, the second the tracked one
            end = min([end, *(s for s, _ in tracked if start < s < end)])
            candidate = _JOINED_END.sub("", raw[start:end]) if end < match.end() else raw[start:end]
            end = start + len(candidate)
            if not candidate or _JOB_BEFORE.search(raw, max(0, start - 30), start):
                continue  # "head of drama Karen Boyd" is a person
            if candidate.endswith(("'s", "’s")):
                continue  # "renewed Justin Hartley's drama": a description, not a title
            owner = _OWNER_HEAD.match(candidate)
            if owner and owner.group(1).lower() in NETWORKS and _LOWER_AFTER.match(raw, end):
                continue  # "season of Netflix's Korean survival thriller": a description
            folded = normalise(candidate)
            if folded in _NOT_TITLES or folded in self._raw_names or _is_common(candidate):
                continue  # "… and Apple TV+ has rewarded it": a network, not a show
            if any(folded in n for n in self.names):
                continue
            spans.append((start, end))
        if "either " in raw or "both " in raw:
            # "neither Blue Hour nor The Caldwell Files", "both Ironwood and Pale Season"
            spans.extend(
                m.span(1)
                for m in _PAIRED.finditer(raw)
                if not _is_common(m.group(1))
                and not _overlaps(m.span(1), tracked)
                and not _overlaps(m.span(1), spans)
                and normalise(m.group(1)) not in self._raw_names
            )
        if tracked or self._quick in norm:
            spans.extend(self._longer_titles(raw, norm))
        spans.extend(self._parent_titles(raw, norm, tracked))
        spans.extend(
            subject
            for subject in _clause_subjects(raw, runs)
            if not _overlaps(subject, tracked) and not self._is_tracked(raw[slice(*subject)])
        )
        spans.extend(
            (start, end)
            for start, end in _quoted_or_colon_titles(raw)
            if not self._is_tracked(raw[start:end]) and not _overlaps((start, end), tracked)
        )
        return spans

    def _known_spans(
        self, raw: str, norm: str, found: list[tuple[int, int]]
    ) -> list[tuple[int, int]]:
        """Where the titles learned from the rest of the document stand in a sentence."""
        tracked = [(m.start, m.end) for m in self.mentions(norm, raw)]
        return [
            (m.start() - 4 if raw.endswith("The ", 0, m.start()) else m.start(), m.end())
            for m in _word_spans(norm, self._known)
            if (raw[m.start()].isupper() or raw[m.start()].isdigit())
            and not _overlaps((m.start(), m.end()), tracked)
            and not _overlaps((m.start(), m.end()), found)
        ]

    def _is_tracked(self, title: str) -> bool:
        norm = normalise(title).strip(" ,.")
        return " ".join(norm.split()) in self._raw_names

    def _parent_titles(
        self, raw: str, norm: str, tracked: list[tuple[int, int]]
    ) -> list[tuple[int, int]]:
        if not self._parents:
            return []
        return [
            (m.start(), _title_end(raw, m.end()))
            for m in _word_spans(norm, self._parents)
            if not any(start <= m.start() < end for start, end in tracked)
            and not raw[m.start() : m.end()].islower()  # "keeping its slow horses" is a pun
            and not raw[m.start() - 1 : m.start()].isalnum()  # "#RenewStarfall" is a plea
            and not _PERSON_NAME_BEFORE.search(raw, max(0, m.start() - 30), m.start())
            and not (
                _THE_BEFORE.search(raw, max(0, m.start() - 4), m.start())
                and _NOUN_AFTER.match(raw, m.end())
            )
        ]

    def _longer_titles(self, raw: str, norm: str) -> list[tuple[int, int]]:
        """Titles that take in the tracked one ("Bosch: Legacy"), as finding the show's
        mentions met them: searching for the names again cost as much as the first time."""
        self.mentions(norm, raw)
        return self._longer.get(raw, [])


# "Ashgrove was renewed for a fourth season.": a name opening a sentence as the subject
# of a decision is a show's title, even with no word before it to say so.
_SUBJECT_STATUS = re.compile(
    r",?\s+(?:(?:(?:has|have|had) been|was|were|is|are|will be)\s+(?:(?:officially|just|also|"
    r"now|quietly|formally|already|reportedly|finally)\s+)?(?:renewed|cancell?ed|axed|picked up|"
    r"ordered|revived|scrapped|canned|greenlit|green-lit|saved|un-?cancell?ed)|"
    r"(?:has |have |had )?(?:got|gets|earned|earns|landed|lands|scored|scores|secured|secures|"
    r"received|receives|nabbed|nabs)\s+(?:a|an|another)\s+(?:[\w-]+\s+){0,2}"
    r"(?:season|renewal|pickup|series order)|"
    # "Brilliant Minds and St. Denis Medical are coming back, Grosse Pointe is done"
    r"(?:is|are)\s+(?:(?:also|officially)\s+)?(?:coming back|returning|back|done)\b|"
    # "Sparrow Hill wrapped its run on NBC last May"
    r"(?:wrapped|ended|concluded|finished|closed out)(?: up)? (?:its|their) (?:[\w-]+ )?run|"
    # "Sons of Thunder will end with its upcoming fifth season"
    r"(?:will|won't|will not)\s+(?:(?:officially|also|now)\s+)?(?:end|conclude|wrap up|"
    r"return|be back|come back)\s+(?:with|after|for|in)|"
    # ", which followed …, has been cancelled": a relative clause between name and verb
    r"(?:which|who)\s[^,;]{1,120},\s+(?:has been|have been|was|were|is|are)\s+"
    r"(?:renewed|cancell?ed|axed|picked up|ordered|revived|scrapped))\b"
)
_SUBJECT_VERB = re.compile(
    r"\b(?:been|was|were|is|are|be|will|won't|got|wrapped|ended|concluded|finished|closed|gets|earned|earns|landed|lands|scored|scores|secured|"
    r"secures|received|receives|nabbed|nabs) "
)
_NOT_SUBJECT_TITLES = _words(
    "Both All Each Neither Either None Several Many Most Some Others Few Everything Nothing "
    "Production Filming Shooting Work Plans Talks Ratings Viewership Fans Critics Viewers"
)


# A clause opens at the start of the sentence, or after a break and its conjunction:
# "…, while Brightwell was cancelled after one"
_CLAUSE_OPENING = re.compile(
    r"(?:^|[;:,]\s+|[;:,]?\s+(?:while|whereas|but|and|though|although|yet))\s*$"
)


def _clause_subjects(raw: str, runs: list[re.Match[str]]) -> list[tuple[int, int]]:
    """Spans of capitalised names (`runs`: the _CAPITALISED matches of `raw`) that open a
    clause as a decision's subject."""
    if not _SUBJECT_VERB.search(raw):
        return []  # the common case: no "was renewed", "has been cancelled", "got a"
    spans = []
    for match in runs:
        if not _SUBJECT_STATUS.match(raw, match.end()):
            continue
        for start, end in _subject_names(raw, *match.span()):
            if not _CLAUSE_OPENING.search(raw, max(0, start - 12), start):
                continue
            name = raw[start:end]
            if " " not in name and name in _LEADERS | _FOLLOWERS | _NOT_SUBJECT_TITLES:
                continue
            if normalise(name) in _NOT_TITLES or _is_common(name):
                continue
            spans.append((start, end))
    return spans


def _subject_names(raw: str, start: int, end: int) -> list[tuple[int, int]]:
    """The names in a capitalised run before a decision: "Friday: Low Tide is renewed"
    is Low Tide (a day or network before a colon is no title's first half), and
    "Greyfield and The Counsel are cancelled" is two shows."""
    name = raw[start:end]
    head, colon, tail = name.partition(": ")
    if colon and _is_common(head):
        start, name = start + len(head) + 2, tail
    if not _PLURAL_STATUS.match(raw, end):
        return [(start, end)]
    cuts = [(start + m.start(), start + m.end()) for m in _AND.finditer(name)]
    starts = [start, *(e for _, e in cuts)]
    ends = [*(s for s, _ in cuts), end]
    return list(zip(starts, ends, strict=True))


def _inside_another(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e and (s, e) != span for s, e in spans)


_AND = re.compile(r" and ")
_PLURAL_STATUS = re.compile(r",?\s+(?:have been|were|are|had been)\b")


# "Season 6, Episode 22, “Code Silver”", "the finale, titled 'Ashes'": an episode's title
_EPISODE_BEFORE = re.compile(
    r"(?:\b[Ee]pisode \w+|\b(?:[Ee]pisode|[Ff]inale|[Pp]remiere|[Pp]ilot|[Ii]nstal?lment|"
    r"[Cc]hapter)(?: \w+)?(?:,? (?:titled|called|entitled|dubbed))?)[,:]?\s*$"
)
# "“The Long Night” has climbed to a 9.4, the highest-rated episode": an episode's title
_EPISODE_AFTER = re.compile(
    r"(?:[^.;:!?]|\.\d){0,50}?\b(?:the|its|an?|this|that)\s+(?:[\w-]+\s+){0,2}"
    r"(?:episode|installment|instalment|chapter|hour)\b"
)
_QUOTED = re.compile(r"[“\"‘']([A-Z0-9][^“”\"]{0,60}?)[”\"’'](?!\w)")
_COLON_TITLE = re.compile(
    r"\b([A-Z][\w'’.&-]*(?: [A-Z][\w'’.&-]*)*: [A-Z0-9][\w'’.&-]*(?: [A-Z0-9][\w'’.&-]*)*)"
)
_SITE_VALUE = re.compile(
    r"(?:IMDb|Rotten Tomatoes|Tomatometer|Popcornmeter|Metacritic|Metascore)\b"
)
# "Pell Street: Season 1: 93%": a season of the show named before the colon, no new title
_SEASON_LABEL = re.compile(r"(?:Season|Series|SEASON|SERIES) (?:\d|[A-Z][a-z]+\b)")
_LABELS = _words(
    "update updated exclusive breaking correction spoilers spoiler watch photos video "
    "report sources review recap opinion analysis note editor's editor’s warning source "
    "status verdict odds reviews ratings scores reception critics q a "
    # a time stamp's zone: "Update, 6:10 p.m. ET: A Netflix spokesperson…"
    "et pt ct mt est edt pst pdt cst cdt gmt bst cet aest aedt utc"
)


# a banner or a chant, “SEASON 2 PLEASE”, names a season, not a show
_SEASON_PLEA = re.compile(
    r"(?i)\b(?:season|series)\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\b|"
    r"\bS\d+\b"
)


def _quoted_or_colon_titles(raw: str) -> list[tuple[int, int]]:
    """Spans of titles set off the way news does: “Saint Clair General”, Rescue: HI-Surf."""
    found = []
    for match in _QUOTED.finditer(raw):
        words = match.group(1).split()
        capitalised = sum(w[:1].isupper() or w[:1].isdigit() for w in words)
        # a script labelled "S2 E1" names no show
        titled = len(words) <= 6 and capitalised >= max(1, 0.6 * len(words))
        if (
            titled
            and not _is_common(match.group(1))
            and not _EPISODE_BEFORE.search(raw, max(0, match.start() - 40), match.start())
            and not _SEASON_PLEA.search(match.group(1))
            and not _EPISODE_AFTER.match(raw, match.end())
        ):
            found.append(match.span(1))
    if ": " not in raw:
        return found
    for match in _COLON_TITLE.finditer(raw):
        label, _, value = match.group(1).partition(":")
        if (
            label.split()[-1].lower() in _LABELS
            or _is_common(label)
            or value.strip()[:1].isdigit()
            or _SEASON_LABEL.match(value.strip())
            or _SITE_VALUE.match(value.strip())
        ):
            continue  # "Update: …", "IMDb: 8.2", "Rotten Tomatoes: 97%", "Scores: IMDb 8"
        if _VALUE_AFTER.match(value.strip()):
            # a scorecard line, "Brightwater: Renewed.": the label is the show
            found.append((match.start(1), match.start(1) + len(label)))
            continue
        if _NETWORK_AFTER.match(value.strip()):
            continue  # "Update, 4:15 p.m. ET: Peacock has renewed…": a network starts a clause
        found.append(match.span(1))
    return found


def _extends_title(raw: str, start: int, end: int) -> bool:
    """ "Bosch: Legacy", "Bosch Legacy", "Bosch - Legacy": a longer, different title.

    A possessive, a following lowercase word, or punctuation ends the title; a
    following capitalised word that is not the start of a new sentence continues it.
    """
    subtitle = _SUBTITLE.match(raw, end)
    after = subtitle.end() - 1 if subtitle else 0
    if (
        subtitle
        and not _NETWORK_AFTER.match(raw, after)
        and not _VALUE_AFTER.match(raw, after)
        and not _SEASON_LABEL.match(raw, after)
        and not _SITE_VALUE.match(raw, after)
    ):
        return True  # "Bosch: Legacy" (but "bingeing Paper Moons: Peacock has re-upped it")
    if _CONNECTED.match(raw, end):
        return True  # "House of the Dragon" is not "House"
    before = raw[max(0, start - 40) : start]
    if _AMPERSAND_BEFORE.search(before):
        return True  # "Lost & Found" is not "Found"
    if is_title_case(raw) or raw[start:end].isupper():
        return False  # "Prime Video Renews Ballard For Season 2", "SVU RENEWED": headline case
    nxt = _NEXT_WORD.match(raw, end)
    if nxt and nxt.group(1).capitalize() not in _FOLLOWERS and not _SEASON_CODE.match(nxt.group(1)):
        return True
    prev = _PREVIOUS_WORD.search(before)
    return bool(prev and prev.group(1) not in _LEADERS and not before.rstrip().endswith("."))


_NETWORK_AFTER = re.compile(
    r"(?:Netflix|Hulu|Peacock|HBO|Max|Prime Video|Amazon|Apple|Disney|Paramount|NBC|CBS|ABC|"
    r"Fox|AMC|FX|Starz|Showtime|BBC|ITV|Sky|Channel 4|The CW|Tubi|Freevee)\b"
)
# "Renewal odds for Coldwater: Good." A verdict after a colon is a value, not a subtitle.
_VALUE_AFTER = re.compile(
    r"(?:Good|Bad|Yes|No|Renewed|Cancell?ed|Ending|Ended|Pending|Unknown|Likely|Unlikely|"
    r"High|Low|Strong|Weak|Confirmed|TBD|TBA|Safe|Doomed|Bubble|Revived|Ordered|Returning|"
    r"Awaiting|Waiting|Undecided|Uncertain|Unclear|Done|Dead|Over|Axed|Final|Greenlit|Saved|"
    r"Rescued|Coming back|In limbo|On the bubble|Not yet|Still waiting|In development|"
    r"Picked up)\b[.!,]?(?:\s|$)"
)
# ("Marrow: 94% Tomatometer" is a score line, not a subtitle)
_SUBTITLE = re.compile(r"\s*:\s*(?:[A-Z]|\d(?![\d.]*\s*(?:%|/|out of)))|\s+-\s+[A-Z]")
_CONNECTED = re.compile(r"\s+(?:&|of|of the|in the|and the)\s+[A-Z]")
_AMPERSAND_BEFORE = re.compile(r"[A-Z][\w'’]*\s+&\s+$")
_SEASON_CODE = re.compile(r"S\d{1,2}(?:E\d+)?\b")
_NEXT_WORD = re.compile(r"\s([A-Z][\w'’]*)")
_PREVIOUS_WORD = re.compile(r"([A-Z][a-z]+)\s+$")
_TITLE_REST = re.compile(r"(?:\s*:\s*|\s+-\s+|\s+)(?:[A-Z0-9][\w'’]*)(?:\s+[A-Z][\w'’]*)*")


# "the Willard R. Abbott staff": the leading word of "Abbott Elementary" inside a
# person's name is no parent show
_PERSON_NAME_BEFORE = re.compile(r"\b[A-Z][a-z]+\s+[A-Z]\.\s+$")
# "the last of the Arrowhead crew": the leading word of "Arrowhead Bay" used as a
# modifier ("the Arrowhead crew", "the Harbour family") names people or places of the
# show, not a parent show
_THE_BEFORE = re.compile(r"\bthe\s+$")
_NOUN_AFTER = re.compile(
    r"\s+(?:crew|family|clan|gang|team|squad|sisters|brothers|kids|household|residents|"
    r"townsfolk|house|ranch|estate|farm|inn|station|precinct|hospital|firehouse)\b"
)


def _title_end(raw: str, end: int) -> int:
    match = _TITLE_REST.match(raw, end)
    return match.end() if match else end


# Capitalised words that commonly follow or precede a title without extending it.
_FOLLOWERS = _words(
    "Season Seasons Series Episode Episodes Part Volume Star Stars Showrunner Creator Cast "
    "Finale Premiere Is Has Was Will Would Could Gets Got Renewed Cancelled Canceled Ends "
    "Ended Returns Return Revived Fans Star's And Or But On In At By For With From To As "
    "The A An Officially Reportedly Not Won't Isn't Wasn't Netflix Hulu Prime Amazon HBO "
    "Peacock Apple Disney Paramount"
)
_LEADERS = _words(
    "The A An On In At By For With From To As And Or But Of About Watch Why How What When "
    "Will Is Has Was Does Did Can Could Should Would Netflix Hulu Prime Amazon Video HBO "
    "Max Peacock Apple Disney Paramount NBC CBS ABC Fox AMC Starz Showtime Renews Cancels "
    "Axes Revives Orders Season Detective Officer Actor Actress Star Creator Showrunner "
    "Watching Welcome Streaming Update Exclusive Breaking Report Renewed Cancelled Canceled "
    "Ending Ended Revived Ordered Review Recap Premiere Finale Trailer Unlike Like While "
    "After Since Despite Including Although Though Whereas Because Before Now Meanwhile Also "
    "Plus Unless Until If Whether Even Only Just Yes No So Then Still Yet Once Renew Save "
    "Keep Bring"
)


_COMMON_NAMES = _words(
    "netflix hulu prime video amazon hbo max apple tv+ disney+ peacock paramount+ nbc cbs "
    "abc fox amc starz showtime bbc itv sky tubi freevee the cw fx mgm+ channel 4 "
    "one two three four five 5 e4 more4 iplayer itvx britbox acorn mubi cbc ctv crave stan "
    "monday tuesday wednesday thursday friday saturday sunday january february march "
    "april may june july august september october november december jan feb mar apr jun jul aug "
    "sep sept oct nov dec i tv season "
    "update exclusive imdb rotten tomatoes metacritic tomatometer popcornmeter metascore "
    "certified fresh "
    "emmy emmys golden globe globes nielsen instagram twitter tiktok facebook youtube "
    "threads reddit deadline variety tvline collider vulture thr screenrant indiewire "
    "hollywood reporter entertainment weekly ew rolling stone top rt meter starmeter no "
    "adult swim cartoon network comedy central fxx tbs tnt syfy bravo hallmark lifetime a&e "
    "freeform epix sundancetv sundance ifc pbs s4c rte nrk zdf arte antena 3 bbc one two "
    "three four nickelodeon mtv vh1 bet own hgtv now blu-ray dvd bluesky "
    "bell media corus rogers global seven nine ten sbs tvnz rai disney kids junior cbeebies "
    "cbbc "
    # a score card's labels: "Critics: 94% Tomatometer · Audience: 78% Popcornmeter"
    "critics audience audiences"
)


_SEASON_TOKEN = re.compile(r"s\d+|e\d+|s\d+e\d+")  # "S2", a quoted "S3 E1"


def _is_common(name: str) -> bool:
    return all(
        w.removesuffix("'s") in _COMMON_NAMES or _SEASON_TOKEN.fullmatch(w)
        for w in normalise(name).split()
    )  # "IMDb's TV Meter" names no show


def title_key(name: str) -> str:
    """A title as the document's shows are keyed: folded, without a leading "the", a
    trailing "and"/"or" (a cut-off run of capitals) or punctuation around it."""
    folded = _JOINED_END.sub("", normalise(name))
    return " ".join(folded.strip(" ,.:;'\"").split()).removeprefix("the ")


def is_common(name: str) -> bool:
    """Whether a name is only networks, days, months, rating sites and the like."""
    return _is_common(name)


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in spans)


@lru_cache(maxsize=4096)
def matcher_for(title: str, aliases: tuple[str, ...] = ()) -> ShowMatcher:
    """A shared matcher per show: building one compiles its patterns.

    Sized for thousands of tracked shows (DESIGN.md): a batch that cycles through more
    shows than the cache holds would rebuild every matcher, every time.
    """
    return ShowMatcher(title, aliases)
