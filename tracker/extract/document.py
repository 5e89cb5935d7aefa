"""A document as the rules see it: ordered blocks of text plus metadata.

Both input kinds end up here: HTML pages (tracker.extract.html keeps the article and
drops the page chrome) and plain text (paragraphs split on blank lines). Blocks know
their kind, so the rules can tell a headline from a body paragraph, an "Update:" box
or a block quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from tracker.extract.dates import find_dateline
from tracker.extract.text import Sentence, split_sentences


@dataclass(frozen=True, slots=True)
class Block:
    text: str
    kind: str  # "title", "heading", "para", "update", "quote", "list"


@dataclass(frozen=True, slots=True)
class Document:
    """The article's blocks, joined into `text` so offsets have one reference string."""

    blocks: tuple[Block, ...]
    title: str | None = None
    published: date | None = None
    canonical: str | None = None
    site_ratings: dict[str, float] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n\n".join(b.text for b in self.blocks)

    def sentences(self) -> list[Sentence]:
        """Every sentence with offsets into `text`; block indexes keep paragraph context."""
        out: list[Sentence] = []
        offset = 0
        for index, block in enumerate(self.blocks):
            out.extend(split_sentences(block.text, offset, index, block.kind))
            offset += len(block.text) + 2
        return out


_UPDATE = re.compile(r"^\s*\(?\s*(update[sd]?|editor'?s note|correction)\b", re.IGNORECASE)


def block_kind(text: str, default: str) -> str:
    """Paragraphs that start "Update:" or "Editor's note" reverse stories; mark them."""
    return "update" if _UPDATE.match(text.replace("\u2019", "'")) else default


def from_text(text: str, published: date | None = None) -> Document:
    """Plain text: paragraphs split on blank lines; short unpunctuated lines are headings."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n|\r\n\s*\r\n", text):
        for line in _lines(chunk):
            blocks.append(Block(line, _text_kind(line, first=not blocks)))
    return Document(
        blocks=tuple(blocks),
        title=blocks[0].text if blocks and blocks[0].kind == "title" else None,
        published=published or find_dateline(text[:400]),
    )


def _lines(chunk: str) -> list[str]:
    """A chunk is one paragraph unless its lines look like separate headings/items."""
    lines = [" ".join(line.split()) for line in chunk.splitlines() if line.strip()]
    if len(lines) > 1 and all(len(line) < 120 for line in lines):
        return lines
    joined = " ".join(lines)
    return [joined] if joined else []


def _text_kind(line: str, first: bool) -> str:
    if len(line) < 110 and not re.search(r"[.!?:;\"”]$", line):
        return "title" if first else "heading"
    return block_kind(line, "para")
