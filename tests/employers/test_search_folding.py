"""Issue 10 item 3: the directory search and the employer pickers ignore case and accents the way Finnish users
type ("karna" finds "Kärnä", "aland" finds "Åland", "kärnä" finds "Karna"), on SQLite and PostgreSQL alike."""

from __future__ import annotations

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import select, text

from app import create_app
from app.config import TestConfig
from app.core.search import search_fold, search_words
from app.employers import selectors
from app.employers.models import Employer, search_keys
from app.extensions import db
from tests.conftest import fresh_database


@pytest.mark.parametrize(("typed", "folded"), [
    ("Kärnä", "karna"), ("KÄRNÄ", "karna"), ("Åland", "aland"), ("  Öljy   Ab ", "oljy ab"),
    ("Čilaš Sámi", "cilas sami"), ("Øresund", "oresund"), ("Straße", "strasse"), ("0112038-9", "0112038-9"),
])
def test_search_fold(typed, folded):
    assert search_fold(typed) == folded


def test_search_key_function_folds_accents_and_keeps_its_signature():
    name_key, search_text = search_keys("Kärnä Oy", "0112038-9", "Närpiö", ["Åsa Öhman"])
    assert name_key == "kärnä"  # the duplicate-matching key keeps å, ä, ö: Kärnä and Karna are different names
    assert search_text == "karna oy | 0112038-9 | 01120389 | narpio | asa ohman"
    assert search_words("Kärnä ÅLAND x y z w", limit=5) == ["karna", "aland", "x", "y", "z"]


def _names(response) -> str:
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_directory_search_ignores_case_and_accents(factory, make_client):
    user = factory.user(roles=("coordinator",))
    factory.employer("Kärnä Oy", municipality="Joensuu")
    factory.employer("Karna Ab", municipality="Lieksa")
    factory.employer("Ålands Bygg Ab")
    other = factory.employer("Puutyö Virtanen Oy")
    factory.contact(other, name="Åsa Öhman")
    c = make_client(login=user.email)
    for typed in ("karna", "kärnä", "KÄRNÄ", "Karna"):
        body = _names(c.get(f"/employers?q={typed}", htmx="employer-results"))
        assert "Kärnä Oy" in body and "Karna Ab" in body, typed
        assert "Ålands" not in body and "Puutyö" not in body, typed
        assert "2 employers" in body, typed
    body = _names(c.get("/employers?q=aland", htmx="employer-results"))
    assert "Ålands Bygg Ab" in body and "1 employer" in body
    body = _names(c.get("/employers?q=puutyo ohman", htmx="employer-results"))
    assert "Puutyö Virtanen Oy" in body and "1 employer" in body


def test_employer_pickers_ignore_case_and_accents(app, factory, make_client):
    coach = factory.user(roles=("coach", "coordinator"))
    factory.employer("Kärnä Oy")
    factory.employer("Ålands Bygg Ab")
    with app.app_context():
        assert [e.name for e in selectors.employer_search("karna")] == ["Kärnä Oy"]
        assert [e.name for e in selectors.employer_search("ÅLAND")] == ["Ålands Bygg Ab"]
        assert selectors.employer_search("  ") == []
    c = make_client(login=coach.email)
    assert "Kärnä Oy" in _names(c.get("/employers/picker?for=lead&employer_q=karna", htmx=True))
    assert "Ålands Bygg Ab" in _names(c.get("/employers/picker?for=engagement&q=aland", htmx=True))


def test_contact_changes_keep_the_search_text_folded(factory, make_client):
    user = factory.user(roles=("coordinator",))
    employer = factory.employer("Kauppa Oy")
    c = make_client(login=user.email)
    response = c.post(f"/employers/{employer.id}/contacts/new", data={"name": "Jörö Jäärä"}, htmx=True)
    assert response.status_code == 200
    assert "Kauppa Oy" in _names(c.get("/employers?q=joro jaara", htmx="employer-results"))


def _insert_old_style(connection, rows):
    now = "2026-01-01 00:00:00"
    for n, (name, municipality, search_text) in enumerate(rows, start=1):
        connection.execute(text(
            "INSERT INTO employers (id, name, name_key, municipality, pwa_experience, search_text, created_at, "
            "updated_at, version) VALUES (:id, :name, :key, :m, 'unknown', :st, :now, :now, 1)"),
            {"id": n, "name": name, "key": name.lower(), "m": municipality, "st": search_text, "now": now})


def test_migration_backfills_folded_search_text():
    with fresh_database("fold") as url:
        config = TestConfig()
        config.SQLALCHEMY_DATABASE_URI = url
        app = create_app(config)
        with app.app_context():
            upgrade(revision="0008")
            with db.engine.begin() as connection:
                _insert_old_style(connection, [("Kärnä Oy", "Närpiö", "kärnä oy | närpiö"),
                                               ("Ålands Bygg Ab", None, "ålands bygg ab")])
                connection.execute(text(
                    "INSERT INTO contact_persons (id, employer_id, name, ambassador, created_at, updated_at, version)"
                    " VALUES (1, 1, 'Åsa Öhman', false, '2026-01-01', '2026-01-01', 1)"))
            upgrade(revision="0009")
            stored = dict(db.session.execute(select(Employer.id, Employer.search_text)).all())
            assert stored == {1: "karna oy | narpio | asa ohman", 2: "alands bygg ab"}
            db.session.remove()
            downgrade(revision="0008")
            stored = dict(db.session.execute(select(Employer.id, Employer.search_text)).all())
            assert stored == {1: "kärnä oy | närpiö | åsa öhman", 2: "ålands bygg ab"}
            db.session.remove()
            db.engine.dispose()


@pytest.mark.postgres
def test_postgresql_answers_the_folded_search_from_the_trigram_index(app, factory):
    factory.employer("Kärnä Oy")
    factory_user = factory.user()
    with app.app_context():
        from app.auth.models import User

        user = db.session.get(User, factory_user.id)
        statement = selectors.directory_statement(user=user, filters=selectors.DirectoryFilters(q="kärnä"))
        compiled = statement.compile(db.engine, compile_kwargs={"literal_binds": True})
        with db.engine.connect() as connection:
            # Only bitmap scans left, which need an index condition: the plan shows whether the folded LIKE can use
            # the trigram index (a plain index scan on the sort key with a filter, or a scan of a table the
            # autovacuum just analysed, would say nothing about it).
            connection.execute(text("SET enable_seqscan = off"))
            connection.execute(text("SET enable_indexscan = off"))
            connection.execute(text("SET enable_indexonlyscan = off"))
            plan = "\n".join(connection.execute(text(f"EXPLAIN {compiled}")).scalars())
        assert "ix_employers_search_trgm" in plan and "%karna%" in plan, plan
