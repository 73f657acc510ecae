"""privacy: diagnosis words kept by the network administrator, written confirmation of consents

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 09:00:00

"""
import re

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "diagnosis_words",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("lang", sa.String(length=2), nullable=False),
        sa.Column("word", sa.String(length=80), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], name=op.f("fk_diagnosis_words_created_by_id_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_diagnosis_words")),
        sa.UniqueConstraint("kind", "word", name=op.f("uq_diagnosis_words_kind")),
    )
    with op.batch_alter_table("seeker_consents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("confirmed_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("confirmed_by_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_seeker_consents_confirmed_by_id_users"), "users",
                                    ["confirmed_by_id"], ["id"], ondelete="SET NULL")
    _placement_touchpoints_without_job_titles()


def _placement_touchpoints_without_job_titles():
    """Automatic placement touchpoints named the job title on the network-visible timeline (issue 11): keep only the
    type of placement ("Placement agreed (Work trial)")."""
    touchpoints = sa.table("touchpoints", sa.column("id", sa.Integer), sa.column("summary", sa.Text))
    bind = op.get_bind()
    rows = bind.execute(sa.select(touchpoints.c.id, touchpoints.c.summary)
                        .where(touchpoints.c.summary.like("Placement agreed: %"))).all()
    for touchpoint_id, summary in rows:
        found = re.match(r"^Placement agreed: .* \(([^()]*)\), starting [0-9.]+$", summary, re.S)
        new = f"Placement agreed ({found.group(1)})" if found else "Placement agreed"
        bind.execute(touchpoints.update().where(touchpoints.c.id == touchpoint_id).values(summary=new))


def downgrade():
    with op.batch_alter_table("seeker_consents", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_seeker_consents_confirmed_by_id_users"), type_="foreignkey")
        batch_op.drop_column("confirmed_by_id")
        batch_op.drop_column("confirmed_on")
    op.drop_table("diagnosis_words")
