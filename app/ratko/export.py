"""Bundle and freed-time exports as .xlsx (app.core.xlsx: typed cells, text never becomes a formula). Hours are
numbers, shares are percentages and dates are dates, so a spreadsheet can sum and sort them."""

from __future__ import annotations

import re
import unicodedata

from flask_babel import gettext as _

from app.core.dates import today
from app.core.xlsx import Column, Typed, workbook_bytes
from app.ratko.labels import BUNDLE_STATUS_LABELS, CATEGORY_LABELS, FREQUENCY_LABELS, frees_text, label


def filename(*parts: str) -> str:
    """An ASCII file name from the given parts ("osastoavustaja-12.xlsx")."""
    text = "-".join(p for p in parts if p)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return (re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower() or "ratko")[:80] + ".xlsx"


def _flags(task) -> str:
    flags = [text for on, text in ((task.left_undone, _("Left undone")), (task.burdens_staff, _("Burdens staff")),
                                   (task.needs_qualification, _("Needs a qualification")),
                                   (task.collective_agreement, _("Collective agreement"))) if on]
    return ", ".join(flags + ([task.flag_note] if task.flag_note else []))


def _freed_sheet(freed) -> tuple:
    columns = [Column(_("Role"), 28), Column(_("Tasks inventoried"), 12, "number"),
               Column(_("h/week inventoried"), 14, "number"), Column(_("h/week into bundles"), 14, "number"),
               Column(_("Share"), 10, "percent")]
    rows = ([r.role, r.tasks, round(r.inventoried, 2), round(r.carved, 2), round(r.share, 3)] for r in freed)
    return _("Freed time"), columns, rows


def _number(value) -> Typed | None:
    return None if value is None else Typed(round(value, 2), "number")


def bundle_xlsx(*, bundle, engagement, employer, tasks, summary, freed) -> bytes:
    """The job description (every field), its tasks and the engagement's freed time per role."""
    fields = [Column(_("Field"), 26), Column(_("Value"), 80)]
    facts = [(_("Employer"), employer.name), (_("Engagement"), engagement.title), (_("Title"), bundle.title),
             (_("Status"), label(BUNDLE_STATUS_LABELS, bundle.status)), (_("Purpose"), bundle.purpose),
             (_("Agreed hours per week"), _number(bundle.hours_per_week)),
             (_("h/week from the tasks"), _number(summary.hours)),
             (_("Schedule"), bundle.schedule), (_("Place"), bundle.place),
             (_("Who guides the work"), bundle.guided_by), (_("What the job needs"), bundle.requirements),
             (_("Working conditions"), bundle.working_conditions), (_("Where the tasks come from"),
                                                                   frees_text(summary.by_role)),
             (_("Management's go on"), Typed(engagement.decided_on, "date") if engagement.decision == "go" else None),
             (_("Exported on"), Typed(today(), "date"))]
    task_columns = [Column(_("Task"), 48), Column(_("Whose work"), 22), Column(_("Category"), 14),
                    Column(_("h/week"), 10, "number"), Column(_("Frequency"), 14), Column(_("Flags"), 40)]
    task_rows = ([t.description, t.role, label(CATEGORY_LABELS, t.category), round(t.hours_per_week, 2),
                  label(FREQUENCY_LABELS, t.frequency), _flags(t)] for t in tasks)
    return workbook_bytes([(_("Job description"), fields, [(str(k), v) for k, v in facts]),
                           (_("Tasks"), task_columns, task_rows), _freed_sheet(freed)])


def freed_xlsx(*, bundles, freed) -> bytes:
    """Freed time per role and the bundles with whose work they came from."""
    bundle_columns = [Column(_("Bundle"), 32), Column(_("h/week"), 10, "number"), Column(_("Tasks"), 8, "number"),
                      Column(_("Where the tasks come from"), 80)]
    bundle_rows = ([b.title, round(s.hours, 2), s.count, frees_text(s.by_role)] for b, s in bundles)
    return workbook_bytes([_freed_sheet(freed), (_("Bundles"), bundle_columns, bundle_rows)])
