"""Which show a description speaks of, across a whole document.

A news text introduces each show once with what it is ("the firefighter procedural
Engine 19", "Harbor Lights, the Boston-set legal drama") and later calls it by that
description alone ("The legal drama grew its audience…"). Reading sentence by sentence,
the latest show named wins, which is wrong whenever a round-up names several. This
module reads the document once: every mention of a show (the tracked one, or a title
the document names as another show), the descriptions set beside each, and then, for a
sentence that names no show, which show its descriptive anaphors match.

Only a description that tells shows apart decides ("the legal drama" against "the
workplace comedy"); "the series" or "it" match every show and are left to the
paragraph-level reading in tracker.extract.attribution.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from tracker.extract.rules import sentence_clauses
from tracker.extract.shows import (
    _PRONOUNS,
    NETWORKS,
    ShowMatcher,
    _anaphors,
    _is_common,
    title_key,
)
from tracker.extract.shows import _words as _word_set
from tracker.extract.text import Sentence, normalise

__all__ = ["Discourse"]

OURS = ""  # the tracked show's key; another show's key is its normalised title

# Words of a description that say nothing about which show it is.
_EMPTY = _word_set(
    "the this that a an its it it's itself series show program programme title "
    "property hit new freshman sophomore veteran long-running returning beloved acclaimed "
    "popular critically fan-favorite fan-favourite one-hour half-hour hour-long upcoming "
    "latest current final first second third fourth fifth"
)
# Genre nouns, the head of a description: a description matches a show described with
# the same head ("the legal drama" ~ "the Boston-set legal drama").
_HEADS = _word_set(
    "drama dramedy comedy sitcom thriller procedural spinoff spin-off adaptation anthology "
    "docuseries miniseries reboot revival saga serial soap western mystery sci-fi fantasy "
    "animated cartoon prequel sequel romcom romance horror epic noir whodunit caper "
    "limited dystopia opera satire parody original flagship mothership parent offshoot "
    "pilot project"
)
# "the firefighter procedural Engine 19", "Netflix's medical drama Pulse": a description
# set right before a name
_BEFORE = re.compile(
    r"(?:\b(?:the|a|an)|[\w.+-]+'s)\s+((?:[\w+'-]+\s+){0,4}?[\w'-]+)\s*,?\s*[\"']?$"
)
# "Harbor Lights, the Boston-set legal drama that …", "Pulse (the medical drama)": the
# words after the determiner, up to a break or the clause that follows
_AFTER = re.compile(r"^[\"']?\s*(?:,|\(|\s-)\s*(?:(?:the|a|an)\b|[\w.+-]+'s)\s+([^,;:.()\"]{1,60})")
_STOP = _word_set(
    "that which who whom whose from about on in for starring with is was has had will "
    "and but while where when as by at to of"
)
# A capitalised name, then an appositive: "Salt Flats, the desert-set crime drama, …"
_NAME = re.compile(
    r"(?<![\w'’])[A-Z][\w'’&-]*(?:\s+(?:(?:of|the|and|&(?:amp;)?)\s+)*[A-Z0-9][\w'’&-]*)*"
)
# Sentence adverbs that an appositive can follow: "Meanwhile, the comedy …"
_ADVERBS = _word_set(
    "Meanwhile However Still Instead Elsewhere Also Then Now Later Finally Plus Similarly "
    "Likewise Separately Overall Today Yesterday Tonight Earlier Recently Instead Again "
    "Otherwise Indeed Ultimately Notably Previously Elsewhere Besides Yes No Sadly Luckily"
)
# Kinds of show that exclude each other: "the comedy" is not a show described as a crime
# drama. Relations (spinoff, reboot, adaptation) and forms (limited, anthology) exclude
# nothing.
_FAMILIES = (
    _word_set("comedy sitcom romcom satire parody"),
    _word_set("drama thriller procedural mystery western soap saga noir whodunit horror"),
    _word_set("docuseries"),
    _word_set("animated cartoon"),
)
_CONTRAST = re.compile(r"[\s,;]*(?:while|whereas|but|though|although|meanwhile)\b")
# "the former" standing for a show, not "the former showrunner" nor "the former NBC drama"
_FORMER = re.compile(
    r"\bthe (former|latter)(?=[,.;:)]| (?:is|was|has|had|will|won't|wasn't|isn't|hasn't|would|"
    r"could|got|gets|earned|earns|remains|returns|ended|ends|wrapped|received|secured|landed|"
    r"lands|also|too|however|meanwhile|now|still|did|does|didn't|doesn't|never|already|ran|"
    r"runs|lasted|aired|airs|premiered|debuted|went)\b)"
)
_PAIR_BEFORE = re.compile(
    r"\b([A-Z][\w'’&-]*(?: [A-Z][\w'’&-]*)*) (?:and|or) ([A-Z][\w'’&-]*(?: [A-Z][\w'’&-]*)*)"
    r"\W{1,4}$"
)
_APPOSED = re.compile(
    r"\s*(?:(?:pilot|series|project|show|miniseries|special|entry|hit|original|adaptation|"
    r"reboot|revival|spin-?off|sequel|prequel)\s+)?[,(]?\s*[\"']?"
)  # "the farm noir Copper Sky", "the farm noir, Copper Sky", "the drama pilot Shelter Island"
_CONTRASTED = re.compile(
    r"\bthe (?:older|newer|younger|elder|bigger|smaller|pricier|cheaper|first|second|"
    r"other|rival|veteran|returning|freshman) (?:[\w-]+ )?(?:show|series|drama|comedy)\b"
)
# Kin: a show and the one it came from. "The original" is no sequel, "the spinoff" no
# flagship; any genre can be either.
_ORIGIN = _word_set("original flagship mothership parent")
_DERIVED = _word_set("sequel prequel spinoff spin-off remake reboot adaptation revival offshoot")
_KIN = _ORIGIN | _DERIVED
# "an adaptation of the Norwegian thriller Fjellet": the name is the original
_KIN_OF = re.compile(
    r"\b(?:adaptation|remake|reboot|version|sequel|prequel|spin-?off|offshoot|follow-up) "
    r"(?:of|to|from) (?:the )?(?:[\w'-]+ ){0,4}$"
)
# Kinds that name one thing: "the project" of "an ABC drama pilot"
_SAME_KIND = {
    "project": "pilot",
    "spin-off": "spinoff",
    "flagship": "original",
    "mothership": "original",
    "parent": "original",
}
_WORD = re.compile(r"[\w+'-]+")


def _words(phrase: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(phrase) if w not in _EMPTY)


@dataclass(frozen=True)
class _Description:
    """ "the Boston-set legal drama": its kind (the genre head) and all its words."""

    kind: str
    words: frozenset[str]

    @property
    def traits(self) -> frozenset[str]:
        """The words besides the kind, kin and networks: "boston-set", "legal"."""
        return _traits(self.words, {self.kind})


def _described(phrase: str | list[str]) -> _Description | None:
    """A description's words up to its last genre head ("the legal drama", "a satire set
    in Chicago" -> satire), or None if it has no head. A genre before the head is a
    trait: "the horror anthology" is an anthology."""
    words = phrase.split() if isinstance(phrase, str) else phrase
    heads = [i for i, word in enumerate(words) if word.strip("'\",") in _HEADS]
    if not heads:
        return None
    kind = words[heads[-1]].strip("'\",")
    kind = _SAME_KIND.get(kind, kind)
    return _Description(kind, _words(" ".join(words[: heads[-1] + 1])))


@dataclass
class _Show:
    """One show of the document: the words and kinds it has been described with."""

    described: set[str] = field(default_factory=set)
    kinds: set[str] = field(default_factory=set)

    def add(self, description: _Description) -> None:
        self.described |= description.words
        self.kinds.add(description.kind)

    def traits(self) -> frozenset[str]:
        return _traits(self.described, self.kinds)

    def excludes(self, description: _Description) -> bool:
        """Whether a description cannot be of this show: "the comedy" of a show described
        only as a drama; "the New Orleans legal drama" of "the Tacoma firehouse
        procedural" (neither the kind nor a trait in common); "the Netflix drama" of "a CBS
        procedural"; "the original" of a sequel."""
        if not self.kinds:
            return False
        if (description.kind in _ORIGIN and self.kinds & _DERIVED) or (
            description.kind in _DERIVED and self.kinds & _ORIGIN
        ):
            return True
        networks = self.described & NETWORKS
        if networks and description.words & NETWORKS and not description.words & networks:
            return True
        families, theirs = _families(self.kinds), _families({description.kind})
        if families and theirs and not theirs & families:
            return True
        traits = self.traits()
        return (
            description.kind not in self.kinds
            and bool(traits)
            and bool(description.traits)
            and not description.traits & traits
        )


def _described_titles(sentence: Sentence) -> list[str]:
    """Names set beside a description of a show: "Salt Flats, the desert-set crime drama",
    "the network's other Monday-night entry, Haunt Valley, …", and list items that open
    with a name and its network: "2. Dead Air (ABC): Safe, technically." """
    if ", " not in sentence.text and "(" not in sentence.text and " - " not in sentence.norm:
        return []
    titles = []
    for match in _NAME.finditer(sentence.text):
        # the appositive first: most names have none, and it is cheaper than _is_common
        if not Discourse._descriptions(sentence.norm, match.end(), match.end(), before=False):
            continue
        name = match.group()
        if not (name in _ADVERBS or name.endswith("ly") or _is_common(name)):
            titles.append(name)
    titles += [m.group(1) for m in _DESCRIBED_THEN_NAMED.finditer(sentence.text)]
    item = _ITEM.match(sentence.text)
    if item and not _is_common(item.group(1)):
        titles.append(item.group(1))
    return titles


# "the network's other Monday-night entry, Haunt Valley, is finished"
_DESCRIBED_THEN_NAMED = re.compile(
    r"\b(?:other|another|rival|sister|companion|new|latest) (?:[\w'-]+ ){0,2}"
    r"(?:entry|series|show|drama|comedy|thriller|sitcom|procedural|original|title|hit), "
    r"((?:The )?[A-Z][\w'’&-]*(?: [A-Z0-9][\w'’&-]*){0,5})(?=,|\.| -| \()"
)
# "2. Dead Air (ABC): …", "Wildflower Road (CBS) - …"
_ITEM = re.compile(
    r"^\s*(?:\d{1,2}[.)]\s+)?[\"“']?((?:The )?[A-Z][\w'’&.-]*(?: [A-Z0-9&][\w'’&.-]*){0,5})"
    r"[\"”']?\s+\((?:[A-Z][\w+&.' ]{0,20}|\d{4})\)\s*[:,-]"
)


def _traits(words: set[str] | frozenset[str], kinds: set[str]) -> frozenset[str]:
    """Description words that are neither a kind, kin nor a network: "boston-set"."""
    return frozenset(w for w in words - kinds - _KIN if not _is_common(w))


def _families(kinds: set[str] | frozenset[str]) -> frozenset[int]:
    return frozenset(i for i, family in enumerate(_FAMILIES) if kinds & family)


def _descriptions_in(norm: str) -> list[_Description]:
    """The descriptive anaphors of a text ("the legal drama"; not "it" nor "the series")."""
    return [d for _, _, d in _descriptions_at(norm)]


@lru_cache(maxsize=2048)
def _descriptions_at(norm: str) -> tuple[tuple[int, int, _Description], ...]:
    """The descriptive anaphors of a text with where each stands (asked of one sentence
    many times over, hence the cache)."""
    found = []
    for anaphor in _anaphors(norm):
        if anaphor.group() not in _PRONOUNS:
            described = _described(anaphor.group())
            if described is not None:
                found.append((anaphor.start(), anaphor.end(), described))
    return tuple(found)


def _described_here(norm: str) -> list[_Description]:
    """The descriptions of a text that stand for a show, not those it is measured against:
    "viewership that fell well short of the original's" compares with the original."""
    return [
        d
        for at, _, d in _descriptions_at(norm)
        if not _MEASURED_AGAINST.search(norm, max(0, at - 25), at)
    ]


_MEASURED_AGAINST = re.compile(
    r"\b(?:than|short of|unlike|compared (?:to|with)|outpaced|outscored|outperformed)\s+$"
)


def in_passing(norm: str, start: int, end: int, qualifying: bool = True) -> bool:
    """Whether a title at start..end is named in passing: held up for comparison ("since
    Outlander", "its answer to Yellowstone") or, with `qualifying`, naming a person or
    team ("from the producers of This Is Us", "Westbrook High creator Patti Moreno").
    A title that goes on to do something is no comparison: "since Cold Creek Station
    signed off"."""
    if _MODIFYING.match(norm, end):
        return True  # "a Game of Thrones-sized siege"
    if _COMPARING.search(norm, max(0, start - 80), start):
        return not _ACTS.match(norm, end)
    return qualifying and bool(
        _PASSING_BEFORE.search(norm, max(0, start - 40), start) or _PASSING_AFTER.match(norm, end)
    )


_MODIFYING = re.compile(
    r"['\"]?-(?:sized|size|style|styled|like|esque|level|worthy|inspired|adjacent|lite|type)\b"
)
_ACTS = re.compile(
    r"['\"]? (?:(?:was|is|has|had|have|did|does|got|went|became|will|would|could|"
    r"returned|ended|aired|premiered|debuted|wrapped|signed|bowed)\b|[a-z]+ed\b)"
)


_COMPARING = re.compile(
    r"\b(?:since|like|than|answer to|compared (?:to|with)|comparisons? (?:to|with)|alongside|"
    r"opposite|paired with|next to|the likes of|in the vein of|in the mold of|ahead of|"
    r"behind|outpaced|outscored|"
    r"reminiscent of)\s+"
    # "ahead of the streamer's last spy series, Dead Drop": a description set before it
    r"(?:(?:the|a|an|its|their|[\w-]+'s)\s+(?:[\w'-]+\s+){0,4}[\w'-]+,\s+)?"
    r"(?:the\s+)?[\"']?$"
)
_PASSING_BEFORE = re.compile(
    r"\b(?:creators?|producers?|makers?|team|writers?|showrunner|stars?|alums?) "
    r"(?:of|behind|from)\s+(?:the\s+)?[\"']?$"
)
_PASSING_AFTER = re.compile(
    r"[\"']?(?:'s)?\s+(?:co-?creators?|creators?|showrunners?|stars?|co-?stars?|alums?|"
    r"alumn[ai]|veterans?|writers?|(?:executive )?producers?|directors?|team|cast|author|"
    r"boss)\b(?!\s+(?:is|was|has|have|are|were|will)\b)"
)


class Discourse:
    """The shows a document names, their descriptions, and which one a description means."""

    def __init__(self, sentences: Sequence[Sentence], matcher: ShowMatcher) -> None:
        matcher.learn(sentences, [t for s in sentences for t in _described_titles(s)])
        self._sentences = sentences
        self._matcher = matcher
        self._shows: dict[str, _Show] = {}
        # per sentence: the shows it names, in order, as (start, key)
        self.named = [self._read(s) for s in sentences]
        self._kin_by_title(matcher)
        self._carry_descriptions()

    def _kin_by_title(self, matcher: ShowMatcher) -> None:
        """ "Naval Command" and "Naval Command: Pacific" in one text: the longer title is
        the spinoff, the shorter the flagship."""
        titles = {key: key for key in self._shows if key != OURS}
        if OURS in self._shows:
            titles[OURS] = matcher.names[0] if matcher.names else ""
        for key, title in titles.items():
            for other, longer in titles.items():
                if other != key and title and longer.startswith((title + ":", title + " -")):
                    self._shows[key].add(_Description("original", frozenset({"flagship"})))
                    self._shows[other].add(_Description("spinoff", frozenset({"spinoff"})))

    def _carry_descriptions(self) -> None:
        """ "The Ledger is coming back. Showtime confirmed that the financial drama will get
        a third season": a description right after a sentence that named one show alone,
        in the same paragraph, describes that show (unless it is a kind the show is not),
        if it comes before any name in its own sentence ("The epistolary drama holds a 97%,
        numbers the renewed Copperhead can only dream of")."""
        for index in range(1, len(self._sentences)):
            sentence = self._sentences[index]
            keys = self._latest_named(index)
            if len(keys) != 1:
                continue
            show = self._shows[keys.pop()]
            first_name = min((at for at, _ in self.named[index]), default=len(sentence.norm))
            for at, _, description in _descriptions_at(sentence.norm):
                if at < first_name and not show.excludes(description):
                    show.add(description)

    def _latest_named(self, index: int) -> set[str]:
        """The shows named by the paragraph's latest sentence before `index` that names any
        ("Found sweated out its pickup last spring. There was no such drama this time. NBC
        renewed the Shanola Hampton procedural…": a sentence naming nothing is skipped)."""
        block = self._sentences[index].block
        for back in range(index - 1, -1, -1):
            if self._sentences[back].block != block:
                break
            if self.named[back]:
                return {key for _, key in self.named[back]}
        return set()

    def _read(self, sentence: Sentence) -> list[tuple[int, str]]:
        mentions = self._matcher.mentions(sentence.norm, sentence.text)
        spans = [(m.start, m.end, OURS) for m in mentions]
        for start, end in self._matcher.other_title_spans(sentence.text, sentence.norm):
            # "renewed Bench Trial and Harbor Court" reads as one run of capitals
            end = min([end, *(s for s, _, _ in spans if start < s < end)])
            key = title_key(sentence.text[start:end])
            if not key or key in self._matcher.names or _is_common(key):
                continue  # ("Harry Bosch" beside a tracked Bosch is the character)
            if in_passing(sentence.norm, start, end):
                continue  # "Westbrook High creator Patti Moreno" is no topic of the story
            if not any(s < end and start < e for s, e, _ in spans):
                spans.append((start, end, key))
        spans.sort()
        for start, end, key in spans:
            show = self._shows.setdefault(key, _Show())
            for description in self._descriptions(sentence.norm, start, end):
                show.add(description)
            if _KIN_OF.search(sentence.norm, max(0, start - 60), start):
                show.add(_Description("original", frozenset({"original"})))
        return [(start, key) for start, _, key in spans]

    @staticmethod
    def _descriptions(norm: str, start: int, end: int, before: bool = True) -> list[_Description]:
        """The descriptions set beside a name. One before it must end in its genre head:
        in "renewed the drama Bench Trial and Harbor Court", "drama" is Bench Trial's."""
        found = []
        preceding = _BEFORE.search(norm, max(0, start - 60), start) if before else None
        if preceding is not None:
            words = preceding.group(1).split()
            described = _described(words) if words[-1] in _HEADS else None
            if described is not None:
                found.append(described)
        after = _AFTER.match(norm[end : end + 80])
        if after is not None:
            kept = []
            for word in after.group(1).split()[:6]:
                if word in _STOP:
                    break
                kept.append(word)
            described = _described(kept)
            if described is not None:
                found.append(described)
        return found

    def described_as(self, index: int, start: int = 0, end: int | None = None) -> str | None:
        """The show a sentence's descriptions point to, if exactly one fits best.

        "The legal drama grew its audience" after "Harbor Lights, the Boston-set legal
        drama" and "the workplace comedy Tight Quarters": Harbor Lights. Only shows named
        before count. A description that fits two shows equally, or none, decides
        nothing. `start` and `end` narrow the reading to a clause of the sentence.
        """
        sentence = self._sentences[index]
        if "the former" in sentence.norm or "the latter" in sentence.norm:
            pointed = self._former_or_latter(index, start, end)
            if pointed is not None:
                return pointed
        before = {key for named in self.named[:index] for _, key in named}
        before |= {key for at, key in self.named[index] if at < start}
        scores: dict[str, int] = {}
        for description in _described_here(sentence.norm[start:end]):
            for key in before:
                show = self._shows[key]
                if description.kind in show.kinds:
                    fit = len(show.described & description.words)
                    scores[key] = max(scores.get(key, 0), fit)
        if not scores:
            return self._the_other(index, start, end)
        ranked = sorted(scores.values(), reverse=True)
        if len(ranked) > 1 and ranked[0] == ranked[1]:
            return None
        return max(scores, key=scores.__getitem__)

    def _former_or_latter(self, index: int, start: int, end: int | None) -> str | None:
        """ "The Pitch … and Salt Flats … opened a week apart. The former has been renewed":
        the first or the last of the shows the latest sentence naming several named."""
        norm = self._sentences[index].norm
        found = _FORMER.search(norm, start, len(norm) if end is None else end)
        if found is None:
            return None
        here = [(at, key) for at, key in self.named[index] if at < found.start()]
        paired = _PAIR_BEFORE.search(self._sentences[index].text, 0, found.start())
        if len(here) < 2 and paired:
            # "comparisons with Miss Marple and Vera — the latter ran for fourteen series":
            # two names just paired, neither known as a show until now
            title = paired.group(1 if found.group(1) == "former" else 2)
            if not self._matcher.mentions(normalise(title), title):
                return title_key(title)
        for named in [here, *reversed(self.named[:index])]:
            keys = list(dict.fromkeys(key for _, key in named))
            if len(keys) >= 2:
                return keys[0] if found.group(1) == "former" else keys[-1]
            if keys:
                return None  # the latest sentence naming a show named only one
        return None

    def in_a_clause(self, index: int) -> bool:
        """Whether a clause of the sentence describes the tracked show, in a sentence that
        names another: "Copper Sky will return, while the office satire gets a third"."""
        sentence = self._sentences[index]
        return any(
            self.described_as(index, start, end) == OURS
            for start, end in sentence_clauses(sentence.norm, sentence.text)
        )

    def _the_other(self, index: int, start: int, end: int | None) -> str | None:
        """In a contrast, a description means the other of two shows just named together:
        "Netflix renewed both Copper Sky and The Ninth Floor. Copper Sky will return for a
        second season, while the office satire gets a third." """
        norm = self._sentences[index].norm
        if start == 0 or not _CONTRAST.match(norm, start):
            return None
        kinds = {d.kind for d in _descriptions_in(norm[start:end])}
        if not kinds:
            return None
        here = {key for at, key in self.named[index] if at < start}
        pair = next(
            (set(k for _, k in named) for named in reversed(self.named[:index]) if named), set()
        )
        if len(here) != 1 or len(pair) != 2 or not here < pair:
            return None
        (other,) = pair - here
        (named,) = here
        if kinds & self._shows[named].kinds:
            return None  # the description fits the show just named: it is that one
        return other

    def not_ours(self, index: int, start: int = 0, end: int | None = None) -> bool:
        """Whether a description in the sentence (or in its span start..end) cannot be the
        tracked show: one it is not (see _Show.excludes), or one set before the show's
        name in the same sentence, which then names it as something else ("The ranching
        drama, … its answer to Yellowstone, has been renewed"; not "Copper Sky, the farm
        noir")."""
        ours = self._shows.get(OURS)
        if ours is None:
            return False
        sentence = self._sentences[index]
        stop = len(sentence.norm) if end is None else end
        mine = [at for at, key in self.named[index] if key == OURS]
        for first, last, description in _descriptions_at(sentence.norm):
            if not start <= first < stop:
                continue
            if ours.excludes(description):
                return True
            if any(at > last and not _APPOSED.fullmatch(sentence.norm, last, at) for at in mine):
                return True
        return self._contrasted(index, start, stop)

    def _contrasted(self, index: int, start: int, stop: int) -> bool:
        """ "Copper Sky is still awaiting word. The pickup for the older show comes after…":
        a show set against the one just named ("the older show", "the other series") is
        not that one."""
        norm = self._sentences[index].norm
        if not _CONTRASTED.search(norm, start, stop) or any(
            k == OURS for _, k in self.named[index]
        ):
            return False
        block = self._sentences[index].block
        for previous in range(index - 1, -1, -1):
            if self._sentences[previous].block != block:
                return False
            keys = {key for _, key in self.named[previous]}
            if keys:
                return keys == {OURS}
        return False

    def first_reference(self, index: int) -> bool | None:
        """Whether the first show a sentence speaks of is the tracked one (None: it names
        none, or only in passing): its own name, another title, or a description that
        resolves. The first named is usually the sentence's subject."""
        norm = self._sentences[index].norm
        refs = [(at, key == OURS) for at, key in self.named[index]]
        refs = [(at, mine) for at, mine in refs if not (mine and self._passing_ours(index, at))]
        descriptions = _descriptions_at(norm)
        described = self.described_as(index) if descriptions else None
        if described is not None:
            refs.append((descriptions[0][0], described == OURS))
        elif descriptions and self.not_ours(index, descriptions[0][0], descriptions[0][1]):
            refs.append((descriptions[0][0], False))  # another show, described
        if not refs:
            return None
        # "CBS renewed Ghosts and Tracker, but Harbor Division was not among them. The
        # procedural…": a contrast's last clause puts its own subject last in mind
        last = [m.end() for m in _CONTRAST_CLAUSE.finditer(norm)]
        opening = [mine for at, mine in refs if last and last[-1] <= at <= last[-1] + 5]
        if opening:
            return opening[0]
        # "While Fox's Hillside Hounds ended its season…, it was the end of the line for
        # The Copper Kettle": the main clause, not the one set against it, has the subject
        fronted = _SET_AGAINST.match(norm)
        main = sorted(r for r in refs if fronted and r[0] >= fronted.end())
        return main[0][1] if main else min(refs)[1]

    def _passing_ours(self, index: int, at: int) -> bool:
        norm = self._sentences[index].norm
        mention = next(
            (m for m in self._matcher.mentions(norm, self._sentences[index].text) if m.start == at),
            None,
        )
        return mention is not None and in_passing(norm, mention.start, mention.end, False)

    def descriptions(self, key: str) -> frozenset[str]:
        """The words the document has used to describe a show (`OURS` for the tracked one)."""
        show = self._shows.get(key)
        return frozenset(show.described) if show else frozenset()

    def shows(self) -> frozenset[str]:
        """The keys of every show the document names (`OURS` among them if it is named)."""
        return frozenset(self._shows)


_SET_AGAINST = re.compile(r"(?:while|although|though|whereas|unlike|even as)\b[^,;]*, ")
_CONTRAST_CLAUSE = re.compile(r"(?:,|;|\u2014|--)\s*(?:but|while|whereas|though|although|yet)\s+")


def described_before(norm: str, mine: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of descriptions set before the tracked show's name, not beside it: in "Hulu
    renewed the farm noir, keeping it alongside Copper Sky", "the farm noir" is another
    show (see Discourse.not_ours)."""
    return [
        (first, last)
        for first, last, _ in _descriptions_at(norm)
        if any(at > last and not _APPOSED.fullmatch(norm, last, at) for at, _ in mine)
    ]
