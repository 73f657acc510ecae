"""the job description as the employer's document: what the job needs and who guides (issue 18, item 2)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-08 10:00:00

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('ratko_bundles', schema=None) as batch_op:
        batch_op.add_column(sa.Column('requirements', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('guided_by', sa.String(length=300), nullable=True))


def downgrade():
    with op.batch_alter_table('ratko_bundles', schema=None) as batch_op:
        batch_op.drop_column('guided_by')
        batch_op.drop_column('requirements')
