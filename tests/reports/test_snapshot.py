"""Stored figures of closed months: the reports store them, read them back, and show after any back-dated write
(through the services, Core inserts as the spreadsheet import makes, relationship and counted-channel changes)
exactly what they show when everything is read live."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import delete, event, func, insert, select, update

from app.core.audit import acting_as
from app.extensions import db
from app.reports import catalogue, snapshot
from app.reports.models import CADENCE, COLLISIONS, WORK, ReportChannel, ReportMonth
from app.reports.periods import Period
from app.reports.selectors.common import Scope
from tests.reports.conftest import JUNE, TODAY, _log

PERIOD = Period.containing("month", JUNE)
YEAR = Period.containing("year", JUNE)
REPORTS = ("cadence", "work", "coverage")


def _read(app, organisation_id, period=PERIOD, today=TODAY) -> dict:
    """Every figure and table row of the three stored-figure reports."""
    result = {}
    with app.test_request_context():
        for name in REPORTS:
            report = catalogue.build(name, Scope(organisation_id, today), period)
            result[name] = ([(str(f.label), f.value, f.previous) for f in report.figures],
                            [(t.key, t.rows) for t in report.tables])
    return result


def _forget_everything(app) -> None:
    with app.app_context():
        db.session.execute(delete(ReportMonth))
        db.session.commit()


def _live(app, organisation_id, period=PERIOD, today=TODAY) -> dict:
    """The reports read with nothing stored, then the store emptied again."""
    _forget_everything(app)
    result = _read(app, organisation_id, period, today)
    _forget_everything(app)
    return result


def _marks(app) -> set[tuple[int, date]]:
    with app.app_context():
        return {(kind, month) for kind, month in db.session.execute(select(ReportMonth.kind, ReportMonth.month))}


def test_closed_months_are_stored_once_and_the_running_month_never(app, world):
    _read(app, world.a.id)
    marks = _marks(app)
    assert (CADENCE, date(2025, 6, 1)) in marks and (CADENCE, date(2024, 7, 1)) in marks  # the twelve month ends
    assert {(WORK, date(2025, 6, 1)), (WORK, date(2025, 5, 1)), (COLLISIONS, date(2025, 6, 1))} <= marks
    assert not any(month >= date(2025, 7, 1) for _kind, month in marks)  # July runs on 15 July
    inserts = []

    def seen(_conn, _cursor, statement, *_args):
        if statement.lstrip().upper().startswith(("INSERT", "DELETE")):
            inserts.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", seen)
    try:
        _read(app, world.a.id)
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert inserts == []


def test_the_reports_read_the_stored_figures(app, world):
    before = _read(app, world.a.id)
    with app.app_context():
        db.session.execute(update(ReportChannel).where(ReportChannel.month == date(2025, 6, 1))
                           .values(touchpoints=ReportChannel.touchpoints + 100))
        db.session.commit()
    after = _read(app, world.a.id)
    contacts = {label: (value, previous) for label, value, previous in after["work"][0]}["Employer contacts"]
    assert contacts[0] == dict((label, value) for label, value, _p in before["work"][0])["Employer contacts"] + 100 * 3


def test_a_running_period_reads_its_running_month_live(app, world):
    today = date(2025, 6, 20)
    stored = _read(app, world.a.id, YEAR, today)
    assert not any(month >= date(2025, 6, 1) for _kind, month in _marks(app))
    _log(app, world.carl, world.employers[5].id, date(2025, 6, 18), "visit")
    after = _read(app, world.a.id, YEAR, today)
    assert after != stored and after == _live(app, world.a.id, YEAR, today)


def _touchpoint_logged(app, world):
    _log(app, world.carl, world.employers[1].id, date(2025, 5, 12), "visit")


def _touchpoint_inserted_by_core(app, world):
    from app.touchpoints.models import Touchpoint, TouchpointParticipant

    with app.app_context():
        now = datetime(2025, 7, 1)
        result = db.session.execute(insert(Touchpoint).values(
            organisation_id=world.a.id, employer_id=world.employers[1].id, occurred_on=date(2025, 5, 25),
            channel="visit", purpose="keep_in_touch", summary="Tuotu", client_present=False, created_at=now,
            updated_at=now, version=1))
        db.session.execute(insert(TouchpointParticipant), [{"touchpoint_id": result.inserted_primary_key[0],
                                                            "user_id": world.carl.id}])
        db.session.commit()


def _touchpoint_deleted(app, world):
    from app.touchpoints.models import Touchpoint
    from app.touchpoints.services import touchpoint_delete

    with app.app_context(), acting_as(world.cora.id, world.a.id):
        touchpoint = db.session.scalar(select(Touchpoint).where(Touchpoint.occurred_on == date(2025, 6, 2)))
        touchpoint_delete(touchpoint=touchpoint)
        db.session.commit()


def _touchpoint_moved(app, world):
    from app.touchpoints.models import Touchpoint

    with app.app_context():
        db.session.execute(update(Touchpoint).where(Touchpoint.occurred_on == date(2025, 5, 20))
                           .values(occurred_on=date(2025, 3, 3)))
        db.session.commit()


def _relationship_paused(app, world):
    from app.employers.models import Relationship

    with app.app_context(), acting_as(world.cora.id, world.a.id):
        relationship = db.session.scalar(select(Relationship).where(
            Relationship.organisation_id == world.a.id, Relationship.employer_id == world.employers[0].id))
        relationship.status = "dormant"
        db.session.commit()


def _relationship_imported(app, world):
    """As the spreadsheet import does: Core inserts of a relationship started long ago and its cadence row."""
    from app.employers.models import Relationship
    from app.touchpoints.models import RelationshipCadence

    with app.app_context():
        now = datetime(2025, 7, 1)
        result = db.session.execute(insert(Relationship).values(
            organisation_id=world.a.id, employer_id=world.employers[7].id, status="active_partner",
            cadence_target=3, cadence_minimum=2, started_on=date(2024, 9, 1), created_at=now, updated_at=now,
            version=1))
        db.session.execute(insert(RelationshipCadence).values(
            relationship_id=result.inserted_primary_key[0], organisation_id=world.a.id,
            employer_id=world.employers[7].id, owner_id=world.carl.id, active=True, due_on=date(2024, 12, 31),
            overdue_on=date(2025, 3, 2), people_count=0))
        db.session.commit()


def _relationship_started_earlier(app, world):
    from app.employers.models import Relationship

    with app.app_context():
        db.session.execute(update(Relationship).where(Relationship.employer_id == world.employers[4].id)
                           .values(started_on=date(2024, 10, 1)))
        db.session.commit()


def _email_counted(app, world):
    from app.auth.models import Organisation
    from app.touchpoints.services import counted_channels_update

    with app.app_context(), acting_as(world.cora.id, world.a.id):
        counted_channels_update(organisation=db.session.get(Organisation, world.a.id),
                                channels=["call", "visit", "walk_in", "fair", "email", "meeting", "workshop"])
        db.session.commit()


@pytest.mark.parametrize("write", [_touchpoint_logged, _touchpoint_inserted_by_core, _touchpoint_deleted,
                                   _touchpoint_moved, _relationship_paused, _relationship_imported,
                                   _relationship_started_earlier, _email_counted])
@pytest.mark.parametrize("network", [False, True])
def test_a_back_dated_write_changes_the_reports_as_if_nothing_were_stored(app, world, write, network):
    organisation_id = None if network else world.a.id
    for period in (PERIOD, YEAR):
        _read(app, organisation_id, period)  # stores the closed months
    before = _read(app, organisation_id)
    write(app, world)
    for period in (PERIOD, YEAR):
        assert _read(app, organisation_id, period) == _live(app, organisation_id, period), period
    assert _read(app, organisation_id) != before


def test_storing_twice_keeps_one_copy(app, world):
    from app.reports.selectors import work

    _read(app, world.a.id)
    with app.app_context():
        rows = db.session.scalar(select(func.count()).select_from(ReportChannel))
        db.session.rollback()
        with db.engine.connect() as connection:
            snapshot._store(connection, WORK, world.a.id, [date(2025, 6, 1)], work.fill_months)
            connection.commit()
        assert db.session.scalar(select(func.count()).select_from(ReportChannel)) == rows


def test_flask_reports_store_stores_the_last_closed_months_of_every_organisation(app, world):
    from app.auth.models import Organisation
    from app.core.dates import today

    result = app.test_cli_runner().invoke(args=["reports", "store", "--months", "2"])
    assert result.exit_code == 0, result.output
    assert "cadence: 2 of 2 months stored" in result.output
    last = today().replace(day=1)
    months = {date(last.year - (last.month <= n), (last.month - n - 1) % 12 + 1, 1) for n in (1, 2)}
    with app.app_context():
        organisations = len(db.session.scalars(select(Organisation.id)).all())
        stored = db.session.execute(select(ReportMonth.kind, ReportMonth.month, func.count())
                                    .group_by(ReportMonth.kind, ReportMonth.month)).all()
    assert {(kind, month, n) for kind, month, n in stored} == {
        (kind, month, organisations) for kind in (CADENCE, WORK, COLLISIONS) for month in months}


def test_two_requests_storing_the_same_months_at_once_both_read_the_right_figures(app, world):
    import threading

    live = _live(app, None)
    barrier, results, errors = threading.Barrier(2), [], []

    def request():
        try:
            barrier.wait(timeout=10)
            results.append(_read(app, None))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=request) for _n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == [] and results == [live, live]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ReportMonth).where(
            ReportMonth.kind == WORK, ReportMonth.month == date(2025, 6, 1))) == 3  # one mark per organisation


@pytest.mark.postgres
def test_a_writer_holding_the_marks_makes_the_report_read_live_not_wait(app, world):
    """A transaction that wrote a back-dated touchpoint and has not committed holds report_months: a report that must
    store months does not wait for it past the lock timeout but reads them live, and stores them once it committed."""
    import time

    from app.touchpoints.models import Touchpoint

    def cadence():
        with app.test_request_context():
            report = catalogue.build("cadence", Scope(world.a.id, TODAY), PERIOD)
        return [(str(f.label), f.value, f.previous) for f in report.figures], [(t.key, t.rows) for t in report.tables]

    expected = cadence()
    _forget_everything(app)
    with app.app_context():
        writer = db.engine.connect()
    try:
        writer.execute(update(Touchpoint).where(Touchpoint.occurred_on == date(2025, 6, 10))
                       .values(occurred_on=date(2025, 6, 11)))
        started = time.monotonic()
        assert cadence() == expected
        assert time.monotonic() - started < 10
        assert _marks(app) == set()
        writer.commit()
    finally:
        writer.close()
    assert cadence() == expected  # a call moved by a day changes no month end's state
    assert {kind for kind, _month in _marks(app)} == {CADENCE}
