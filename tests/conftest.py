"""Shared fixtures: a database URL on SQLite and PostgreSQL, a migrated store, row readers.

`db_url` runs a test once on a SQLite file in tmp_path and once on PostgreSQL. PostgreSQL
needs TRACKER_TEST_POSTGRES_URL (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test);
without it the PostgreSQL half is skipped locally and fails in CI. Each PostgreSQL test gets
a fresh schema (`CREATE SCHEMA t_<uuid>`) reached through libpq's `options=-csearch_path=…`,
so the tables and Alembic's version table live in that schema and are dropped afterwards.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from pytest_httpserver import HTTPServer
from sqlalchemy import create_engine, make_url, select, text
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from tracker.store import Store

POSTGRES_ENV = "TRACKER_TEST_POSTGRES_URL"
Row = TypeVar("Row")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL for an empty database of each supported kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'tracker.db'}"
    else:
        yield from _postgres_schema_url(_postgres_server_url())


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """A migrated store on `db_url`, closed after the test."""
    opened = Store(db_url)
    opened.migrate()
    yield opened
    opened.close()


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    """A migrated store on a SQLite file, for tests about the pipeline rather than the store."""
    opened = Store(f"sqlite:///{tmp_path / 'tracker.db'}")
    opened.migrate()
    yield opened
    opened.close()


@pytest.fixture
def rows() -> Callable[[Store, type[Any]], list[Any]]:
    """`rows(store, Model)`: every row of a table, oldest first, read through the ORM types."""
    return read_rows


def read_rows(store: Store, model: type[Row]) -> list[Row]:
    with Session(store.engine) as session:
        return list(session.scalars(select(model).order_by(model.id)))  # type: ignore[attr-defined]


def _postgres_server_url() -> str:
    url = os.environ.get(POSTGRES_ENV)
    if url:
        return url
    if os.environ.get("CI"):
        pytest.fail(
            f"CI is set but {POSTGRES_ENV} is not: the PostgreSQL store tests must run in CI "
            "(point it at a server, e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)",
            pytrace=False,
        )
    pytest.skip(f"PostgreSQL tests need {POSTGRES_ENV} (and a running server)")


def _postgres_schema_url(server_url: str) -> Iterator[str]:
    """Create a throw-away schema, yield a URL whose search_path is that schema, drop it."""
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    base = make_url(server_url)
    options = " ".join(filter(None, [base.query.get("options"), f"-csearch_path={schema}"]))
    try:
        yield base.update_query_dict({"options": options}).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text("SET lock_timeout = '10s'"))
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture(scope="session")
def httpserver_listen_address() -> tuple[str, int]:
    """pytest-httpserver on 127.0.0.1 explicitly: tests talk only to loopback."""
    return ("127.0.0.1", 0)


@pytest.fixture
def httpserver(httpserver: HTTPServer) -> HTTPServer:
    """pytest-httpserver, answering a path no test set up the way a real site does: 404.

    Its default is 500, which a run reads as "robots.txt unreachable, skip the site"
    (RFC 9309); a site without a robots.txt serves a 404 and may be fetched.
    """
    httpserver.no_handler_status_code = 404
    return httpserver


@pytest.fixture
def refused_url() -> str:
    """A URL on a loopback port nothing listens on: connecting is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/tv/ballard"
