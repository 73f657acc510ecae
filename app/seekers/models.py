"""Job seekers (pseudonymous, private to their organisation), their consents, workplace wishes and capability profiles.

There is deliberately no field for a diagnosis, a full name or a personal identity code anywhere here: a seeker is a
code and an alias, and their work ability is described only on the catalogue's work-related items (seed-part2 §7).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db import TimestampMixin, VersionMixin, utcnow
from app.core.privacy import CODE, declare
from app.extensions import db
from app.profiles.models import RATING_CHECK

STATUSES = ("engaged", "job_finding", "in_work", "follow_up", "ended")
RANKED_STATUSES = ("engaged", "job_finding")
LIGHTS = ("green", "yellow", "orange")
SCOPES = ("network_matching", "employer_disclosure", "information_exchange")
MATCHING_SCOPE = "network_matching"
EVENT_KINDS = ("granted", "reviewed", "confirmed", "withdrawn")


def _split(value: str | None, sep: str) -> list[str]:
    return [part.strip() for part in (value or "").split(sep) if part.strip()]


class JobSeeker(TimestampMixin, VersionMixin, db.Model):
    """A job seeker (client) of one organisation, known by a code and an alias."""

    __tablename__ = "job_seekers"
    __audit__ = True
    __audit_masked__ = ("notes", "preferences_note")
    __table_args__ = (UniqueConstraint("organisation_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), nullable=False, index=True)
    code: Mapped[str] = mapped_column(String(30), nullable=False, info=declare("organisation", "personal"))
    alias: Mapped[str] = mapped_column(String(60), nullable=False, info=declare("organisation", "personal"))
    coach_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="engaged", nullable=False, index=True, info=CODE)
    industries: Mapped[str] = mapped_column(String(300), default="", nullable=False,
                                            info=declare("organisation", "personal"))  # TOL codes, comma-separated
    municipalities: Mapped[str] = mapped_column(String(500), default="", nullable=False,
                                                info=declare("organisation", "personal"))  # names, comma-separated
    hours_min: Mapped[int | None] = mapped_column(Integer)
    hours_max: Mapped[int | None] = mapped_column(Integer)
    travel_minutes: Mapped[int | None] = mapped_column(Integer)  # longest acceptable one-way journey
    preferences_note: Mapped[str | None] = mapped_column(Text, info=declare("organisation", "personal", guard="warn"))
    notes: Mapped[str | None] = mapped_column(Text, info=declare("organisation", "personal", guard="warn"))

    coach = relationship("User", lazy="raise_on_sql", foreign_keys=[coach_id])

    @property
    def industry_codes(self) -> list[str]:
        """Preferred industries (TOL 2008 codes)."""
        return _split(self.industries, ",")

    @property
    def municipality_names(self) -> list[str]:
        """Preferred municipalities."""
        return _split(self.municipalities, ",")

    @property
    def audit_label(self) -> str:
        return self.code


class Workplace(TimestampMixin, db.Model):
    """A workplace on the seeker's traffic-light list: green = most wanted, yellow = possible, orange = borderline."""

    __tablename__ = "seeker_workplaces"
    __audit__ = True
    __audit_masked__ = ("note",)
    __table_args__ = (UniqueConstraint("seeker_id", "employer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    seeker_id: Mapped[int] = mapped_column(ForeignKey("job_seekers.id", ondelete="CASCADE"), nullable=False,
                                           index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), nullable=False, index=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("employers.id", ondelete="CASCADE"), nullable=False,
                                             index=True)
    light: Mapped[str] = mapped_column(String(10), nullable=False, info=CODE)
    note: Mapped[str | None] = mapped_column(String(300), info=declare("organisation", "personal"))

    employer = relationship("Employer", lazy="raise_on_sql")


class Consent(TimestampMixin, db.Model):
    """A consent as given: scope, named recipients and agreed text never change afterwards. Withdrawal sets
    `withdrawn_on` once and adds an event; a changed consent is a new record (append-only history)."""

    __tablename__ = "seeker_consents"
    __audit__ = True
    __audit_masked__ = ("disclosure_text", "parties", "note")

    id: Mapped[int] = mapped_column(primary_key=True)
    seeker_id: Mapped[int] = mapped_column(ForeignKey("job_seekers.id", ondelete="CASCADE"), nullable=False,
                                           index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), nullable=False, index=True)
    scope: Mapped[str] = mapped_column(String(30), nullable=False, info=CODE)
    signed_on: Mapped[date] = mapped_column(Date, nullable=False)
    written: Mapped[bool] = mapped_column(Boolean, nullable=False)
    valid_until: Mapped[date | None] = mapped_column(Date)
    parties: Mapped[str | None] = mapped_column(String(500),  # named parties for information exchange
                                                info=declare("organisation", "personal"))
    disclosure_text: Mapped[str | None] = mapped_column(  # what may be told to the named employers
        Text, info=declare("organisation", "personal", "employer_facing"))
    note: Mapped[str | None] = mapped_column(Text, info=declare("organisation", "personal", guard="warn"))
    withdrawn_on: Mapped[date | None] = mapped_column(Date)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # An oral consent confirmed in writing: the date on the written consent and who recorded it (set once).
    confirmed_on: Mapped[date | None] = mapped_column(Date)
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    employer_rows: Mapped[list[ConsentEmployer]] = relationship(lazy="selectin", cascade="all, delete-orphan",
                                                                passive_deletes=True)
    events: Mapped[list[ConsentEvent]] = relationship(lazy="raise_on_sql", order_by="ConsentEvent.id",
                                                      passive_deletes=True)

    @property
    def employer_ids(self) -> list[int]:
        """The named employers (employer disclosure)."""
        return [row.employer_id for row in self.employer_rows]

    def valid_on(self, day: date) -> bool:
        """Whether this consent is in force on `day` (signed, not withdrawn, not expired)."""
        return self.withdrawn_on is None and self.signed_on <= day and (self.valid_until is None
                                                                         or day <= self.valid_until)

    @property
    def in_writing(self) -> bool:
        """Signed in writing, or given orally and confirmed in writing afterwards."""
        return self.written or self.confirmed_on is not None

    def written_on(self, day: date) -> bool:
        """Whether the consent was in writing by `day` (an oral one counts from its written confirmation)."""
        return self.written or (self.confirmed_on is not None and self.confirmed_on <= day)

    @property
    def audit_label(self) -> str:
        return self.scope


class ConsentEmployer(db.Model):
    """An employer named in a consent."""

    __tablename__ = "seeker_consent_employers"
    __audit__ = True

    consent_id: Mapped[int] = mapped_column(ForeignKey("seeker_consents.id", ondelete="CASCADE"), primary_key=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("employers.id", ondelete="CASCADE"), primary_key=True,
                                             index=True)


class ConsentEvent(db.Model):
    """Append-only history of a consent: granted, reviewed orally with the seeker, confirmed in writing, withdrawn."""

    __tablename__ = "seeker_consent_events"
    __audit__ = True
    __audit_masked__ = ("note",)

    id: Mapped[int] = mapped_column(primary_key=True)
    consent_id: Mapped[int] = mapped_column(ForeignKey("seeker_consents.id", ondelete="CASCADE"), nullable=False,
                                            index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(20), nullable=False, info=CODE)
    happened_on: Mapped[date] = mapped_column(Date, nullable=False)
    note: Mapped[str | None] = mapped_column(String(500), info=declare("organisation", "personal"))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)


class CapabilityProfile(TimestampMixin, db.Model):
    """One assessment of a seeker's capabilities; the newest is current, older ones are the history."""

    __tablename__ = "capability_profiles"
    __audit__ = True
    __audit_masked__ = ("note",)

    id: Mapped[int] = mapped_column(primary_key=True)
    seeker_id: Mapped[int] = mapped_column(ForeignKey("job_seekers.id", ondelete="CASCADE"), nullable=False,
                                           index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), nullable=False, index=True)
    assessed_on: Mapped[date] = mapped_column(Date, nullable=False)
    assessed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    assessor_name: Mapped[str | None] = mapped_column(String(120), info=declare("organisation", "personal"))
    licensed: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    note: Mapped[str | None] = mapped_column(Text, info=declare("organisation", "personal"))

    ratings: Mapped[list[CapabilityRating]] = relationship(lazy="raise_on_sql", cascade="all, delete-orphan",
                                                           passive_deletes=True)

    @property
    def audit_label(self) -> str:
        return f"seeker {self.seeker_id}"


class CapabilityRating(db.Model):
    """One item of a capability profile (Art. 9 data: never leaves the organisation without consent)."""

    __tablename__ = "capability_ratings"
    __table_args__ = (CheckConstraint(RATING_CHECK, name="level_range"),)

    profile_id: Mapped[int] = mapped_column(ForeignKey("capability_profiles.id", ondelete="CASCADE"),
                                            primary_key=True)
    characteristic_id: Mapped[int] = mapped_column(ForeignKey("characteristics.id"), primary_key=True, index=True)
    level: Mapped[int] = mapped_column(Integer, nullable=False)
