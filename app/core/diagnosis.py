"""Diagnosis guard: no diagnosis words in text an employer or the network reads (PRODUCT.md C5, seed 3130-3184).

"Never market a client by their diagnosis". What is guarded follows the privacy declaration of each column
(`app.core.privacy`): an ``employer_facing`` column refuses diagnosis words (the field is marked, the text stays in
the form, nothing is saved), and a private note declared ``guard="warn"`` asks for a reason to keep them (the reason
goes to the audit log). A new employer-facing column is guarded with no extra code: forms that write it name their
model, and the flush refuses it anyway.

Words. `seed/diagnosis_terms.csv` (``lang,term``) holds Finnish, Swedish and English stems; the network
administrator adds stems and exceptions (false positives) at /admin/diagnosis-words (`app.core.diagnosis_words`).
A stem matches at the start of a word and the whole word is reported ("masennu" finds "Masennuksen"). Finnish
inflection lengthens and doubles letters ("skitsofrenia" -> "skitsofreeninen", "skitsofreenikko"), so every letter
of a stem matches one or more times; stems of seven letters or more are also found inside compound words
("talousmasennus"), and so are shorter stems written with a leading "*" ("*syöpä" finds "rintasyöpä"). A found word
that starts with an exception is let through.

How to guard a form:

1. Mix ``DiagnosisGuardMixin`` into the form *before* ``FlaskForm`` and name the model its fields write::

       class LeadForm(DiagnosisGuardMixin, FlaskForm):
           privacy_model = Lead
           description = TextAreaField(_l("Description"))

   Fields named like a declared column are checked; name others in ``privacy_fields`` ({field: (Model, column)}).
   ``form.diagnosis_blocked`` maps refused fields to the words found, ``form.diagnosis_hits`` the warned ones.
2. In the template, render ``{{ diagnosis_warning(form) }}`` (``_macros/diagnosis.html``) after the fields when the
   form has warned fields: it shows the words and the reason field.
3. Pass the reason to the service (``diagnosis_reason=form.diagnosis_override``). The service calls
   ``diagnosis_audit(record, data, reason)`` after its flush: diagnosis words kept in a warned note it wrote are
   audit-logged (field names, number of words and the reason; never the words) on every path, also from the API, the
   CLI and imports (no reason there).

Use ``find_diagnosis_terms(text)`` for anything that is not a form.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

from flask import has_app_context
from flask_babel import lazy_gettext as _l
from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session
from wtforms import TextAreaField
from wtforms.validators import Length, Optional

from app.config import BASE_DIR
from app.core.audit import audit_record
from app.core.diagnosis_words import DiagnosisWord
from app.core.privacy import model_columns

TERMS_FILE = BASE_DIR / "seed" / "diagnosis_terms.csv"
EXCEPTIONS_FILE = BASE_DIR / "seed" / "diagnosis_exceptions.csv"  # lang,word: known false positives
LANGUAGES = ("fi", "sv", "en")
COMPOUND_LETTERS = 7  # stems at least this long are also found inside compound words


def load_terms(path: Path | None = None) -> list[tuple[str, str]]:
    """(language, stem) pairs from the term list; a missing file means no terms."""
    path = path or TERMS_FILE
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle)
        return [(row["lang"].strip(), row["term"].strip().lower()) for row in rows
                if row.get("lang", "").strip() in LANGUAGES and row.get("term", "").strip()]


@cache
def seed_stems() -> tuple[str, ...]:
    """The stems of the seed list (read once)."""
    return tuple(stem for _, stem in load_terms())


@cache
def seed_exceptions() -> tuple[str, ...]:
    """Words of the seed exception list (read once): ordinary words that start like a stem ("syöpäläinen")."""
    if not EXCEPTIONS_FILE.exists():
        return ()
    with EXCEPTIONS_FILE.open(encoding="utf-8", newline="") as handle:
        return tuple(row["word"].strip().casefold() for row in csv.DictReader(handle) if row.get("word", "").strip())


def _tokens(stem: str) -> list[str]:
    """A stem as regex pieces, one per run of a letter: a letter may be lengthened, never shortened ("skitsofren"
    finds "skitsofreeninen", "psykoo" does not find "psykososiaalinen"); spaces match any whitespace."""
    pieces = []
    for run in re.finditer(r"(.)\1*", stem.casefold()):
        char, count = run.group(1), len(run.group(0))
        if char.isspace():
            pieces.append(r"\s+")
        elif char.isalpha():
            pieces.append(re.escape(char) + ("+" if count == 1 else f"{{{count},}}"))
        else:
            pieces.append(re.escape(char) * count)
    return pieces


def _trie(sequences: list[list[str]]) -> str:
    """One regex for many stems with their common beginnings shared (five times faster than a flat alternation)."""
    root: dict = {}
    for sequence in sequences:
        node = root
        for piece in sequence:
            node = node.setdefault(piece, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [piece + emit(child) for piece, child in sorted(node.items()) if piece]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


def _letters(stem: str) -> int:
    return sum(char.isalpha() for char in stem)


@cache
def _compile(stems: tuple[str, ...]) -> re.Pattern | None:
    marked = {s.strip() for s in stems if s and s.strip("* ")}
    unique = sorted({s.lstrip("*") for s in marked})
    if not unique:
        return None
    inner = [_tokens(s) for s in unique if " " not in s and (f"*{s}" in marked or _letters(s) >= COMPOUND_LETTERS)]
    alternatives = [_trie([_tokens(s) for s in unique])] + ([rf"\w*?{_trie(inner)}"] if inner else [])
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})\w*", re.IGNORECASE)


def compile_terms(stems) -> re.Pattern | None:
    """One regex: any stem at a word start, long single-word stems also inside a word, extended to the word's end."""
    return _compile(tuple(sorted(set(stems))))


def admin_words(session=None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(extra stems, exceptions) the network administrator keeps; none outside an application context."""
    if session is None:
        if not has_app_context():
            return (), ()
        from app.extensions import db

        session = db.session
    with session.no_autoflush:
        rows = session.execute(select(DiagnosisWord.kind, DiagnosisWord.word)).all()
    return (tuple(sorted(w for k, w in rows if k == "term")), tuple(sorted(w for k, w in rows if k == "exception")))


class Matcher:
    """The effective term list (seed plus the administrator's stems) and the exceptions, ready to search text."""

    def __init__(self, extra: tuple[str, ...] = (), exceptions: tuple[str, ...] = (),
                 pattern: re.Pattern | None = None):
        self.pattern = pattern or compile_terms((*seed_stems(), *extra))
        self.exceptions = (*seed_exceptions(), *(e.casefold() for e in exceptions))

    @classmethod
    def current(cls, session=None) -> Matcher:
        """The matcher with today's administrator words (one small query)."""
        return cls(*admin_words(session))

    def find(self, text) -> list[str]:
        """The diagnosis words in `text`, as written there, each once (in order of appearance)."""
        if not isinstance(text, str) or not text or self.pattern is None:
            return []
        found: dict[str, str] = {}
        for match in self.pattern.finditer(text):
            word = " ".join(match.group(0).split())
            folded = word.casefold()
            if not any(folded.startswith(exception) for exception in self.exceptions):
                found.setdefault(folded, word)
        return list(found.values())


def find_diagnosis_terms(text: str | None, pattern: re.Pattern | None = None) -> list[str]:
    """The diagnosis words in `text` (seed list plus the administrator's stems, minus exceptions; or `pattern`)."""
    if not text:
        return []
    return (Matcher(pattern=pattern) if pattern is not None else Matcher.current()).find(text)


def blocked_message(words: list[str]):
    """The error on a refused field."""
    return _l("This text names a diagnosis (%(words)s). Text that employers or other organisations read cannot "
              "name a diagnosis: describe strengths and the support agreed for the work instead.",
              words=", ".join(words))


class DiagnosisGuardMixin:
    """WTForms mixin: refuse diagnosis words in employer-facing fields and ask for a reason in warned private notes,
    as the columns of `privacy_model` (and `privacy_fields`) declare."""

    privacy_model = None
    privacy_fields: dict = {}
    diagnosis_reason = TextAreaField(
        _l("Reason to keep this wording"), validators=[Optional(), Length(max=500)],
        description=_l("Why must these words stay in a private note? The reason is saved in the audit log."))

    def guarded_fields(self) -> dict[str, str]:
        """Field name -> "block" or "warn", from the declarations of the columns the fields write."""
        levels = {}
        if self.privacy_model is not None:
            for key, declaration in model_columns(self.privacy_model).items():
                if declaration.guard and key in self:
                    levels[key] = declaration.guard
        for name, (model, key) in self.privacy_fields.items():
            declaration = model_columns(model).get(key)
            if declaration is not None and declaration.guard and name in self:
                levels[name] = declaration.guard
        return levels

    def validate(self, extra_validators=None) -> bool:
        """Run the form's validators, then the diagnosis check of every guarded field."""
        valid = super().validate(extra_validators)
        self.diagnosis_blocked, self.diagnosis_hits = {}, {}
        levels = self.guarded_fields()
        matcher = Matcher.current() if any(isinstance(self[n].data, str) and self[n].data for n in levels) else None
        for name, level in levels.items():
            words = matcher.find(self[name].data) if matcher else []
            if not words:
                continue
            if level == "block":
                self.diagnosis_blocked[name] = words
                self[name].errors = [*self[name].errors, blocked_message(words)]
            else:
                self.diagnosis_hits[name] = words
        if self.diagnosis_blocked:
            valid = False
        if self.diagnosis_hits and not (self.diagnosis_reason.data or "").strip():
            self.diagnosis_reason.errors = [*self.diagnosis_reason.errors, _l(
                "This note names a diagnosis. Leave it out if you can, or give a reason to keep the wording.")]
            return False
        return valid

    @property
    def diagnosis_override(self) -> str | None:
        """The reason given for keeping flagged words in a private note, when there were any."""
        if getattr(self, "diagnosis_hits", None) and (self.diagnosis_reason.data or "").strip():
            return self.diagnosis_reason.data.strip()
        return None


def diagnosis_audit(obj, data: dict, reason: str | None = None) -> bool:
    """After a service saved `obj` (flushed, so it has an id): audit-log diagnosis words kept in the warned private
    notes that `data` wrote, with the user's reason (None from the CLI and imports); True when an event was written."""
    texts = {key: getattr(obj, key) for key in model_columns(type(obj), guard="warn") if key in data}
    texts = {key: text for key, text in texts.items() if isinstance(text, str) and text}
    matcher = Matcher.current() if texts else None
    hits = {key: words for key, text in texts.items() if (words := matcher.find(text))}
    if not hits:
        return False
    reason = (reason or "").strip() or None
    audit_record(action="diagnosis_override", entity=obj.__tablename__, entity_id=obj.id, summary=reason or "",
                 changes={"fields": ", ".join(sorted(hits)),
                          "flagged_words": sum(len(words) for words in hits.values()), "reason": reason})
    return True


class DiagnosisRefused(ValueError):
    """A flush would store diagnosis words in an employer-facing column (a path without a guarded form)."""

    def __init__(self, table: str, column: str, words: list[str]):
        super().__init__(f"diagnosis words in {table}.{column}")
        self.table, self.column, self.words = table, column, words


@cache
def _blocked_keys(model: type) -> tuple[str, ...]:
    try:
        return tuple(model_columns(model, guard="block"))
    except Exception:  # noqa: BLE001 - not a mapped class
        return ()


@event.listens_for(Session, "before_flush")
def _refuse_diagnosis_words(session: Session, _context, _instances) -> None:
    """The last line: no new or changed employer-facing text with diagnosis words reaches the database."""
    matcher = None
    for obj in [*session.new, *session.dirty]:
        keys = _blocked_keys(type(obj))
        if not keys:
            continue
        state = inspect(obj)
        for key in keys:
            value = state.dict.get(key)
            if not isinstance(value, str) or not value:
                continue
            if not state.pending and not state.attrs[key].history.has_changes():
                continue
            matcher = matcher or Matcher.current(session)
            if words := matcher.find(value):
                raise DiagnosisRefused(obj.__tablename__, key, words)

