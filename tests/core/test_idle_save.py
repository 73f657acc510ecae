"""Nothing typed is lost after an idle minute: the session touch shares the request's transaction on writes, GETs
that write declare it, and a 500 answers htmx in the user's language with the form left in place (issue 10 item 1)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from app.auth.models import AuthSession
from app.core.dates import today as local_today
from app.core.db import utcnow
from app.extensions import db
from app.touchpoints.models import Touchpoint
from tests.conftest import Client


def _idle(app, minutes: float = 2) -> None:
    """Make every live session look as if its last request was `minutes` ago (past the touch interval)."""
    with app.app_context():
        db.session.execute(update(AuthSession).values(last_seen_at=utcnow() - timedelta(minutes=minutes)))
        db.session.commit()


def _last_seen(app):
    with app.app_context():
        return db.session.scalars(select(AuthSession.last_seen_at)).all()


@pytest.fixture
def coach(factory):
    return factory.user(factory.org(), roles=("coach", "coordinator"))


def test_a_quick_log_saved_after_an_idle_minute_is_kept_and_touches_the_session(app, factory, make_client, coach):
    employer = factory.employer("Hiljaisen Hetken Oy")
    c = make_client(login=coach.email)
    _idle(app)
    before = _last_seen(app)
    response = c.post(f"/employers/{employer.id}/touchpoints/quick", htmx="modal-body",
                      data={"channel": "call", "occurred_on": local_today().isoformat(),
                            "summary": "Soitin tauon jälkeen"})
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    with app.app_context():
        assert db.session.scalar(select(Touchpoint.summary)) == "Soitin tauon jälkeen"
    assert _last_seen(app)[0] > before[0]


def test_a_full_form_save_after_an_idle_minute_is_kept(app, factory, make_client, coach):
    employer = factory.employer("Tauko Oy")
    c = make_client(login=coach.email)
    page = c.get(f"/employers/{employer.id}/edit").get_data(as_text=True)
    version = page.split('name="version"', 1)[1].split('value="', 1)[1].split('"', 1)[0]
    _idle(app)
    response = c.post(f"/employers/{employer.id}/edit", data={"name": "Tauko ja Kahvi Oy", "version": version})
    assert response.status_code in (200, 303), response.get_data(as_text=True)[:300]
    with app.app_context():
        from app.employers.models import Employer
        assert db.session.get(Employer, employer.id).name == "Tauko ja Kahvi Oy"


def test_an_export_after_an_idle_minute_downloads(app, factory, make_client, coach):
    factory.employer("Vienti Oy")
    c = make_client(login=coach.email)
    _idle(app)
    response = c.get("/exports/employers.xlsx")
    assert response.status_code == 200
    assert response.data[:2] == b"PK"


def test_gets_that_write_after_an_idle_minute_still_answer(app, factory, make_client, coach):
    """Every GET page of the main navigation answers after an idle minute (reads stay reads, writes are declared)."""
    employer = factory.employer("Kierros Oy")
    c = make_client(login=coach.email)
    for url in ("/", "/employers", f"/employers/{employer.id}", "/worklist", "/leads", "/worklist.xlsx",
                "/auth/account"):
        _idle(app)
        response = c.get(url)
        assert response.status_code == 200, (url, response.status_code)


@pytest.fixture
def side_app(database_url):
    """A second app on the same database, for routes only a test has (the session app's routes stay as shipped);
    exceptions are handled as in production, not propagated to the test."""
    from app import create_app
    from app.config import TestConfig

    config = TestConfig()
    config.SQLALCHEMY_DATABASE_URI = database_url
    config.PROPAGATE_EXCEPTIONS = False
    application = create_app(config)
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


def test_an_internal_error_answers_htmx_in_the_users_language_into_the_message_region(side_app, coach):
    from app.auth.models import User

    @side_app.post("/_test/boom")
    def boom():
        raise RuntimeError("simulated fault")

    with side_app.app_context():
        db.session.get(User, coach.id).language = "fi"
        db.session.commit()
    c = Client(side_app)
    assert c.login(coach.email).status_code == 303
    response = c.post("/_test/boom", htmx="modal-body", data={"summary": "kirjoitettu teksti"})
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert response.headers["HX-Retarget"] == "#messages"  # the dialog and its form stay as they are
    assert "Internal Server Error" not in body and "<html" not in body
    assert "Jokin meni vikaan" in body and "Error id" not in body


def test_a_get_that_writes_without_declaring_it_is_caught_on_sqlite(side_app, database_url, coach):
    """The guard behind "look for it everywhere": an undeclared write in a GET fails in tests, a declared one works."""
    from app.core.audit import audit_record
    from app.core.db import DeferredWriteError, writes

    if not database_url.startswith("sqlite"):
        pytest.skip("deferred transactions are SQLite's; PostgreSQL has no lock upgrade to fail")

    def undeclared():
        audit_record(action="read", entity="test", entity_id=None, summary="undeclared")
        db.session.flush()
        return "written"

    @writes
    def declared():
        return undeclared()

    side_app.config["PROPAGATE_EXCEPTIONS"] = True
    side_app.get("/_test/undeclared")(undeclared)
    side_app.get("/_test/declared")(declared)
    c = Client(side_app)
    assert c.login(coach.email).status_code == 303
    with pytest.raises(DeferredWriteError):
        c.get("/_test/undeclared")
    assert c.get("/_test/declared").status_code == 200
