"""RATKO engagements, workshops, participants, task inventory, bundles (carved jobs) and consolidation.

Every record here is private to the engagement's organisation (`organisation_id` is denormalised onto the records
that are fetched by id, so scoping never needs a join).
"""

from __future__ import annotations

import json
from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db import TimestampMixin, VersionMixin, utcnow
from app.core.privacy import CODE, declare
from app.extensions import db

PHASES = ("commitment", "coaching", "matching", "consolidation")
STATUSES = ("active", "seeded", "declined", "completed")
OUTCOMES = ("filled", "created_not_filled", "no_bundle")
MOTIVATIONS = ("diversity_goal", "external_obligation", "other")
DECISIONS = ("pending", "go", "no_go")
KEY_ROLES = ("management", "supervisor", "inductor", "key_person")
ACTIVITIES = ("preparation", "workshops", "task_descriptions", "assessment", "communication")
CATEGORIES = ("core", "supplementary", "extra")
FREQUENCIES = ("daily", "weekly", "monthly", "occasionally")
BUNDLE_STATUSES = ("draft", "agreed", "published", "filled")
WEEKS_PER_MONTH = 52 / 12


class Engagement(TimestampMixin, VersionMixin, db.Model):
    """A RATKO process with one employer, run by one organisation."""

    __tablename__ = "ratko_engagements"
    __audit__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), nullable=False, index=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("employers.id"), nullable=False, index=True)
    site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(200), nullable=False, info=declare("organisation"))
    consultant_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    coach_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    phase: Mapped[str] = mapped_column(String(20), default="commitment", nullable=False, info=CODE)
    status: Mapped[str] = mapped_column(String(20), default="active", nullable=False, index=True, info=CODE)
    revisit_on: Mapped[date | None] = mapped_column(Date, index=True)
    outcome: Mapped[str | None] = mapped_column(String(30), info=CODE)
    completed_on: Mapped[date | None] = mapped_column(Date)
    motivation: Mapped[str | None] = mapped_column(String(30), info=CODE)
    motivation_note: Mapped[str | None] = mapped_column(Text, info=declare("organisation"))
    decision: Mapped[str] = mapped_column(String(10), default="pending", nullable=False, info=CODE)
    decided_on: Mapped[date | None] = mapped_column(Date)
    decided_by: Mapped[str | None] = mapped_column(String(200), info=declare("organisation", "personal"))
    language: Mapped[str] = mapped_column(String(5), default="fi", nullable=False, info=CODE)
    checklist_json: Mapped[str] = mapped_column(Text, default="{}", nullable=False, info=CODE)

    employer = relationship("Employer", lazy="raise_on_sql")
    consultant = relationship("User", foreign_keys=[consultant_id], lazy="raise_on_sql")
    coach = relationship("User", foreign_keys=[coach_id], lazy="raise_on_sql")

    @property
    def checklist(self) -> dict:
        """Checklist item code -> ISO date it was ticked."""
        try:
            return json.loads(self.checklist_json or "{}")
        except ValueError:
            return {}

    @property
    def audit_label(self) -> str:
        return self.title


class EngagementEvent(db.Model):
    """History of an engagement: phase and status changes, decisions."""

    __tablename__ = "ratko_engagement_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("ratko_engagements.id", ondelete="CASCADE"),
                                               nullable=False, index=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(20), nullable=False, info=CODE)  # phase | status | decision
    old_value: Mapped[str | None] = mapped_column(String(40), info=CODE)
    new_value: Mapped[str | None] = mapped_column(String(40), info=CODE)
    note: Mapped[str | None] = mapped_column(Text, info=declare("organisation"))


class EngagementNote(TimestampMixin, db.Model):
    """A consultant's note on one phase of an engagement."""

    __tablename__ = "ratko_engagement_notes"
    __audit__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("ratko_engagements.id", ondelete="CASCADE"),
                                               nullable=False, index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), nullable=False, index=True)
    phase: Mapped[str] = mapped_column(String(20), nullable=False, info=CODE)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text, nullable=False, info=declare("organisation"))


class KeyPerson(db.Model):
    """A person of the employer with a role in the engagement (from the employer's contacts)."""

    __tablename__ = "ratko_key_persons"
    __audit__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("ratko_engagements.id", ondelete="CASCADE"),
                                               nullable=False, index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), nullable=False, index=True)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contact_persons.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(120), nullable=False, info=declare("organisation", "personal"))
    role: Mapped[str] = mapped_column(String(20), nullable=False, info=CODE)


class TimeEntry(db.Model):
    """Consultant's time on an engagement, per activity."""

    __tablename__ = "ratko_time_entries"
    __audit__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("ratko_engagements.id", ondelete="CASCADE"),
                                               nullable=False, index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), nullable=False, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    activity: Mapped[str] = mapped_column(String(30), nullable=False, info=CODE)
    spent_on: Mapped[date] = mapped_column(Date, nullable=False)
    minutes: Mapped[int] = mapped_column(Integer, nullable=False)
    note: Mapped[str | None] = mapped_column(String(300), info=declare("organisation"))


class Workshop(TimestampMixin, VersionMixin, db.Model):
    """A 1-2 hour workshop session with the work community."""

    __tablename__ = "ratko_workshops"
    __audit__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("ratko_engagements.id", ondelete="CASCADE"),
                                               nullable=False, index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), nullable=False, index=True)
    session_number: Mapped[int] = mapped_column(Integer, default=1, nullable=False)
    held_on: Mapped[date] = mapped_column(Date, nullable=False)
    duration_minutes: Mapped[int] = mapped_column(Integer, default=90, nullable=False)
    facilitator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    notes: Mapped[str | None] = mapped_column(Text, info=declare("organisation"))


class Participant(db.Model):
    """A member of the work community in a workshop, chosen by the employer."""

    __tablename__ = "ratko_participants"
    __audit__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("ratko_workshops.id", ondelete="CASCADE"), nullable=False,
                                             index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), nullable=False, index=True)
    name: Mapped[str] = mapped_column(String(120), nullable=False, info=declare("organisation", "personal"))
    role: Mapped[str] = mapped_column(String(120), nullable=False, info=declare("organisation", "personal"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contact_persons.id", ondelete="SET NULL"))


class Bundle(TimestampMixin, VersionMixin, db.Model):
    """A task bundle carved from the community's tasks: a new job."""

    __tablename__ = "ratko_bundles"
    __audit__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("ratko_engagements.id", ondelete="CASCADE"),
                                               nullable=False, index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), nullable=False, index=True)
    title: Mapped[str] = mapped_column(String(200), nullable=False, info=declare("organisation", "employer_facing"))
    purpose: Mapped[str | None] = mapped_column(Text, info=declare("organisation", "employer_facing"))
    hours_per_week: Mapped[float | None] = mapped_column(Float)  # agreed hours; None = sum of its tasks
    schedule: Mapped[str | None] = mapped_column(String(300), info=declare("organisation", "employer_facing"))
    place: Mapped[str | None] = mapped_column(String(300), info=declare("organisation", "employer_facing"))
    working_conditions: Mapped[str | None] = mapped_column(Text, info=declare("organisation", "employer_facing"))
    requirements: Mapped[str | None] = mapped_column(Text,  # what the job needs: skills, licences, language
                                                     info=declare("organisation", "employer_facing"))
    guided_by: Mapped[str | None] = mapped_column(String(300),  # who guides the work at the workplace
                                                  info=declare("organisation", "personal", "employer_facing"))
    status: Mapped[str] = mapped_column(String(20), default="draft", nullable=False, info=CODE)
    position: Mapped[int] = mapped_column(Integer, default=0, nullable=False)

    engagement: Mapped[Engagement] = relationship(lazy="raise_on_sql")

    @property
    def audit_label(self) -> str:
        return self.title


class Task(TimestampMixin, VersionMixin, db.Model):
    """One task of the work community's inventory; carved when it sits in a bundle."""

    __tablename__ = "ratko_tasks"
    __audit__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("ratko_engagements.id", ondelete="CASCADE"),
                                               nullable=False, index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), nullable=False, index=True)
    workshop_id: Mapped[int | None] = mapped_column(ForeignKey("ratko_workshops.id", ondelete="SET NULL"),
                                                    index=True)
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("ratko_participants.id", ondelete="SET NULL"))
    role: Mapped[str] = mapped_column(String(120), nullable=False,  # whose work: "ward nurse", "secretary"
                                      info=declare("organisation", "employer_facing"))
    description: Mapped[str] = mapped_column(String(500), nullable=False,
                                             info=declare("organisation", "employer_facing"))
    category: Mapped[str] = mapped_column(String(20), nullable=False, info=CODE)
    hours_value: Mapped[float] = mapped_column(Float, default=0, nullable=False)
    hours_period: Mapped[str] = mapped_column(String(10), default="week", nullable=False, info=CODE)  # week | month
    frequency: Mapped[str | None] = mapped_column(String(20), info=CODE)
    left_undone: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    burdens_staff: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    needs_qualification: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    collective_agreement: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    flag_note: Mapped[str | None] = mapped_column(String(500), info=declare("organisation"))
    bundle_id: Mapped[int | None] = mapped_column(ForeignKey("ratko_bundles.id", ondelete="SET NULL"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0, nullable=False)

    @property
    def hours_per_week(self) -> float:
        """Hours per week, converting monthly figures (52/12 weeks a month)."""
        value = self.hours_value or 0.0
        return value / WEEKS_PER_MONTH if self.hours_period == "month" else value

    @property
    def audit_label(self) -> str:
        return self.description[:80]


class Consolidation(TimestampMixin, VersionMixin, db.Model):
    """Phase 4: induction plan, inductor and the coach-supervisor agreement."""

    __tablename__ = "ratko_consolidations"
    __audit__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("ratko_engagements.id", ondelete="CASCADE"),
                                               nullable=False, unique=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), nullable=False, index=True)
    induction_plan: Mapped[str | None] = mapped_column(Text, info=declare("organisation", "employer_facing"))
    inductor_contact_id: Mapped[int | None] = mapped_column(ForeignKey("contact_persons.id", ondelete="SET NULL"))
    inductor_name: Mapped[str | None] = mapped_column(String(120), info=declare("organisation", "personal"))
    contact_agreement: Mapped[str | None] = mapped_column(Text,  # how coach and supervisor keep in touch
                                                          info=declare("organisation", "employer_facing"))
    job_description_changes_by: Mapped[str | None] = mapped_column(String(200),
                                                                   info=declare("organisation", "personal"))
    instructions_from: Mapped[str | None] = mapped_column(String(200), info=declare("organisation", "personal"))


class FollowUp(db.Model):
    """A follow-up date of a consolidating engagement; shows in the worklist until done."""

    __tablename__ = "ratko_follow_ups"
    __audit__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("ratko_engagements.id", ondelete="CASCADE"),
                                               nullable=False, index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), nullable=False, index=True)
    due_on: Mapped[date] = mapped_column(Date, nullable=False, index=True)
    done_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(String(300), info=declare("organisation"))
