"""What every `tracker` command shares: the lazily loaded config and store, the console."""

from __future__ import annotations

import json
from typing import Any

import click
from rich.console import Console

from tracker.config import Config, find_config_path, load_config, sqlite_url_relative_to
from tracker.store import Store

console = Console()


class Context:
    """Lazily loaded config and store, shared by the commands."""

    def __init__(self, config_path: str | None, db_url: str | None) -> None:
        self.config_path = find_config_path(config_path)
        self.db_url = db_url
        self._config: Config | None = None

    @property
    def config(self) -> Config:
        if self._config is None:
            self._config = load_config(self.config_path)
        return self._config

    def store(self) -> Store:
        """The configured database (or --db); commands that only read need no config file."""
        if self.db_url:
            return Store(self.db_url)
        return Store(sqlite_url_relative_to(self.config.database.url, self.config.path))


pass_ctx = click.make_pass_decorator(Context)


def reading(ctx: Context) -> Store:
    """The store, checked to be initialised and current, for a command that only reads."""
    store = ctx.store()
    store.require_current()
    return store


def print_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))
