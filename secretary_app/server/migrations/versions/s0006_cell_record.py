"""server data: every cell made before the cell record existed gets its seed ``cell`` record, so a fresh PC
that logs in receives the cell's details (issue 16.1)

Revision ID: s0006_cell_record
Revises: s0004_hardening
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

from secretary_app.server.cell_record import seed_values, write_seed
from secretary_app.server.db import RECORDS, cell_sync_state

revision = "s0006_cell_record"
down_revision = "s0004_hardening"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    cells = RECORDS["cell"]
    have = set(bind.scalars(sa.select(cells.c.id)))
    now = dt.datetime.now(dt.UTC)
    for row in bind.execute(sa.select(cell_sync_state)).mappings().all():
        if row["cell_id"] in have:
            continue  # a PC already sent the cell's details
        created = row["created_at"] or now
        values = seed_values(row["name"], row["superior_name"] or "", today=created.date())
        seq = row["server_seq"] + 1
        digest = write_seed(bind, row["cell_id"], values, seq=seq, digest=row["digest"], now=now)
        bind.execute(sa.update(cell_sync_state).where(cell_sync_state.c.cell_id == row["cell_id"])
                     .values(server_seq=seq, digest=digest))


def downgrade() -> None:
    # The seed records stay: they are ordinary records a PC may already have pulled.
    pass
