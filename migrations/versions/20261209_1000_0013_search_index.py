"""one search index for the header search box (issue 16)

`search_index` holds one row per findable record (kind, record id, the organisation it is private to or NULL for the
shared directory, when a shared lead opens to the network, the folded search text). SQLite mirrors the text into an
FTS5 table with the trigram tokenizer (external content, kept in step by triggers); PostgreSQL indexes it with a
pg_trgm GIN index. The upgrade fills the index from the records; the folding and the documents are frozen here (not
imported from the app) so the revision keeps doing what it did (`flask search reindex` rebuilds with today's code).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-09 10:00:00

"""
import re
import unicodedata

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

BATCH = 2000
KIND_CODES = {"employer": 1, "contact": 2, "site": 3, "lead": 4, "engagement": 5, "bundle": 6, "seeker": 7}
ID_SPAN = 2 ** 40  # an entry's id: code * ID_SPAN + record id (one range of ids per kind)
FTS = "search_index_fts"
FTS_DDL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5(text, content='search_index', content_rowid='id', "
    "tokenize='trigram')",
    f"CREATE TRIGGER IF NOT EXISTS search_index_ai AFTER INSERT ON search_index BEGIN "
    f"INSERT INTO {FTS}(rowid, text) VALUES (new.id, new.text); END",
    f"CREATE TRIGGER IF NOT EXISTS search_index_ad AFTER DELETE ON search_index BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, text) VALUES ('delete', old.id, old.text); END",
    f"CREATE TRIGGER IF NOT EXISTS search_index_au AFTER UPDATE ON search_index BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, text) VALUES ('delete', old.id, old.text); "
    f"INSERT INTO {FTS}(rowid, text) VALUES (new.id, new.text); END",
)

_UNDECOMPOSED = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ð": "d", "ŋ": "n", "ŧ": "t", "ł": "l",
                               "þ": "th", "ı": "i"})
_SEPARATORS = re.compile(r"[^\w@.&+]+")
_COMPANY_FORMS = re.compile(r"\b(oy|oyj|ab|ky|tmi|ry|rf|ltd|inc|ay|osk|abp|kommandiittiyhtiö|avoin yhtiö)\b\.?")


def _fold(text):
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.translate(_UNDECOMPOSED).split())


def _company(name):
    text = unicodedata.normalize("NFKC", " ".join((name or "").strip().lower().split()))
    return " ".join(_COMPANY_FORMS.sub(" ", re.sub(r"[^\w\s]", " ", text)).split())


def _phones(phone):
    digits = re.sub(r"\D", "", phone or "")
    if not digits:
        return []
    if digits.startswith("358"):
        return [digits, "0" + digits[3:]]
    if digits.startswith("0") and not digits.startswith("00"):
        return [digits, "358" + digits[1:]]
    return [digits]


def _document(*parts):
    words = [w.strip(".") for part in parts for w in _SEPARATORS.split(_fold(part)) if w.strip(".")]
    return f" {' '.join(words)} " if words else ""


def _t(name, *columns):
    return sa.table(name, *[sa.column(c) for c in columns])


employers = _t("employers", "id", "name", "municipality", "business_id", "archived_at")
sites = _t("sites", "id", "employer_id", "name", "municipality", "archived_at")
contacts = _t("contact_persons", "id", "employer_id", "name", "title", "email", "phone", "archived_at")
leads = _t("leads", "id", "employer_id", "organisation_id", "title", "visibility", "opens_at")
engagements = _t("ratko_engagements", "id", "employer_id", "organisation_id", "title")
bundles = _t("ratko_bundles", "id", "engagement_id", "organisation_id", "title")
seekers = _t("job_seekers", "id", "organisation_id", "code")
index = _t("search_index", "id", "kind", "record_id", "organisation_id", "network_from", "text")
E = employers.c


def _sources():
    """(kind, key column, select of the rows, row -> (organisation id, network_from, text))."""
    live = E.archived_at.is_(None)
    yield ("employer", E.id, sa.select(E.id, E.name, E.municipality, E.business_id).where(live),
           lambda r: (None, None, _document(r.name, r.municipality, r.business_id or "",
                                            (r.business_id or "").replace("-", ""))))
    yield ("site", sites.c.id, sa.select(sites.c.id, sites.c.name, sites.c.municipality, E.name.label("employer"))
           .join(employers, E.id == sites.c.employer_id).where(sites.c.archived_at.is_(None), live),
           lambda r: (None, None, _document(r.name, r.municipality, _company(r.employer))))
    c = contacts.c
    yield ("contact", c.id, sa.select(c.id, c.name, c.title, c.email, c.phone, E.name.label("employer"))
           .join(employers, E.id == c.employer_id).where(c.archived_at.is_(None), live),
           lambda r: (None, None, _document(r.name, r.title, r.email, *_phones(r.phone), _company(r.employer))))
    lc = leads.c
    yield ("lead", lc.id, sa.select(lc.id, lc.title, lc.organisation_id, lc.visibility, lc.opens_at,
                                    E.name.label("employer")).join(employers, E.id == lc.employer_id),
           lambda r: (r.organisation_id, r.opens_at if r.visibility == "network" else None,
                      _document(r.title, _company(r.employer))))
    ec = engagements.c
    yield ("engagement", ec.id, sa.select(ec.id, ec.title, ec.organisation_id, E.name.label("employer"))
           .join(employers, E.id == ec.employer_id),
           lambda r: (r.organisation_id, None, _document(r.title, _company(r.employer))))
    bc = bundles.c
    yield ("bundle", bc.id, sa.select(bc.id, bc.title, bc.organisation_id, E.name.label("employer"))
           .join(engagements, ec.id == bc.engagement_id).join(employers, E.id == ec.employer_id),
           lambda r: (r.organisation_id, None, _document(r.title, _company(r.employer))))
    yield ("seeker", seekers.c.id, sa.select(seekers.c.id, seekers.c.organisation_id, seekers.c.code),
           lambda r: (r.organisation_id, None, _document(r.code)))


def _fill():
    bind = op.get_bind()
    for kind, key, stmt, build in _sources():
        last = 0
        while True:
            rows = bind.execute(stmt.where(key > last).order_by(key).limit(BATCH)).all()
            if not rows:
                break
            last = rows[-1].id
            values = []
            for row in rows:
                organisation_id, network_from, text = build(row)
                if text:
                    values.append({"id": KIND_CODES[kind] * ID_SPAN + row.id, "kind": kind, "record_id": row.id,
                                   "organisation_id": organisation_id,
                                   "network_from": network_from, "text": text})
            if values:
                bind.execute(index.insert(), values)


def upgrade():
    postgresql = op.get_bind().dialect.name == "postgresql"
    op.create_table('search_index',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=False, nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('network_from', sa.DateTime(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'],
                            name=op.f('fk_search_index_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_index'))
    )
    op.create_index('ix_search_index_kind_text', 'search_index', ['kind', 'text'], unique=False,
                    postgresql_ops={'text': 'text_pattern_ops'})
    if postgresql:
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for kind in KIND_CODES:
            op.create_index(f"ix_search_index_trgm_{kind}", "search_index", ["text"], postgresql_using="gin",
                            postgresql_ops={"text": "gin_trgm_ops"}, postgresql_where=sa.text(f"kind = '{kind}'"))
    else:
        for statement in FTS_DDL:
            op.execute(statement)
    _fill()


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        for kind in KIND_CODES:
            op.drop_index(f"ix_search_index_trgm_{kind}", table_name="search_index")
    else:
        op.execute(f"DROP TABLE IF EXISTS {FTS}")
    op.drop_index('ix_search_index_kind_text', table_name='search_index')
    op.drop_table('search_index')
