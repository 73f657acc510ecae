"""Diagnosis guard: warn when employer-facing text names a diagnosis (PRODUCT.md C5, seed lines 3130-3184).

"Never market a client by their diagnosis": a text an employer will read should describe strengths and agreed
support needs, not conditions. The term list (`seed/diagnosis_terms.csv`, columns ``lang,term``) holds Finnish,
Swedish and English word stems; a stem matches case-insensitively at the start of a word, and the whole word found
in the text is reported (``"masennu"`` finds ``"Masennuksen"``). The guard warns, it does not forbid: the user may
keep the wording by giving a reason, and the reason is written to the audit log.

How to guard a form field (touchpoint summaries, bundle and lead descriptions, the agreed disclosure text):

1. Mix ``DiagnosisGuardMixin`` into the form *before* ``FlaskForm`` and name the guarded fields::

       class LeadForm(DiagnosisGuardMixin, FlaskForm):
           diagnosis_fields = ("description",)
           description = TextAreaField(_l("Description"))

   ``form.validate_on_submit()`` is then False while a guarded field names a diagnosis and no reason is given;
   ``form.diagnosis_hits`` maps each guarded field name to the words found.

2. In the template, after the guarded field, render the warning and the reason field (only shown when needed)::

       {% from "_macros/diagnosis.html" import diagnosis_warning %}
       {{ diagnosis_warning(form) }}

3. After the service saved the record (so it has an id), log the override in the same transaction::

       record_diagnosis_override(form, entity="leads", entity_id=lead.id)

   It writes one audit event (action ``diagnosis_override``) with the field names, the number of words flagged and
   the user's reason; the flagged words themselves are not copied into the log (data minimisation).

Use ``find_diagnosis_terms(text)`` directly for anything that is not a WTForms form (imports, API input).
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField
from wtforms.validators import Length, Optional

from app.config import BASE_DIR
from app.core.audit import audit_record

TERMS_FILE = BASE_DIR / "seed" / "diagnosis_terms.csv"
LANGUAGES = ("fi", "sv", "en")


def load_terms(path: Path | None = None) -> list[tuple[str, str]]:
    """(language, stem) pairs from the term list; a missing file means no terms."""
    path = path or TERMS_FILE
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle)
        return [(row["lang"].strip(), row["term"].strip().lower()) for row in rows
                if row.get("lang", "").strip() in LANGUAGES and row.get("term", "").strip()]


def compile_terms(stems: list[str]) -> re.Pattern | None:
    """One regex matching any stem at a word start, extended to the end of the word."""
    unique = sorted({s for s in stems if s}, key=len, reverse=True)
    if not unique:
        return None
    alternatives = "|".join(r"\s+".join(re.escape(part) for part in stem.split()) for stem in unique)
    return re.compile(rf"(?<!\w)(?:{alternatives})\w*", re.IGNORECASE)


@cache
def _pattern() -> re.Pattern | None:
    return compile_terms([stem for _, stem in load_terms()])


def find_diagnosis_terms(text: str | None, pattern: re.Pattern | None = None) -> list[str]:
    """The diagnosis words in `text`, as written there, each once (in order of appearance)."""
    pattern = pattern or _pattern()
    if not text or pattern is None:
        return []
    found: dict[str, str] = {}
    for match in pattern.finditer(text):
        word = " ".join(match.group(0).split())
        found.setdefault(word.casefold(), word)
    return list(found.values())


class DiagnosisGuardMixin:
    """WTForms mixin: refuse a guarded field naming a diagnosis until the user gives a reason to keep the wording."""

    diagnosis_fields: tuple[str, ...] = ()
    diagnosis_reason = TextAreaField(
        _l("Reason to keep this wording"), validators=[Optional(), Length(max=500)],
        description=_l("Why must the employer read these words? The reason is saved in the audit log."))

    def validate(self, extra_validators=None) -> bool:
        """Run the form's validators, then the diagnosis check."""
        valid = super().validate(extra_validators)
        self.diagnosis_hits = {name: words for name in self.diagnosis_fields
                               if (words := find_diagnosis_terms(self[name].data))}
        if self.diagnosis_hits and not (self.diagnosis_reason.data or "").strip():
            self.diagnosis_reason.errors = [*self.diagnosis_reason.errors, _l(
                "This text names a diagnosis. Describe strengths and agreed support needs instead, or give a "
                "reason to keep the wording.")]
            return False
        return valid

    @property
    def diagnosis_override(self) -> str | None:
        """The reason given for keeping flagged words, when there were any."""
        if getattr(self, "diagnosis_hits", None) and (self.diagnosis_reason.data or "").strip():
            return self.diagnosis_reason.data.strip()
        return None


def record_diagnosis_override(form, *, entity: str, entity_id: int | None) -> bool:
    """Audit-log that a guarded text was saved with flagged words and why; True when an event was written."""
    reason = form.diagnosis_override
    if reason is None:
        return False
    hits = form.diagnosis_hits
    audit_record(action="diagnosis_override", entity=entity, entity_id=entity_id,
                 summary=reason, changes={"fields": ", ".join(sorted(hits)),
                                          "flagged_words": sum(len(words) for words in hits.values()),
                                          "reason": reason})
    return True
