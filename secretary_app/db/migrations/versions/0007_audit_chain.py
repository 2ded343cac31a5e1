"""audit chain: number the audit entries and chain each to the one before by hash

Revision ID: 0007_audit_chain
Revises: 0006_device
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from models.audit import GENESIS, entry_digest

revision = "0007_audit_chain"
down_revision = "0006_device"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_entry") as batch:
        batch.add_column(sa.Column("seq", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("prev_hash", sa.String(64), nullable=False, server_default=""))
        batch.add_column(sa.Column("hash", sa.String(64), nullable=False, server_default=""))
        batch.create_unique_constraint("uq_audit_entry_seq", ["seq"])
    # The entries written before the chain existed are chained now, in the order they were written.
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, at, who, entity, entity_id, action, before, after FROM audit_entry "
                                "ORDER BY at, id")).all()
    prev = GENESIS
    for seq, row in enumerate(rows, 1):
        digest = entry_digest(seq, str(row.at), row.who, row.entity, str(row.entity_id), row.action, row.before,
                              row.after, prev)
        conn.execute(sa.text("UPDATE audit_entry SET seq = :seq, prev_hash = :prev, hash = :hash WHERE id = :id"),
                     {"seq": seq, "prev": prev, "hash": digest, "id": row.id})
        prev = digest


def downgrade() -> None:
    with op.batch_alter_table("audit_entry") as batch:
        batch.drop_constraint("uq_audit_entry_seq", type_="unique")
        batch.drop_column("hash")
        batch.drop_column("prev_hash")
        batch.drop_column("seq")
