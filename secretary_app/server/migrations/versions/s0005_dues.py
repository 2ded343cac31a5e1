"""server schema: dues_profile, dues_adjustment, dues_payment.receipt_number and group_id, as on the
client (client migration 0004_dues)

Revision ID: s0005_dues
Revises: s0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from secretary_app.server.db import metadata

revision = "s0005_dues"
down_revision = "s0004"
branch_labels = None
depends_on = None

NEW_TABLES = ("dues_profile", "dues_adjustment")
PAYMENT_COLUMNS = (sa.Column("receipt_number", sa.String(60), nullable=False, server_default=""),
                   sa.Column("group_id", sa.Uuid(), nullable=True))


def upgrade() -> None:
    # s0001 creates the tables from today's metadata, so a new server already has all of this;
    # only an older server database needs it added.
    bind = op.get_bind()
    inspector = sa.inspect(bind)
    present_tables = set(inspector.get_table_names())
    metadata.create_all(bind, tables=[metadata.tables[name] for name in NEW_TABLES if name not in present_tables])
    present = {c["name"] for c in inspector.get_columns("dues_payment")}
    for column in PAYMENT_COLUMNS:
        if column.name not in present:
            op.add_column("dues_payment", column)


def downgrade() -> None:
    with op.batch_alter_table("dues_payment") as batch:
        batch.drop_column("group_id")
        batch.drop_column("receipt_number")
    for name in NEW_TABLES:
        op.drop_table(name)
