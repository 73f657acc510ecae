"""stored report figures of closed months, forgotten by triggers (issue 12, performance)

`report_months` marks which (kind, organisation, month) is stored: 1 cadence states at the month's end per owner
(`report_cadence`), 2 touchpoints by channel and participations by person and week (`report_channels`,
`report_people`), 3 colliding touchpoints by employer (`report_collisions`). The reports fill them for closed months
and read only the running month live. Triggers on touchpoints, touchpoint_participants, relationships,
relationship_cadence and organisations (counted channels) delete the marks of every month a write reaches back into,
whether the write comes through the ORM, the import's Core inserts or bulk loads: SQLite row triggers, PostgreSQL
statement triggers with transition tables (one plpgsql function per table). The statements are frozen here; the
application's copy is app/reports/triggers.py.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-12 10:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None

SQLITE = (
    'CREATE TRIGGER report_touchpoints_ai AFTER INSERT ON touchpoints BEGIN DELETE FROM report_months '
     "WHERE month >= date(NEW.occurred_on, 'start of month') AND (organisation_id = NEW.organisation_id "
     "OR (kind = 3 AND month <= date(NEW.occurred_on, '+30 days'))); END",
    'CREATE TRIGGER report_touchpoints_au AFTER UPDATE OF occurred_on, channel, organisation_id, '
     'employer_id ON touchpoints BEGIN DELETE FROM report_months WHERE month >= date(OLD.occurred_on, '
     "'start of month') AND (organisation_id = OLD.organisation_id OR (kind = 3 AND month <= "
     "date(OLD.occurred_on, '+30 days'))); DELETE FROM report_months WHERE month >= "
     "date(NEW.occurred_on, 'start of month') AND (organisation_id = NEW.organisation_id OR (kind = 3 "
     "AND month <= date(NEW.occurred_on, '+30 days'))); END",
    'CREATE TRIGGER report_touchpoints_ad AFTER DELETE ON touchpoints BEGIN DELETE FROM report_months '
     "WHERE month >= date(OLD.occurred_on, 'start of month') AND (organisation_id = OLD.organisation_id "
     "OR (kind = 3 AND month <= date(OLD.occurred_on, '+30 days'))); END",
    'CREATE TRIGGER report_participants_ai AFTER INSERT ON touchpoint_participants BEGIN DELETE FROM '
     'report_months WHERE kind = 2 AND organisation_id = (SELECT organisation_id FROM touchpoints WHERE '
     "id = NEW.touchpoint_id) AND month = (SELECT date(occurred_on, 'start of month') FROM touchpoints "
     'WHERE id = NEW.touchpoint_id); END',
    'CREATE TRIGGER report_participants_au AFTER UPDATE ON touchpoint_participants BEGIN DELETE FROM '
     'report_months WHERE kind = 2 AND organisation_id = (SELECT organisation_id FROM touchpoints WHERE '
     "id = OLD.touchpoint_id) AND month = (SELECT date(occurred_on, 'start of month') FROM touchpoints "
     'WHERE id = OLD.touchpoint_id); DELETE FROM report_months WHERE kind = 2 AND organisation_id = '
     '(SELECT organisation_id FROM touchpoints WHERE id = NEW.touchpoint_id) AND month = (SELECT '
     "date(occurred_on, 'start of month') FROM touchpoints WHERE id = NEW.touchpoint_id); END",
    'CREATE TRIGGER report_participants_ad AFTER DELETE ON touchpoint_participants BEGIN DELETE FROM '
     'report_months WHERE kind = 2 AND organisation_id = (SELECT organisation_id FROM touchpoints WHERE '
     "id = OLD.touchpoint_id) AND month = (SELECT date(occurred_on, 'start of month') FROM touchpoints "
     'WHERE id = OLD.touchpoint_id); END',
    'CREATE TRIGGER report_relationships_ai AFTER INSERT ON relationships BEGIN DELETE FROM '
     'report_months WHERE kind = 1 AND organisation_id = NEW.organisation_id AND month >= '
     "date(NEW.started_on, 'start of month'); END",
    'CREATE TRIGGER report_relationships_au AFTER UPDATE OF started_on, cadence_target, '
     'cadence_minimum, organisation_id ON relationships BEGIN DELETE FROM report_months WHERE kind = 1 '
     "AND organisation_id = OLD.organisation_id AND month >= date(OLD.started_on, 'start of month'); "
     'DELETE FROM report_months WHERE kind = 1 AND organisation_id = NEW.organisation_id AND month >= '
     "date(NEW.started_on, 'start of month'); END",
    'CREATE TRIGGER report_relationships_ad AFTER DELETE ON relationships BEGIN DELETE FROM '
     'report_months WHERE kind = 1 AND organisation_id = OLD.organisation_id AND month >= '
     "date(OLD.started_on, 'start of month'); END",
    'CREATE TRIGGER report_cadence_ai AFTER INSERT ON relationship_cadence BEGIN DELETE FROM '
     'report_months WHERE kind = 1 AND organisation_id = NEW.organisation_id AND month >= '
     "COALESCE((SELECT date(started_on, 'start of month') FROM relationships WHERE id = "
     "NEW.relationship_id), '0001-01-01'); END",
    'CREATE TRIGGER report_cadence_au AFTER UPDATE OF active, owner_id, organisation_id, employer_id ON '
     'relationship_cadence WHEN OLD.active IS NOT NEW.active OR OLD.owner_id IS NOT NEW.owner_id OR '
     'OLD.organisation_id IS NOT NEW.organisation_id OR OLD.employer_id IS NOT NEW.employer_id BEGIN '
     'DELETE FROM report_months WHERE kind = 1 AND organisation_id = OLD.organisation_id AND month >= '
     "COALESCE((SELECT date(started_on, 'start of month') FROM relationships WHERE id = "
     "OLD.relationship_id), '0001-01-01'); DELETE FROM report_months WHERE kind = 1 AND organisation_id "
     "= NEW.organisation_id AND month >= COALESCE((SELECT date(started_on, 'start of month') FROM "
     "relationships WHERE id = NEW.relationship_id), '0001-01-01'); END",
    'CREATE TRIGGER report_cadence_ad AFTER DELETE ON relationship_cadence BEGIN DELETE FROM '
     'report_months WHERE kind = 1 AND organisation_id = OLD.organisation_id AND month >= '
     "COALESCE((SELECT date(started_on, 'start of month') FROM relationships WHERE id = "
     "OLD.relationship_id), '0001-01-01'); END",
    'CREATE TRIGGER report_organisations_au AFTER UPDATE OF settings_json ON organisations WHEN '
     'OLD.settings_json IS NOT NEW.settings_json BEGIN DELETE FROM report_months WHERE kind = 1 AND '
     'organisation_id = NEW.id; END',
)
SQLITE_TRIGGERS = (   'report_touchpoints_ai',
    'report_touchpoints_au',
    'report_touchpoints_ad',
    'report_participants_ai',
    'report_participants_au',
    'report_participants_ad',
    'report_relationships_ai',
    'report_relationships_au',
    'report_relationships_ad',
    'report_cadence_ai',
    'report_cadence_au',
    'report_cadence_ad',
    'report_organisations_au')
POSTGRESQL = (
    'CREATE OR REPLACE FUNCTION report_forget_touchpoints() RETURNS trigger LANGUAGE plpgsql AS $$ '
     "BEGIN IF TG_OP = 'INSERT' THEN DELETE FROM report_months m USING (SELECT organisation_id, "
     'min(occurred_on) AS day FROM new_rows AS src GROUP BY organisation_id) c WHERE m.organisation_id = '
     "c.organisation_id AND m.month >= date_trunc('month', c.day)::date; DELETE FROM report_months m "
     'USING (SELECT DISTINCT occurred_on FROM new_rows AS src) c WHERE m.kind = 3 AND m.month >= '
     "date_trunc('month', c.occurred_on)::date AND m.month <= c.occurred_on + 30; ELSIF TG_OP = 'DELETE' "
     'THEN DELETE FROM report_months m USING (SELECT organisation_id, min(occurred_on) AS day FROM '
     'old_rows AS src GROUP BY organisation_id) c WHERE m.organisation_id = c.organisation_id AND '
     "m.month >= date_trunc('month', c.day)::date; DELETE FROM report_months m USING (SELECT DISTINCT "
     "occurred_on FROM old_rows AS src) c WHERE m.kind = 3 AND m.month >= date_trunc('month', "
     'c.occurred_on)::date AND m.month <= c.occurred_on + 30; ELSE DELETE FROM report_months m USING '
     '(SELECT organisation_id, min(occurred_on) AS day FROM (SELECT o.* FROM old_rows o JOIN new_rows n '
     'ON n.id = o.id WHERE (o.occurred_on, o.channel, o.organisation_id, o.employer_id) IS DISTINCT FROM '
     '(n.occurred_on, n.channel, n.organisation_id, n.employer_id)) AS src GROUP BY organisation_id) c '
     "WHERE m.organisation_id = c.organisation_id AND m.month >= date_trunc('month', c.day)::date; "
     'DELETE FROM report_months m USING (SELECT DISTINCT occurred_on FROM (SELECT o.* FROM old_rows o '
     'JOIN new_rows n ON n.id = o.id WHERE (o.occurred_on, o.channel, o.organisation_id, o.employer_id) '
     'IS DISTINCT FROM (n.occurred_on, n.channel, n.organisation_id, n.employer_id)) AS src) c WHERE '
     "m.kind = 3 AND m.month >= date_trunc('month', c.occurred_on)::date AND m.month <= c.occurred_on + "
     '30; DELETE FROM report_months m USING (SELECT organisation_id, min(occurred_on) AS day FROM '
     '(SELECT n.* FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE (o.occurred_on, o.channel, '
     'o.organisation_id, o.employer_id) IS DISTINCT FROM (n.occurred_on, n.channel, n.organisation_id, '
     'n.employer_id)) AS src GROUP BY organisation_id) c WHERE m.organisation_id = c.organisation_id AND '
     "m.month >= date_trunc('month', c.day)::date; DELETE FROM report_months m USING (SELECT DISTINCT "
     'occurred_on FROM (SELECT n.* FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE (o.occurred_on, '
     'o.channel, o.organisation_id, o.employer_id) IS DISTINCT FROM (n.occurred_on, n.channel, '
     "n.organisation_id, n.employer_id)) AS src) c WHERE m.kind = 3 AND m.month >= date_trunc('month', "
     'c.occurred_on)::date AND m.month <= c.occurred_on + 30; END IF; RETURN NULL; END $$',
    'CREATE TRIGGER report_forget_touchpoints_ins AFTER INSERT ON touchpoints REFERENCING NEW TABLE AS '
     'new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_forget_touchpoints()',
    'CREATE TRIGGER report_forget_touchpoints_upd AFTER UPDATE ON touchpoints REFERENCING OLD TABLE AS '
     'old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_forget_touchpoints()',
    'CREATE TRIGGER report_forget_touchpoints_del AFTER DELETE ON touchpoints REFERENCING OLD TABLE AS '
     'old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_forget_touchpoints()',
    'CREATE OR REPLACE FUNCTION report_forget_participants() RETURNS trigger LANGUAGE plpgsql AS $$ '
     "BEGIN IF TG_OP = 'INSERT' THEN DELETE FROM report_months m USING (SELECT DISTINCT "
     "t.organisation_id, date_trunc('month', t.occurred_on)::date AS month FROM new_rows AS p JOIN "
     'touchpoints t ON t.id = p.touchpoint_id) c WHERE m.kind = 2 AND m.organisation_id = '
     "c.organisation_id AND m.month = c.month; ELSIF TG_OP = 'DELETE' THEN DELETE FROM report_months m "
     "USING (SELECT DISTINCT t.organisation_id, date_trunc('month', t.occurred_on)::date AS month FROM "
     'old_rows AS p JOIN touchpoints t ON t.id = p.touchpoint_id) c WHERE m.kind = 2 AND '
     'm.organisation_id = c.organisation_id AND m.month = c.month; ELSE DELETE FROM report_months m '
     "USING (SELECT DISTINCT t.organisation_id, date_trunc('month', t.occurred_on)::date AS month FROM "
     'old_rows AS p JOIN touchpoints t ON t.id = p.touchpoint_id) c WHERE m.kind = 2 AND '
     'm.organisation_id = c.organisation_id AND m.month = c.month; DELETE FROM report_months m USING '
     "(SELECT DISTINCT t.organisation_id, date_trunc('month', t.occurred_on)::date AS month FROM "
     'new_rows AS p JOIN touchpoints t ON t.id = p.touchpoint_id) c WHERE m.kind = 2 AND '
     'm.organisation_id = c.organisation_id AND m.month = c.month; END IF; RETURN NULL; END $$',
    'CREATE TRIGGER report_forget_participants_ins AFTER INSERT ON touchpoint_participants REFERENCING '
     'NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_forget_participants()',
    'CREATE TRIGGER report_forget_participants_upd AFTER UPDATE ON touchpoint_participants REFERENCING '
     'OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION '
     'report_forget_participants()',
    'CREATE TRIGGER report_forget_participants_del AFTER DELETE ON touchpoint_participants REFERENCING '
     'OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_forget_participants()',
    'CREATE OR REPLACE FUNCTION report_forget_relationships() RETURNS trigger LANGUAGE plpgsql AS $$ '
     "BEGIN IF TG_OP = 'INSERT' THEN DELETE FROM report_months m USING (SELECT organisation_id, "
     'min(started_on) AS day FROM new_rows AS src GROUP BY organisation_id) c WHERE m.kind = 1 AND '
     "m.organisation_id = c.organisation_id AND m.month >= date_trunc('month', c.day)::date; ELSIF TG_OP "
     "= 'DELETE' THEN DELETE FROM report_months m USING (SELECT organisation_id, min(started_on) AS day "
     'FROM old_rows AS src GROUP BY organisation_id) c WHERE m.kind = 1 AND m.organisation_id = '
     "c.organisation_id AND m.month >= date_trunc('month', c.day)::date; ELSE DELETE FROM report_months "
     'm USING (SELECT organisation_id, min(started_on) AS day FROM (SELECT o.* FROM old_rows o JOIN '
     'new_rows n ON n.id = o.id WHERE (o.started_on, o.cadence_target, o.cadence_minimum, '
     'o.organisation_id) IS DISTINCT FROM (n.started_on, n.cadence_target, n.cadence_minimum, '
     'n.organisation_id)) AS src GROUP BY organisation_id) c WHERE m.kind = 1 AND m.organisation_id = '
     "c.organisation_id AND m.month >= date_trunc('month', c.day)::date; DELETE FROM report_months m "
     'USING (SELECT organisation_id, min(started_on) AS day FROM (SELECT n.* FROM old_rows o JOIN '
     'new_rows n ON n.id = o.id WHERE (o.started_on, o.cadence_target, o.cadence_minimum, '
     'o.organisation_id) IS DISTINCT FROM (n.started_on, n.cadence_target, n.cadence_minimum, '
     'n.organisation_id)) AS src GROUP BY organisation_id) c WHERE m.kind = 1 AND m.organisation_id = '
     "c.organisation_id AND m.month >= date_trunc('month', c.day)::date; END IF; RETURN NULL; END $$",
    'CREATE TRIGGER report_forget_relationships_ins AFTER INSERT ON relationships REFERENCING NEW TABLE '
     'AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_forget_relationships()',
    'CREATE TRIGGER report_forget_relationships_upd AFTER UPDATE ON relationships REFERENCING OLD TABLE '
     'AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION '
     'report_forget_relationships()',
    'CREATE TRIGGER report_forget_relationships_del AFTER DELETE ON relationships REFERENCING OLD TABLE '
     'AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_forget_relationships()',
    'CREATE OR REPLACE FUNCTION report_forget_cadence() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF '
     "TG_OP = 'INSERT' THEN DELETE FROM report_months m USING (SELECT x.organisation_id, "
     "min(COALESCE(r.started_on, DATE '0001-01-01')) AS day FROM new_rows AS x LEFT JOIN relationships r "
     'ON r.id = x.relationship_id GROUP BY x.organisation_id) c WHERE m.kind = 1 AND m.organisation_id = '
     "c.organisation_id AND m.month >= date_trunc('month', c.day)::date; ELSIF TG_OP = 'DELETE' THEN "
     'DELETE FROM report_months m USING (SELECT x.organisation_id, min(COALESCE(r.started_on, DATE '
     "'0001-01-01')) AS day FROM old_rows AS x LEFT JOIN relationships r ON r.id = x.relationship_id "
     'GROUP BY x.organisation_id) c WHERE m.kind = 1 AND m.organisation_id = c.organisation_id AND '
     "m.month >= date_trunc('month', c.day)::date; ELSE DELETE FROM report_months m USING (SELECT "
     "x.organisation_id, min(COALESCE(r.started_on, DATE '0001-01-01')) AS day FROM (SELECT o.* FROM "
     'old_rows o JOIN new_rows n ON n.relationship_id = o.relationship_id WHERE (o.active, o.owner_id, '
     'o.organisation_id, o.employer_id) IS DISTINCT FROM (n.active, n.owner_id, n.organisation_id, '
     'n.employer_id)) AS x LEFT JOIN relationships r ON r.id = x.relationship_id GROUP BY '
     'x.organisation_id) c WHERE m.kind = 1 AND m.organisation_id = c.organisation_id AND m.month >= '
     "date_trunc('month', c.day)::date; DELETE FROM report_months m USING (SELECT x.organisation_id, "
     "min(COALESCE(r.started_on, DATE '0001-01-01')) AS day FROM (SELECT n.* FROM old_rows o JOIN "
     'new_rows n ON n.relationship_id = o.relationship_id WHERE (o.active, o.owner_id, '
     'o.organisation_id, o.employer_id) IS DISTINCT FROM (n.active, n.owner_id, n.organisation_id, '
     'n.employer_id)) AS x LEFT JOIN relationships r ON r.id = x.relationship_id GROUP BY '
     'x.organisation_id) c WHERE m.kind = 1 AND m.organisation_id = c.organisation_id AND m.month >= '
     "date_trunc('month', c.day)::date; END IF; RETURN NULL; END $$",
    'CREATE TRIGGER report_forget_cadence_ins AFTER INSERT ON relationship_cadence REFERENCING NEW '
     'TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_forget_cadence()',
    'CREATE TRIGGER report_forget_cadence_upd AFTER UPDATE ON relationship_cadence REFERENCING OLD '
     'TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION '
     'report_forget_cadence()',
    'CREATE TRIGGER report_forget_cadence_del AFTER DELETE ON relationship_cadence REFERENCING OLD '
     'TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_forget_cadence()',
    'CREATE OR REPLACE FUNCTION report_forget_channels() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN '
     'DELETE FROM report_months WHERE kind = 1 AND organisation_id = NEW.id; RETURN NULL; END $$',
    'CREATE TRIGGER report_forget_channels AFTER UPDATE OF settings_json ON organisations FOR EACH ROW '
     'WHEN (OLD.settings_json IS DISTINCT FROM NEW.settings_json) EXECUTE FUNCTION '
     'report_forget_channels()',
)
POSTGRESQL_TRIGGERS = (   ('report_forget_touchpoints_ins', 'touchpoints'),
    ('report_forget_touchpoints_upd', 'touchpoints'),
    ('report_forget_touchpoints_del', 'touchpoints'),
    ('report_forget_participants_ins', 'touchpoint_participants'),
    ('report_forget_participants_upd', 'touchpoint_participants'),
    ('report_forget_participants_del', 'touchpoint_participants'),
    ('report_forget_relationships_ins', 'relationships'),
    ('report_forget_relationships_upd', 'relationships'),
    ('report_forget_relationships_del', 'relationships'),
    ('report_forget_cadence_ins', 'relationship_cadence'),
    ('report_forget_cadence_upd', 'relationship_cadence'),
    ('report_forget_cadence_del', 'relationship_cadence'),
    ('report_forget_channels', 'organisations'))
POSTGRESQL_FUNCTIONS = (   'report_forget_touchpoints',
    'report_forget_participants',
    'report_forget_relationships',
    'report_forget_cadence',
    'report_forget_channels')


def _key(*names):
    return [sa.Column(name, sa.Integer(), nullable=False) for name in names]


def upgrade():
    op.create_table('report_months',
    sa.Column('kind', sa.SmallInteger(), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('kind', 'month', 'organisation_id', name=op.f('pk_report_months'))
    )
    op.create_index('ix_report_months_organisation_month', 'report_months', ['organisation_id', 'month'],
                    unique=False)
    op.create_table('report_cadence',
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('owner_key', sa.Integer(), nullable=False),
    sa.Column('active', sa.Integer(), nullable=False),
    sa.Column('in_cadence', sa.Integer(), nullable=False),
    sa.Column('overdue', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('organisation_id', 'month', 'owner_key', name=op.f('pk_report_cadence'))
    )
    op.create_table('report_channels',
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('channel', sa.SmallInteger(), nullable=False),
    sa.Column('touchpoints', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('organisation_id', 'month', 'channel', name=op.f('pk_report_channels'))
    )
    op.create_table('report_people',
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('week', sa.Date(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('contacts', sa.Integer(), nullable=False),
    sa.Column('face_to_face', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('organisation_id', 'month', 'week', 'user_id', name=op.f('pk_report_people'))
    )
    op.create_table('report_collisions',
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('employer_id', sa.Integer(), nullable=False),
    sa.Column('touchpoints', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('organisation_id', 'month', 'employer_id', name=op.f('pk_report_collisions'))
    )
    for statement in (POSTGRESQL if op.get_bind().dialect.name == 'postgresql' else SQLITE):
        op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == 'postgresql':
        for name, table in POSTGRESQL_TRIGGERS:
            op.execute(f'DROP TRIGGER IF EXISTS {name} ON {table}')
        for name in POSTGRESQL_FUNCTIONS:
            op.execute(f'DROP FUNCTION IF EXISTS {name}()')
    else:
        for name in SQLITE_TRIGGERS:
            op.execute(f'DROP TRIGGER IF EXISTS {name}')
    for table in ('report_collisions', 'report_people', 'report_channels', 'report_cadence'):
        op.drop_table(table)
    op.drop_index('ix_report_months_organisation_month', table_name='report_months')
    op.drop_table('report_months')
