"""The store: the only package that touches SQLAlchemy.

It opens the database (SQLite by default: WAL, busy_timeout, BEGIN IMMEDIATE for
writers), migrates it with Alembic, and records each batch of fetch outcomes in ONE
transaction: the check rows, the sources' state, the snapshots, the re-folded views, the
changes and their outbox rows. Either all of that is committed or none of it is, so a
crash can neither lose an alert nor send one for a change that was never stored.

- `values`: the frozen dataclasses that cross the store's boundary (rows never do);
- `engine`: connecting (SQLite pragmas, BEGIN IMMEDIATE), the schema version, Alembic;
- `rows`: the tables for Core statements, and row -> value conversions;
- `writes`: the Core statements of the write path (record, refold, changes, bodies);
- `claims`: leases on sources and outbox rows (FOR UPDATE SKIP LOCKED on PostgreSQL);
- `base`, `outbox`, `core`: the Store class, the one entry point, in three layers —
  transactions and schema; claims and the outbox; shows, sources, history;
- `copy`: `tracker db copy`, a whole installation into another database.
"""

from tracker.store.core import Store
from tracker.store.engine import alembic_config, sqlite_file
from tracker.store.values import (
    ARTICLE_ATTEMPTS,
    CONFIGURED_KINDS,
    DEFAULT_POLICY,
    EXTRACTOR_VERSION_UNSET,
    SCHEMA_HEAD,
    Attempt,
    BoardRow,
    ChangeEvent,
    Delivery,
    Outcome,
    Policy,
    ShowSpec,
    SourceInfo,
    StoredBody,
    StoredPage,
    backoff,
    channel_key,
)

__all__ = [
    "ARTICLE_ATTEMPTS",
    "CONFIGURED_KINDS",
    "DEFAULT_POLICY",
    "EXTRACTOR_VERSION_UNSET",
    "SCHEMA_HEAD",
    "Attempt",
    "BoardRow",
    "ChangeEvent",
    "Delivery",
    "Outcome",
    "Policy",
    "ShowSpec",
    "SourceInfo",
    "Store",
    "StoredBody",
    "StoredPage",
    "alembic_config",
    "backoff",
    "channel_key",
    "sqlite_file",
]
