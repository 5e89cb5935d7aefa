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

_QUOTE = re.compile(r"[“\"]([^”\"]{12,})(?:[”\"]|$)")
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
        found = [(offset + m.start(), offset + m.end()) for m in _QUOTE.finditer(block.text)]
        if found:
            spans.extend(found)
            roles[index] = _role(_QUOTE.sub(" ", block.text).lower())
        offset += len(block.text) + 2
    return Quotes(tuple(spans), roles)


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
    if finding.status in ("cancelled", "ended", "ending"):
        # "We got cancelled, you guys": talent breaking bad news is reporting, not hoping
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
