"""server schema: synced record tables, users, devices, tokens, mutations, conflicts, history; triggers

Revision ID: s0001
Revises:
"""

from __future__ import annotations

from alembic import op

from secretary_app.server.db import TRIGGERS_POSTGRESQL, TRIGGERS_SQLITE, metadata

revision = "s0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The first revision creates the tables as the models define them today; later revisions alter them.
    bind = op.get_bind()
    metadata.create_all(bind)
    for statement in TRIGGERS_POSTGRESQL if bind.dialect.name == "postgresql" else TRIGGERS_SQLITE:
        op.execute(statement)


def downgrade() -> None:
    metadata.drop_all(op.get_bind())
