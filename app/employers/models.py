"""Employer, Site, ContactPerson, Relationship (organisation x employer) and employer tags."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import DDL, Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db import TimestampMixin, VersionMixin, utcnow
from app.core.privacy import CODE, declare
from app.core.search import search_fold
from app.employers.normalise import company_key
from app.extensions import db

SIZE_CLASSES = ("micro", "small", "medium", "large")
PWA_EXPERIENCE = ("unknown", "none", "some", "extensive")
CHANNELS = ("phone", "email", "visit", "text_message", "video")
STATUSES = ("prospect", "contacted", "meeting_agreed", "active_partner", "dormant", "do_not_contact")
PAUSED_STATUSES = ("dormant", "do_not_contact")


def search_keys(name: str, business_id: str | None, municipality: str | None,
                contact_names: list[str] | None = None) -> tuple[str, str]:
    """An employer's matching key and active-search text, from its name, Y-tunnus, municipality and contacts.

    The search text is folded for case and accents (app.core.search.search_fold): "karna" finds "Kärnä"."""
    parts = [name, business_id or "", (business_id or "").replace("-", ""), municipality or ""]
    parts += list(contact_names or [])
    return company_key(name)[:200], search_fold(" | ".join(p for p in parts if p))


class Employer(TimestampMixin, VersionMixin, db.Model):
    """A real company or public-sector employer, one record for the whole network."""

    __tablename__ = "employers"
    __audit__ = True
    __audit_exclude__ = ("search_text", "name_key")
    # On PostgreSQL the active search (LIKE '%word%' over the folded search_text) is answered from a trigram index.
    __table_args__ = (Index("ix_employers_search_trgm", "search_text", postgresql_using="gin",
                            postgresql_ops={"search_text": "gin_trgm_ops"}).ddl_if(dialect="postgresql"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False, info=declare("network"))
    name_key: Mapped[str] = mapped_column(String(200), nullable=False, index=True, default="", info=declare("network"))
    business_id: Mapped[str | None] = mapped_column(String(9), unique=True, info=declare("network"))
    industry_code: Mapped[str | None] = mapped_column(String(5), index=True, info=CODE)
    size_class: Mapped[str | None] = mapped_column(String(10), info=CODE)
    municipality: Mapped[str | None] = mapped_column(String(80), index=True, info=declare("network"))
    address: Mapped[str | None] = mapped_column(String(300), info=declare("network"))
    website: Mapped[str | None] = mapped_column(String(300), info=declare("network"))
    diversity_stance: Mapped[str | None] = mapped_column(Text, info=declare("network"))
    pwa_experience: Mapped[str] = mapped_column(String(12), default="unknown", nullable=False, info=CODE)
    search_text: Mapped[str] = mapped_column(Text, default="", nullable=False, info=declare("network", "personal"))
    archived_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    import_batch_id: Mapped[int | None] = mapped_column(Integer, index=True)  # the import that created it

    sites: Mapped[list[Site]] = relationship(back_populates="employer", lazy="raise_on_sql",
                                             order_by="Site.name", cascade="all, delete-orphan")
    contacts: Mapped[list[ContactPerson]] = relationship(back_populates="employer", lazy="raise_on_sql",
                                                         order_by="ContactPerson.name", cascade="all, delete-orphan")
    tag_rows: Mapped[list[EmployerTag]] = relationship(lazy="selectin", cascade="all, delete-orphan",
                                                       order_by="EmployerTag.tag")

    @property
    def tags(self) -> list[str]:
        """Tag names."""
        return [row.tag for row in self.tag_rows]

    @property
    def audit_label(self) -> str:
        return self.name

    def search_keys(self, contact_names: list[str] | None = None) -> tuple[str, str]:
        """The matching key and the active-search text (name, Y-tunnus, municipality, contacts)."""
        return search_keys(self.name, self.business_id, self.municipality, contact_names)

    def refresh_keys(self, contact_names: list[str] | None = None) -> None:
        """Recompute the matching key and the active-search text on the record."""
        self.name_key, self.search_text = self.search_keys(contact_names)


class EmployerTag(db.Model):
    """A free tag on an employer (network-shared)."""

    __tablename__ = "employer_tags"

    employer_id: Mapped[int] = mapped_column(ForeignKey("employers.id", ondelete="CASCADE"), primary_key=True)
    tag: Mapped[str] = mapped_column(String(40), primary_key=True, index=True, info=declare("network"))


class Site(TimestampMixin, db.Model):
    """A unit, branch or store of an employer; sites nest (chain -> region -> store)."""

    __tablename__ = "sites"
    __audit__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("employers.id", ondelete="CASCADE"), nullable=False,
                                             index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(200), nullable=False, info=declare("network"))
    municipality: Mapped[str | None] = mapped_column(String(80), info=declare("network"))
    address: Mapped[str | None] = mapped_column(String(300), info=declare("network"))
    archived_at: Mapped[datetime | None] = mapped_column(DateTime)

    employer: Mapped[Employer] = relationship(back_populates="sites", lazy="raise_on_sql")

    @property
    def audit_label(self) -> str:
        return self.name


class ContactPerson(TimestampMixin, VersionMixin, db.Model):
    """A person at an employer whom coaches contact (network-shared, personal data: audited, erasable)."""

    __tablename__ = "contact_persons"
    __audit__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("employers.id", ondelete="CASCADE"), nullable=False,
                                             index=True)
    site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(120), nullable=False, info=declare("network", "personal"))
    title: Mapped[str | None] = mapped_column(String(120), info=declare("network", "personal"))
    phone: Mapped[str | None] = mapped_column(String(20), info=declare("network", "personal"))
    email: Mapped[str | None] = mapped_column(String(254), index=True, info=declare("network", "personal"))
    preferred_channel: Mapped[str | None] = mapped_column(String(20), info=CODE)
    source: Mapped[str | None] = mapped_column(String(200), info=declare("network", "personal"))
    ambassador: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    archived_at: Mapped[datetime | None] = mapped_column(DateTime)
    import_batch_id: Mapped[int | None] = mapped_column(Integer, index=True)  # the import that created it

    employer: Mapped[Employer] = relationship(back_populates="contacts", lazy="raise_on_sql")

    @property
    def audit_label(self) -> str:
        return f"#{self.id}"


class Relationship(TimestampMixin, VersionMixin, db.Model):
    """One organisation's relationship with one employer: owner, status and cadence target."""

    __tablename__ = "relationships"
    __audit__ = True
    __table_args__ = (UniqueConstraint("organisation_id", "employer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), nullable=False, index=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("employers.id", ondelete="CASCADE"), nullable=False,
                                             index=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="prospect", nullable=False, index=True, info=CODE)
    cadence_target: Mapped[int] = mapped_column(Integer, default=3, nullable=False)
    cadence_minimum: Mapped[int] = mapped_column(Integer, default=2, nullable=False)
    started_on: Mapped[date] = mapped_column(Date, default=lambda: utcnow().date(), nullable=False)
    private_note: Mapped[str | None] = mapped_column(Text, info=declare("organisation"))
    import_batch_id: Mapped[int | None] = mapped_column(Integer, index=True)  # the import that created it

    employer: Mapped[Employer] = relationship(lazy="raise_on_sql")
    owner = relationship("User", lazy="raise_on_sql", foreign_keys=[owner_id])
    organisation = relationship("Organisation", lazy="raise_on_sql")

    @property
    def audit_label(self) -> str:
        return f"{self.organisation_id}/{self.employer_id}"


# db.create_all() (tests, fresh installs without migrations) needs the extension before the trigram index.
event.listen(db.metadata, "before_create",
             DDL("CREATE EXTENSION IF NOT EXISTS pg_trgm").execute_if(dialect="postgresql"))
