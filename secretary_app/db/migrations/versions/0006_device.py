"""device identity: sync_state.new_device, set when this data folder must become a new device on the server
(a copy of another PC's data, a restored backup) before it sends anything

Revision ID: 0006_device
Revises: 0005_admissions
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_device"
down_revision = "0005_admissions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sync_state") as batch:
        batch.add_column(sa.Column("new_device", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("sync_state") as batch:
        batch.drop_column("new_device")
