"""`tracker reextract`: read the stored pages again with the current extractor.

The store keeps the latest body of every source (compressed). When the extractor
improves, its new reading of those pages may differ from the snapshots they produced;
this finds each difference, and either reports what it would change (`--dry-run`: the
snapshots, and each show's view folded with the new readings, nothing written) or applies
it: the snapshots are rewritten in place and their shows refolded, and any change of a
show's view is a change like any other — recorded, and alerted. Nothing is fetched.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from tracker.config import Config
from tracker.diff import Change, diff
from tracker.errors import FetchError
from tracker.extract import EXTRACTOR_VERSION
from tracker.extract.model import Extraction
from tracker.reader import looks_like_html, read_page
from tracker.store import Policy, Store, StoredPage
from tracker.tvmaze import read_show
from tracker.view import Observation, fold

# What a reading decides; evidence offsets and wording may move without anything changing.
_COMPARED = ("status", "season", "certainty", "lean", "published", "ratings")


@dataclass(frozen=True, slots=True)
class Reading:
    """A stored page whose new reading differs from its snapshot."""

    show: str
    show_id: int
    url: str
    snapshot_id: int
    before: dict[str, Any]
    after: Extraction


@dataclass
class ReextractReport:
    pages: int = 0  # stored pages read again
    skipped: int = 0  # of shows no longer configured, or without a snapshot to compare
    differing: list[Reading] = field(default_factory=list)
    changes: dict[str, list[Change]] = field(default_factory=dict)  # show title -> changes
    applied: bool = False


def reextract(
    config: Config,
    store: Store,
    channels: list[str],
    policy: Policy,
    *,
    dry_run: bool,
    now: datetime | None = None,
) -> ReextractReport:
    """Read every stored page again; report (dry run) or apply what differs."""
    report = ReextractReport()
    shows = {show.slug: show for show in config.shows}
    for page in store.stored_pages():
        show = shows.get(page.source.show_slug)
        if show is None or page.snapshot_id is None or page.snapshot is None:
            report.skipped += 1
            continue
        report.pages += 1
        extraction = _read_again(page, show.title, tuple(show.aliases))
        if extraction is not None and _differs(page.snapshot, extraction):
            report.differing.append(
                Reading(
                    show.title,
                    page.source.show_id,
                    page.url,
                    page.snapshot_id,
                    page.snapshot,
                    extraction,
                )
            )
    if dry_run:
        report.changes = _would_change(store, report.differing, policy)
        return report
    updates = [(r.snapshot_id, r.after) for r in report.differing]
    when = now or datetime.now(UTC)
    applied = store.replace_extractions(updates, channels, EXTRACTOR_VERSION, when, policy)
    titles = {r.show_id: r.show for r in report.differing}
    report.changes = {titles[show_id]: changes for show_id, changes in applied.items() if changes}
    report.applied = True
    return report


def _read_again(page: StoredPage, title: str, aliases: tuple[str, ...]) -> Extraction | None:
    """The current extractor's reading of a stored page (None: it no longer reads)."""
    if page.source.kind == "tvmaze":
        try:
            return read_show(page.text, title)
        except FetchError:
            return None
    html = looks_like_html(page.content_type, page.text)
    read = read_page(page.text, html, [(title, aliases)], keep=False)  # the body is stored
    return None if read.empty else read.extractions[0]


def _differs(snapshot: dict[str, Any], extraction: Extraction) -> bool:
    """Whether the new reading decides anything differently (evidence wording aside)."""
    new = extraction.to_json()
    new["ratings"] = {**new["ratings"], "tvmaze": extraction.ratings.tvmaze}
    return any(_known(snapshot.get(key)) != _known(new.get(key)) for key in _COMPARED)


def _known(value: Any) -> Any:
    """Ratings compare by the scores present: a missing key and a null are the same."""
    if isinstance(value, dict):
        return {k: v for k, v in value.items() if v is not None}
    return value


def _would_change(store: Store, readings: list[Reading], policy: Policy) -> dict[str, list[Change]]:
    """Each affected show's view folded with the new readings, diffed with its view now."""
    result: dict[str, list[Change]] = {}
    by_show: dict[int, list[Reading]] = {}
    for reading in readings:
        by_show.setdefault(reading.show_id, []).append(reading)
    for show_id, group in by_show.items():
        view, observations = store.show_observations(show_id)
        new = {r.snapshot_id: r.after for r in group}
        folded = fold(_reread(o, new.get(o.snapshot_id)) for o in observations)
        changes = diff(view, folded, policy.thresholds)
        if changes:
            result[group[0].show] = changes
    return result


def _reread(observation: Observation, extraction: Extraction | None) -> Observation:
    if extraction is None:
        return observation
    ratings = {**extraction.ratings.to_dict(), "tvmaze": extraction.ratings.tvmaze}
    evidence = extraction.evidence[0].text if extraction.evidence else None
    return replace(
        observation,
        published=extraction.published,
        status=extraction.status,
        season=extraction.season,
        certainty=extraction.certainty,
        lean=extraction.lean,
        ratings=ratings,
        evidence_text=evidence,
    )
