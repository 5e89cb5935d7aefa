"""Text normalisation and sentence splitting with character offsets.

Matching is done on a normalised copy of the text that keeps every offset: accents
are folded ("Renée" -> "Renee"), curly quotes and dashes become ASCII, case is
lowered. Because each character maps to exactly one character, an offset in the
normalised text is also an offset in the original, so evidence can quote the
original sentence exactly.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_PUNCT_MAP = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2010": "-",
        "\u2011": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u2026": ".",
    }
)
# str.maketrans gives a dict keyed by code point; normalise() adds folded letters to it.


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    """One character -> one ASCII-ish lowercase character (accents removed)."""
    base = unicodedata.normalize("NFKD", char)[:1] or char
    if len(base.lower()) != 1:
        return char
    return base.lower()


def normalise(text: str) -> str:
    """Lowercase, fold accents and typographic punctuation; same length as the input."""
    if text.isascii():
        return text.lower()  # the table only maps non-ASCII characters
    text = text.translate(_PUNCT_MAP)
    if not text.isascii():
        # Grow the translation table with each new non-ASCII character, then let
        # str.translate do the folding in C.
        for char in set(text):
            if not char.isascii() and ord(char) not in _PUNCT_MAP:
                _PUNCT_MAP[ord(char)] = _fold_char(char)
        text = text.translate(_PUNCT_MAP)
    return text.lower()


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the document: its text, offsets, and the block it came from."""

    text: str
    norm: str
    start: int
    end: int
    block: int  # index of the paragraph/heading it belongs to
    kind: str  # "heading", "para", "update", "quote", "list"


_ABBREVIATIONS = frozenset(
    [
        "p.m",
        "a.m",
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "jr",
        "sr",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "no",
        "vol",
        "ep",
        "approx",
        "est",
        "dept",
        "gov",
        "sen",
        "rep",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "bros",
        "u.s",
        "u.k",
        "e.g",
        "i.e",
    ]
)
# AP state abbreviations after a place and a comma ("BURBANK, Calif."), the only place
# where they are not also words ("fell ill. The", "a miss. Then")
_STATE_NAMES = (
    "Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Ky La Md Mass Mich Minn Miss Mo "
    "Mont Neb Nev Okla Ore Pa Tenn Va Vt Wash Wis Wyo"
)
_STATES = {word.lower(): f", {word}." for word in _STATE_NAMES.split()}

# A sentence starts with a capital or a digit, or, in a post typed without capitals
# ("welp. velvet static got the axe"), after one full stop, "?" or "!" (not an ellipsis)
# ... and a bullet inside a paragraph ends one item and starts the next ("QUICK HITS ▪ Loose
# Ends axed at Starz ▪ …"); the bullet itself belongs to neither
_BULLETS = "•▪●■►◆"
_BOUNDARY = re.compile(
    r"[.!?]+[\"'’”)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|(?<!\.)(?:\.|[!?]+)[\"'’”)\]]*\s+(?=[a-z])|"
    rf"(?<=\S)\s+[{_BULLETS}]\s+(?=\S)"
)


def split_sentences(text: str, offset: int, block: int, kind: str) -> list[Sentence]:
    """Split one block into sentences, skipping abbreviations like "Dr." and "U.S."."""
    sentences: list[Sentence] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        # ("Update (Feb. 20):" abbreviates inside its parenthesis)
        word = text[: match.start() + 1].rsplit(None, 1)[-1].rstrip(".").lstrip("([\"'“‘").lower()
        # "No. 1" abbreviates; "The answer is no. The third season…" ends a sentence
        numbered = word != "no" or text[match.end() : match.end() + 1].isdigit()
        if numbered and (word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())):
            continue
        if word in _STATES and text[: match.start() + 1].endswith(_STATES[word]):
            continue  # a dateline's state: "BURBANK, Calif. (April 3, 2025) —"
        _append(sentences, text, start, match.end(), offset, block, kind)
        start = match.end()
    _append(sentences, text, start, len(text), offset, block, kind)
    return sentences


def _append(
    out: list[Sentence], text: str, start: int, end: int, offset: int, block: int, kind: str
) -> None:
    piece = text[start:end]
    stripped = piece.strip().rstrip(_BULLETS).rstrip()
    if not stripped:
        return
    lead = len(piece) - len(piece.lstrip())
    begin = offset + start + lead
    out.append(Sentence(stripped, normalise(stripped), begin, begin + len(stripped), block, kind))


# a word of more than three characters: [A-Za-z][\w'’]* with the short ones left out by
# the pattern, not by a list comprehension (a word ends where the pattern stops, either way)
_LONG_WORD = re.compile(r"[A-Za-z][\w'’]{3,}")


@lru_cache(maxsize=64)  # a sentence is asked about once per name in it; 64 is one document
def is_title_case(raw: str) -> bool:
    """Headline style ("Prime Video Renews Ballard For Season 2"): most long words capitalised."""
    long_words = _LONG_WORD.findall(raw)
    count = len(long_words)
    return count >= 3 and len([w for w in long_words if w[0].isupper()]) >= 0.8 * count


class WordGate:
    """Which of many gate words occur in a text, without testing each word in turn.

    Words are bucketed by their first three characters; only the buckets whose three
    characters occur in the text are tested. The answer is exactly the words that occur.
    """

    __slots__ = ("_check", "_keys", "_short", "_whole")

    def __init__(self, words: tuple[str, ...]) -> None:
        self._short = tuple(w for w in words if len(w) < 3)
        whole: dict[tuple[str, ...], list[str]] = {}
        check: dict[tuple[str, ...], list[str]] = {}
        for word in words:
            if len(word) >= 3:
                whole.setdefault(tuple(word[:3]), [])
                (whole if len(word) == 3 else check).setdefault(tuple(word[:3]), []).append(word)
        self._whole = {key: tuple(found) for key, found in whole.items()}
        self._check = {key: tuple(found) for key, found in check.items()}
        self._keys = frozenset(self._whole)

    def __call__(self, text: str) -> frozenset[str]:
        found = [w for w in self._short if w in text]
        for key in self._keys.intersection(zip(text, text[1:], text[2:], strict=False)):
            found.extend(self._whole[key])
            found.extend(filter(text.__contains__, self._check.get(key, ())))
        return frozenset(found)
