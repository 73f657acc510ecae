"""retention periods per record type, set by the network administrator (issue 11, item 6)

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
    pass


def downgrade():
    pass
