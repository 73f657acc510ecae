"""retention periods per record type, set by the network administrator (issue 11, item 6)

`retention_periods` holds what the network administrator chose for each record type of the retention rules
(job seeker data, ended placements, uploaded import files); a type without a row keeps its default.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 10:00:00

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('retention_periods',
    sa.Column('record_type', sa.String(length=30), nullable=False),
    sa.Column('period', sa.Integer(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_retention_periods_updated_by_id_users'),
                            ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('record_type', name=op.f('pk_retention_periods'))
    )


def downgrade():
    op.drop_table('retention_periods')
