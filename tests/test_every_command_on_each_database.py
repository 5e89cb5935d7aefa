"""Every `tracker` command against each database: `database.url` may be SQLite or
PostgreSQL (`postgresql+psycopg://…`) and nothing else changes.

One story per database, through the CLI as a user types it: init, a pending page, then
the renewal; status, history, changes, diff, export, alerts, reextract, prune, db
upgrade; and the same JSON answers on both.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from tests.test_cli import PENDING, RENEWED, Site, site  # noqa: F401  (the fixture)
from tracker.cli import cli


def config(folder: Path, url: str, page: str) -> Path:
    path = folder / "config.toml"
    path.write_text(
        f'[database]\nurl = "{url}"\n[fetch]\nmin_interval = 0\n'
        f'[[alerts]]\nkind = "console"\n[[shows]]\ntitle = "Ballard"\nsources = ["{page}"]\n',
        encoding="utf-8",
    )
    return path


def test_every_command_works_on_this_database(db_url: str, tmp_path: Path, site: Site) -> None:  # noqa: F811
    page = site.serve("/tv/ballard", PENDING)
    path = config(tmp_path, db_url, page)

    def tracker(*args: str) -> Result:
        result = CliRunner().invoke(cli, ["--config", str(path), *args])
        assert result.exit_code == 0, f"tracker {' '.join(args)}: {result.output}"
        return result

    def as_json(*args: str) -> Any:
        return json.loads(tracker(*args, "--json").stdout)

    tracker("init")
    first = tracker("run", "--due-only")
    site.serve("/tv/ballard", RENEWED)
    second = tracker("run")

    assert "ALERT Ballard: first seen as pending (season 2" in first.stdout
    assert "ALERT Ballard: status changed, pending" in second.stdout
    [row] = as_json("status")
    assert (row["status"], row["season"], row["certainty"]) == ("renewed", 2, "official")
    timeline = as_json("history", "Ballard")
    assert [c["kind"] for c in timeline["changes"]] == ["first_seen", "status_changed"]
    assert len(as_json("changes")) == 2
    assert as_json("diff", "Ballard", "--from", "2025-07-01")["after"]["status"] == "renewed"
    assert "Ballard" in tracker("export", "--format", "csv").stdout
    assert as_json("alerts", "list") == []
    assert "stored pages read again" in tracker("reextract", "--dry-run").stdout
    tracker("prune", "--dry-run")
    tracker("db", "upgrade")
    assert "not due" in tracker("run", "--due-only").stdout  # the crontab has not fired since
