"""Touchpoints (organisation-owned contacts with an employer), their promises and next steps, per-relationship
cadence state and per-user calendar tokens."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db import TimestampMixin, VersionMixin, utcnow
from app.core.privacy import CODE, declare
from app.extensions import db

CHANNELS = ("call", "visit", "walk_in", "fair", "email", "meeting", "workshop", "other")
PURPOSES = ("first_contact", "keep_in_touch", "needs_mapping", "placement_follow_up", "ratko", "other")
OUTCOMES = ("meeting_booked", "lead_found", "hire", "work_trial", "empty_visit", "no_answer")
FOLLOW_UP_KINDS = ("promise", "next_step")
PRIVATE_FIELDS = ("private_note", "needs_extra_hands", "needs_outlook", "needs_criteria", "needs_undone_work",
                  "feedback_good", "feedback_improve")


class Touchpoint(TimestampMixin, VersionMixin, db.Model):
    """One contact of an organisation with an employer. Date, channel, organisation and summary are network-visible;
    everything else is private to the organisation that logged it."""

    __tablename__ = "touchpoints"
    __audit__ = True
    __table_args__ = (
        # The trailing columns let the report queries read these indexes alone (migration 0015): collisions
        # (employer, date, organisation), cadence searches (counted channel), period counts by channel.
        Index("ix_touchpoints_employer_occurred", "employer_id", "occurred_on", "organisation_id"),
        Index("ix_touchpoints_org_employer_occurred", "organisation_id", "employer_id", "occurred_on", "channel"),
        Index("ix_touchpoints_occurred", "occurred_on", "organisation_id", "employer_id", "channel"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), nullable=False)
    employer_id: Mapped[int] = mapped_column(ForeignKey("employers.id", ondelete="CASCADE"), nullable=False)
    occurred_on: Mapped[date] = mapped_column(Date, nullable=False)
    channel: Mapped[str] = mapped_column(String(20), nullable=False, info=CODE)
    purpose: Mapped[str] = mapped_column(String(30), default="keep_in_touch", nullable=False, info=CODE)
    outcome: Mapped[str | None] = mapped_column(String(30), info=CODE)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contact_persons.id", ondelete="SET NULL"), index=True)
    client_present: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    summary: Mapped[str] = mapped_column(Text, nullable=False, info=declare("network", "employer_facing"))
    private_note: Mapped[str | None] = mapped_column(Text, info=declare("organisation", guard="warn"))
    needs_extra_hands: Mapped[str | None] = mapped_column(Text, info=declare("organisation", guard="warn"))
    needs_outlook: Mapped[str | None] = mapped_column(Text, info=declare("organisation", guard="warn"))
    needs_criteria: Mapped[str | None] = mapped_column(Text, info=declare("organisation", guard="warn"))
    needs_undone_work: Mapped[str | None] = mapped_column(Text, info=declare("organisation", guard="warn"))
    feedback_good: Mapped[str | None] = mapped_column(Text, info=declare("organisation", guard="warn"))
    feedback_improve: Mapped[str | None] = mapped_column(Text, info=declare("organisation", guard="warn"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    participant_rows: Mapped[list[TouchpointParticipant]] = relationship(
        lazy="selectin", cascade="all, delete-orphan", order_by="TouchpointParticipant.user_id")
    follow_ups: Mapped[list[TouchpointFollowUp]] = relationship(
        lazy="raise_on_sql", cascade="all, delete-orphan", order_by="TouchpointFollowUp.id",
        back_populates="touchpoint")

    @property
    def participant_ids(self) -> list[int]:
        """Ids of the users who were in touch."""
        return [row.user_id for row in self.participant_rows]

    @property
    def audit_label(self) -> str:
        return f"{self.employer_id}/{self.occurred_on}"


class TouchpointParticipant(db.Model):
    """A user of the organisation who took part in a touchpoint."""

    __tablename__ = "touchpoint_participants"

    touchpoint_id: Mapped[int] = mapped_column(ForeignKey("touchpoints.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)


class TouchpointFollowUp(TimestampMixin, db.Model):
    """A promise made to the employer, or the next step, with a due date and an owner (private to the organisation)."""

    __tablename__ = "follow_ups"
    __audit__ = True
    __table_args__ = (
        Index("ix_follow_ups_org_due", "organisation_id", "done_on", "due_on"),
        Index("ix_follow_ups_owner_due", "owner_id", "done_on", "due_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    touchpoint_id: Mapped[int] = mapped_column(ForeignKey("touchpoints.id", ondelete="CASCADE"), nullable=False,
                                               index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), nullable=False)
    employer_id: Mapped[int] = mapped_column(ForeignKey("employers.id", ondelete="CASCADE"), nullable=False,
                                             index=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(12), nullable=False, info=CODE)
    text: Mapped[str] = mapped_column(String(500), nullable=False, info=declare("organisation"))
    due_on: Mapped[date] = mapped_column(Date, nullable=False)
    done_on: Mapped[date | None] = mapped_column(Date)

    touchpoint: Mapped[Touchpoint] = relationship(back_populates="follow_ups", lazy="raise_on_sql")

    @property
    def audit_label(self) -> str:
        return f"{self.kind} {self.employer_id}/{self.due_on}"


class RelationshipCadence(db.Model):
    """Cadence state of one relationship, kept up to date by the touchpoint services so the worklist never has to
    aggregate touchpoints: last counted contact, the resulting due and overdue dates, snooze, people in touch.
    `owner_id` and `active` (not paused, employer not archived) copy the relationship and employer, so the worklist
    filters and counts from these indexes alone."""

    __tablename__ = "relationship_cadence"
    __table_args__ = (
        Index("ix_relationship_cadence_org_due", "organisation_id", "active", "due_on", "overdue_on", "snoozed_until"),
        Index("ix_relationship_cadence_owner_due", "owner_id", "active", "due_on", "overdue_on", "snoozed_until"),
    )

    relationship_id: Mapped[int] = mapped_column(ForeignKey("relationships.id", ondelete="CASCADE"),
                                                 primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), nullable=False)
    employer_id: Mapped[int] = mapped_column(ForeignKey("employers.id", ondelete="CASCADE"), nullable=False,
                                             index=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    active: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)
    last_counted_on: Mapped[date | None] = mapped_column(Date)
    last_touch_on: Mapped[date | None] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date, nullable=False)
    overdue_on: Mapped[date] = mapped_column(Date, nullable=False)
    people_count: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    snoozed_until: Mapped[date | None] = mapped_column(Date)
    snooze_reason: Mapped[str | None] = mapped_column(String(300), info=declare("organisation"))


class CalendarToken(db.Model):
    """A user's secret calendar-feed token, stored only as its SHA-256."""

    __tablename__ = "calendar_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True, nullable=False)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False, info=CODE)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
