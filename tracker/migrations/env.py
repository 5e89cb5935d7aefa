"""Alembic environment: always driven programmatically by tracker.store.

The store passes an open connection in `config.attributes["connection"]`, so
migrations run inside the tracker's own engine settings (WAL, busy_timeout).
"""

from __future__ import annotations

from alembic import context

from tracker.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
