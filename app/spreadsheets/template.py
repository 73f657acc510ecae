"""The import template (with an instructions sheet in the user's language) and a batch's error report."""

from __future__ import annotations

from flask_babel import gettext as _

from app.core.dates import today
from app.core.xlsx import Column, workbook_bytes
from app.spreadsheets import selectors
from app.spreadsheets.mapping import FIELDS
from app.spreadsheets.messages import note_text
from app.spreadsheets.models import ImportBatch

TEMPLATE_FIELDS = ("employer_name", "business_id", "municipality", "industry", "size_class", "address", "website",
                   "tags", "contact_name", "title", "phone", "email", "owner", "status", "started_on", "note")


def _help() -> dict[str, tuple[str, str]]:
    return {
        "employer_name": (_("Required for a new employer. Repeat it on every row of the same employer."),
                          "Pielisen Puutyö Oy"),
        "business_id": (_("1234567-8, also accepted without the dash, with spaces or as FI12345678."), "0112038-9"),
        "municipality": (_("A Finnish municipality in Finnish or Swedish."), "Joensuu"),
        "industry": (_("A TOL 2008 code (47), the industry's name or a common word such as Siivous or Ravintola; "
                       "other words are kept as the employer's tags."), "47"),
        "size_class": (_("micro, small, medium or large (or the names shown in the app), or the number of "
                         "employees."), _("Small (10–49)")),
        "address": (_("Street address."), "Teollisuuskatu 1, 80100 Joensuu"),
        "website": (_("Web address."), "https://www.example.fi"),
        "tags": (_("Separated by commas."), "metalli, kesätyö"),
        "contact_name": (_("The contact person's name (or use separate first and last name columns)."),
                         "Liisa Laine"),
        "title": (_("The contact person's job title."), _("HR manager")),
        "phone": (_("Any format; Finnish numbers may omit +358."), "040 123 4567"),
        "email": (_("E-mail address."), "liisa.laine@example.fi"),
        "owner": (_("Name or e-mail of the user in your organisation who owns the relationship."), ""),
        "status": (_("Our relationship status, e.g. Prospect or Active partner."), _("Prospect")),
        "started_on": (_("Date the relationship started, d.m.yyyy."), "1.3.2024"),
        "note": (_("A private note only your organisation sees."), ""),
    }


def template_name() -> str:
    """A dated file name for the template."""
    return f"{_('import-template')}-{today().isoformat()}.xlsx"


def template_xlsx() -> bytes:
    """An empty contact list with the recognised column names, and a sheet explaining each column."""
    labels = {f.key: str(f.label) for f in FIELDS}
    columns = [Column(labels[key], 22) for key in TEMPLATE_FIELDS]
    help_rows = [(labels[key], text, example) for key, (text, example) in _help().items()]
    notes = [("", _("One row per contact person. Rows of the same employer repeat the employer's columns."), ""),
             ("", _("Empty cells never erase what the directory already has."), ""),
             ("", _("Column names in Finnish, Swedish or English are recognised; you can change the mapping when "
                    "you upload."), "")]
    instructions = [Column(_("Column"), 24), Column(_("What to write"), 80), Column(_("Example"), 30)]
    return workbook_bytes([(_("Contacts"), columns, []), (_("Instructions"), instructions, help_rows + notes)])


def error_report_name(batch: ImportBatch) -> str:
    """A file name for a batch's error report."""
    return f"{_('import-errors')}-{batch.id}-{today().isoformat()}.xlsx"


def error_report_xlsx(batch: ImportBatch) -> bytes:
    """One line per row with errors or notes on its values: its row number in the file, the reasons, then its
    original cells (fix them there and upload the rows again)."""
    headers = batch.headers
    columns = [Column(_("Row"), 8, "number"), Column(_("Problems"), 60)] + [Column(h or "", 18) for h in headers]

    def lines():
        for row in selectors.batch_rows_to_fix(batch.id):
            notes = row.errors + [w for w in row.warnings if "field" in w]
            problems = "\n".join((f"{note['column']}: " if note.get("column") else "") + note_text(note)
                                 for note in notes)
            yield [row.row_number, problems] + row.raw

    return workbook_bytes([(_("Errors"), columns, lines())])
