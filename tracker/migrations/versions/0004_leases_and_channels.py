"""leases on sources and outbox rows (which worker does what); disabled alert channels

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 04:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sources") as batch:
        batch.add_column(sa.Column("lease_owner", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("lease_owner", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True))
    op.create_index("ix_sources_lease_owner", "sources", ["lease_owner"])
    op.create_index("ix_outbox_lease_owner", "outbox", ["lease_owner"])
    op.create_table(
        "channels",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("disabled_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )


def downgrade() -> None:
    op.drop_table("channels")
    op.drop_index("ix_outbox_lease_owner", "outbox")
    op.drop_index("ix_sources_lease_owner", "sources")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("lease_until")
        batch.drop_column("lease_owner")
    with op.batch_alter_table("sources") as batch:
        batch.drop_column("lease_until")
        batch.drop_column("lease_owner")
