"""What every `tracker` command shares: the lazily loaded config and store, the console.

Cheap to import: `tracker --help` and the startup of `tracker run` load the config,
the store and rich only when a command first needs them.
"""

from __future__ import annotations

import functools
import json
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from rich.console import Console

    from tracker.config import Config
    from tracker.store import Store


@functools.cache
def console() -> Console:
    """The terminal the commands print to, made on first use."""
    from rich.console import Console  # loaded on first output: startup of `tracker --help`

    return Console()


class Context:
    """Lazily loaded config and store, shared by the commands."""

    def __init__(self, config_path: str | None, db_url: str | None) -> None:
        from tracker.config import find_config_path  # pydantic models: startup of `tracker --help`

        self.config_path = find_config_path(config_path)
        self.db_url = db_url
        self._config: Config | None = None
        self._stores: list[Store] = []

    def close(self) -> None:
        """When the command is done: close the databases it opened (their connections
        checkpoint SQLite's write-ahead log as they close)."""
        for store in self._stores:
            store.close()

    @property
    def config(self) -> Config:
        if self._config is None:
            from tracker.config import load_config  # see __init__

            self._config = load_config(self.config_path)
        return self._config

    def store(self) -> Store:
        """The configured database (or --db); commands that only read need no config file."""
        from tracker.config import sqlite_url_relative_to  # see __init__
        from tracker.store import Store  # SQLAlchemy: startup of `tracker --help`

        url = self.db_url or sqlite_url_relative_to(self.config.database.url, self.config.path)
        store = Store(url)
        self._stores.append(store)
        return store


pass_ctx = click.make_pass_decorator(Context)


def reading(ctx: Context) -> Store:
    """The store, checked to be initialised and current, for a command that only reads."""
    store = ctx.store()
    store.require_current()
    return store


def print_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))
