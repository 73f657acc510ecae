"""Consent: the checks every matching or disclosure action calls, and the append-only consent records.

Other packages (leads, placements) use these, never the tables directly:

- ``consent_check(seeker, scope, employer_id=...)`` -> ``ConsentCheck(ok, reason, consent)``;
- ``consent_valid(seeker, scope, ...)`` -> bool;
- ``require_consent(seeker, scope, ...)`` -> the valid ``Consent`` or raises ``ConsentRequired`` (with the reason);
- ``consent_checks(seekers, scope)`` -> {seeker id: ConsentCheck} in one query, for rankings.

Scopes: ``network_matching`` (share a pseudonymous profile for matching, also what rankings and comparisons need),
``employer_disclosure`` (tell the named employers the agreed text; pass ``employer_id``), ``information_exchange``
(exchange information with the named parties). A withdrawn consent stops counting at once: validity is computed at
every check, never cached.

Written consent (seed 2867-2885: a written, specific permission is the standard). A consent given orally may be
recorded; it counts inside the organisation (rankings of my own seekers) but not for anything that leaves it until a
written confirmation is recorded (``consent_confirm``: the date on the written consent and who recorded it).
``written=True`` asks for that: disclosure to an employer always, cross-organisation proposals and the pseudonymous
comparison the lead's owner sees.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.core.dates import today
from app.core.diagnosis import diagnosis_audit
from app.core.refusals import Refusal
from app.extensions import db
from app.seekers.models import SCOPES, Consent, ConsentEmployer, ConsentEvent, JobSeeker

REASONS = {
    "valid": _l("Valid consent."),
    "none": _l("No consent of this scope has been recorded."),
    "withdrawn": _l("The consent was withdrawn."),
    "expired": _l("The consent has expired."),
    "not_yet": _l("The consent starts later."),
    "employer_not_named": _l("The consent does not name this employer."),
    "oral": _l("The consent was given orally: record the written consent before it can be used for this."),
}
WRITTEN_SCOPES = ("employer_disclosure",)  # never without writing, whoever asks


@dataclass(frozen=True)
class ConsentCheck:
    """The outcome of a consent check, with a reason code the page can explain."""

    ok: bool
    reason: str
    scope: str
    consent: Consent | None = None

    @property
    def message(self) -> str:
        """The reason in the user's language."""
        return str(REASONS.get(self.reason, self.reason))


class ConsentRequired(Refusal):
    """An action needs a valid consent of a scope that the seeker has not given (or has withdrawn); the message is
    the reason."""

    def __init__(self, check: ConsentCheck):
        super().__init__(REASONS.get(check.reason, check.reason))
        self.check = check


def _evaluate(consents: list[Consent], scope: str, employer_id: int | None, day: date,
              written: bool = False) -> ConsentCheck:
    relevant = [c for c in consents if c.scope == scope]
    if scope == "employer_disclosure" and employer_id is not None:
        named = [c for c in relevant if employer_id in c.employer_ids]
        if relevant and not named:
            return ConsentCheck(False, "employer_not_named", scope)
        relevant = named
    valid = [c for c in relevant if c.valid_on(day)]
    in_writing = [c for c in valid if c.written_on(day)] if written else valid
    if in_writing:
        return ConsentCheck(True, "valid", scope, max(in_writing, key=lambda c: (c.signed_on, c.id)))
    if valid:
        return ConsentCheck(False, "oral", scope, max(valid, key=lambda c: (c.signed_on, c.id)))
    newest = max(relevant, key=lambda c: (c.signed_on, c.id), default=None)
    if newest is None:
        return ConsentCheck(False, "none", scope)
    if newest.withdrawn_on is not None:
        return ConsentCheck(False, "withdrawn", scope, newest)
    if newest.signed_on > day:
        return ConsentCheck(False, "not_yet", scope, newest)
    return ConsentCheck(False, "expired", scope, newest)


def _written(scope: str, written: bool | None) -> bool:
    return scope in WRITTEN_SCOPES or bool(written)


def consent_check(seeker: JobSeeker, scope: str, *, employer_id: int | None = None, on: date | None = None,
                  written: bool | None = None) -> ConsentCheck:
    """Whether the seeker has a valid consent of `scope` (naming `employer_id` for disclosure) today, and why not;
    `written=True` (always for disclosure) counts an oral consent only once confirmed in writing."""
    if scope not in SCOPES:
        raise ValueError(f"unknown consent scope {scope!r}")
    consents = list(db.session.scalars(select(Consent).where(Consent.seeker_id == seeker.id,
                                                             Consent.organisation_id == seeker.organisation_id)))
    return _evaluate(consents, scope, employer_id, on or today(), _written(scope, written))


def consent_valid(seeker: JobSeeker, scope: str, *, employer_id: int | None = None, on: date | None = None,
                  written: bool | None = None) -> bool:
    """True when the seeker has a valid consent of `scope` (naming `employer_id` for disclosure)."""
    return consent_check(seeker, scope, employer_id=employer_id, on=on, written=written).ok


def require_consent(seeker: JobSeeker, scope: str, *, employer_id: int | None = None,
                    written: bool | None = None) -> Consent:
    """The valid consent of `scope`, or raise ConsentRequired carrying the reason."""
    check = consent_check(seeker, scope, employer_id=employer_id, written=written)
    if not check.ok:
        raise ConsentRequired(check)
    return check.consent


def consent_checks(seekers: list[JobSeeker], scope: str, *, on: date | None = None,
                   written: bool | None = None) -> dict[int, ConsentCheck]:
    """Consent checks for many seekers of one organisation in one query."""
    ids = [s.id for s in seekers]
    by_seeker: dict[int, list[Consent]] = {i: [] for i in ids}
    if ids:
        for consent in db.session.scalars(select(Consent).where(Consent.seeker_id.in_(ids), Consent.scope == scope)):
            by_seeker[consent.seeker_id].append(consent)
    day = on or today()
    return {i: _evaluate(consents, scope, None, day, _written(scope, written)) for i, consents in by_seeker.items()}


def consent_record(*, seeker: JobSeeker, data: dict, employer_ids: list[int], recorded_by_id: int | None,
                   diagnosis_reason: str | None = None) -> Consent:
    """Record a consent as given (append-only: it is never edited afterwards) and its `granted` event; diagnosis
    words kept in the note are audit-logged with `diagnosis_reason`."""
    scope = data["scope"]
    consent = Consent(seeker_id=seeker.id, organisation_id=seeker.organisation_id, scope=scope,
                      signed_on=data["signed_on"], written=bool(data["written"]), valid_until=data.get("valid_until"),
                      parties=(data.get("parties") or "").strip() or None if scope == "information_exchange" else None,
                      disclosure_text=(data.get("disclosure_text") or "").strip() or None
                      if scope == "employer_disclosure" else None,
                      note=(data.get("note") or "").strip() or None, recorded_by_id=recorded_by_id)
    if scope == "employer_disclosure":
        consent.employer_rows = [ConsentEmployer(employer_id=e) for e in dict.fromkeys(employer_ids)]
    db.session.add(consent)
    db.session.flush()
    diagnosis_audit(consent, data, diagnosis_reason)
    _event(consent, "granted", data["signed_on"], None, recorded_by_id)
    return consent


def consent_withdraw(*, consent: Consent, on: date, note: str | None, recorded_by_id: int | None) -> Consent:
    """Withdraw a consent; it stops counting at once. Withdrawing twice keeps the first date."""
    if consent.withdrawn_on is None:
        on = max(on, consent.signed_on)
        consent.withdrawn_on = on
        _event(consent, "withdrawn", on, note, recorded_by_id)
        db.session.flush()
    return consent


def consent_confirm(*, consent: Consent, on: date, note: str | None, recorded_by_id: int | None) -> Consent:
    """Record that an oral consent was confirmed in writing (the date on the written consent; set once, with an
    event): from then on it counts for disclosure and for proposals to other organisations."""
    if consent.in_writing or consent.withdrawn_on is not None:
        return consent
    consent.confirmed_on, consent.confirmed_by_id = max(on, consent.signed_on), recorded_by_id
    _event(consent, "confirmed", consent.confirmed_on, note, recorded_by_id)
    db.session.flush()
    return consent


def consent_review(*, consent: Consent, on: date, note: str | None, recorded_by_id: int | None) -> ConsentEvent:
    """Record that the consent was gone through orally with the seeker."""
    return _event(consent, "reviewed", on, note, recorded_by_id)


def _event(consent: Consent, kind: str, on: date, note: str | None, recorded_by_id: int | None) -> ConsentEvent:
    event = ConsentEvent(consent_id=consent.id, organisation_id=consent.organisation_id, kind=kind, happened_on=on,
                         note=(note or "").strip()[:500] or None, recorded_by_id=recorded_by_id)
    db.session.add(event)
    db.session.flush()
    return event
