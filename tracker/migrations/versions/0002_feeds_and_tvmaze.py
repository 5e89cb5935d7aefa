"""feeds and TVmaze: discovered articles, their feed item identity, TVmaze ratings

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 01:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sources") as batch:
        batch.add_column(sa.Column("origin_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("guid", sa.Text(), nullable=True))
        batch.add_column(sa.Column("entry_updated", sa.Text(), nullable=True))
        batch.add_column(sa.Column("canonical_url", sa.Text(), nullable=True))
        batch.create_index("ix_sources_origin", ["origin_id"])
    with op.batch_alter_table("snapshots") as batch:
        batch.add_column(sa.Column("tvmaze", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("snapshots") as batch:
        batch.drop_column("tvmaze")
    with op.batch_alter_table("sources") as batch:
        batch.drop_index("ix_sources_origin")
        batch.drop_column("canonical_url")
        batch.drop_column("entry_updated")
        batch.drop_column("guid")
        batch.drop_column("origin_id")
