"""stored bodies for re-extraction; indexes for the board, history, changes and pruning

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 02:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bodies",
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("source_id"),
    )
    op.create_index("ix_bodies_fetched", "bodies", ["fetched_at"])
    op.create_index("ix_sources_show", "sources", ["show_id"])
    op.create_index(
        "ix_sources_board", "sources", ["kind", "show_id", "failure_streak", "last_checked_at"]
    )
    op.create_index("ix_snapshots_source", "snapshots", ["source_id"])
    op.create_index("ix_checks_started", "checks", ["started_at"])
    op.create_index("ix_changes_occurred", "changes", ["occurred_at"])


def downgrade() -> None:
    op.drop_index("ix_changes_occurred", "changes")
    op.drop_index("ix_checks_started", "checks")
    op.drop_index("ix_snapshots_source", "snapshots")
    op.drop_index("ix_sources_board", "sources")
    op.drop_index("ix_sources_show", "sources")
    op.drop_index("ix_bodies_fetched", "bodies")
    op.drop_table("bodies")
