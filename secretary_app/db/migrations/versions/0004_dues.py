"""dues: members' dues category and basis (dues_profile), exemption / reduction decisions
(dues_adjustment), and the portal receipt number and payment group of a dues payment

Revision ID: 0004_dues
Revises: 0003_named_votes
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_dues"
down_revision = "0003_named_votes"
branch_labels = None
depends_on = None


def _sync_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("cell_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("server_seq", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=120), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "dues_profile",
        sa.Column("member_id", sa.Uuid(), nullable=False),
        sa.Column("effective_month", sa.Date(), nullable=False),
        sa.Column("category", sa.String(length=30), nullable=False),
        sa.Column("basis_amount", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(length=300), nullable=False),
        *_sync_columns(),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"], name=op.f("fk_dues_profile_member_id_member")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dues_profile")),
    )
    with op.batch_alter_table("dues_profile") as batch:
        batch.create_index(batch.f("ix_dues_profile_cell_id"), ["cell_id"], unique=False)
        batch.create_index(batch.f("ix_dues_profile_member_id"), ["member_id"], unique=False)
    op.create_table(
        "dues_adjustment",
        sa.Column("member_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("start_month", sa.Date(), nullable=False),
        sa.Column("months", sa.Integer(), nullable=True),
        sa.Column("percent", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=300), nullable=False),
        *_sync_columns(),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"], name=op.f("fk_dues_adjustment_member_id_member")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dues_adjustment")),
    )
    with op.batch_alter_table("dues_adjustment") as batch:
        batch.create_index(batch.f("ix_dues_adjustment_cell_id"), ["cell_id"], unique=False)
        batch.create_index(batch.f("ix_dues_adjustment_member_id"), ["member_id"], unique=False)
    with op.batch_alter_table("dues_payment") as batch:
        batch.add_column(sa.Column("receipt_number", sa.String(length=60), nullable=False, server_default=""))
        batch.add_column(sa.Column("group_id", sa.Uuid(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("dues_payment") as batch:
        batch.drop_column("group_id")
        batch.drop_column("receipt_number")
    op.drop_table("dues_adjustment")
    op.drop_table("dues_profile")
