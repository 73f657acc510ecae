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


def test_a_downgrade_that_rebuilds_a_table_keeps_the_rows_that_reference_it(empty_database):
    """0012's downgrade rebuilds ratko_bundles on SQLite (batch mode); a demand profile of a bundle (ON DELETE CASCADE)
    and a task's bundle link (SET NULL) must survive it: foreign keys are off while migrating, checked afterwards."""
    from sqlalchemy import text

    app = _app(empty_database)
    with app.app_context():
        upgrade()
        statements = [
            "INSERT INTO organisations (id, slug, name, kind, active, settings_json, created_at, updated_at)"
            " VALUES (1, 'o', 'O', 'ngo', true, '{}', '2026-01-01', '2026-01-01')",
            "INSERT INTO employers (id, name, name_key, pwa_experience, search_text, created_at, updated_at, version)"
            " VALUES (1, 'E', 'e', 'unknown', 'e', '2026-01-01', '2026-01-01', 1)",
            "INSERT INTO ratko_engagements (id, organisation_id, employer_id, title, phase, status, decision, language,"
            " checklist_json, created_at, updated_at, version)"
            " VALUES (1, 1, 1, 'T', 'coaching', 'active', 'go', 'fi', '{}', '2026-01-01', '2026-01-01', 1)",
            "INSERT INTO ratko_bundles (id, engagement_id, organisation_id, title, status, position, created_at,"
            " updated_at, version) VALUES (1, 1, 1, 'B', 'draft', 0, '2026-01-01', '2026-01-01', 1)",
            "INSERT INTO demand_profiles (id, organisation_id, bundle_id, licensed, created_at, updated_at, version)"
            " VALUES (1, 1, 1, false, '2026-01-01', '2026-01-01', 1)",
        ]
        with db.engine.begin() as connection:
            for statement in statements:
                connection.execute(text(statement))
        downgrade(revision="0011")
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT bundle_id FROM demand_profiles")).scalars().all() == [1]
        upgrade()
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM ratko_bundles")).scalar() == 1
            if connection.dialect.name == "sqlite":
                assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1  # on again for the app
        db.engine.dispose()
    create_engine(empty_database).dispose()
