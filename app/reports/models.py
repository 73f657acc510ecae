"""Stored report figures of closed months (issue 12, performance): what the network pages would otherwise read from
600,000 touchpoints on every request. `report_months` says which (kind, organisation, month) is stored; database
triggers (`app/reports/triggers.py`, migration 0016) delete those marks whenever a write reaches back into a stored
month, by the ORM or not, and the next report stores the month again. Only counts and ids: nothing to declare."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Index, Integer, SmallInteger
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db

CADENCE, WORK, COLLISIONS = 1, 2, 3  # kinds of stored figures (report_months.kind)


class ReportMonth(db.Model):
    """The figures of one kind for one organisation and month (its first day) are stored."""

    __tablename__ = "report_months"
    __table_args__ = (Index("ix_report_months_organisation_month", "organisation_id", "month"),)

    kind: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(Integer, primary_key=True)


class ReportCadence(db.Model):
    """Cadence states at a month's end, per owner (0: no owner) of an organisation's active relationships."""

    __tablename__ = "report_cadence"

    organisation_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    owner_key: Mapped[int] = mapped_column(Integer, primary_key=True)
    active: Mapped[int] = mapped_column(Integer, nullable=False)
    in_cadence: Mapped[int] = mapped_column(Integer, nullable=False)
    overdue: Mapped[int] = mapped_column(Integer, nullable=False)


class ReportChannel(db.Model):
    """An organisation's touchpoints of one month by channel (its position in touchpoints.models.CHANNELS)."""

    __tablename__ = "report_channels"

    organisation_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    channel: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    touchpoints: Mapped[int] = mapped_column(Integer, nullable=False)


class ReportPeople(db.Model):
    """Participations of one person in an organisation's touchpoints, in the part of a week (its Monday) that falls
    in one month."""

    __tablename__ = "report_people"

    organisation_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    week: Mapped[date] = mapped_column(Date, primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contacts: Mapped[int] = mapped_column(Integer, nullable=False)
    face_to_face: Mapped[int] = mapped_column(Integer, nullable=False)


class ReportCollision(db.Model):
    """An organisation's touchpoints of one month on one employer made within 30 days after another
    organisation's."""

    __tablename__ = "report_collisions"

    organisation_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    employer_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    touchpoints: Mapped[int] = mapped_column(Integer, nullable=False)


from app.reports import triggers  # noqa: E402,F401  (creates the triggers with the tables)
