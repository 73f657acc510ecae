"""Placements (private to the seeker's organisation), their support plan and the 1/3/6/12-month follow-ups."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import TimestampMixin, VersionMixin
from app.core.privacy import CODE, declare
from app.extensions import db

TYPES = ("ordinary", "pay_subsidy", "work_trial", "apprenticeship")
PAID_TYPES = ("ordinary", "pay_subsidy", "apprenticeship")
PHASES = ("orientation", "learning", "stabilising", "fading", "follow_up")
FOLLOW_UP_MONTHS = (1, 3, 6, 12)
STATUSES = ("active", "ended")
END_REASONS = ("contract_ended", "trial_completed", "moved_on", "employer_ended", "seeker_ended", "other")
SUBSIDY_ALERT_DAYS = 30


class Placement(TimestampMixin, VersionMixin, db.Model):
    """A seeker placed at an employer: type, dates, hours, pay, the three-T facts and where it came from."""

    __tablename__ = "placements"
    __audit__ = True
    __audit_masked__ = ("notes", "employment_goal")
    __table_args__ = (Index("ix_placements_org_status", "organisation_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), nullable=False)
    seeker_id: Mapped[int] = mapped_column(ForeignKey("job_seekers.id", ondelete="CASCADE"), nullable=False,
                                           index=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("employers.id", ondelete="CASCADE"), nullable=False,
                                             index=True)
    lead_id: Mapped[int | None] = mapped_column(ForeignKey("leads.id", ondelete="SET NULL"), index=True)
    bundle_id: Mapped[int | None] = mapped_column(ForeignKey("ratko_bundles.id", ondelete="SET NULL"), index=True)
    coach_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    type: Mapped[str] = mapped_column(String(20), nullable=False, info=CODE)
    job_title: Mapped[str] = mapped_column(String(200), nullable=False,
                                           info=declare("organisation", "personal", guard="warn"))
    starts_on: Mapped[date] = mapped_column(Date, nullable=False)
    ends_on: Mapped[date | None] = mapped_column(Date)
    subsidy_ends_on: Mapped[date | None] = mapped_column(Date, index=True)
    subsidy_handled_on: Mapped[date | None] = mapped_column(Date)
    hours_per_week: Mapped[float | None] = mapped_column(Float)
    equal_pay: Mapped[bool | None] = mapped_column(Boolean)
    ordinary_workplace: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)
    employment_goal: Mapped[str | None] = mapped_column(Text,
                                                        info=declare("organisation", "personal", "employer_facing"))
    planned_weeks: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text, info=declare("organisation", "personal", guard="warn"))
    status: Mapped[str] = mapped_column(String(10), default="active", nullable=False, info=CODE)
    ended_on: Mapped[date | None] = mapped_column(Date)
    end_reason: Mapped[str | None] = mapped_column(String(20), info=CODE)

    @property
    def audit_label(self) -> str:
        return f"placement {self.id}"


class PlacementPhase(db.Model):
    """One phase of the support plan with its dates and who is responsible (our coach, the workplace's person)."""

    __tablename__ = "placement_phases"
    __audit__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(ForeignKey("placements.id", ondelete="CASCADE"), nullable=False,
                                              index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), nullable=False, index=True)
    phase: Mapped[str] = mapped_column(String(20), nullable=False, info=CODE)
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    coach_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    workplace_person: Mapped[str | None] = mapped_column(String(120), info=declare("organisation", "personal"))
    note: Mapped[str | None] = mapped_column(String(500), info=declare("organisation", "personal", "employer_facing"))


class PlacementFollowUp(db.Model):
    """A follow-up N months after the start: due date, when it was done and whether the person is still employed."""

    __tablename__ = "placement_follow_ups"
    __audit__ = True
    __audit_masked__ = ("note",)
    __table_args__ = (Index("ix_placement_follow_ups_org_due", "organisation_id", "done_on", "due_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(ForeignKey("placements.id", ondelete="CASCADE"), nullable=False,
                                              index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), nullable=False)
    months: Mapped[int] = mapped_column(Integer, nullable=False)
    due_on: Mapped[date] = mapped_column(Date, nullable=False)
    done_on: Mapped[date | None] = mapped_column(Date)
    still_employed: Mapped[bool | None] = mapped_column(Boolean)
    note: Mapped[str | None] = mapped_column(String(500), info=declare("organisation", "personal"))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
