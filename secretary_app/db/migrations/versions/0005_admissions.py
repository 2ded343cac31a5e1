"""admissions: candidate special case and youth union, introducer and recognition fields on the steps,
and the candidate a meeting's admission / recognition vote decided on

Revision ID: 0005_admissions
Revises: 0004_dues
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_admissions"
down_revision = "0004_dues"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("candidate") as batch:
        batch.add_column(sa.Column("special_case", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("youth_union", sa.String(20), nullable=False, server_default=""))
    with op.batch_alter_table("admission_step") as batch:
        batch.add_column(sa.Column("member_id", sa.Uuid(), nullable=True))
        batch.add_column(sa.Column("since_date", sa.Date(), nullable=True))
        batch.add_column(sa.Column("outcome", sa.String(20), nullable=False, server_default=""))
        batch.create_foreign_key("fk_admission_step_member_id_member", "member", ["member_id"], ["id"])
    with op.batch_alter_table("vote") as batch:
        batch.add_column(sa.Column("candidate_id", sa.Uuid(), nullable=True))
        batch.create_foreign_key("fk_vote_candidate_id_candidate", "candidate", ["candidate_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("vote") as batch:
        batch.drop_constraint("fk_vote_candidate_id_candidate", type_="foreignkey")
        batch.drop_column("candidate_id")
    with op.batch_alter_table("admission_step") as batch:
        batch.drop_constraint("fk_admission_step_member_id_member", type_="foreignkey")
        batch.drop_column("outcome")
        batch.drop_column("since_date")
        batch.drop_column("member_id")
    with op.batch_alter_table("candidate") as batch:
        batch.drop_column("youth_union")
        batch.drop_column("special_case")
