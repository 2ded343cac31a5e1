"""outbox bulk rows: one outbox row may stand for many creates of one table (``records`` of them)

Revision ID: 0008_outbox_bulk
Revises: 0007_audit_chain
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_outbox_bulk"
down_revision = "0007_audit_chain"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("records", sa.Integer(), nullable=False, server_default="1"))
    # Partial: the engine looks for bulk rows before every local transaction, and there are almost never any.
    op.create_index("ix_outbox_bulk", "outbox", ["id"], sqlite_where=sa.text("op = 'create_many'"))


def downgrade() -> None:
    op.drop_index("ix_outbox_bulk", table_name="outbox")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("records")
