"""Employer-package records for the access tests."""

from app.employers import selectors, services
from app.extensions import db


def build(world) -> None:
    """A shared employer with a contact and a site; B's relationship with a private note."""
    f = world.factory
    employer = f.employer("Yhteinen Työnantaja Oy", municipality="Joensuu")
    contact = f.contact(employer, name="Jaettu Yhteyshenkilö")
    relationship = f.relationship(employer, world.b, private_note=world.marker("relationship-note"))
    own = f.employer("Oma Työnantaja Oy")
    f.relationship(own, world.a)
    with world.app.app_context():
        site = services.site_add(employer=selectors.employer_get_or_404(employer.id), data={"name": "Toimipiste"})
        db.session.commit()
        world.shared["site_id"] = site.id
    world.shared["employer_id"] = employer.id
    world.shared["contact_id"] = contact.id
    world.own["employer_id"] = own.id
    world.b.relationship_id = relationship.id
