"""The dashboard's weekly summary for coordinators and managers: the last seven days against the seven before."""

from __future__ import annotations

from datetime import timedelta

from flask_babel import gettext as _

from app.reports.periods import Period
from app.reports.selectors import cadence, coverage, leads, placements, work
from app.reports.selectors.common import FACE_TO_FACE, Scope
from app.reports.tables import Figure

READERS = ("manager", "coordinator")


def may_read(user) -> bool:
    """Whether the user gets the weekly summary (coordinators and managers; the administrator too)."""
    return user.is_admin or any(user.has_role(role) for role in READERS)


def summary(scope: Scope) -> list[Figure]:
    """What changed in my organisation since last week, as figures with last week's value."""
    week = Period.custom(scope.today - timedelta(days=6), scope.today)
    channels = work.by_channel(scope, week)
    contacts = [sum(v[i] for v in channels.values()) for i in (0, 1)]
    f2f = [sum(v[i] for c, v in channels.items() if c in FACE_TO_FACE) for i in (0, 1)]
    a_week_ago = scope.today - timedelta(days=7)
    states = cadence.states_at(scope, [scope.today, a_week_ago])
    overdue = [cadence.totals(states, day)[2] for day in (scope.today, a_week_ago)]
    kinds = leads.by_kind(scope, week)
    started = placements.started_by_type(scope, week)
    return [
        Figure(_("Employer contacts logged"), *contacts),
        Figure(_("Face-to-face contacts"), *f2f),
        Figure(_("Overdue relationships"), *overdue, better="down"),
        Figure(_("New relationships"), *coverage.new_counts(scope, week)),
        Figure(_("Leads shared with the network"), *(sum(v[i] for v in kinds.values()) for i in (2, 3))),
        Figure(_("Leads filled"), *(sum(v[i] for v in kinds.values()) for i in (5, 6))),
        Figure(_("Placements started"), *(sum(v[i] for v in started.values()) for i in (0, 1))),
    ]
