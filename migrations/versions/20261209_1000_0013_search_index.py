"""one search index for the header search box (issue 16)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-09 10:00:00

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
