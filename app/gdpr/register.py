"""The register description (rekisteriseloste / tietosuojaseloste) built from the field declarations: per purpose
the record types, the personal fields and who sees them, the lawful basis and how long the data is kept."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.core.privacy import EMPLOYER_FACING, NETWORK, ORGANISATION, PERSONAL, PURPOSES, TABLE_PURPOSES, registry
from app.gdpr.labels import PURPOSE_BASES, field_label, record_label
from app.gdpr.retention import TYPES, period_text

PURPOSE_RETENTION = {"job_search": ("seeker",), "placement_support": ("placement", "seeker"),
                     "vacancies": ("seeker",), "imports": ("import_file",)}
NO_AUTOMATIC = _l("No automatic deletion: kept while the purpose needs it, and personal data is erased when the "
                  "person asks for it (see your rights below).")
AUDIT_RETENTION = _l("Kept as long as the records it describes. When a person is erased, their values in it are "
                     "masked: the fact that something happened stays, what it said does not.")
SEEKER_LINKED = _l("A proposal of a job seeker is erased with the job seeker's data.")
SEARCH_RETENTION = _l("As long as the record the text was copied from: it changes and goes with the record.")


@dataclass(frozen=True)
class PersonalField:
    """A personal field as the register description lists it."""

    record_type: str
    label: str
    technical: str
    seen_by: str
    employer_facing: bool


@dataclass
class PurposeSection:
    """One purpose of processing."""

    code: str
    label: str
    basis: str
    record_types: list[str] = field(default_factory=list)
    personal: list[PersonalField] = field(default_factory=list)
    retention: list[str] = field(default_factory=list)


def _seen_by(classes) -> str:
    if NETWORK in classes:
        return _("Every organisation of the network")
    if ORGANISATION in classes:
        return _("Only the organisation that recorded it")
    return _("Nobody but the administrators and the system")


def _retention(code: str, periods: dict[str, int]) -> list[str]:
    if code == "audit":
        return [str(AUDIT_RETENTION)]
    if code == "search":
        return [str(SEARCH_RETENTION)]
    lines = []
    for kind in PURPOSE_RETENTION.get(code, ()):
        if code == "vacancies":
            lines.append(str(SEEKER_LINKED))
            continue
        lines.append(_("%(what)s: %(period)s %(rule)s", what=TYPES[kind].label,
                       period=period_text(kind, periods[kind]), rule=TYPES[kind].rule))
    return lines or [str(NO_AUTOMATIC)]


def register_description(periods: dict[str, int]) -> list[PurposeSection]:
    """Every purpose with its record types, personal fields, basis and retention, from the declarations."""
    tables, personal = defaultdict(set), defaultdict(list)
    for table, purpose in TABLE_PURPOSES.items():
        tables[purpose].add(table)
    for declaration in registry():
        purpose = declaration.purpose or TABLE_PURPOSES.get(declaration.table)
        if purpose is None:
            continue
        tables[purpose].add(declaration.table)
        if PERSONAL in declaration.classes:
            personal[purpose].append(PersonalField(
                record_label(declaration.table), field_label(declaration.table, declaration.column),
                f"{declaration.table}.{declaration.column}", _seen_by(declaration.classes),
                EMPLOYER_FACING in declaration.classes))
    return [PurposeSection(code=code, label=str(label), basis=str(PURPOSE_BASES.get(code, "")),
                           record_types=sorted(record_label(t) for t in tables[code]),
                           personal=sorted(personal[code], key=lambda f: (f.record_type, f.label)),
                           retention=_retention(code, periods))
            for code, label in PURPOSES.items() if tables[code]]
