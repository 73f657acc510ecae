"""accent-folded employer search text (issue 10, item 3)

The directory's active search and the employer pickers fold case and accents ("karna" finds "Kärnä", "aland" finds
"Åland") by keeping `employers.search_text` folded and folding the query the same way. This revision rewrites the
search text of every existing employer; the PostgreSQL trigram index of 0007 indexes that same column. No schema
change. The folding is frozen here (not imported from the app) so the revision keeps doing what it did.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 10:00:00

"""
import unicodedata

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

BATCH = 1000
_UNDECOMPOSED = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ð": "d", "ŋ": "n", "ŧ": "t", "ł": "l",
                               "þ": "th", "ı": "i"})
employers = sa.table("employers", sa.column("id", sa.Integer), sa.column("name", sa.String),
                     sa.column("business_id", sa.String), sa.column("municipality", sa.String),
                     sa.column("search_text", sa.Text))
contacts = sa.table("contact_persons", sa.column("id", sa.Integer), sa.column("employer_id", sa.Integer),
                    sa.column("name", sa.String), sa.column("archived_at", sa.DateTime))


def _accent_fold(text):
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.translate(_UNDECOMPOSED).split())


def _lower_fold(text):
    return " ".join((text or "").strip().lower().split())


def _rewrite(fold):
    """Recompute every employer's search text (name, Y-tunnus with and without dash, municipality, current contacts)
    in batches of BATCH employers."""
    bind = op.get_bind()
    last = 0
    while True:
        rows = bind.execute(sa.select(employers.c.id, employers.c.name, employers.c.business_id,
                                      employers.c.municipality)
                            .where(employers.c.id > last).order_by(employers.c.id).limit(BATCH)).all()
        if not rows:
            return
        last = rows[-1].id
        names = {}
        for employer_id, name in bind.execute(
                sa.select(contacts.c.employer_id, contacts.c.name)
                .where(contacts.c.employer_id.in_([r.id for r in rows]), contacts.c.archived_at.is_(None))
                .order_by(contacts.c.id)):
            names.setdefault(employer_id, []).append(name)
        params = []
        for row in rows:
            parts = [row.name, row.business_id or "", (row.business_id or "").replace("-", ""), row.municipality or ""]
            parts += names.get(row.id, [])
            params.append({"eid": row.id, "st": fold(" | ".join(p for p in parts if p))})
        bind.execute(employers.update().where(employers.c.id == sa.bindparam("eid"))
                     .values(search_text=sa.bindparam("st")), params)


def upgrade():
    _rewrite(_accent_fold)


def downgrade():
    _rewrite(_lower_fold)
