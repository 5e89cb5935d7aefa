"""Quotations: who is speaking decides what a quoted renewal is worth.

A star or showrunner hoping for "a second season" is not a network ordering one; a
network executive saying it is an announcement. For each block we find the quoted
spans and classify the speaker from the words outside the quotes ("said Apple TV+'s
head of programming" vs "the star told reporters"). Quoted decisions by talent, or by
an unknown speaker, become speculation leaning the way they point.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from tracker.extract.document import Document
from tracker.extract.rules import Finding

_EXEC = re.compile(
    r"\b(?:president|chief|ceo|chair(?:man|woman|person)?|co-?chair|head of|executive vice|"
    r"[es]?vp|programming|spokes(?:person|man|woman)|in a statement|press release|"
    r"content officer|commissioner|controller|network|streamer|studio|"
    r"(?:netflix|hbo|max|hulu|prime video|amazon|apple tv\+?|disney\+?|peacock|paramount\+?|"
    r"nbc|cbs|abc|fox|the cw|fx|amc|starz|showtime|bbc|itv|channel 4|sky|tubi|freevee|mgm\+?)"
    r"(?:'s)? (?:said|says|announced|confirmed|added|told))\b"
)
_TALENT_ROLES = (
    r"actor|actress|star|co-?star|creator|co-?creator|showrunner|writer|author|novelist|"
    r"(?:executive )?producer|director|castmember|host"
)
_TALENT = re.compile(rf"\b(?:{_TALENT_ROLES}|stars|cast|she|he|they)\b")
_DECISIONS = {
    "renewed": "renew",
    "ordered": "renew",
    "revived": "renew",
    "cancelled": "cancel",
    "ended": "cancel",
    "ending": "cancel",
}


@dataclass(frozen=True, slots=True)
class Quotes:
    """Quoted spans (offsets into the document text) and each block's speaker role."""

    spans: tuple[tuple[int, int], ...]
    roles: dict[int, str]  # block index -> "exec" | "talent"
    speakers: dict[tuple[int, int], str] = field(default_factory=dict)  # span -> role

    def role_at(self, block: int, position: int) -> str | None:
        """The role of whoever speaks the quote at `position` (document offset): its own
        attribution where it has one ("…," Netflix's head of drama said), else the
        paragraph's. In an interview a showrunner's hopes and an executive's statement
        can share a paragraph."""
        for (start, end), role in self.speakers.items():
            if start <= position < end:
                return role
        return self.roles.get(block)


def find_quotes(document: Document) -> Quotes:
    spans: list[tuple[int, int]] = []
    roles: dict[int, str] = {}
    speakers: dict[tuple[int, int], str] = {}
    offset = 0
    for index, block in enumerate(document.blocks):
        found = _quoted(block.text)
        if found:
            spans.extend((offset + start, offset + end) for start, end in found)
            outside = "".join(
                block.text[a:b]
                for a, b in zip(
                    [0, *(e for _, e in found)],
                    [*(s for s, _ in found), len(block.text)],
                    strict=True,
                )
            )
            roles[index] = _role(outside.lower())
            for number, (start, end) in enumerate(found):
                said = _attribution(block.text, found, number).lower()
                if _EXEC.search(said) or _NAMED_TALENT.search(said):
                    speakers[(offset + start, offset + end)] = _role(said)
        offset += len(block.text) + 2
    return Quotes(tuple(spans), roles, speakers)


def _attribution(text: str, found: list[tuple[int, int]], number: int) -> str:
    """The words that say who speaks quote `number`: those after it up to the sentence's
    end ("…," she told us.), else those before it since the sentence began (Tran said:
    "…"). Empty when neither names anyone."""
    start, end = found[number]
    following = found[number + 1][0] if number + 1 < len(found) else len(text)
    after = _SENTENCE_END.split(text[end:following], maxsplit=1)[0]
    if text[end - 2 : end - 1] not in (".", "!", "?") and _SPEAKS.search(after):
        return after  # ("…in Prague.” The heist series…": the sentence ended inside)
    previous = found[number - 1][1] if number else 0
    before = _SENTENCE_END.split(text[previous:start])[-1]
    return before if _SPEAKS.search(before) else ""


# a role named in an attribution ("…," she told reporters names none: the paragraph's holds)
_NAMED_TALENT = re.compile(rf"\b(?:{_TALENT_ROLES})\b")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_SPEAKS = re.compile(
    r"\b(?:said|says|say|told|tells|added|adds|announced|announces|wrote|writes|posted|"
    r"explained|explains|insisted|joked|noted|according to|in a statement)\b"
)


def _quoted(text: str) -> list[tuple[int, int]]:
    """The quotations of a block: quote marks paired in order (curly ones by direction),
    so a quoted title ("Brightwater" is coming back) closes where it ends instead of
    opening a quotation that runs to the end of the paragraph. A quotation left open runs
    to the block's end (a quote continued in the next paragraph); one shorter than 12
    characters is a title or a scare quote, not speech."""
    marks = [(m.start(), m.group()) for m in _MARK.finditer(text)]
    found, opened = [], None
    for at, mark in marks:
        if opened is None:
            if mark != "”":
                opened = at
        elif mark != "“":
            found.append((opened, at + 1))
            opened = None
    if opened is not None:
        found.append((opened, len(text)))
    return [
        (start, end)
        for start, end in found
        if end - start - 2 >= 12 and not _TITLE_LIKE.fullmatch(text, start + 1, end - 1)
    ]


# "Hearthstone Inn", "The Wheel of Time": a quoted title, not speech
_TITLE_LIKE = re.compile(r"(?:(?:[A-Z0-9][\w'’&:.-]*|of|the|and|in|on|a|an|&)\s*){1,6}[,.]?")


_MARK = re.compile(r"[“”\"]")


def _role(outside: str) -> str:
    """Executives announce; anyone else (or no one named) only hopes or fears."""
    exec_match, talent_match = _EXEC.search(outside), _TALENT.search(outside)
    if exec_match and not (talent_match and talent_match.start() < exec_match.start()):
        return "exec"
    return "talent"


def weigh(finding: Finding, quotes: Quotes, block: int, start: int, end: int) -> Finding:
    """Adjust a finding whose clause [start, end) (document offsets) sits inside a quote."""
    if not any(s <= start and end <= e + 1 for s, e in quotes.spans):
        return finding
    if quotes.role_at(block, start) == "exec":
        if finding.certainty == "speculative":
            return finding
        return replace(
            finding, certainty="official", explicit=True, rule=finding.rule + "+exec-quote"
        )
    if finding.status in ("cancelled", "ended", "ending", "in_development"):
        # "We got cancelled, you guys": talent breaking bad news is reporting, not hoping;
        # so is a producer's "there's a pilot script": development decides nothing
        return replace(finding, certainty="reported", rule=finding.rule + "+talent-quote")
    lean = _DECISIONS.get(finding.status, finding.lean)
    return replace(
        finding,
        status="pending",
        certainty="speculative",
        lean=lean,
        explicit=True,
        rule=finding.rule + "+talent-quote",
    )
