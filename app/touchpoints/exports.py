"""The worklist as an .xlsx file (written with app.core.xlsx: text cells never become formulas)."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _

from app.core.registry import work_kind_label
from app.core.xlsx import Column, workbook_bytes
from app.touchpoints.labels import STATE_LABELS


def worklist_xlsx(items: list, *, today: date) -> bytes:
    """One row per work item: state, what, employer, due date, owner, last contact, detail."""
    columns = [Column(_("State"), 12), Column(_("What"), 16), Column(_("Employer"), 36),
               Column(_("Due"), 12, "date"), Column(_("Overdue since"), 14, "date"), Column(_("Owner"), 24),
               Column(_("Last counted contact"), 18, "date"), Column(_("Detail"), 48)]
    rows = ([str(STATE_LABELS.get(i.state, i.state)), work_kind_label(i.kind),
             i.employer_name or i.title, i.due,
             i.extra.get("overdue_on") if i.kind == "relationship" else None, i.extra.get("owner_name", ""),
             i.extra.get("last_counted_on"), i.detail] for i in items)
    return workbook_bytes([(_("Worklist %(date)s", date=today.isoformat()), columns, rows)])
