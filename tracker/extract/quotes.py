"""Quotations: who is speaking decides what a quoted renewal is worth.

A star or showrunner hoping for "a second season" is not a network ordering one; a
network executive saying it is an announcement. For each block we find the quoted
spans and classify the speaker from the words outside the quotes ("said Apple TV+'s
head of programming" vs "the star told reporters"). Quoted decisions by talent, or by
an unknown speaker, become speculation leaning the way they point.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

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
_TALENT = re.compile(
    r"\b(?:actor|actress|star|stars|co-?star|creator|co-?creator|showrunner|writer|author|"
    r"novelist|(?:executive )?producer|director|cast|castmember|host|she|he|they)\b"
)
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


def find_quotes(document: Document) -> Quotes:
    spans: list[tuple[int, int]] = []
    roles: dict[int, str] = {}
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
        offset += len(block.text) + 2
    return Quotes(tuple(spans), roles)


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
    if quotes.roles.get(block) == "exec":
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
