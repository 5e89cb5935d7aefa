"""A document as the rules see it: ordered blocks of text plus metadata.

Both input kinds end up here: HTML pages (tracker.extract.html keeps the article and
drops the page chrome) and plain text (paragraphs split on blank lines). Blocks know
their kind, so the rules can tell a headline from a body paragraph, an "Update:" box
or a block quote.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date

from tracker.extract.dates import find_dateline
from tracker.extract.text import Sentence, split_sentences


@dataclass(frozen=True, slots=True)
class Block:
    text: str
    kind: str  # "title", "heading", "para", "update", "quote", "list"
    start: int = -1  # offset in Document.source when the input was plain text


@dataclass(frozen=True, slots=True)
class Document:
    """The article's blocks, joined into `text` so offsets have one reference string."""

    blocks: tuple[Block, ...]
    title: str | None = None
    published: date | None = None
    canonical: str | None = None
    site_ratings: dict[str, float] = field(default_factory=dict)
    source: str | None = None  # the plain text given, so evidence offsets index it

    @property
    def text(self) -> str:
        """The reference string of evidence offsets: the input text, or the article's blocks."""
        if self.source is not None:
            return self.source
        return "\n\n".join(b.text for b in self.blocks)

    def sentences(self) -> list[Sentence]:
        """Every sentence with offsets into `text`; block indexes keep paragraph context."""
        out: list[Sentence] = []
        offset = 0
        for index, block in enumerate(self.blocks):
            start = block.start if block.start >= 0 else offset
            for sentence in split_sentences(block.text, start, index, block.kind):
                # "UPDATE: a spokesperson says…" inside a paragraph is an update box too
                if sentence.kind != "update" and _UPDATE.match(sentence.text):
                    sentence = replace(sentence, kind="update")
                out.append(sentence)
            offset += len(block.text) + 2
        return out


_UPDATE = re.compile(r"^\s*\(?\s*(update[sd]?|editor'?s note|correction)\b", re.IGNORECASE)


def block_kind(text: str, default: str) -> str:
    """Paragraphs that start "Update:" or "Editor's note" reverse stories; mark them."""
    return "update" if _UPDATE.match(text.replace("\u2019", "'")) else default


_PARAGRAPH = re.compile(r"(?:(?!\n[ \t\r]*\n).)+", re.DOTALL)
_LINE = re.compile(r"[^\n]+")
_WHITESPACE = re.compile(r"\s")
_OTHER_SPACE = re.compile(r"[^\S ]")  # whitespace other than " "
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
_WHOLE = re.compile(r".+", re.DOTALL)
# "– Jugaad Junction, a new comedy …, has been given a series order": a line opened by a
# dash or a bullet is an item of its own, however long
_BULLET_LINE = re.compile(r"[ \t]*(?:[-–—•▪●■►◆*]|\d{1,2}[.)]) ")
_CLOSING = frozenset('.!?:;"”')


def _paragraphs(text: str) -> Iterator[re.Match[str]]:
    """The paragraphs of a text. One with no blank line is one paragraph, as _PARAGRAPH
    would find it: that pattern looks ahead at every character, and most texts (a
    batch's sentences, a feed's summary) have no blank line to split on."""
    return (_PARAGRAPH if _BLANK_LINE.search(text) else _WHOLE).finditer(text)


def _spaced(line: str) -> str:
    """Tabs, newlines and other spaces as plain spaces (most lines have none to replace)."""
    return _WHITESPACE.sub(" ", line) if _OTHER_SPACE.search(line) else line


def from_text(text: str, published: date | None = None) -> Document:
    """Plain text: paragraphs split on blank lines; short unpunctuated lines are headings."""
    blocks: list[Block] = []
    for chunk in _paragraphs(text):
        lines = _lines(chunk.group(), chunk.start())
        bulleted = _bulleted(lines)
        for start, line in lines:
            for piece_start, piece, item in _inline_items(start, line):
                bullet = bulleted and bool(_BULLET_LINE.match(piece))
                kind = "list" if item or bullet else _text_kind(piece, first=not blocks)
                blocks.append(Block(piece, kind, piece_start))
    return Document(
        blocks=tuple(blocks),
        title=blocks[0].text if blocks and blocks[0].kind == "title" else None,
        published=published or find_dateline(text[:400]),
        source=text,
    )


def _lines(chunk: str, offset: int) -> list[tuple[int, str]]:
    """(offset, text) of the blocks of a chunk: one paragraph, unless its lines look like
    separate headings or items. Whitespace becomes spaces one for one, so offsets hold."""
    lines = [(offset + m.start(), m.group()) for m in _LINE.finditer(chunk)]
    lines = [(start, line) for start, line in lines if line.strip()]
    if len(lines) > 1 and _is_headline(lines[0][1]) and not all(len(x) < 120 for _, x in lines):
        # "Is 'Severed Ties' Coming Back? Here's What We Know" over its body, no blank line
        # between: the headline is a block of its own, the rest one paragraph
        head, (body, _) = lines[0], lines[1]
        lines = [head, (body, chunk[body - offset :])]
    elif not (
        len(lines) > 1 and (all(len(line.strip()) < 120 for _, line in lines) or _bulleted(lines))
    ):
        lines = [(offset, chunk)] if chunk.strip() else []
    return [_stripped(start, _spaced(line)) for start, line in lines]


def _bulleted(lines: list[tuple[int, str]]) -> bool:
    """Whether two lines or more open with a bullet, a dash or an item number: a list."""
    return sum(bool(_BULLET_LINE.match(line)) for _, line in lines) >= 2


# "…said goodbye to in 2025: 1. Ninefold — four seasons. 2. Orchid Motel — wrapped…": a
# numbered list run into one paragraph. Item numbers open the text or follow a sentence.
_ITEM_NUMBER = re.compile(r"(?:^|(?<=[.!?:;)] )|(?<=[.!?][\"”’'] ))(\d{1,2})\. (?=[\"“‘'A-Z0-9])")


def _inline_items(start: int, line: str) -> list[tuple[int, str, bool]]:
    """A paragraph's inline numbered items as list blocks of their own, each speaking of
    its own show, with the text before the first as a paragraph; the paragraph whole
    when its numbers do not count up from 1 (at least two items)."""
    items, expected = [], 1
    for match in _ITEM_NUMBER.finditer(line):
        if int(match.group(1)) == expected:
            items.append(match.start())
            expected += 1
    if len(items) < 2:
        return [(start, line, False)]
    pieces = [] if items[0] == 0 else [(start, line[: items[0]].rstrip(), False)]
    for begin, end in zip(items, [*items[1:], len(line)], strict=True):
        pieces.append((start + begin, line[begin:end].rstrip(), True))
    return pieces


def _is_headline(line: str) -> bool:
    """A short line that does not end a sentence: a headline or a heading."""
    line = line.strip()
    return 0 < len(line) < 110 and line[-1] not in _CLOSING


def _stripped(start: int, line: str) -> tuple[int, str]:
    lead = len(line) - len(line.lstrip())
    return start + lead, line.strip()


def _text_kind(line: str, first: bool) -> str:
    if _is_headline(line):
        return "title" if first else "heading"
    return block_kind(line, "para")
