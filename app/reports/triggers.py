"""Database triggers that forget stored report months when a write reaches back into them (issue 12). Triggers, not
ORM hooks, so the spreadsheet import's Core inserts, bulk loads and hand-made SQL are caught too. Migration 0016
creates the same statements (frozen there); `db.create_all()` creates these.

What each write forgets (report_months rows; kind 1 cadence, 2 work, 3 collisions), for a touchpoint dated T of
organisation O: every kind of O from T's month on, and collisions of every organisation in the months from T to
T + 30 days. A participant: work of its touchpoint's organisation and month. A relationship (its start S, targets,
organisation): O's cadence from S's month on; its cadence row (active, owner): the same. An organisation's counted
channels: all its cadence months. A later month is stored again by the next report that reads it."""

# ruff: noqa: S608  (trigger bodies built from fixed names: NEW/OLD and transition-table names, never input)
from __future__ import annotations

from sqlalchemy import DDL, event

from app.extensions import db


def _sqlite_touch(ref: str) -> str:
    return (f"DELETE FROM report_months WHERE month >= date({ref}.occurred_on, 'start of month') "
            f"AND (organisation_id = {ref}.organisation_id "
            f"OR (kind = 3 AND month <= date({ref}.occurred_on, '+30 days')));")


def _sqlite_participant(ref: str) -> str:
    return (f"DELETE FROM report_months WHERE kind = 2 "
            f"AND organisation_id = (SELECT organisation_id FROM touchpoints WHERE id = {ref}.touchpoint_id) "
            f"AND month = (SELECT date(occurred_on, 'start of month') FROM touchpoints "
            f"WHERE id = {ref}.touchpoint_id);")


def _sqlite_relationship(ref: str) -> str:
    return (f"DELETE FROM report_months WHERE kind = 1 AND organisation_id = {ref}.organisation_id "
            f"AND month >= date({ref}.started_on, 'start of month');")


def _sqlite_cadence_row(ref: str) -> str:
    return (f"DELETE FROM report_months WHERE kind = 1 AND organisation_id = {ref}.organisation_id AND month >= "
            f"COALESCE((SELECT date(started_on, 'start of month') FROM relationships "
            f"WHERE id = {ref}.relationship_id), '0001-01-01');")


SQLITE = (
    f"CREATE TRIGGER report_touchpoints_ai AFTER INSERT ON touchpoints BEGIN {_sqlite_touch('NEW')} END",
    "CREATE TRIGGER report_touchpoints_au AFTER UPDATE OF occurred_on, channel, organisation_id, employer_id "
    f"ON touchpoints BEGIN {_sqlite_touch('OLD')} {_sqlite_touch('NEW')} END",
    f"CREATE TRIGGER report_touchpoints_ad AFTER DELETE ON touchpoints BEGIN {_sqlite_touch('OLD')} END",
    f"CREATE TRIGGER report_participants_ai AFTER INSERT ON touchpoint_participants BEGIN "
    f"{_sqlite_participant('NEW')} END",
    f"CREATE TRIGGER report_participants_au AFTER UPDATE ON touchpoint_participants BEGIN "
    f"{_sqlite_participant('OLD')} {_sqlite_participant('NEW')} END",
    f"CREATE TRIGGER report_participants_ad AFTER DELETE ON touchpoint_participants BEGIN "
    f"{_sqlite_participant('OLD')} END",
    f"CREATE TRIGGER report_relationships_ai AFTER INSERT ON relationships BEGIN {_sqlite_relationship('NEW')} END",
    "CREATE TRIGGER report_relationships_au AFTER UPDATE OF started_on, cadence_target, cadence_minimum, "
    f"organisation_id ON relationships BEGIN {_sqlite_relationship('OLD')} {_sqlite_relationship('NEW')} END",
    f"CREATE TRIGGER report_relationships_ad AFTER DELETE ON relationships BEGIN {_sqlite_relationship('OLD')} END",
    f"CREATE TRIGGER report_cadence_ai AFTER INSERT ON relationship_cadence BEGIN {_sqlite_cadence_row('NEW')} END",
    "CREATE TRIGGER report_cadence_au AFTER UPDATE OF active, owner_id, organisation_id, employer_id "
    "ON relationship_cadence WHEN OLD.active IS NOT NEW.active OR OLD.owner_id IS NOT NEW.owner_id "
    "OR OLD.organisation_id IS NOT NEW.organisation_id OR OLD.employer_id IS NOT NEW.employer_id "
    f"BEGIN {_sqlite_cadence_row('OLD')} {_sqlite_cadence_row('NEW')} END",
    f"CREATE TRIGGER report_cadence_ad AFTER DELETE ON relationship_cadence BEGIN {_sqlite_cadence_row('OLD')} END",
    "CREATE TRIGGER report_organisations_au AFTER UPDATE OF settings_json ON organisations "
    "WHEN OLD.settings_json IS NOT NEW.settings_json BEGIN "
    "DELETE FROM report_months WHERE kind = 1 AND organisation_id = NEW.id; END",
)
SQLITE_NAMES = tuple(statement.split()[2] for statement in SQLITE)


def _pg_touch(rows: str) -> str:
    return (f"DELETE FROM report_months m USING (SELECT organisation_id, min(occurred_on) AS day "
            f"FROM {rows} AS src GROUP BY organisation_id) c WHERE m.organisation_id = c.organisation_id "
            f"AND m.month >= date_trunc('month', c.day)::date; "
            f"DELETE FROM report_months m USING (SELECT DISTINCT occurred_on FROM {rows} AS src) c "
            f"WHERE m.kind = 3 AND m.month >= date_trunc('month', c.occurred_on)::date "
            f"AND m.month <= c.occurred_on + 30;")


def _pg_participant(rows: str) -> str:
    return (f"DELETE FROM report_months m USING (SELECT DISTINCT t.organisation_id, "
            f"date_trunc('month', t.occurred_on)::date AS month FROM {rows} AS p JOIN touchpoints t "
            f"ON t.id = p.touchpoint_id) c WHERE m.kind = 2 AND m.organisation_id = c.organisation_id "
            f"AND m.month = c.month;")


def _pg_relationship(rows: str) -> str:
    return (f"DELETE FROM report_months m USING (SELECT organisation_id, min(started_on) AS day "
            f"FROM {rows} AS src GROUP BY organisation_id) c WHERE m.kind = 1 "
            f"AND m.organisation_id = c.organisation_id AND m.month >= date_trunc('month', c.day)::date;")


def _pg_cadence_row(rows: str) -> str:
    return (f"DELETE FROM report_months m USING (SELECT x.organisation_id, "
            f"min(COALESCE(r.started_on, DATE '0001-01-01')) AS day FROM {rows} AS x LEFT JOIN relationships r "
            f"ON r.id = x.relationship_id GROUP BY x.organisation_id) c WHERE m.kind = 1 "
            f"AND m.organisation_id = c.organisation_id AND m.month >= date_trunc('month', c.day)::date;")


def _pg_function(name: str, insert: str, delete: str, update: str) -> str:
    return (f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"IF TG_OP = 'INSERT' THEN {insert} ELSIF TG_OP = 'DELETE' THEN {delete} ELSE {update} END IF; "
            f"RETURN NULL; END $$")


def _pg_triggers(table: str, function: str) -> tuple[str, ...]:
    """One statement trigger per event (transition tables allow one event each)."""
    return (
        f"CREATE TRIGGER {function}_ins AFTER INSERT ON {table} REFERENCING NEW TABLE AS new_rows "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
        f"CREATE TRIGGER {function}_upd AFTER UPDATE ON {table} REFERENCING OLD TABLE AS old_rows "
        f"NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
        f"CREATE TRIGGER {function}_del AFTER DELETE ON {table} REFERENCING OLD TABLE AS old_rows "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
    )


# Updates forget only when a column the figures read changed (the rows joined old to new).
_TOUCH_CHANGED = ("(SELECT o.* FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE (o.occurred_on, o.channel, "
                  "o.organisation_id, o.employer_id) IS DISTINCT FROM (n.occurred_on, n.channel, n.organisation_id, "
                  "n.employer_id))")
_REL_CHANGED = ("(SELECT {side}.* FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE (o.started_on, "
                "o.cadence_target, o.cadence_minimum, o.organisation_id) IS DISTINCT FROM (n.started_on, "
                "n.cadence_target, n.cadence_minimum, n.organisation_id))")
_CAD_CHANGED = ("(SELECT {side}.* FROM old_rows o JOIN new_rows n ON n.relationship_id = o.relationship_id WHERE "
                "(o.active, o.owner_id, o.organisation_id, o.employer_id) IS DISTINCT FROM (n.active, n.owner_id, "
                "n.organisation_id, n.employer_id))")

POSTGRESQL = (
    _pg_function("report_forget_touchpoints", _pg_touch("new_rows"), _pg_touch("old_rows"),
                 _pg_touch(_TOUCH_CHANGED) + " "
                 + _pg_touch(_TOUCH_CHANGED.replace("SELECT o.*", "SELECT n.*"))),
    *_pg_triggers("touchpoints", "report_forget_touchpoints"),
    _pg_function("report_forget_participants", _pg_participant("new_rows"), _pg_participant("old_rows"),
                 _pg_participant("old_rows") + " " + _pg_participant("new_rows")),
    *_pg_triggers("touchpoint_participants", "report_forget_participants"),
    _pg_function("report_forget_relationships", _pg_relationship("new_rows"), _pg_relationship("old_rows"),
                 _pg_relationship(_REL_CHANGED.format(side="o")) + " "
                 + _pg_relationship(_REL_CHANGED.format(side="n"))),
    *_pg_triggers("relationships", "report_forget_relationships"),
    _pg_function("report_forget_cadence", _pg_cadence_row("new_rows"), _pg_cadence_row("old_rows"),
                 _pg_cadence_row(_CAD_CHANGED.format(side="o")) + " "
                 + _pg_cadence_row(_CAD_CHANGED.format(side="n"))),
    *_pg_triggers("relationship_cadence", "report_forget_cadence"),
    "CREATE OR REPLACE FUNCTION report_forget_channels() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "DELETE FROM report_months WHERE kind = 1 AND organisation_id = NEW.id; RETURN NULL; END $$",
    "CREATE TRIGGER report_forget_channels AFTER UPDATE OF settings_json ON organisations FOR EACH ROW "
    "WHEN (OLD.settings_json IS DISTINCT FROM NEW.settings_json) EXECUTE FUNCTION report_forget_channels()",
)
PG_TRIGGERS = (
    *((f"report_forget_{name}_{event_}", table) for name, table in (
        ("touchpoints", "touchpoints"), ("participants", "touchpoint_participants"),
        ("relationships", "relationships"), ("cadence", "relationship_cadence")) for event_ in ("ins", "upd", "del")),
    ("report_forget_channels", "organisations"),
)
PG_FUNCTIONS = ("report_forget_touchpoints", "report_forget_participants", "report_forget_relationships",
                "report_forget_cadence", "report_forget_channels")


for _statement in SQLITE:
    event.listen(db.metadata, "after_create", DDL(_statement).execute_if(dialect="sqlite"))
for _statement in POSTGRESQL:
    event.listen(db.metadata, "after_create", DDL(_statement).execute_if(dialect="postgresql"))
