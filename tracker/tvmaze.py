"""TVmaze: a show's structured status and rating, read as a weak signal. Pure, no I/O.

TVmaze's `status` is kept by its editors, not announced by networks, and it has no
date, so the fold uses it only where the news says nothing (`view.fold`). It maps to
the status vocabulary like this:

- "In Development" -> in_development.
- "To Be Determined" -> pending, for the season after the last one aired.
- "Running" -> renewed when the next episode opens a later season than the last aired
  one (a new season is scheduled); ordered when nothing has aired yet; otherwise
  pending: a show in the middle of a season is running, not renewed.
- "Ended" -> ended (TVmaze does not tell a cancellation from a planned ending).

`rating.average` (0-10) becomes the `tvmaze` rating. The evidence sentence says what
TVmaze listed, so `tracker history` shows where the status came from.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from tracker.errors import FetchError
from tracker.extract.model import Evidence, Extraction, Ratings


def read_show(text: str, title: str) -> Extraction:
    """Turn a TVmaze show response (with embedded episodes) into an Extraction."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise FetchError(
            "not_json", f"TVmaze answered with something that is not JSON: {exc}"
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("name"), str):
        raise FetchError("not_json", "TVmaze answered with JSON that is not a show")
    status, season = _status(data)
    rating = _rating(data)
    evidence = _evidence(data, status, season)
    return Extraction(
        show=title,
        status=status,
        season=season,
        certainty="reported" if status != "unknown" else None,
        ratings=Ratings(tvmaze=rating),
        evidence=(evidence,) if status != "unknown" else (),
    )


def _status(data: dict[str, Any]) -> tuple[str, int | None]:
    listed = data.get("status")
    last, next_ = _season(data, "previousepisode"), _season(data, "nextepisode")
    if listed == "In Development":
        return "in_development", None
    if listed == "To Be Determined":
        return "pending", last + 1 if last else None
    if listed == "Ended":
        return "ended", last
    if listed != "Running":
        return "unknown", None
    if last is None:
        return "ordered", next_ or 1
    if next_ is not None and next_ > last:
        return "renewed", next_
    return "pending", last + 1


def _season(data: dict[str, Any], which: str) -> int | None:
    episode = (data.get("_embedded") or {}).get(which)
    season = episode.get("season") if isinstance(episode, dict) else None
    return season if isinstance(season, int) and season > 0 else None


def _rating(data: dict[str, Any]) -> float | None:
    average = (data.get("rating") or {}).get("average")
    if isinstance(average, int | float) and not isinstance(average, bool) and 0 <= average <= 10:
        return round(float(average), 1)
    return None


def _evidence(data: dict[str, Any], status: str, season: int | None) -> Evidence:
    sentence = f"TVmaze lists {data['name']} as {data.get('status') or 'without a status'}"
    episode = (data.get("_embedded") or {}).get("nextepisode")
    if isinstance(episode, dict) and episode.get("season"):
        airdate = _airdate(episode.get("airdate"))
        when = f" on {airdate.isoformat()}" if airdate else ""
        sentence += (
            f"; next episode S{episode['season']:02d}E{episode.get('number') or 0:02d}{when}"
        )
    sentence += "."
    return Evidence(sentence, status, season, "reported", 0, len(sentence), rule="tvmaze")


def _airdate(value: object) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
