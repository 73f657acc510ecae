"""Privacy by declaration (issue 11): every column that holds text or personal data says who may see it.

Declare on the column, in the model, with ``info=``::

    summary: Mapped[str] = mapped_column(Text, info=declare("network", "employer_facing"))
    notes: Mapped[str | None] = mapped_column(Text, info=declare("organisation", "personal", guard="warn"))
    status: Mapped[str] = mapped_column(String(20), info=CODE)

Classes (a column may carry several):

- ``network``: may be shown to every organisation of the network (when its record is shared at all);
- ``organisation``: private to the organisation that owns the record;
- ``personal``: about an identifiable person: erased with them, included in their access export;
- ``employer_facing``: printed or sent to an employer or to the network: the diagnosis guard refuses diagnosis words
  (forms mark the field and keep the text; a flush that would store such words raises ``DiagnosisRefused``);
- ``none`` (alone, ``CODE``): holds no free text and nothing about a person: codes from a fixed list, hashes,
  technical JSON of codes and ids. Visibility follows the record.

``guard="warn"`` on an organisation's private note asks for a reason before diagnosis words are kept (the warning of
``app.core.diagnosis``); ``employer_facing`` implies the refusing guard. Every String, Text, JSON and binary column
must be declared (tests/core/test_privacy_declarations.py walks the metadata). The purpose of a column is its table's
purpose (``TABLE_PURPOSES``) unless the declaration names one: ``registry()`` lists every declared column with its
classes and purpose for the register description, the access export and retention.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, LargeBinary, MetaData, String, Text, inspect

NETWORK = "network"
ORGANISATION = "organisation"
PERSONAL = "personal"
EMPLOYER_FACING = "employer_facing"
NONE = "none"
CLASSES = (NETWORK, ORGANISATION, PERSONAL, EMPLOYER_FACING)
VISIBILITY = (NETWORK, ORGANISATION, PERSONAL)  # a declared column says at least one of these
GUARDS = ("block", "warn")
INFO_KEY = "privacy"

CLASS_LABELS = {
    NETWORK: _l("Shared with the network"),
    ORGANISATION: _l("Only the owning organisation"),
    PERSONAL: _l("Personal data"),
    EMPLOYER_FACING: _l("Shown to employers or the network"),
}

PURPOSES = {
    "directory": _l("The shared employer directory: employers, their units and contact persons"),
    "employer_relations": _l("Each organisation's own contacts with employers: touchpoints, promises, notes"),
    "ratko": _l("Job carving with employers (RATKO): engagements, workshops, tasks and bundles"),
    "job_search": _l("Supporting a job seeker's job search: wishes, consents, capability profiles, matching"),
    "vacancies": _l("Vacancy leads shared in the network and candidates proposed for them"),
    "placement_support": _l("Support at work after a placement and the follow-ups"),
    "accounts": _l("User accounts, sign-in and security"),
    "audit": _l("The audit trail: who viewed or changed what"),
    "imports": _l("Spreadsheet imports of employer data"),
    "catalogue": _l("The network's characteristic catalogue and settings"),
    "search": _l("Finding records with the search box: names, titles, codes and contact details copied from the "
                 "records above into a search index"),
}

TABLE_PURPOSES = {
    "organisations": "accounts", "users": "accounts", "user_roles": "accounts", "auth_sessions": "accounts",
    "login_attempts": "accounts", "calendar_tokens": "accounts", "network_settings": "accounts",
    "totp_factors": "accounts", "recovery_codes": "accounts", "passkeys": "accounts",
    "api_tokens": "accounts", "api_idempotency_keys": "accounts",
    "audit_events": "audit",
    "diagnosis_words": "catalogue", "characteristic_groups": "catalogue", "characteristics": "catalogue",
    "retention_periods": "catalogue",
    "employers": "directory", "employer_tags": "directory", "sites": "directory", "contact_persons": "directory",
    "relationships": "employer_relations", "touchpoints": "employer_relations", "follow_ups": "employer_relations",
    "relationship_cadence": "employer_relations",
    "ratko_engagements": "ratko", "ratko_engagement_events": "ratko", "ratko_engagement_notes": "ratko",
    "ratko_key_persons": "ratko", "ratko_time_entries": "ratko", "ratko_workshops": "ratko",
    "ratko_participants": "ratko", "ratko_bundles": "ratko", "ratko_tasks": "ratko", "ratko_consolidations": "ratko",
    "ratko_follow_ups": "ratko", "demand_profiles": "ratko", "demand_ratings": "ratko",
    "job_seekers": "job_search", "seeker_workplaces": "job_search", "seeker_consents": "job_search",
    "seeker_consent_events": "job_search", "capability_profiles": "job_search",
    "leads": "vacancies", "lead_proposals": "vacancies",
    "placements": "placement_support", "placement_phases": "placement_support",
    "placement_follow_ups": "placement_support",
    "import_batches": "imports", "import_files": "imports", "import_rows": "imports", "import_changes": "imports",
    "import_mappings": "imports",
    "search_index": "search",
}


TABLE_LABELS = {  # what a person reads on the erase page and the register description
    "job_seekers": _l("Job seeker record"), "seeker_workplaces": _l("Workplaces on the traffic-light list"),
    "seeker_consents": _l("Consents"), "seeker_consent_events": _l("Consent history events"),
    "seeker_consent_employers": _l("Employers named in consents"),
    "capability_profiles": _l("Capability assessments"), "capability_ratings": _l("Capability ratings"),
    "placements": _l("Placements"), "placement_phases": _l("Support-plan phases"),
    "placement_follow_ups": _l("Placement follow-ups"), "lead_proposals": _l("Candidate proposals"),
    "contact_persons": _l("Contact person record"), "touchpoints": _l("Contacts with employers"),
    "leads": _l("Vacancy leads"), "ratko_key_persons": _l("RATKO key persons"),
    "ratko_participants": _l("RATKO workshop participants"), "ratko_consolidations": _l("RATKO induction agreements"),
}


def table_label(name: str) -> str:
    """A table as a person reads it (the table name when it has no label)."""
    return str(TABLE_LABELS.get(name, name))


def declare(*classes: str, guard: str | None = None, purpose: str | None = None) -> dict:
    """The ``info=`` of a column: its privacy classes, the diagnosis guard ("warn") and an optional purpose code."""
    unknown = [c for c in classes if c not in (*CLASSES, NONE)]
    if unknown or not classes:
        raise ValueError(f"unknown or missing privacy classes: {unknown or classes}")
    if NONE in classes and len(classes) > 1:
        raise ValueError("'none' stands alone")
    if guard not in (None, "warn"):
        raise ValueError("guard is 'warn' or nothing ('block' follows from employer_facing)")
    if purpose is not None and purpose not in PURPOSES:
        raise ValueError(f"unknown purpose {purpose!r}")
    info = {INFO_KEY: tuple(dict.fromkeys(classes))}
    if guard:
        info["guard"] = guard
    if purpose:
        info["purpose"] = purpose
    return info


CODE = declare(NONE)


@dataclass(frozen=True)
class ColumnDeclaration:
    """One declared column: table, column, classes, diagnosis guard and purpose."""

    table: str
    column: str
    classes: frozenset[str]
    guard: str | None
    purpose: str | None
    text: bool

    @property
    def purpose_label(self) -> str:
        """The purpose in the user's language."""
        return str(PURPOSES.get(self.purpose or "", ""))


def needs_declaration(column) -> bool:
    """Text, JSON and binary columns must declare their class; others (ids, numbers, dates, flags) may."""
    return isinstance(column.type, String | Text | JSON | LargeBinary)


def classes_of(column) -> frozenset[str]:
    """The declared classes of a Column (empty when undeclared; {"none"} for codes)."""
    return frozenset(column.info.get(INFO_KEY, ()))


def guard_of(column) -> str | None:
    """"block" for employer-facing text, "warn" where declared, else None."""
    classes = classes_of(column)
    if EMPLOYER_FACING in classes:
        return "block"
    return column.info.get("guard")


def declaration_of(column) -> ColumnDeclaration | None:
    """The declaration of a Column, or None when it has none."""
    if INFO_KEY not in column.info:
        return None
    table = column.table.name
    return ColumnDeclaration(table=table, column=column.name, classes=classes_of(column), guard=guard_of(column),
                             purpose=column.info.get("purpose") or TABLE_PURPOSES.get(table),
                             text=needs_declaration(column))


def _metadata(metadata: MetaData | None) -> MetaData:
    if metadata is not None:
        return metadata
    from app.extensions import db

    return db.metadata


def registry(metadata: MetaData | None = None) -> list[ColumnDeclaration]:
    """Every declared column of every table, in table then column order."""
    return [declaration for table in sorted(_metadata(metadata).tables.values(), key=lambda t: t.name)
            for column in table.columns if (declaration := declaration_of(column)) is not None]


def columns_with(cls: str, metadata: MetaData | None = None) -> list[ColumnDeclaration]:
    """The declared columns carrying a class (e.g. every ``personal`` column, for erasure and the access export)."""
    return [d for d in registry(metadata) if cls in d.classes]


def declaration_problems(metadata: MetaData | None = None) -> list[str]:
    """What is wrong with the declarations: undeclared text columns, no visibility class, a guard on a code,
    a table without a purpose. Empty when everything is declared."""
    problems = []
    for table in sorted(_metadata(metadata).tables.values(), key=lambda t: t.name):
        for column in table.columns:
            where = f"{table.name}.{column.name}"
            declaration = declaration_of(column)
            if declaration is None:
                if needs_declaration(column):
                    problems.append(f"{where}: text column without info=declare(...) or info=CODE")
                continue
            classes = declaration.classes
            if classes != {NONE} and not classes & set(VISIBILITY):
                problems.append(f"{where}: says nothing about who may see it ({sorted(classes)})")
            if classes == {NONE} and (declaration.guard or column.info.get("purpose")):
                problems.append(f"{where}: a code needs no guard or purpose")
            if classes != {NONE} and declaration.purpose not in PURPOSES:
                problems.append(f"{where}: no purpose (add the table to TABLE_PURPOSES or declare purpose=)")
    return problems


def model_columns(model, cls: str | None = None, guard: str | None = None) -> dict[str, ColumnDeclaration]:
    """A model's declared columns by attribute key, optionally only those with a class or a guard level."""
    result = {}
    for attr in inspect(model).column_attrs:
        for column in attr.columns:
            declaration = declaration_of(column) if hasattr(column, "info") and hasattr(column, "table") else None
            if declaration is None:
                continue
            if (cls is None or cls in declaration.classes) and (guard is None or declaration.guard == guard):
                result[attr.key] = declaration
    return result
