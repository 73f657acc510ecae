"""Reads for the choices of the lead and placement forms: the employer picker, the employer's sites, contacts and my
organisation's touchpoints there, and my organisation's users."""

from __future__ import annotations

from sqlalchemy import select

from app.auth.models import User
from app.employers.models import ContactPerson, Employer, Site
from app.employers.selectors import employer_search  # noqa: F401  (the employer picker)
from app.extensions import db
from app.touchpoints.models import Touchpoint


def employer_or_none(employer_id) -> Employer | None:
    """A network-shared employer by id, or None (a form's current choice)."""
    valid = isinstance(employer_id, int) and 0 < employer_id < 2**63
    return db.session.get(Employer, employer_id) if valid else None




def employer_parts(*, user, employer_id: int | None) -> dict:
    """Sites, contact persons and my organisation's recent touchpoints of an employer (choices of the lead form)."""
    if not employer_id:
        return {"sites": [], "contacts": [], "touchpoints": []}
    sites = db.session.scalars(select(Site).where(Site.employer_id == employer_id, Site.archived_at.is_(None))
                               .order_by(Site.name))
    contacts = db.session.scalars(select(ContactPerson).where(ContactPerson.employer_id == employer_id,
                                                              ContactPerson.archived_at.is_(None))
                                  .order_by(ContactPerson.name))
    touchpoints = db.session.scalars(select(Touchpoint).where(
        Touchpoint.employer_id == employer_id, Touchpoint.organisation_id == user.organisation_id)
        .order_by(Touchpoint.occurred_on.desc(), Touchpoint.id.desc()).limit(20))
    return {"sites": list(sites), "contacts": list(contacts), "touchpoints": list(touchpoints)}


def organisation_users(*, user) -> list[User]:
    """Active users of my organisation (lead owner choices)."""
    return list(db.session.scalars(select(User).where(User.organisation_id == user.organisation_id,
                                                      User.active.is_(True)).order_by(User.name)))
