"""server schema: audit_chain, the cells' audit entries as each device chained them (issue 15.3)

Revision ID: s0007_audit
Revises: s0006_cell_record
"""

from __future__ import annotations

from alembic import op

from secretary_app.server.db import audit_chain

revision = "s0007_audit"
down_revision = "s0006_cell_record"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # s0001 creates the tables from today's metadata, so a new server already has it; an older one gets it here.
    audit_chain.create(op.get_bind(), checkfirst=True)


def downgrade() -> None:
    audit_chain.drop(op.get_bind(), checkfirst=True)
