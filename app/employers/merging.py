"""What the version-checked employer forms were loaded with: each record's form values and their signed snapshot,
for the three-way merge of a stale save (app.core.conflict). Pure: reads only the objects given."""

from __future__ import annotations

from app.core.conflict import snapshot

EMPLOYER_FIELDS = ("name", "business_id", "industry_code", "size_class", "municipality", "address", "website",
                   "diversity_stance", "pwa_experience")
CONTACT_FIELDS = ("name", "title", "phone", "email", "preferred_channel", "site_id", "source", "ambassador")
RELATIONSHIP_FIELDS = ("owner_id", "status", "cadence_target", "cadence_minimum", "started_on", "private_note")
NEW_RELATIONSHIP = {"status": "prospect", "cadence_target": 3, "cadence_minimum": 2, "started_on": None,
                    "private_note": None}


def employer_values(employer) -> dict:
    """The employer's values as its form edits them (tags included)."""
    return {**{name: getattr(employer, name) for name in EMPLOYER_FIELDS}, "tags": employer.tags}


def employer_key(employer) -> str:
    """The snapshot key of an employer."""
    return f"employer:{employer.id}"


def employer_snapshot(employer) -> str:
    """The signed values an employer form is loaded with."""
    return snapshot(employer_key(employer), employer_values(employer))


def contact_values(contact) -> dict:
    """A contact person's values as the contact form edits them."""
    return {name: getattr(contact, name) for name in CONTACT_FIELDS}


def contact_key(contact) -> str:
    """The snapshot key of a contact person."""
    return f"contact:{contact.id}"


def contact_snapshot(contact) -> str:
    """The signed values a contact form is loaded with."""
    return snapshot(contact_key(contact), contact_values(contact))


def relationship_values(relationship, *, owner_id: int | None = None) -> dict:
    """A relationship's values as its form edits them; the new-relationship form's defaults when there is none."""
    if relationship is None:
        return {"owner_id": owner_id, **NEW_RELATIONSHIP}
    return {name: getattr(relationship, name) for name in RELATIONSHIP_FIELDS}


def relationship_key(organisation_id: int, employer_id: int) -> str:
    """The snapshot key of an organisation's relationship with an employer (the same before and after it exists)."""
    return f"relationship:{organisation_id}:{employer_id}"


def relationship_snapshot(relationship, *, organisation_id: int, employer_id: int, owner_id: int | None) -> str:
    """The signed values a relationship form is loaded with."""
    return snapshot(relationship_key(organisation_id, employer_id),
                    relationship_values(relationship, owner_id=owner_id))
