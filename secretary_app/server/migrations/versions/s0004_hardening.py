"""server schema: login_throttle and auth_event tables; tokens.family_started_at and tokens.rotated_to

Revision ID: s0004_hardening
Revises: s0005_dues
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from secretary_app.server.db import auth_event, login_throttle

revision = "s0004_hardening"
down_revision = "s0005_dues"
branch_labels = None
depends_on = None

TOKEN_COLUMNS = (("family_started_at", sa.DateTime(timezone=True)), ("rotated_to", sa.Text()))


def upgrade() -> None:
    # s0001 creates the tables from today's metadata, so a new server already has all this; an older
    # server database gets it here.
    bind = op.get_bind()
    for table in (login_throttle, auth_event):
        table.create(bind, checkfirst=True)
    present = {c["name"] for c in sa.inspect(bind).get_columns("tokens")}
    for name, kind in TOKEN_COLUMNS:
        if name not in present:
            op.add_column("tokens", sa.Column(name, kind, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("tokens") as batch:
        for name, _ in TOKEN_COLUMNS:
            batch.drop_column(name)
    for table in (auth_event, login_throttle):
        table.drop(op.get_bind(), checkfirst=True)
