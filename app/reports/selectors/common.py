"""What every report query shares: the scope (one organisation or the whole network), SQL date arithmetic that reads
the same on SQLite and PostgreSQL, the channels each organisation counts towards cadence, and names."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Date, Integer, and_, cast, false, func, literal, or_, select, true

from app.auth.models import Organisation, User
from app.extensions import db
from app.reports.periods import Period
from app.touchpoints.cadence import counted_channels
from app.touchpoints.models import Touchpoint

FACE_TO_FACE = ("visit", "walk_in", "fair", "meeting", "workshop")
IPS_WEEKLY = 6  # IPS fidelity scale, job development: six face-to-face employer contacts a week


@dataclass(frozen=True)
class Scope:
    """Whose data a report reads: one organisation (`organisation_id`) or every organisation (network view)."""

    organisation_id: int | None
    today: date

    @property
    def network(self) -> bool:
        """The network administrator's view over all organisations."""
        return self.organisation_id is None

    def where(self, organisation_column):
        """SQL condition limiting a table to the scope."""
        return true() if self.network else organisation_column == self.organisation_id


def _sqlite() -> bool:
    return db.engine.dialect.name == "sqlite"


def days_between(later, earlier):
    """Whole days from `earlier` to `later` (SQL dates or date parameters)."""
    if _sqlite():
        return cast(func.julianday(later) - func.julianday(earlier), Integer)
    return later - earlier


def add_days(day, days: int):
    """A SQL date `days` after (or before, when negative) a date column."""
    if _sqlite():
        return func.date(day, literal(f"{days:+d} days"))
    return day + days


def month_key(day):
    """'YYYY-MM' of a SQL date."""
    if _sqlite():
        return func.strftime("%Y-%m", day)
    return func.to_char(day, "YYYY-MM")


def local_day(timestamp):
    """The Helsinki calendar date of a naive UTC timestamp column."""
    if _sqlite():
        # SQLite has no time zones: the offset of each row's instant is not known, so the date is read in UTC+2/+3
        # by the EU rule (last Sunday of March / October, 01:00 UTC), the same as zoneinfo gives.
        year = func.strftime("%Y", timestamp)
        dst_start = func.date(year.op("||")(literal("-03-25")), literal("weekday 0"))  # last Sunday of March
        dst_end = func.date(year.op("||")(literal("-10-25")), literal("weekday 0"))  # last Sunday of October
        summer = and_(timestamp >= func.datetime(dst_start, literal("+1 hours")),
                      timestamp < func.datetime(dst_end, literal("+1 hours")))
        return func.date(timestamp, func.iif(summer, literal("+3 hours"), literal("+2 hours")))
    return cast(func.timezone("Europe/Helsinki", func.timezone("UTC", timestamp)), Date)


def month_start(day):
    """The first day of the month of a SQL date."""
    if _sqlite():
        return func.date(day, literal("start of month"))
    return cast(func.date_trunc("month", day), Date)


def week_start(day):
    """The Monday on or before a SQL date."""
    if _sqlite():
        return func.date(day, literal("-6 days"), literal("weekday 1"))
    return cast(func.date_trunc("week", day), Date)


def within(column_, ranges: list[tuple[date, date]]):
    """A date column inside any of the inclusive (first, last) ranges (never, when there are none)."""
    return or_(false(), *(column_.between(first, last) for first, last in ranges))


def in_period(column_, period: Period):
    """A date column inside the period."""
    return column_.between(period.start, period.end)


def at_in_period(timestamp, period: Period):
    """A naive UTC timestamp column inside the period's Helsinki days."""
    start, end = period.utc_bounds
    return and_(timestamp >= start, timestamp < end)


def counted_clause(scope: Scope, connection=None, organisation_ids=None):
    """SQL condition: a touchpoint counts towards cadence under its organisation's channel setting (read through
    `connection`, else the session; for `organisation_ids` when given, else the scope's)."""
    stmt = select(Organisation.id, Organisation.settings_json)
    if organisation_ids is not None:
        stmt = stmt.where(Organisation.id.in_(organisation_ids))
    elif not scope.network:
        stmt = stmt.where(Organisation.id == scope.organisation_id)
    groups: dict[tuple, list[int]] = {}
    for org_id, _settings in (connection or db.session).execute(stmt):
        organisation = Organisation(id=org_id, settings_json=_settings)
        groups.setdefault(counted_channels(organisation.settings), []).append(org_id)
    if not groups:
        return false()
    return or_(*(and_(Touchpoint.organisation_id.in_(ids), Touchpoint.channel.in_(channels))
                 for channels, ids in groups.items()))


def organisation_names() -> dict[int, str]:
    """Every organisation's name by id."""
    return dict(db.session.execute(select(Organisation.id, Organisation.name)).all())


def user_names(scope: Scope) -> dict[int, str]:
    """Names of the users of the scope's organisation (empty for the network view: it never names people)."""
    if scope.network:
        return {}
    return dict(db.session.execute(select(User.id, User.name).where(User.organisation_id == scope.organisation_id))
                .all())
