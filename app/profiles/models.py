"""The characteristic catalogue (network-wide) and demand profiles of RATKO tasks and bundles (organisation-private).

Capability profiles belong to job seekers and live in `app.seekers.models`; both sides rate the same catalogue items
on the same 0-5 scale (0 = not required / not present).
"""

from __future__ import annotations

import json
from datetime import date

from flask_babel import get_locale
from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db import TimestampMixin, VersionMixin
from app.core.privacy import CODE, declare
from app.extensions import db

FAMILIES = ("psychosocial", "physical")
LANGS = ("fi", "sv", "en")
LEVELS = (0, 1, 2, 3, 4, 5)
RATING_CHECK = "level IS NULL OR (level >= 0 AND level <= 5)"


def _lang(language: str | None) -> str:
    language = language or str(get_locale() or "en")
    return language if language in LANGS else "en"


def _pick(values: dict[str, str | None], language: str | None) -> str:
    """The text in `language`, else English, else Finnish, else Swedish."""
    for code in (_lang(language), "en", "fi", "sv"):
        if values.get(code):
            return values[code]
    return ""


class CharacteristicGroup(TimestampMixin, db.Model):
    """A group of the catalogue: MELBA-like (psychosocial) or IMBA-like (physical)."""

    __tablename__ = "characteristic_groups"
    __audit__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True, nullable=False, info=CODE)
    family: Mapped[str] = mapped_column(String(20), nullable=False, info=CODE)
    position: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    name_fi: Mapped[str] = mapped_column(String(160), nullable=False, info=declare("network"))
    name_sv: Mapped[str] = mapped_column(String(160), nullable=False, info=declare("network"))
    name_en: Mapped[str] = mapped_column(String(160), nullable=False, info=declare("network"))

    def name(self, language: str | None = None) -> str:
        """The group's name in `language` (default: the UI language)."""
        return _pick({"fi": self.name_fi, "sv": self.name_sv, "en": self.name_en}, language)

    @property
    def audit_label(self) -> str:
        return self.code


class Characteristic(TimestampMixin, VersionMixin, db.Model):
    """One item of the catalogue, worded in Finnish, Swedish and English (our own wording, not the licensed one)."""

    __tablename__ = "characteristics"
    __audit__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("characteristic_groups.id"), nullable=False, index=True)
    code: Mapped[str] = mapped_column(String(60), unique=True, nullable=False, info=CODE)
    position: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)
    name_fi: Mapped[str] = mapped_column(String(160), nullable=False, info=declare("network"))
    name_sv: Mapped[str] = mapped_column(String(160), nullable=False, info=declare("network"))
    name_en: Mapped[str] = mapped_column(String(160), nullable=False, info=declare("network"))
    description_fi: Mapped[str | None] = mapped_column(Text, info=declare("network"))
    description_sv: Mapped[str | None] = mapped_column(Text, info=declare("network"))
    description_en: Mapped[str | None] = mapped_column(Text, info=declare("network"))
    levels_json: Mapped[str] = mapped_column(Text, default="{}", nullable=False, info=declare("network"))

    group: Mapped[CharacteristicGroup] = relationship(lazy="joined", innerjoin=True)

    def name(self, language: str | None = None) -> str:
        """The item's name in `language` (default: the UI language)."""
        return _pick({"fi": self.name_fi, "sv": self.name_sv, "en": self.name_en}, language)

    def description(self, language: str | None = None) -> str:
        """The item's description in `language`."""
        return _pick({"fi": self.description_fi, "sv": self.description_sv, "en": self.description_en}, language)

    @property
    def levels(self) -> dict[str, dict[str, str]]:
        """Level texts: {"1": {"fi": ..., "sv": ..., "en": ...}, ...}."""
        try:
            value = json.loads(self.levels_json or "{}")
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def level_texts(self, language: str | None = None) -> list[tuple[int, str]]:
        """(level, text) pairs that have a text, in `language`."""
        levels = self.levels
        return [(n, _pick(levels[str(n)], language)) for n in LEVELS if isinstance(levels.get(str(n)), dict)
                and _pick(levels[str(n)], language)]

    @property
    def audit_label(self) -> str:
        return self.code


class DemandProfile(TimestampMixin, VersionMixin, db.Model):
    """The demand profile of one task or one bundle: who assessed it, when, and with which instrument."""

    __tablename__ = "demand_profiles"
    __audit__ = True
    __table_args__ = (CheckConstraint("(task_id IS NULL) <> (bundle_id IS NULL)", name="one_owner"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), nullable=False, index=True)
    task_id: Mapped[int | None] = mapped_column(ForeignKey("ratko_tasks.id", ondelete="CASCADE"), unique=True)
    bundle_id: Mapped[int | None] = mapped_column(ForeignKey("ratko_bundles.id", ondelete="CASCADE"), unique=True)
    assessed_on: Mapped[date | None] = mapped_column(Date)
    assessed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    assessor_name: Mapped[str | None] = mapped_column(String(120), info=declare("organisation", "personal"))
    licensed: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    note: Mapped[str | None] = mapped_column(Text, info=declare("organisation"))

    ratings: Mapped[list[DemandRating]] = relationship(lazy="raise_on_sql", cascade="all, delete-orphan",
                                                       passive_deletes=True)

    @property
    def audit_label(self) -> str:
        return f"task {self.task_id}" if self.task_id else f"bundle {self.bundle_id}"


class DemandRating(db.Model):
    """One item of a demand profile. On a bundle profile a level is an override (with its reason); `key` marks the
    bundle's key items."""

    __tablename__ = "demand_ratings"
    __table_args__ = (CheckConstraint(RATING_CHECK, name="level_range"),)

    profile_id: Mapped[int] = mapped_column(ForeignKey("demand_profiles.id", ondelete="CASCADE"), primary_key=True)
    characteristic_id: Mapped[int] = mapped_column(ForeignKey("characteristics.id"), primary_key=True, index=True)
    level: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(String(500), info=declare("organisation"))
    key: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
