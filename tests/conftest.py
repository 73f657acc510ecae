"""Test fixtures: a throwaway database per run (SQLite file, or PostgreSQL via TEST_DATABASE_URL), an app, clients
that log in and carry the CSRF token, and factories that go through the real services."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import tempfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app import create_app
from app.config import TestConfig
from app.extensions import db as _db

CSRF_RE = re.compile(r'<meta name="csrf-token" content="([^"]+)"')
PASSWORD = "correct-horse-battery"


BROWSER_TESTS = Path(__file__).parent / "browser"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Mark every test under tests/browser `browser` (so `-m browser` / `-m "not browser"` select by it), and skip the
    `postgres` ones unless the run is on PostgreSQL (TEST_DATABASE_URL)."""
    on_postgres = bool(os.environ.get("TEST_DATABASE_URL"))
    for item in items:
        if BROWSER_TESTS in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)
        if item.get_closest_marker("postgres") and not on_postgres:
            item.add_marker(pytest.mark.skip(reason="needs PostgreSQL (set TEST_DATABASE_URL)"))


def _postgres_database(base_url: str):
    """Create a fresh PostgreSQL database for this run; return its URL and a dropper."""
    url = make_url(base_url)
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    name = f"ratko_test_{secrets.token_hex(4)}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))

    def drop():
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url.set(database=name).render_as_string(hide_password=False), drop


@contextlib.contextmanager
def fresh_database(name: str = "test"):
    """A new empty database on the engine under test (PostgreSQL with TEST_DATABASE_URL, else SQLite), dropped after."""
    base = os.environ.get("TEST_DATABASE_URL")
    if base:
        url, drop = _postgres_database(base)
        try:
            yield url
        finally:
            drop()
    else:
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{folder}/{name}.db"


@pytest.fixture(scope="session")
def database_url():
    """The database the whole run uses."""
    with fresh_database() as url:
        yield url


@pytest.fixture(scope="session")
def app(database_url):
    """The application, with the schema created once."""
    config = TestConfig()
    config.SQLALCHEMY_DATABASE_URI = database_url
    application = create_app(config)
    with application.app_context():
        _db.create_all()
    yield application
    with application.app_context():
        _db.session.remove()
        _db.engine.dispose()


@pytest.fixture(autouse=True)
def _clean_database(app):
    """Every test starts with empty tables."""
    yield
    with app.app_context():
        _db.session.remove()
        tables = list(reversed(_db.metadata.sorted_tables))
        with _db.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                names = ", ".join(f'"{t.name}"' for t in tables)
                connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            else:
                for table in tables:
                    connection.execute(table.delete())


class Client:
    """A test client that logs in, keeps the CSRF token and can send htmx headers."""

    def __init__(self, app, base_url: str = "http://localhost"):
        self.app = app
        self.http = app.test_client()
        self.base_url = base_url
        self.token = None

    def refresh_token(self, path: str = "/auth/login") -> str:
        response = self.http.get(path)
        match = CSRF_RE.search(response.get_data(as_text=True))
        assert match, f"no CSRF token on {path}"
        self.token = match.group(1)
        return self.token

    def login(self, email: str, password: str = PASSWORD):
        self.refresh_token()
        response = self.http.post("/auth/login", data={"email": email, "password": password,
                                                       "csrf_token": self.token})
        if response.status_code == 303:
            self.refresh_token("/auth/account")
        return response

    @staticmethod
    def _headers(htmx: bool | str, headers: dict | None) -> dict:
        result = dict(headers or {})
        if htmx:
            result["HX-Request"] = "true"
            if isinstance(htmx, str):
                result["HX-Target"] = htmx
        return result

    def get(self, url: str, htmx: bool | str = False, headers: dict | None = None, **kwargs):
        return self.http.get(url, headers=self._headers(htmx, headers), **kwargs)

    def post(self, url: str, data: dict | None = None, htmx: bool | str = False, csrf: bool = True,
             headers: dict | None = None, **kwargs):
        headers = self._headers(htmx, headers)
        if csrf:
            if self.token is None:
                self.refresh_token()
            headers["X-CSRFToken"] = self.token
        return self.http.post(url, data=data or {}, headers=headers, **kwargs)


@pytest.fixture
def client(app):
    """An anonymous client."""
    return Client(app)


@pytest.fixture
def make_client(app):
    """Build more clients: make_client(login=email)."""

    def build(login: str | None = None, password: str = PASSWORD) -> Client:
        c = Client(app)
        if login:
            response = c.login(login, password)
            assert response.status_code == 303, response.get_data(as_text=True)[:500]
        return c

    return build


@pytest.fixture
def factory(app):
    """Create records through the real services; returns plain namespaces (no live ORM objects leak out)."""
    return Factory(app)


class Factory:
    """Record builders used by tests."""

    def __init__(self, app):
        self.app = app
        self._n = 0

    def _next(self) -> int:
        self._n += 1
        return self._n

    def org(self, slug: str | None = None, name: str | None = None):
        from app.auth import services

        with self.app.app_context():
            n = self._next()
            org = services.organisation_create(slug=slug or f"org{n}", name=name or f"Organisation {n}")
            _db.session.commit()
            return SimpleNamespace(id=org.id, slug=org.slug, name=org.name)

    def user(self, org=None, email: str | None = None, roles=("coordinator",), name: str | None = None,
             password: str = PASSWORD):
        from app.auth import selectors, services

        org = org or self.org()
        with self.app.app_context():
            n = self._next()
            organisation = selectors.organisation_by_slug(org.slug)
            user = services.user_create(organisation=organisation, email=email or f"user{n}@example.test",
                                        name=name or f"User {n}", password=password, roles=list(roles))
            _db.session.commit()
            return SimpleNamespace(id=user.id, email=user.email, name=user.name, organisation_id=org.id, org=org)

    def employer(self, name: str | None = None, **data):
        from app.employers import services

        with self.app.app_context():
            n = self._next()
            employer = services.employer_create(data={"name": name or f"Employer {n} Oy", **data})
            _db.session.commit()
            return SimpleNamespace(id=employer.id, name=employer.name, business_id=employer.business_id)

    def contact(self, employer, name: str | None = None, **data):
        from app.employers import selectors, services

        with self.app.app_context():
            n = self._next()
            contact = services.contact_add(employer=selectors.employer_get_or_404(employer.id),
                                           data={"name": name or f"Contact {n}", **data})
            _db.session.commit()
            return SimpleNamespace(id=contact.id, name=contact.name, employer_id=employer.id)

    def relationship(self, employer, user, **data):
        from app.employers import selectors, services

        with self.app.app_context():
            relationship = services.relationship_start(
                organisation_id=user.organisation_id, employer=selectors.employer_get_or_404(employer.id),
                data={"owner_id": user.id, **data})
            _db.session.commit()
            return SimpleNamespace(id=relationship.id, employer_id=employer.id, organisation_id=user.organisation_id)
