"""The extractor: text or HTML in, one Extraction per tracked show out. Pure, no I/O.

HTML ──► html.from_html ──┐
                          ├─► Document ─► sentences ─► discourse (every show the text
text ──► document.from_text┘      names, how it describes each) ─► shows + attribution
                                   (which sentences and clauses are about the tracked
                                   show) ─► rules (statements) ─► decide (current state)
                                   + safeguard + ratings ─► Extraction

Importing this package is cheap: the engine (BeautifulSoup, lxml and a few hundred
compiled patterns) loads on the first call of `extract`, `extract_document` or
`read_document`. A pass whose pages all answer 304, and the store and alerts that only
need the Extraction type, never pay for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tracker.extract.model import Evidence, Extraction, Ratings

__all__ = [
    "EXTRACTOR_VERSION",
    "Evidence",
    "Extraction",
    "Ratings",
    "extract",
    "extract_document",
    "read_document",
]

EXTRACTOR_VERSION = "0.19.0"

if TYPE_CHECKING:
    from tracker.extract.engine import extract, extract_document, read_document
else:

    def __getattr__(name: str) -> Any:
        if name in ("extract", "extract_document", "read_document"):
            from tracker.extract import engine

            return getattr(engine, name)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
