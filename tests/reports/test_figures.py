"""Every report figure against values computed by hand on the fixed network of conftest.py (June 2025 against May
2025, read on 15 July 2025), in my organisation's view and the network view."""

from __future__ import annotations

from datetime import date

import pytest

from app.reports import catalogue
from app.reports.periods import Period
from app.reports.selectors.common import Scope
from app.reports.tables import SMALL
from tests.reports.conftest import JUNE, TODAY

PERIOD = Period.containing("month", JUNE)


def _report(app, name, organisation_id):
    with app.test_request_context():
        return catalogue.build(name, Scope(organisation_id, TODAY), PERIOD)


def _figures(report) -> dict:
    return {str(f.label): (f.value, f.previous) for f in report.figures}


def _table(report, key) -> list[list]:
    return next(t.rows for t in report.tables if t.key == key)


def test_cadence_of_my_organisation(app, world):
    report = _report(app, "cadence", world.a.id)
    figures = _figures(report)
    assert figures["Active relationships"] == (6, 6)
    assert figures["In cadence"] == (pytest.approx(2 / 6), pytest.approx(4 / 6))
    assert figures["Overdue"] == (2, 1)
    trend = {row[0]: row[1:] for row in _table(report, "cadence_trend")}
    assert list(trend)[-1] == date(2025, 6, 30) and len(trend) == 12
    assert trend[date(2025, 6, 30)] == [6, 2, pytest.approx(1 / 3), 2]
    assert trend[date(2025, 5, 31)] == [6, 4, pytest.approx(2 / 3), 1]
    assert trend[date(2025, 1, 31)][0] == 3  # E1 (10.1.), E2 and E3; E4 started in February
    assert _table(report, "cadence_by_owner") == [["Cora", 6, 2, pytest.approx(1 / 3), pytest.approx(2 / 3), 2]]


@pytest.mark.parametrize("late_start", [False, True])
def test_cadence_matches_the_worklist_rules(app, world, late_start):
    """The SQL reading agrees with touchpoints.cadence.evaluate for every relationship at both dates, also where a
    relationship was started after its first touches (the touch is the base then, not the start)."""
    from sqlalchemy import select, update

    from app.employers.models import Relationship
    from app.extensions import db
    from app.reports.selectors import cadence as report_cadence
    from app.touchpoints import cadence
    from app.touchpoints.models import Touchpoint

    with app.app_context():
        if late_start:
            for employer, started in ((world.employers[2], date(2025, 1, 15)), (world.employers[4], date(2025, 4, 1)),
                                      (world.employers[1], date(2025, 5, 1))):
                db.session.execute(update(Relationship).where(Relationship.employer_id == employer.id,
                                                              Relationship.organisation_id == world.a.id)
                                   .values(started_on=started))
            db.session.commit()
        for day in (date(2025, 6, 30), date(2025, 5, 31), date(2025, 2, 28)):
            expected = [0, 0, 0]
            for rel in db.session.scalars(select(Relationship).where(Relationship.organisation_id == world.a.id)):
                if rel.started_on > day:
                    continue
                last = db.session.scalar(select(Touchpoint.occurred_on).where(
                    Touchpoint.organisation_id == rel.organisation_id, Touchpoint.employer_id == rel.employer_id,
                    Touchpoint.occurred_on <= day, Touchpoint.channel.in_(cadence.DEFAULT_COUNTED))
                    .order_by(Touchpoint.occurred_on.desc()).limit(1))
                state = cadence.evaluate(today=day, last_counted_on=last, started_on=rel.started_on,
                                         target=rel.cadence_target, minimum=rel.cadence_minimum).state
                expected[0] += 1
                expected[1] += state in ("ok", "upcoming")
                expected[2] += state == "overdue"
            states = report_cadence.states_at(Scope(world.a.id, TODAY), [day])
            assert report_cadence.totals(states, day) == tuple(expected)


def test_cadence_of_the_network(app, world):
    figures = _figures(_report(app, "cadence", None))
    assert figures["Active relationships"] == (8, 7)
    assert figures["In cadence"] == (pytest.approx(4 / 8), pytest.approx(5 / 7))
    assert figures["Overdue"] == (2, 1)


def test_employer_work_against_the_ips_figure(app, world):
    report = _report(app, "work", world.a.id)
    figures = _figures(report)
    assert figures["Employer contacts"] == (3, 3)
    assert figures["Face-to-face contacts"] == (2, 2)
    assert figures["People who logged contacts"] == (2, 1)
    assert figures["Face-to-face contacts per person per week"] == (pytest.approx(3 / (2 * 30 / 7)),
                                                                    pytest.approx(2 / (31 / 7)))
    channels = {row[0]: row[1:3] for row in _table(report, "work_channels")}
    assert channels == {"Visit": [1, 1], "Call": [1, 0], "Walk-in": [0, 1], "E-mail": [0, 1], "Meeting": [1, 0]}
    people = {row[0]: row[1:] for row in _table(report, "work_people")}
    assert people["Carl"] == [2, 2, pytest.approx(2 / (30 / 7)), pytest.approx(2 / (30 / 7) / 6)]
    assert people["Cora"][:2] == [2, 1]
    weeks = _table(report, "work_weeks")
    assert [row[0] for row in weeks] == [date(2025, 5, 26), date(2025, 6, 2), date(2025, 6, 9), date(2025, 6, 16),
                                         date(2025, 6, 23), date(2025, 6, 30)]
    assert [row[2:4] for row in weeks] == [[0, 0], [2, 2], [0, 1], [0, 0], [0, 0], [1, 1]]


def test_employer_work_of_the_network(app, world):
    report = _report(app, "work", None)
    figures = _figures(report)
    assert figures["Employer contacts"] == (5, 8)  # + Bea's visit, C's placement contacts ("other": 1 + 5)
    assert figures["Face-to-face contacts"] == (3, 2)
    by_org = {row[0]: row[1:4] for row in _table(report, "work_people")}
    assert by_org == {"Alpha": [2, 4, 3], "Beta": [1, 1, 1], "Gamma": [1, 1, 0]}
    assert all("Cora" not in str(row) for table in report.tables for row in table.rows)  # nobody named


def test_coverage(app, world):
    report = _report(app, "coverage", world.a.id)
    figures = _figures(report)
    assert figures["Employers in the directory"][0] == 8
    assert figures["Employers we work with"][0] == 6
    assert figures["Employers no organisation works with"][0] == 1
    assert figures["New relationships"] == (0, 1)
    assert figures["Collisions"] == (0, 0)
    places = {row[0]: row[1:] for row in _table(report, "coverage_municipalities")}
    assert places == {"Joensuu": [4, 3, pytest.approx(0.75), 1], "Outokumpu": [3, 3, 1.0, 0], "Liperi": [1, 0, 0.0, 0]}
    assert _table(report, "coverage_industries") == [["Not given", 8, 6, pytest.approx(0.75), 1]]
    months = dict(_table(report, "coverage_new"))
    assert months["2025-05"] == 1 and months["2025-06"] == 0 and len(months) == 12


def test_collisions_in_the_network_and_for_the_organisation_that_came_second(app, world):
    network = _figures(_report(app, "coverage", None))
    assert network["Collisions"] == (1, 0)
    assert network["New relationships"] == (1, 2)
    assert _figures(_report(app, "coverage", world.b.id))["Collisions"] == (1, 0)
    rows = _table(_report(app, "coverage", None), "coverage_collisions")
    assert rows == [["E1 Oy", "Joensuu", 1, date(2025, 6, 10)]]  # only Beta touched E1 in June


def test_ratko_funnel(app, world):
    report = _report(app, "ratko", world.a.id)
    steps = {row[0]: row[1:] for row in _table(report, "ratko_funnel")}
    assert steps["Engagements presented"] == [1, 0]
    assert steps["Go decisions"] == [1, 0]
    assert steps["No-go decisions"] == [0, 0]
    assert steps["Workshops held"] == [1, 0]
    assert steps["Tasks inventoried"] == [3, 0]
    assert steps["Tasks carved"] == [2, 0]
    assert steps["Bundles created"] == [1, 0]
    assert steps["Bundles made into leads"] == [1, 0]
    assert steps["Bundle leads filled"] == [1, 0]
    assert steps["Placements from bundles"] == [0, 0]
    assert _figures(report)["Freed hours per week"] == (pytest.approx(7.0), 0)


def test_placements_and_retention_of_the_organisation(app, world):
    report = _report(app, "placements", world.c.id)
    figures = _figures(report)
    assert figures["Placements started"] == (1, 5)
    assert figures["Placements running"] == (6, 5)
    assert figures["Pay subsidies ending"][0] == 1
    types = {row[0]: row[1:] for row in _table(report, "placements_types")}
    assert types["Paid job on an ordinary contract"] == [0, 5]
    assert types["Pay-subsidy job"] == [1, 0]
    retention = {row[0]: row[1:] for row in _table(report, "placements_retention")}
    assert retention["1 months"] == [5, 5, 4, pytest.approx(0.8)]
    assert retention["3 months"] == [0, 0, 0, None]
    assert _table(report, "placements_subsidy") == [[1, 0, 1]]


def test_small_counts_about_people_are_protected_in_the_network_view(app, world):
    report = _report(app, "placements", None)
    figures = _figures(report)
    assert figures["Placements started"] == (SMALL, 5)
    assert figures["Placements running"] == (6, 5)
    assert figures["Pay subsidies ending"][0] is SMALL
    types = {row[0]: row[1:] for row in _table(report, "placements_types")}
    assert types["Pay-subsidy job"] == [SMALL, 0]
    assert types["Paid job on an ordinary contract"] == [0, 5]
    assert _table(report, "placements_subsidy") == [[SMALL, SMALL, SMALL]]
    retention = {row[0]: row[1:] for row in _table(report, "placements_retention")}
    assert retention["1 months"] == [5, 5, 4, pytest.approx(0.8)]  # five persons: shown


def test_leads_with_helsinki_days_at_the_period_edges(app, world):
    report = _report(app, "leads", world.a.id)
    figures = _figures(report)
    assert figures["Leads found"] == (2, 0)  # 31.5. 21:30 UTC is June in Helsinki; 30.6. 21:30 UTC is July
    assert figures["Hidden jobs found"] == (1, 0)
    assert figures["Shared with the network"] == (1, 0)
    assert figures["Filled"] == (2, 0)
    assert figures["Average days to fill"][0] == pytest.approx((10 + 17) / 2)
    kinds = {row[0]: row[1:] for row in _table(report, "leads_kinds")}
    assert kinds["Hidden job"] == [1, 0, 1, 0, 1, 0, pytest.approx(10)]
    reciprocity = _table(report, "leads_reciprocity")
    assert reciprocity == [["We shared", 1, 1, 0], ["Beta", 0, 0, 1]]
    july = Period.containing("month", date(2025, 7, 1))
    with app.test_request_context():
        later = catalogue.build("leads", Scope(world.a.id, TODAY), july)
    assert _figures(later)["Leads found"] == (1, 2)


def test_network_reciprocity(app, world):
    rows = {row[0]: row[1:] for row in _table(_report(app, "leads", None), "leads_reciprocity")}
    assert rows["Alpha"] == [1, 0, 1, 1]
    assert rows["Beta"] == [0, 1, 0, 0]
