"""The network administrator's additions to the diagnosis term list: extra word stems, and exceptions for words that
only look like a diagnosis (a false positive such as a place or a product name). The list in
`seed/diagnosis_terms.csv` stays the base; these rows add to it and are audited."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import DateTime, ForeignKey, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import utcnow
from app.core.privacy import CODE, declare
from app.core.refusals import Refusal
from app.extensions import db

KINDS = ("term", "exception")
LANGUAGES = ("fi", "sv", "en")


class DiagnosisWord(db.Model):
    """An extra diagnosis stem ("term") or a word the guard must let through ("exception")."""

    __tablename__ = "diagnosis_words"
    __audit__ = True
    __table_args__ = (UniqueConstraint("kind", "word"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10), nullable=False, info=CODE)
    lang: Mapped[str] = mapped_column(String(2), nullable=False, info=CODE)
    word: Mapped[str] = mapped_column(String(80), nullable=False, info=declare("network"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)

    @property
    def audit_label(self) -> str:
        return f"{self.kind} {self.word}"


class WordRefused(Refusal):
    """The word cannot be added; `message` says why (about the form's `word` field)."""

    def __init__(self, message):
        super().__init__(message, "word")


def normalise_word(word: str | None) -> str:
    """A stem as stored: lower case, single spaces, no surrounding punctuation."""
    return " ".join((word or "").casefold().split()).strip(".,;:!?\"'()")


def words_of(kind: str) -> list[DiagnosisWord]:
    """The added stems or the exceptions, alphabetically."""
    return list(db.session.scalars(select(DiagnosisWord).where(DiagnosisWord.kind == kind)
                                   .order_by(DiagnosisWord.word)))


def word_add(*, kind: str, word: str, lang: str, user_id: int | None) -> DiagnosisWord:
    """Add a stem or an exception (refused when empty, too short to be safe, or already there)."""
    stem = normalise_word(word)
    if kind not in KINDS or lang not in LANGUAGES:
        raise WordRefused(_l("Choose what kind of word this is and its language."))
    if len(stem.replace(" ", "")) < 4:
        raise WordRefused(_l("Give at least four letters: a shorter stem would flag ordinary words."))
    exists = db.session.scalar(select(DiagnosisWord.id).where(DiagnosisWord.kind == kind, DiagnosisWord.word == stem))
    if exists is not None:
        raise WordRefused(_l("This word is already on the list."))
    row = DiagnosisWord(kind=kind, word=stem, lang=lang, created_by_id=user_id)
    db.session.add(row)
    db.session.flush()
    return row


def word_remove(*, row: DiagnosisWord) -> None:
    """Remove an added stem or an exception (the seed list itself is not edited here)."""
    db.session.delete(row)
    db.session.flush()
