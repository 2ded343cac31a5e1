"""server schema: vote.ballots (named votes), as on the client (client migration 0003_named_votes)

Revision ID: s0002
Revises: s0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "s0002"
down_revision = "s0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # s0001 creates the tables from today's models, so a server created after this column was added
    # already has it; only an older server database needs it added.
    if "ballots" not in {c["name"] for c in sa.inspect(op.get_bind()).get_columns("vote")}:
        op.add_column("vote", sa.Column("ballots", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("vote") as batch:
        batch.drop_column("ballots")
