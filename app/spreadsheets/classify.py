"""Classify normalised rows against the directory: what a commit would create, update or leave alone. Pure.

Employers match by Y-tunnus, otherwise by normalised name + municipality; contacts by e-mail, otherwise by name at
that employer. Rows naming the same employer form a group led by its first row: the leader carries the employer and
relationship plan, every row may carry one contact.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field

from app.employers.normalise import company_key, person_key

EMPLOYER_FIELDS = {"business_id": "business_id", "municipality": "municipality", "industry": "industry_code",
                   "size_class": "size_class", "address": "address", "website": "website"}
CONTACT_FIELDS = {"contact_name": "name", "title": "title", "phone": "phone", "email": "email"}
RELATIONSHIP_FIELDS = {"owner": "owner_id", "status": "status", "started_on": "started_on", "note": "private_note"}
GROUP_LEVEL = tuple(EMPLOYER_FIELDS) + ("employer_name", "tags") + tuple(RELATIONSHIP_FIELDS)
POLICIES = ("update", "fill", "skip")


@dataclass
class Lookups:
    """Existing records the rows may match, as plain dicts."""

    by_business_id: dict[str, dict] = field(default_factory=dict)
    by_name_key: dict[str, list[dict]] = field(default_factory=dict)
    contacts: dict[int, list[dict]] = field(default_factory=dict)
    relationships: dict[int, dict] = field(default_factory=dict)


@dataclass
class Options:
    """How to treat existing records and relationships."""

    policy: str = "update"
    default_owner_id: int | None = None
    start_all: bool = False


@dataclass
class Row:
    """A staged row going into classification and the verdict coming out."""

    id: int
    number: int
    values: dict
    errors: list
    warnings: list = field(default_factory=list)
    kind: str = ""
    plan: dict = field(default_factory=dict)
    raw: str = "[]"  # the row's cells as JSON text, staged as they are


def name_key(values: dict) -> str:
    """The company-name matching key of a row (as Employer.name_key)."""
    return company_key(values.get("employer_name"))[:200]


def _group_keys(rows: list[Row]) -> dict[int, tuple]:
    """Rows naming the same employer share a key: the Y-tunnus, else name + municipality (aliased to a Y-tunnus)."""
    aliases = {}
    for row in rows:
        bid = row.values.get("business_id")
        if bid and row.values.get("employer_name"):
            aliases.setdefault(("name", name_key(row.values), row.values.get("municipality", "")), ("bid", bid))
    keys = {}
    for row in rows:
        bid = row.values.get("business_id")
        if bid:
            keys[row.id] = ("bid", bid)
        else:
            key = ("name", name_key(row.values), row.values.get("municipality", ""))
            keys[row.id] = aliases.get(key, key)
    return keys


def _existing_by_name(values: dict, lookups: Lookups) -> tuple[dict | None, int]:
    candidates = lookups.by_name_key.get(name_key(values), [])
    municipality = values.get("municipality")
    if municipality:
        candidates = [c for c in candidates if (c.get("municipality") or "") == municipality]
    elif len({c["id"] for c in candidates}) > 1:
        return None, len(candidates)
    if len(candidates) > 1:
        return None, len(candidates)
    return (candidates[0] if candidates else None), 0


def _resolve(leader: Row, lookups: Lookups) -> tuple[dict | None, str, dict | None]:
    """(existing employer or None, matched by, error) for a group's leader."""
    values = leader.values
    bid = values.get("business_id")
    if bid and bid in lookups.by_business_id:
        return lookups.by_business_id[bid], "business_id", None
    if not values.get("employer_name"):
        return None, "", {"code": "required_name", "params": {}}
    existing, ambiguous = _existing_by_name(values, lookups)
    if ambiguous:
        return None, "", {"code": "ambiguous_employer", "params": {"count": ambiguous,
                                                                   "name": values["employer_name"]}}
    if existing and bid and existing.get("business_id") and existing["business_id"] != bid:
        return None, "", None  # another legal entity with the same name: a new employer
    return existing, ("name" if existing else ""), None


def changes(current: dict, incoming: dict, fields: dict[str, str], policy: str) -> dict:
    """{field: [old, new]} for the incoming values that would change `current` under the policy."""
    result = {}
    if policy == "skip":
        return result
    for source, target in fields.items():
        if source not in incoming:
            continue
        new, old = incoming[source], current.get(target)
        if new == old or (policy == "fill" and old not in (None, "")):
            continue
        if target == "business_id" and old:
            continue  # a matched employer's Y-tunnus never changes
        result[target] = [old, new]
    return result


def _tag_changes(current: list[str], incoming: list[str], policy: str) -> dict:
    added = [tag for tag in incoming if tag not in current]
    return {"tags": [current, current + added]} if added and policy != "skip" else {}


def _employer_plan(leader: Row, existing: dict | None, by: str, options: Options) -> dict:
    if existing is None:
        return {"action": "create", "name": leader.values["employer_name"]}
    found = changes(existing, leader.values, EMPLOYER_FIELDS, options.policy)
    found.update(_tag_changes(existing.get("tags", []), leader.values.get("tags", []), options.policy))
    return {"action": "update" if found else "match", "id": existing["id"], "by": by, "name": existing["name"],
            "changes": found, "archived": existing.get("archived", False)}


def _relationship_plan(leader: Row, existing_employer: dict | None, lookups: Lookups, options: Options) -> dict:
    values = leader.values
    current = lookups.relationships.get(existing_employer["id"]) if existing_employer else None
    if current is not None:
        found = changes(current, values, RELATIONSHIP_FIELDS, options.policy)
        return {"action": "update" if found else "match", "id": current["id"], "changes": found}
    wanted = existing_employer is None or options.start_all or any(k in values for k in RELATIONSHIP_FIELDS)
    if not wanted:
        return {}
    return {"action": "create", "owner_id": values.get("owner", options.default_owner_id),
            "status": values.get("status", "prospect"), "started_on": values.get("started_on"),
            "private_note": values.get("note")}


def _contact_plan(row: Row, employer_id: int | None, lookups: Lookups, options: Options) -> dict:
    values = row.values
    if "contact_name" not in values:
        return {}
    existing = None
    people = lookups.contacts.get(employer_id, []) if employer_id else []
    if values.get("email"):
        existing = next((c for c in people if c.get("email") == values["email"]), None)
    if existing is None:
        wanted = person_key(values["contact_name"])
        existing = next((c for c in people if person_key(c["name"]) == wanted), None)
    if existing is None:
        return {"action": "create", "name": values["contact_name"]}
    found = changes(existing, values, CONTACT_FIELDS, options.policy)
    if "name" in found and person_key(found["name"][0]) == person_key(found["name"][1]):
        del found["name"]  # the same name in other letter case or spacing is not worth a change
    return {"action": "update" if found else "match", "id": existing["id"], "name": existing["name"],
            "by": "email" if values.get("email") and existing.get("email") == values["email"] else "name",
            "changes": found}


@dataclass
class _Seen:
    """What a group has had so far: row signatures and contacts (by key and by matched id) -> first row number."""

    rows: dict[str, int] = field(default_factory=dict)
    contacts: dict[str, int] = field(default_factory=dict)


def _signature(values: dict) -> str:
    return json.dumps(values, sort_keys=True, ensure_ascii=False)


def contact_key(values: dict) -> str:
    """Identifies a contact within one employer group."""
    return values.get("email") or person_key(values.get("contact_name"))


def classify(rows: list[Row], lookups: Lookups, options: Options) -> list[Row]:
    """Fill in kind, plan and warnings of every row (rows are changed in place and returned)."""
    valid = [row for row in rows if not row.errors]
    keys = _group_keys(valid)
    groups: dict[tuple, list[Row]] = defaultdict(list)
    for row in valid:
        groups[keys[row.id]].append(row)
    leaders_by_existing: dict[int, Row] = {}
    seen: dict[int, _Seen] = {}
    for members in groups.values():
        leader = members[0]
        existing, by, problem = _resolve(leader, lookups)
        if problem:
            for row in members:
                row.errors.append({"field": "employer_name", "column": "", "stage": "match", **problem})
            continue
        if existing and existing["id"] in leaders_by_existing:
            first = leaders_by_existing[existing["id"]]
            _follow(members, first, existing, lookups, options, seen[first.id])
            continue
        if existing:
            leaders_by_existing[existing["id"]] = leader
        leader.plan = {"employer": _employer_plan(leader, existing, by, options),
                       "relationship": _relationship_plan(leader, existing, lookups, options),
                       "contact": _contact_plan(leader, existing and existing["id"], lookups, options)}
        seen[leader.id] = _Seen(rows={_signature(leader.values): leader.number})
        if "contact_name" in leader.values:
            seen[leader.id].contacts[contact_key(leader.values)] = leader.number
        if leader.plan["contact"].get("id"):
            seen[leader.id].contacts[f"#{leader.plan['contact']['id']}"] = leader.number
        _follow(members[1:], leader, existing, lookups, options, seen[leader.id])
    for row in rows:
        row.kind = _kind(row)
    return rows


def _follow(members: list[Row], leader: Row, existing: dict | None, lookups: Lookups, options: Options,
            seen: _Seen) -> None:
    for row in members:
        row.plan = {"employer": {"action": "same", "ref": leader.number, "id": existing and existing["id"]}}
        earlier = seen.rows.setdefault(_signature(row.values), row.number)
        if earlier != row.number:
            _duplicate(row, "duplicate_row", earlier)
            continue
        if any(row.values.get(k) != leader.values.get(k) for k in GROUP_LEVEL if k in row.values):
            row.warnings.append({"code": "employer_differs", "params": {"row": leader.number}})
        if "contact_name" not in row.values:
            _duplicate(row, "", leader.number)
            continue
        key = contact_key(row.values)
        if key in seen.contacts:
            _duplicate(row, "duplicate_contact", seen.contacts[key])
            continue
        plan = _contact_plan(row, existing and existing["id"], lookups, options)
        if plan.get("id") and f"#{plan['id']}" in seen.contacts:
            _duplicate(row, "duplicate_contact", seen.contacts[f"#{plan['id']}"])
            continue
        seen.contacts[key] = row.number
        if plan.get("id"):
            seen.contacts[f"#{plan['id']}"] = row.number
        row.plan["contact"] = plan


def _duplicate(row: Row, code: str, ref: int) -> None:
    row.plan["duplicate"] = True
    if code:
        row.warnings.append({"code": code, "params": {"row": ref}})


def _kind(row: Row) -> str:
    if row.errors:
        return "error"
    if row.plan.get("duplicate"):
        return "duplicate"
    actions = [row.plan.get(part, {}).get("action") for part in ("employer", "contact", "relationship")]
    if "create" in actions:
        return "new"
    if "update" in actions:
        return "update"
    return "unchanged"


def tally(rows: list[Row]) -> dict:
    """Counts for the preview: rows by kind, rows with notes on a value, and employers, contacts and relationships
    by action."""
    counts: dict = {"rows": len(rows), "new": 0, "update": 0, "unchanged": 0, "duplicate": 0, "error": 0,
                    "noted": sum(1 for row in rows if any("field" in w for w in row.warnings))}
    for part in ("employer", "contact", "relationship"):
        for action in ("create", "update", "match"):
            counts[f"{part}_{action}"] = 0
    for row in rows:
        counts[row.kind] += 1
        if row.kind in ("error", "duplicate"):
            continue
        for part in ("employer", "contact", "relationship"):
            action = row.plan.get(part, {}).get("action")
            if action in ("create", "update", "match"):
                counts[f"{part}_{action}"] += 1
    return counts
