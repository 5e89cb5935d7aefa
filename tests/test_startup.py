"""What a `tracker` command imports before it works: startup is most of a 304-only pass.

Each command runs in a fresh interpreter, which then lists the modules it has loaded.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from tracker.cli import cli

LIST_MODULES = """
import pathlib, sys
from tracker.cli import cli
try:
    cli.main(sys.argv[2:], prog_name="tracker", standalone_mode=False)
finally:
    pathlib.Path(sys.argv[1]).write_text("\\n".join(sorted(sys.modules)))
"""

EMAIL_CONFIG = """
[database]
url = "sqlite:///tracker.db"

[[alerts]]
kind = "email"
host = "127.0.0.1"
from = "tracker@example.org"
to = ["me@example.org"]
"""


def loaded(tmp_path: Path, *args: str) -> set[str]:
    """The modules a fresh interpreter has imported after `tracker ARGS…`."""
    out = tmp_path / "modules.txt"
    command = [sys.executable, "-c", LIST_MODULES, str(out), *args]
    result = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, check=False)
    assert result.returncode == 0, result.stderr
    return set(out.read_text().split())


def initialised(tmp_path: Path) -> Path:
    """A config with an email channel, its database created."""
    config = tmp_path / "config.toml"
    config.write_text(EMAIL_CONFIG)
    assert CliRunner().invoke(cli, ["--config", str(config), "init"]).exit_code == 0
    return config


def test_help_imports_no_library_beyond_click(tmp_path: Path) -> None:
    modules = loaded(tmp_path, "--help")

    for name in ("rich", "httpx", "sqlalchemy", "pydantic", "tracker.config", "tracker.alerts"):
        assert name not in modules, f"`tracker --help` imports {name}"


def test_run_imports_neither_the_reading_commands_nor_the_smtp_machinery(tmp_path: Path) -> None:
    config = initialised(tmp_path)

    modules = loaded(tmp_path, "--config", str(config), "run")

    assert "tracker.alerts.email" in modules  # the channel was built, before any fetch
    deferred = ("smtplib", "email.policy", "tracker.render", "tracker.history", "apscheduler")
    for name in deferred:  # APScheduler loads once a crontab is read; this config has none
        assert name not in modules, f"`tracker run` imports {name}"


def test_status_imports_no_fetching_machinery(tmp_path: Path) -> None:
    config = initialised(tmp_path)

    modules = loaded(tmp_path, "--config", str(config), "status")

    for name in ("httpx", "tracker.pipeline", "tracker.fetch", "tracker.alerts.email"):
        assert name not in modules, f"`tracker status` imports {name}"
