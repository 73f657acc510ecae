"""covering indexes on touchpoints for the reports (issue 12, performance)

The three touchpoint indexes get one more column each, so the report queries read them without visiting the table:
(employer, occurred on) + organisation answers the collision searches, (organisation, employer, occurred on) +
channel the cadence searches for a counted touch, (occurred on, organisation, employer) + channel the period counts
by channel. Each keeps its old columns as its prefix, so every query that used it still can.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-11 10:00:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None

NEW = {
    'ix_touchpoints_employer_occurred': ['employer_id', 'occurred_on', 'organisation_id'],
    'ix_touchpoints_org_employer_occurred': ['organisation_id', 'employer_id', 'occurred_on', 'channel'],
    'ix_touchpoints_occurred': ['occurred_on', 'organisation_id', 'employer_id', 'channel'],
}
OLD = {
    'ix_touchpoints_employer_occurred': ['employer_id', 'occurred_on'],
    'ix_touchpoints_org_employer_occurred': ['organisation_id', 'employer_id', 'occurred_on'],
    'ix_touchpoints_occurred': ['occurred_on', 'organisation_id', 'employer_id'],
}


def _replace(indexes):
    for name, columns in indexes.items():
        op.drop_index(name, table_name='touchpoints')
        op.create_index(name, 'touchpoints', columns, unique=False)


def upgrade():
    _replace(NEW)


def downgrade():
    _replace(OLD)
