"""Candidates from the search index (``app.core.search_index``) for one query: per kind, how many match and which
few are best. Two statements answer a keystroke on either database, whatever the data:

1. the scan: per kind the count of matching entries, stopped at CAP + 1, and the first WINDOW entries whose label
   does not start with the first word. SQLite counts from the FTS5 mirror alone (the rowid range of the kind, no row
   of the table read, for the network's kinds that need no privacy filter) and reads the window through the mirror
   in rowid order, stopping at the limit; PostgreSQL scans the kind's partial trigram index once and takes both from
   that scan;
2. the labels: per kind the entries whose label starts with the first word, in label order, from a range of the
   (kind, text) index (byte order on both databases), stopping at the limit.

The best results are the labelled ones, then the window's entries in which a word starts with the first word, then
the rest. A page of one kind's list (`offset`) reads the others in index order instead. The statements are built
once per shape of query (kinds, word lengths, page or not) and reused with new values (building them costs more
than running them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from types import SimpleNamespace

from sqlalchemy import (
    BigInteger,
    Integer,
    Text,
    and_,
    bindparam,
    column,
    func,
    literal,
    literal_column,
    not_,
    null,
    or_,
    select,
    table,
    text,
    union_all,
)
from sqlalchemy.sql.elements import ColumnElement

from app.core.db import utcnow
from app.core.scoping import scope
from app.core.search import like_pattern
from app.core.search_index import FTS_TABLE, SearchEntry, kind_range, search_sources
from app.extensions import db
from app.leads.models import Lead
from app.leads.selectors import visible_clause
from app.ratko.models import Bundle, Engagement
from app.search.text import Query
from app.seekers.models import JobSeeker

CAP = 1_000  # a count stops here: "more than 1,000" (the work per keystroke stays bounded)
WINDOW = 50  # the first page ranks this many of the entries whose label does not start with the first word
ENTRY = SearchEntry.__table__.c
FTS = table(FTS_TABLE, column("rowid"))


@dataclass(frozen=True)
class _Shape:
    """What the statements depend on (their values come as parameters)."""

    dialect: str
    kinds: tuple[str, ...]
    network: frozenset  # kinds of the shared directory: no privacy filter
    words: tuple[int, ...]  # per word: 3 (three characters or more: anywhere), 2 or 1 (the start of a word)
    paged: bool


def _kind(kind: str) -> ColumnElement:
    """The kind written into the SQL, so that PostgreSQL picks the kind's partial index for a prepared statement."""
    return ENTRY.kind == bindparam(f"kind_{kind}", kind, literal_execute=True)


# The searcher, as the packages' own privacy clauses see them: values filled in when a statement runs.
_SEARCHER = SimpleNamespace(organisation_id=bindparam("org"))

# An organisation's records I may see, by the rules of their pages (the leads board's `visible_clause`, `scope` for
# RATKO and seekers): counts and candidates of these kinds come only from records these clauses let through, so a
# count never includes another organisation's private record even if an index row were wrong.
VISIBLE = {
    "lead": lambda: select(Lead.id).where(visible_clause(_SEARCHER, bindparam("now"))),
    "engagement": lambda: scope(select(Engagement.id), Engagement, _SEARCHER),
    "bundle": lambda: scope(select(Bundle.id), Bundle, _SEARCHER),
    "seeker": lambda: scope(select(JobSeeker.id), JobSeeker, _SEARCHER),
}


def _visible(kind: str) -> ColumnElement:
    """The network's entries, my organisation's, and other organisations' entries open to the network, and (for an
    organisation's kinds) records the page's own rule lets me see."""
    rows = or_(ENTRY.organisation_id.is_(None), ENTRY.organisation_id == bindparam("org"),
               and_(ENTRY.network_from.is_not(None), ENTRY.network_from <= bindparam("now")))
    if kind not in VISIBLE:
        raise ValueError(f"{kind}: an organisation's kind needs its page's privacy rule in VISIBLE")
    return and_(rows, ENTRY.record_id.in_(VISIBLE[kind]()))


def _words(indexes) -> list[ColumnElement]:
    return [ENTRY.text.like(bindparam(f"w{i}"), escape="\\") for i in indexes]


def _label_starts(dialect: str, document=ENTRY.text) -> ColumnElement:
    """The document (its label) starts with the first word: [" word", " worde") in byte order."""
    if dialect == "postgresql":  # the operators of the text_pattern_ops index compare bytes, as SQLite does
        return and_(document.op("~>=~")(bindparam("low")), document.op("~<~")(bindparam("high")))
    return and_(document >= bindparam("low"), document < bindparam("high"))


def _match(kind: str) -> ColumnElement:
    """SQLite: the words in the FTS5 mirror, within the kind's range of rowids."""
    return and_(text(f"{FTS_TABLE} MATCH :terms"), FTS.c.rowid.between(*kind_range(kind)))


def _found(shape: _Shape, kind: str, columns):
    """(SELECT `columns` of the entries of `kind` holding every word that the user may see, the index order)."""
    if shape.dialect == "sqlite":
        # The kind is the rowid range: no condition on search_index that an index of it could answer, so SQLite
        # always reads the FTS5 mirror first and looks rows up by id (even in a database never ANALYZEd).
        stmt = (select(*columns).select_from(FTS.join(SearchEntry.__table__, ENTRY.id == FTS.c.rowid))
                .where(_match(kind), *_words(i for i, size in enumerate(shape.words) if size == 1)))
        order = FTS.c.rowid
    else:
        stmt = select(*columns).where(_kind(kind), *_words(range(len(shape.words))))
        order = ENTRY.id + 0  # sorted after the trigram index found them, not by walking the primary key
    return stmt.where(_visible(kind) if kind not in shape.network else ENTRY.organisation_id.is_(None)), order


def _count_row(shape: _Shape, kind: str):
    if shape.dialect == "sqlite" and kind in shape.network and 1 not in shape.words:
        inner = select(FTS.c.rowid).where(_match(kind))  # the FTS5 index alone
    else:
        inner = _found(shape, kind, (ENTRY.id,))[0]
    return select(literal(kind).label("kind"), null().cast(Integer).label("record_id"), null().cast(Text).label("text"),
                  select(func.count()).select_from(inner.limit(CAP + 1).subquery()).scalar_subquery().label("n"))


def _window_rows(shape: _Shape, kind: str):
    if shape.dialect == "postgresql":  # one scan of the trigram index for the count and the window
        found = _found(shape, kind, (ENTRY.record_id, ENTRY.text))[0].limit(CAP + 1).cte(f"found_{kind}")
        count = select(literal(kind).label("kind"), null().cast(Integer).label("record_id"),
                       null().cast(Text).label("text"),
                       select(func.count()).select_from(found).scalar_subquery().label("n"))
        window = (select(literal(kind).label("kind"), found.c.record_id, found.c.text, null().cast(BigInteger))
                  .where(not_(_label_starts(shape.dialect, found.c.text))).limit(WINDOW))
        return [count, select(window.subquery())]
    stmt = _found(shape, kind, (literal(kind).label("kind"), ENTRY.record_id, ENTRY.text,
                                null().cast(BigInteger).label("n")))[0]
    return [_count_row(shape, kind),
            select(stmt.where(not_(_label_starts(shape.dialect))).limit(WINDOW).subquery())]


def _labelled(shape: _Shape, kind: str):
    stmt = select(literal(kind).label("kind"), ENTRY.record_id, ENTRY.text).where(
        _kind(kind), _label_starts(shape.dialect), *_words(range(1, len(shape.words))))
    stmt = stmt.where(_visible(kind) if kind not in shape.network else ENTRY.organisation_id.is_(None))
    order = literal_column("search_index.text USING ~<~") if shape.dialect == "postgresql" else ENTRY.text
    return select(stmt.order_by(order).limit(bindparam("need", type_=Integer, literal_execute=True)).subquery())


def _others_page(shape: _Shape, kind: str):
    stmt, order = _found(shape, kind, (literal(kind).label("kind"), ENTRY.record_id, ENTRY.text))
    return (stmt.where(not_(_label_starts(shape.dialect))).order_by(order)
            .limit(bindparam("size", type_=Integer, literal_execute=True))
            .offset(bindparam("skip", type_=Integer, literal_execute=True)))


@dataclass(frozen=True)
class _Statements:
    scan: object
    labelled: object
    others: object | None  # a page of one kind's list


@lru_cache(maxsize=256)
def _statements(shape: _Shape) -> _Statements:
    if shape.paged:
        scan = union_all(*[_count_row(shape, kind) for kind in shape.kinds])
        others = union_all(*[select(_others_page(shape, kind).subquery()) for kind in shape.kinds])
    else:
        scan = union_all(*[row for kind in shape.kinds for row in _window_rows(shape, kind)])
        others = None
    return _Statements(scan=scan, labelled=union_all(*[_labelled(shape, kind) for kind in shape.kinds]),
                       others=others)


def _fts_terms(query: Query) -> str:
    """Every word of two or more characters as an FTS5 trigram phrase (a two-letter word with the space before it:
    three characters, matching the start of a word)."""
    return " AND ".join('"' + (word if len(word) >= 3 else " " + word).replace('"', '""') + '"'
                        for word in query.words if len(word) >= 2)


def _parameters(query: Query, user, now: datetime) -> dict:
    low = " " + query.first
    values = {"org": user.organisation_id, "now": now, "low": low, "high": low[:-1] + chr(ord(low[-1]) + 1),
              "terms": _fts_terms(query)}
    for i, word in enumerate(query.words):
        values[f"w{i}"] = like_pattern(word) if len(word) >= 3 else like_pattern(" " + word)
    return values


def network_kinds() -> frozenset:
    """Kinds of the shared directory (registered as network sources)."""
    return frozenset(source.kind for source in search_sources() if source.network)


def ranked_hits(*, user, query: Query, kinds: tuple[str, ...], limit: int, offset: int = 0,
                now: datetime | None = None) -> dict[str, tuple[int, list[int]]]:
    """kind -> (how many entries of the kind the user may see match, counted up to CAP + 1; the record ids of the
    `limit` best after `offset`). Two statements for the first page, three for a later page of one kind."""
    if not query.searchable or not kinds:
        return {}
    dialect = db.session.get_bind().dialect.name
    shape = _Shape(dialect=dialect, kinds=tuple(kinds), network=network_kinds() & set(kinds),
                   words=tuple(min(len(word), 3) for word in query.words), paged=offset > 0)
    statements = _statements(shape)
    values = {**_parameters(query, user, now or utcnow()), "need": offset + limit}
    counts, others = {}, {}
    for kind, record_id, text_, n in db.session.execute(statements.scan, values):
        if record_id is None:
            counts[kind] = n
        else:
            others.setdefault(kind, []).append((record_id, text_))
    if not any(counts.values()):
        return {}
    labelled: dict[str, list[int]] = {}
    for kind, record_id, _text in db.session.execute(statements.labelled, values):
        labelled.setdefault(kind, []).append(record_id)
    if shape.paged:
        (kind,) = kinds
        size, skip = limit, max(0, offset - len(labelled.get(kind, ())))
        others = {kind: [(r, t) for _k, r, t in db.session.execute(statements.others, {**values, "size": size,
                                                                                        "skip": skip})]}
    hits = {}
    for kind, total in counts.items():
        if not total:
            continue
        rest = others.get(kind, [])
        if not shape.paged:  # the first page: a word that starts with the first word before one that contains it
            rest = sorted(rest, key=lambda row: (f" {query.first}" not in row[1], row[1]))
        hits[kind] = (total, (labelled.get(kind, [])[offset:] + [record_id for record_id, _t in rest])[:limit])
    return hits
