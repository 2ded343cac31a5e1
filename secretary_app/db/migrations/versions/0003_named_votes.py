"""named votes: the ballots of a named vote, so the minutes can list who voted how

Revision ID: 0003_named_votes
Revises: 0002_sync
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_named_votes"
down_revision = "0002_sync"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # server_default fills the rows already there: earlier votes were all counted as a show of hands.
    with op.batch_alter_table("vote") as batch:
        batch.add_column(sa.Column("ballots", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("vote") as batch:
        batch.drop_column("ballots")
