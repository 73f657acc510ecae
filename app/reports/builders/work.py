"""Employer work per person and week, against the IPS figure of six face-to-face employer contacts a week."""

from __future__ import annotations

from datetime import timedelta

from flask_babel import gettext as _

from app.reports import charts
from app.reports.periods import Period
from app.reports.selectors import work
from app.reports.selectors.common import FACE_TO_FACE, IPS_WEEKLY, Scope, organisation_names, user_names
from app.reports.tables import Col, Figure, Report, Section, Table, ratio
from app.touchpoints.labels import CHANNEL_LABELS
from app.touchpoints.models import CHANNELS


def build(scope: Scope, period: Period) -> Report:
    """Contacts by channel, face-to-face per person per week (and by week), per user or organisation."""
    previous = period.previous()
    weeks, prev_weeks = period.weeks(scope.today), previous.weeks(scope.today)
    channels = work.by_channel(scope, period)
    persons = work.by_person(scope, period)
    people = work.people(scope, period)
    total = [sum(v[i] for v in channels.values()) for i in (0, 1)]
    f2f = [sum(v[i] for c, v in channels.items() if c in FACE_TO_FACE) for i in (0, 1)]
    n_people = [sum(v[i] for v in people.values()) for i in (0, 1)]
    participations = [sum(v[i] for v in persons.values()) for i in (1, 3)]
    per_week = [ratio(participations[0], n_people[0] * weeks), ratio(participations[1], n_people[1] * prev_weeks)]
    report = Report("work", _("Employer work per person and week"), figures=[
        Figure(_("Employer contacts"), total[0], total[1]),
        Figure(_("Face-to-face contacts"), f2f[0], f2f[1]),
        Figure(_("People who logged contacts"), n_people[0], n_people[1], better=""),
        Figure(_("Face-to-face contacts per person per week"), per_week[0], per_week[1], kind="num",
               note=_("IPS expects %(n)d.", n=IPS_WEEKLY)),
    ], notes=[_("Face-to-face: visits, walk-ins, fairs and events, meetings and workshops. A contact with two of "
                "us present counts for both. The IPS fidelity scale expects %(n)d face-to-face employer contacts a "
                "week from each employment specialist.", n=IPS_WEEKLY)])
    report.sections.append(_channel_section(channels))
    report.sections.append(_week_section(scope, period))
    report.sections.append(_person_section(scope, persons, people, weeks))
    return report


def _channel_section(channels) -> Section:
    rows = [[str(CHANNEL_LABELS.get(c, c)), *channels.get(c, (0, 0)), c in FACE_TO_FACE and _("Yes") or ""]
            for c in CHANNELS if c in channels]
    table = Table("work_channels", _("Contacts by channel"),
                  [Col(_("Channel"), "text"), Col(_("This period")), Col(_("Previous period")),
                   Col(_("Face-to-face"), "text")], rows)
    chart = charts.bar_chart(_("Contacts by channel"), [(r[0], [r[1], r[2]]) for r in rows],
                             [_("This period"), _("Previous period")])
    return Section(table.title, table, chart)


def _week_section(scope: Scope, period: Period) -> Section:
    mondays = period.week_starts(scope.today)
    counts = work.weekly(scope, period, mondays[0]) if mondays else {}
    rows, labels, values = [], [], []
    for index, monday in enumerate(mondays):
        f2f, people = counts.get(index, (0, 0))
        value = ratio(f2f, people)
        rows.append([monday, monday + timedelta(days=6), f2f, people, value])
        labels.append(f"{monday.day}.{monday.month}.")
        values.append(value or 0)
    table = Table("work_weeks", _("Face-to-face contacts per person, week by week"),
                  [Col(_("Week from"), "date"), Col(_("Week to"), "date"), Col(_("Face-to-face contacts")),
                   Col(_("People who logged contacts")), Col(_("Per person"), "num")], rows)
    chart = charts.line_chart(_("Face-to-face contacts per person and week"), labels,
                              [(_("Per person"), values)], reference=IPS_WEEKLY,
                              reference_label=_("IPS: %(n)d a week", n=IPS_WEEKLY), kind="num")
    return Section(table.title, table, chart)


def _person_section(scope: Scope, persons, people, weeks: float) -> Section:
    if scope.network:
        names = organisation_names()
        rows = []
        for org_id, (contacts, f2f, _pc, _pf) in persons.items():
            n = people.get(org_id, (0, 0))[0]
            per = ratio(f2f, n * weeks)
            rows.append([names.get(org_id, "?"), n, contacts, f2f, per, ratio(per, IPS_WEEKLY)])
        title, who = _("By organisation"), _("Organisation")
        columns = [Col(who, "text"), Col(_("People who logged contacts"))]
    else:
        names = work.working_users(scope)
        everyone = user_names(scope)
        rows = []
        for user_id in sorted(set(names) | set(persons), key=lambda u: (everyone.get(u) or "").casefold()):
            contacts, f2f, _pc, _pf = persons.get(user_id, (0, 0, 0, 0))
            per = f2f / weeks
            rows.append([everyone.get(user_id, "?"), contacts, f2f, per, ratio(per, IPS_WEEKLY)])
        title, columns = _("By person"), [Col(_("Person"), "text")]
    columns += [Col(_("Employer contacts")), Col(_("Face-to-face")), Col(_("Face-to-face per week"), "num"),
                Col(_("Of the IPS figure"), "pct")]
    rows.sort(key=lambda r: -(r[-2] or 0))
    table = Table("work_people", title, columns, rows)
    chart = charts.bar_chart(_("Face-to-face contacts per week"), [(r[0], [r[-2]]) for r in rows[:15]],
                             [_("This period")], kind="num")
    return Section(table.title, table, chart)
