"""Translated labels for batch states, row kinds and changed fields, and the template helpers that use them."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.spreadsheets.mapping import FIELD_BY_KEY
from app.spreadsheets.messages import note_text

BATCH_STATUS_LABELS = {
    "mapping": _l("Choose columns"), "previewing": _l("Checking rows"),
    "previewed": _l("Preview ready"), "committing": _l("Importing"), "committed": _l("Imported"),
    "undoing": _l("Undoing"), "undone": _l("Undone"), "failed": _l("Stopped"), "discarded": _l("Discarded"),
}
KIND_LABELS = {"new": _l("New"), "update": _l("Update"), "unchanged": _l("Unchanged"),
               "duplicate": _l("Duplicate"), "error": _l("Error")}
ROW_FILTER_LABELS = {"all": _l("All rows"), "error": _l("Errors"), "noted": _l("With notes"), "new": _l("New"),
                     "update": _l("Updates"), "unchanged": _l("Unchanged"), "duplicate": _l("Duplicates")}
CHANGE_LABELS = {"name": _l("Name"), "business_id": _l("Y-tunnus"), "municipality": _l("Municipality"),
                 "industry_code": _l("Industry"), "size_class": _l("Size"), "address": _l("Address"),
                 "website": _l("Website"), "tags": _l("Tags"), "title": _l("Job title"), "phone": _l("Phone"),
                 "email": _l("E-mail"), "owner_id": _l("Owner"), "status": _l("Our status"),
                 "started_on": _l("Relationship started"), "private_note": _l("Private note")}
ENTITY_LABELS = {"employers": _l("Employer"), "contact_persons": _l("Contact person"),
                 "relationships": _l("Our relationship")}


def template_helpers() -> dict:
    """Helpers for the import templates."""
    return {
        "import_message": lambda m: note_text(m) if m else "",
        "batch_status_label": lambda code: str(BATCH_STATUS_LABELS.get(code, code)),
        "row_kind_label": lambda code: str(KIND_LABELS.get(code, code or "")),
        "row_filter_labels": ROW_FILTER_LABELS,
        "change_label": lambda key: str(CHANGE_LABELS.get(key, key)),
        "entity_label": lambda key: str(ENTITY_LABELS.get(key, key)),
        "import_field_label": lambda key: str(FIELD_BY_KEY[key].label) if key in FIELD_BY_KEY else key,
    }
