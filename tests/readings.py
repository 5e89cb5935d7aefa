"""The reading the test_readings_0_1x files check: a text's (status, season) for a show.

The rules are read alone by default (`doubt=False`), so the learned reader cannot hide
their errors; a test that means the whole extractor passes `doubt=True`.
"""

from __future__ import annotations

from tracker.extract import extract


def read(show: str, text: str, doubt: bool = False) -> tuple[str, int | None]:
    found = extract(show, text=text, doubt=doubt)
    return found.status, found.season
