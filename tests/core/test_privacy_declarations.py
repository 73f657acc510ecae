"""Issue 11 item 1: every column holding text or personal data declares its privacy class, in one place."""

from __future__ import annotations

import pytest
from sqlalchemy import JSON, Column, Integer, MetaData, String, Table, Text

from app.core.privacy import (
    CODE,
    PERSONAL,
    TABLE_PURPOSES,
    declaration_problems,
    declare,
    guard_of,
    model_columns,
    registry,
)
from app.extensions import db


def test_every_text_column_of_every_model_is_declared(app):
    problems = declaration_problems()
    assert problems == [], "Declare these columns with info=declare(...) or info=CODE:\n" + "\n".join(problems)


def test_an_undeclared_text_column_is_caught():
    metadata = MetaData()
    Table("things", metadata, Column("id", Integer, primary_key=True), Column("name", String(20)),
          Column("body", Text, info=declare("organisation")), Column("extra", JSON),
          Column("code", String(10), info=CODE), Column("count", Integer))
    problems = declaration_problems(metadata)
    assert any(p.startswith("things.name:") for p in problems)
    assert any(p.startswith("things.extra:") for p in problems)
    assert any("things.body" in p and "purpose" in p for p in problems)  # not in TABLE_PURPOSES
    assert not any("things.code" in p or "things.count" in p or "things.id" in p for p in problems)


def test_declarations_refuse_nonsense():
    with pytest.raises(ValueError):
        declare("public")
    with pytest.raises(ValueError):
        declare("none", "personal")
    with pytest.raises(ValueError):
        declare("organisation", guard="block")
    with pytest.raises(ValueError):
        declare()
    metadata = MetaData()
    Table("audit_events", metadata, Column("id", Integer, primary_key=True),
          Column("a", Text, info=declare("employer_facing")), Column("b", String(5), info={**CODE, "guard": "warn"}))
    problems = declaration_problems(metadata)
    assert any("audit_events.a" in p and "who may see" in p for p in problems)
    assert any("audit_events.b" in p and "code" in p for p in problems)


def test_registry_lists_every_declared_column_with_class_and_purpose(app):
    declared = {(d.table, d.column): d for d in registry()}
    assert {t.name for t in db.metadata.sorted_tables if any(
        isinstance(c.type, String | Text) for c in t.columns)} <= set(TABLE_PURPOSES)
    notes = declared[("job_seekers", "notes")]
    assert notes.classes == {"organisation", "personal"} and notes.purpose == "job_search" and notes.guard == "warn"
    summary = declared[("touchpoints", "summary")]
    assert summary.classes == {"network", "employer_facing"} and summary.guard == "block"
    assert declared[("touchpoints", "channel")].classes == {"none"}
    assert declared[("placements", "employment_goal")].guard == "block"
    assert declared[("lead_proposals", "decision_note")].guard == "block"
    assert all(d.purpose_label for d in declared.values() if d.classes != {"none"})


def test_model_helpers_read_the_declaration(app):
    from app.leads.placements.models import Placement, PlacementPhase
    from app.ratko.models import Task

    assert set(model_columns(Task, guard="block")) == {"role", "description"}
    assert set(model_columns(PlacementPhase, guard="block")) == {"note"}
    assert {"job_title", "employment_goal", "notes"} <= set(model_columns(Placement, cls=PERSONAL))
    assert guard_of(Placement.__table__.c.notes) == "warn"
