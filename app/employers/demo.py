"""Demo employers from seed/demo/employers.json, with sites, contacts and each organisation's relationships."""

from __future__ import annotations

import json
import random
from datetime import timedelta

from app.auth import selectors as auth_selectors
from app.core.db import utcnow
from app.employers import reference, selectors, services
from app.employers.normalise import email_normalise, phone_e164

STATUS_MIX = ("active_partner", "active_partner", "contacted", "meeting_agreed", "prospect", "dormant",
              "active_partner", "contacted", "do_not_contact")


def _employers() -> list[dict]:
    path = reference.SEED_DIR / "demo" / "employers.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def load() -> None:
    """Create the demo employers and relationships (idempotent by Y-tunnus)."""
    rng = random.Random(2026)
    organisations = {o.slug: o for o in auth_selectors.organisation_list()}
    owners = {slug: auth_selectors.users_of_organisation(o.id) for slug, o in organisations.items()}
    for index, item in enumerate(_employers()):
        if item.get("business_id") and selectors.employer_by_business_id(item["business_id"]):
            continue
        employer = services.employer_create(data={
            "name": item["name"], "business_id": item.get("business_id"), "industry_code": item.get("tol"),
            "size_class": item.get("size_class"),
            "municipality": reference.municipality_canonical(item.get("municipality")) or item.get("municipality"),
            "address": item.get("address"), "website": item.get("website"),
            "diversity_stance": item.get("diversity_stance") or None,
            "pwa_experience": item.get("partial_work_ability_experience") or "unknown", "tags": item.get("tags", []),
        })
        _sites_and_contacts(employer, item)
        _relationships(employer, index, rng, organisations, owners)


def _sites_and_contacts(employer, item: dict) -> None:
    sites = {}
    for site in item.get("sites", []):
        parent = sites.get(site.get("parent"))
        sites[site["name"]] = services.site_add(employer=employer, data={
            "name": site["name"], "parent_id": parent.id if parent else None,
            "municipality": employer.municipality})
    for contact in item.get("contacts", []):
        services.contact_add(employer=employer, data={
            "name": contact["name"], "title": contact.get("title"), "phone": phone_e164(contact.get("phone")),
            "email": email_normalise(contact.get("email")), "preferred_channel": contact.get("preferred_channel"),
            "source": contact.get("source"), "ambassador": bool(contact.get("ambassador"))})


def _relationships(employer, index: int, rng: random.Random, organisations: dict, owners: dict) -> None:
    today = utcnow().date()
    plan = [("joensuu", index % 5 != 4), ("tyovalmennus", index % 3 == 0), ("vaara", index % 4 == 1)]
    for slug, wanted in plan:
        if not wanted or slug not in organisations:
            continue
        people = [u for u in owners[slug] if not u.has_role("admin")] or owners[slug]
        services.relationship_start(organisation_id=organisations[slug].id, employer=employer, data={
            "owner_id": people[index % len(people)].id, "status": STATUS_MIX[(index + len(slug)) % len(STATUS_MIX)],
            "cadence_target": 3, "cadence_minimum": 2,
            "started_on": today - timedelta(days=rng.randint(120, 900))})
