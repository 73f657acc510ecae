"""Consent enforcement (RELIABILITY.md R27): when a seeker's consent for network matching is withdrawn, their
undecided proposals are withdrawn in the same flush, so the lead's owner loses the comparison at once.

The consent service belongs to the seekers package, which must not know about leads; this listener watches the
`withdrawn_on` column of consents instead (the same way touchpoints follow relationships)."""

from __future__ import annotations

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from app.seekers.consent import consent_check
from app.seekers.models import MATCHING_SCOPE, Consent, JobSeeker


@event.listens_for(Session, "before_flush")
def _withdraw_proposals_on_consent_withdrawal(session: Session, _context, _instances) -> None:
    """A matching consent that just got a withdrawal date ends the seeker's pending proposals (unless another valid
    matching consent remains)."""
    seekers = set()
    for obj in session.dirty:
        if isinstance(obj, Consent) and obj.scope == MATCHING_SCOPE and obj.withdrawn_on is not None:
            history = inspect(obj).attrs.withdrawn_on.history
            if history.added and history.added[0] is not None:
                seekers.add(obj.seeker_id)
    if not seekers:
        return
    from app.leads.services.proposals import proposals_withdraw_for_seeker

    with session.no_autoflush:
        for seeker_id in seekers:
            seeker = session.get(JobSeeker, seeker_id)
            if seeker is not None and consent_check(seeker, MATCHING_SCOPE, written=True).ok:
                continue
            proposals_withdraw_for_seeker(seeker_id=seeker_id, session=session)
