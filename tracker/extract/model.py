"""The extractor's output values: frozen, JSON-ready, free of BeautifulSoup objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

STATUSES = (
    "renewed",
    "ordered",
    "in_development",
    "pending",
    "ending",
    "ended",
    "cancelled",
    "revived",
    "unknown",
)
CERTAINTIES = ("official", "reported", "speculative")


@dataclass(frozen=True, slots=True)
class Ratings:
    """Scores tied to the tracked show: IMDb 0-10; the others in percent / 0-100.

    `tvmaze` (0-10) comes only from TVmaze sources, never from text, so it is not part
    of the extraction JSON (`to_dict`).
    """

    imdb: float | None = None
    rotten_tomatoes: int | None = None
    rt_audience: int | None = None
    metacritic: int | None = None
    tvmaze: float | None = None

    def to_dict(self) -> dict[str, float | int | None]:
        return {
            "imdb": self.imdb,
            "rotten_tomatoes": self.rotten_tomatoes,
            "rt_audience": self.rt_audience,
            "metacritic": self.metacritic,
        }


@dataclass(frozen=True, slots=True)
class Evidence:
    """A sentence that decided (or contributed to) the result, with offsets into the text."""

    text: str
    status: str
    season: int | None
    certainty: str | None
    start: int
    end: int
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "status": self.status,
            "season": self.season,
            "certainty": self.certainty,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class Extraction:
    """What one document says about one show's future."""

    show: str
    status: str = "unknown"
    season: int | None = None
    certainty: str | None = None
    lean: str | None = None
    published: date | None = None
    ratings: Ratings = Ratings()
    evidence: tuple[Evidence, ...] = ()
    notes: tuple[str, ...] = ()

    def to_json(self, case_id: str | None = None) -> dict[str, Any]:
        """The extraction JSON of DESIGN.md: absent values are null, never missing keys."""
        data: dict[str, Any] = {} if case_id is None else {"id": case_id}
        data.update(
            show=self.show,
            status=self.status,
            season=self.season,
            certainty=self.certainty,
            lean=self.lean,
            published=self.published.isoformat() if self.published else None,
            ratings=self.ratings.to_dict(),
            evidence=[e.to_dict() for e in self.evidence],
        )
        return data
