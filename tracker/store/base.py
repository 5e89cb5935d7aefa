"""The store's foundation: engine, sessions, transactions and the schema check."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import (
    select,
)
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from tracker.errors import StoreError
from tracker.store.engine import alembic_config, make_engine, schema_version, short
from tracker.store.rows import (
    CHANGES,
    SHOWS,
)
from tracker.store.values import (
    SCHEMA_HEAD,
)

UNDELIVERED = ("pending", "failed", "disabled")  # outbox states `tracker alerts list` shows

# Changes with their show's title and slug, in the order they happened.
CHANGE_EVENTS = (
    select(CHANGES, SHOWS.c.title.label("show_title"), SHOWS.c.slug.label("show_slug"))
    .join(SHOWS, CHANGES.c.show_id == SHOWS.c.id)
    .order_by(CHANGES.c.occurred_at, CHANGES.c.id)
)


class StoreBase:
    """One database: its engine, its sessions, and the transactions every part uses."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def close(self) -> None:
        self.engine.dispose()

    # -- schema -----------------------------------------------------------------------

    def migrate(self) -> None:
        """Create or upgrade the schema to the newest migration."""
        from alembic import command  # only `init` and `db upgrade` pay for Alembic's import

        cfg = alembic_config()
        try:
            with self.engine.begin() as connection:
                cfg.attributes["connection"] = connection
                command.upgrade(cfg, "head")
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot migrate {self._safe_url()}: {short(exc)}") from None

    def require_current(self) -> None:
        """Fail with a clear message when the database is missing or behind the code."""
        head = SCHEMA_HEAD
        database = self.engine.url.database
        in_file = self.engine.dialect.name == "sqlite" and database not in (None, "", ":memory:")
        if in_file and not Path(str(database)).exists():  # a read must not create the file
            raise StoreError(f"{database} does not exist: run `tracker init`")
        try:
            with self.engine.connect() as connection:
                current = schema_version(connection)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot open {self._safe_url()}: {short(exc)}") from None
        if current is None:
            raise StoreError(f"{self._safe_url()} is not initialised: run `tracker init`")
        if current != head:
            raise StoreError(
                f"{self._safe_url()} is at migration {current}, code needs {head}: "
                "run `tracker db upgrade`"
            )

    def _safe_url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def _write(self) -> Iterator[Session]:
        """A write transaction (BEGIN IMMEDIATE on SQLite), committed or rolled back whole."""
        try:
            with self._sessions() as session, session.begin():
                session.connection(execution_options={"tracker_write": True})
                yield session
        except SQLAlchemyError as exc:
            raise StoreError(f"database write failed: {short(exc)}") from None

    @contextmanager
    def _read(self) -> Iterator[Session]:
        try:
            with self._sessions() as session:
                yield session
        except SQLAlchemyError as exc:
            raise StoreError(f"database read failed: {short(exc)}") from None
