"""server schema: the admissions columns, as on the client (client migration 0005_admissions)

Revision ID: s0004
Revises: s0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "s0004"
down_revision = "s0003"
branch_labels = None
depends_on = None

COLUMNS = (
    ("candidate", "special_case", sa.Boolean(), sa.false()),
    ("candidate", "youth_union", sa.String(20), ""),
    ("admission_step", "member_id", sa.Uuid(), None),
    ("admission_step", "since_date", sa.Date(), None),
    ("admission_step", "outcome", sa.String(20), ""),
    ("vote", "candidate_id", sa.Uuid(), None),
)


def upgrade() -> None:
    # s0001 creates the tables from today's models, so a new server already has these columns;
    # only an older server database needs them added.
    inspector = sa.inspect(op.get_bind())
    for table, name, kind, default in COLUMNS:
        if name not in {c["name"] for c in inspector.get_columns(table)}:
            op.add_column(table, sa.Column(name, kind, nullable=default is None, server_default=default))


def downgrade() -> None:
    for table, name, _kind, _default in reversed(COLUMNS):
        with op.batch_alter_table(table) as batch:
            batch.drop_column(name)
