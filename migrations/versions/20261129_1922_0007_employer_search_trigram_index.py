"""employer search trigram index

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 19:22:15.560412

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    # PostgreSQL only: the directory's LIKE '%word%' search answered from a trigram index (pg_trgm is a trusted
    # extension since PostgreSQL 13, so the database owner may create it).
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.create_index("ix_employers_search_trgm", "employers", ["search_text"], postgresql_using="gin",
                    postgresql_ops={"search_text": "gin_trgm_ops"})


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index("ix_employers_search_trgm", table_name="employers")
