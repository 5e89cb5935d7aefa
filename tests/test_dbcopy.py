"""`tracker db copy`: an installation moved with all its history, verified by counts.

A SQLite installation with real history — the seed page, the renewal, a failing source,
alerts sent and alerts waiting — is copied to SQLite and to PostgreSQL, and back again
from there. The board, every snapshot, change and outbox row read the same on both
sides; the target keeps working (new rows get new ids); a target holding data is refused.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug import Response

from tests.sites import RENEWAL_ARTICLE, ballard_config, run_at
from tests.test_pipeline import JULY_10, OCT_6, SEED, as_html
from tracker.cli import cli
from tracker.errors import StoreError
from tracker.models import CheckRow, OutboxRow, SourceRow
from tracker.store import Store
from tracker.store.copy import copy_database


@pytest.fixture
def installation(tmp_path: Path, httpserver: HTTPServer) -> Store:
    """A SQLite installation after two runs: pending in July, renewed in October, with a
    dead source beside it and an alert channel that failed once (a row still waiting)."""
    store = Store(f"sqlite:///{tmp_path / 'source.db'}")
    store.migrate()
    served = {"page": as_html(SEED.read_text(encoding="utf-8"))}
    httpserver.expect_request("/ballard").respond_with_handler(
        lambda _request: Response(served["page"], content_type="text/html")
    )
    config = ballard_config(
        store, [httpserver.url_for("/ballard"), httpserver.url_for("/gone")], min_interval=0
    )
    run_at(config, store, JULY_10)
    served["page"] = RENEWAL_ARTICLE
    run_at(config, store, OCT_6)
    return store


def everything(store: Store) -> dict[str, Any]:
    """What a user can read back: the board, and every history row with its ids."""
    [(show_id, _, _)] = store.show_names()
    with Session(store.engine) as session:
        checks = [
            (c.id, c.source_id, c.started_at, c.ok, c.http_status, c.error_kind, c.snapshot_id)
            for c in session.scalars(select(CheckRow).order_by(CheckRow.id))
        ]
        outbox = [
            (o.id, o.change_id, o.channel, o.state, o.attempts, o.sent_at)
            for o in session.scalars(select(OutboxRow).order_by(OutboxRow.id))
        ]
        sources = [
            (s.id, s.url, s.failure_streak, s.etag, s.last_checked_at)
            for s in session.scalars(select(SourceRow).order_by(SourceRow.id))
        ]
    return {
        "board": [
            (row.title, row.view, row.sources_ok, row.sources_failing) for row in store.board()
        ],
        "snapshots": store.snapshots(show_id),
        "changes": store.changes(),
        "checks": checks,
        "outbox": outbox,
        "sources": sources,
        "bodies": [(page.source.id, page.text) for page in store.stored_pages()],
    }


def test_a_copy_reads_back_the_same_history_and_counts_match(
    installation: Store, db_url: str, tmp_path: Path
) -> None:
    target = Store(db_url)
    report = copy_database(installation, target)

    assert report.ok and report.rows > 0
    counts = {count.table: count.target for count in report.counts}
    assert counts["changes"] >= 2 and counts["checks"] == 4 and counts["bodies"] >= 1
    assert everything(target) == everything(installation)
    assert everything(target)["board"][0][1].status == "renewed"

    back = Store(f"sqlite:///{tmp_path / 'back.db'}")  # and from PostgreSQL back to SQLite
    assert copy_database(target, back).ok
    assert everything(back) == everything(installation)
    back.close()
    target.close()


def test_the_copy_keeps_working_new_rows_take_new_ids(
    installation: Store, db_url: str, httpserver: HTTPServer
) -> None:
    target = Store(db_url)
    copy_database(installation, target)
    config = ballard_config(target, [httpserver.url_for("/ballard"), httpserver.url_for("/gone")])

    summary = run_at(config, target)  # PostgreSQL's sequences were moved past copied ids

    assert summary.sources == 2 and len(summary.failures) == 1
    with Session(target.engine) as session:
        ids = list(session.scalars(select(CheckRow.id).order_by(CheckRow.id)))
    assert ids == list(range(1, 7))
    target.close()


def test_a_target_that_holds_data_is_refused_and_left_as_it_was(
    installation: Store, db_url: str
) -> None:
    target = Store(db_url)
    copy_database(installation, target)
    before = everything(target)

    with pytest.raises(StoreError, match=r"already holds data .*copy into an empty database"):
        copy_database(installation, target)

    assert everything(target) == before
    target.close()


def test_tracker_db_copy_from_the_cli(installation: Store, tmp_path: Path) -> None:
    target = tmp_path / "moved.db"
    source = installation.url

    result = CliRunner().invoke(
        cli, ["db", "copy", "--from", source, "--to", f"sqlite:///{target}"]
    )
    again = CliRunner().invoke(cli, ["db", "copy", "--from", source, "--to", f"sqlite:///{target}"])
    missing = CliRunner().invoke(
        cli, ["db", "copy", "--from", f"sqlite:///{tmp_path / 'none.db'}", "--to", "sqlite://"]
    )

    assert result.exit_code == 0, result.output
    assert "checks              4 → 4          ok" in result.output
    assert "counts verified" in result.output
    assert again.exit_code == 3 and "already holds data" in again.output
    assert missing.exit_code == 3 and "run `tracker init`" in missing.output
