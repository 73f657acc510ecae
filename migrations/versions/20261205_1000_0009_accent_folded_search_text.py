"""accent-folded employer search text (issue 10, item 3): placeholder claiming the number

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 10:00:00

"""


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
