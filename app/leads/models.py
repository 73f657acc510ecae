"""Vacancy leads (owned by the organisation that found them, visible to the network when shared), their demand
ratings, "we have a candidate" proposals from other organisations, and each user's last visit to the board.

Only employer and vacancy data travel: a proposal names its proposing organisation and coach, never the seeker
(the seeker id stays on the row for the proposing organisation and the consent checks, and is never rendered to the
lead's owner).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import TimestampMixin, VersionMixin
from app.core.privacy import CODE, declare
from app.extensions import db
from app.profiles.models import RATING_CHECK

KINDS = ("open_vacancy", "hidden_job", "work_trial", "apprenticeship", "summer_job", "ratko_bundle")
VISIBILITIES = ("organisation", "network")
STATUSES = ("open", "candidates_proposed", "filled", "closed")
OPEN_STATUSES = ("open", "candidates_proposed")
EFFECTIVE_STATUSES = ("open", "candidates_proposed", "filled", "closed", "expired")
PROPOSAL_STATUSES = ("pending", "accepted", "declined", "withdrawn", "lapsed")
LIVE_PROPOSALS = ("pending", "accepted")
DEFAULT_HOLD_DAYS = 14
HOLD_SETTING = "lead_hold_days"


class Lead(TimestampMixin, VersionMixin, db.Model):
    """A job opening at an employer that one organisation heard of: shared fields travel to the network when the
    lead is shared; the private note, the touchpoint it was heard in and the bundle link stay with the owner."""

    __tablename__ = "leads"
    __audit__ = True
    __table_args__ = (
        Index("ix_leads_visibility_opens", "visibility", "opens_at"),
        Index("ix_leads_org_status", "organisation_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), nullable=False)
    employer_id: Mapped[int] = mapped_column(ForeignKey("employers.id", ondelete="CASCADE"), nullable=False,
                                             index=True)
    site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id", ondelete="SET NULL"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contact_persons.id", ondelete="SET NULL"))
    touchpoint_id: Mapped[int | None] = mapped_column(ForeignKey("touchpoints.id", ondelete="SET NULL"))
    bundle_id: Mapped[int | None] = mapped_column(ForeignKey("ratko_bundles.id", ondelete="SET NULL"), index=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(20), nullable=False, info=CODE)
    title: Mapped[str] = mapped_column(String(200), nullable=False, info=declare("network", "employer_facing"))
    description: Mapped[str | None] = mapped_column(Text, info=declare("network", "employer_facing"))
    tasks: Mapped[str | None] = mapped_column(Text, info=declare("network", "employer_facing"))
    hours_per_week: Mapped[float | None] = mapped_column(Float)
    starts_on: Mapped[date | None] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date, index=True)
    visibility: Mapped[str] = mapped_column(String(12), default="organisation", nullable=False, info=CODE)
    opens_at: Mapped[datetime | None] = mapped_column(DateTime)  # when it opens (or opened) to the network
    status: Mapped[str] = mapped_column(String(24), default="open", nullable=False, info=CODE)
    private_note: Mapped[str | None] = mapped_column(Text, info=declare("organisation", guard="warn"))
    filled_on: Mapped[date | None] = mapped_column(Date)
    filled_by_organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    closed_on: Mapped[date | None] = mapped_column(Date)
    closed_reason: Mapped[str | None] = mapped_column(String(300), info=declare("organisation"))

    @property
    def audit_label(self) -> str:
        return self.title[:80]


class LeadDemand(db.Model):
    """One item of a lead's own demand profile (a lead made from a bundle uses the bundle's profile instead)."""

    __tablename__ = "lead_demands"
    __table_args__ = (CheckConstraint(RATING_CHECK, name="level_range"),)

    lead_id: Mapped[int] = mapped_column(ForeignKey("leads.id", ondelete="CASCADE"), primary_key=True)
    characteristic_id: Mapped[int] = mapped_column(ForeignKey("characteristics.id"), primary_key=True, index=True)
    level: Mapped[int] = mapped_column(Integer, nullable=False)
    key: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)


class LeadProposal(TimestampMixin, db.Model):
    """"We have a candidate": a coach of another organisation proposes one of their own consented seekers."""

    __tablename__ = "lead_proposals"
    __audit__ = True
    __table_args__ = (Index("ix_lead_proposals_lead_status", "lead_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("leads.id", ondelete="CASCADE"), nullable=False)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), nullable=False, index=True)
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    seeker_id: Mapped[int | None] = mapped_column(ForeignKey("job_seekers.id", ondelete="SET NULL"), index=True)
    status: Mapped[str] = mapped_column(String(12), default="pending", nullable=False, info=CODE)
    status_reason: Mapped[str | None] = mapped_column(String(20), info=CODE)  # consent | proposer | lead_closed | ...
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decision_note: Mapped[str | None] = mapped_column(String(300), info=declare("network", "employer_facing"))

    @property
    def audit_label(self) -> str:
        return f"lead {self.lead_id}"


class LeadBoardVisit(db.Model):
    """When a user last opened the leads board, and the visit before that one: the board marks leads opened since
    `since` as new (stable while the user keeps browsing), the dashboard counts those opened since `seen_at`."""

    __tablename__ = "lead_board_visits"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    seen_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    since: Mapped[datetime | None] = mapped_column(DateTime)
