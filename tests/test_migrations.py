"""Migrations: upgrade from empty, downgrade one step, up again, and no drift from the models; both databases."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect

from app import create_app
from app.config import TestConfig
from app.core.db import migration_filter
from app.extensions import db
from tests.conftest import fresh_database


@pytest.fixture
def empty_database():
    """A database of its own (not the suite's), on the same engine the suite runs on."""
    with fresh_database("migrations") as url:
        yield url


def _app(url: str):
    config = TestConfig()
    config.SQLALCHEMY_DATABASE_URI = url
    return create_app(config)


def test_upgrade_downgrade_upgrade_and_no_drift(empty_database):
    app = _app(empty_database)
    with app.app_context():
        upgrade()
        tables = set(inspect(db.engine).get_table_names())
        assert {"employers", "users", "organisations", "audit_events", "relationships"} <= tables
        downgrade(revision="-1")
        upgrade()
        with db.engine.connect() as connection:
            opts = {"compare_type": True, "include_object": migration_filter(connection.dialect.name)}
            diff = compare_metadata(MigrationContext.configure(connection, opts=opts), db.metadata)
        assert diff == [], diff
        downgrade(revision="base")
        remaining = set(inspect(db.engine).get_table_names()) - {"alembic_version"}
        assert remaining == set()
        db.engine.dispose()
    create_engine(empty_database).dispose()
