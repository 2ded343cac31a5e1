"""server schema: conflict.resolved_by, resolution, resolution_mutation_id (the `resolve` op)

Revision ID: s0003
Revises: s0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "s0003"
down_revision = "s0002"
branch_labels = None
depends_on = None

COLUMNS = (("resolved_by", sa.String(120)), ("resolution", sa.String(20)), ("resolution_mutation_id", sa.Uuid()))


def upgrade() -> None:
    # s0001 creates the tables from today's metadata, so a new server already has these columns;
    # only an older server database needs them added. All nullable: open conflicts have none.
    present = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("conflict")}
    for name, kind in COLUMNS:
        if name not in present:
            op.add_column("conflict", sa.Column(name, kind, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("conflict") as batch:
        for name, _ in COLUMNS:
            batch.drop_column(name)
