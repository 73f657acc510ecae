"""Every message the import shows, by code: stored as codes and parameters, translated when shown (so an error report
is in the language of whoever reads it)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.core.refusals import Refusal
from app.employers.reference import industry_label

MESSAGES = {
    # The file as a whole (upload refused, nothing written).
    "empty_file": _l("The file is empty."),
    "too_large": _l("The file is larger than %(limit)s MB. Split it into smaller files."),
    "not_spreadsheet": _l("This is not a spreadsheet. Upload an Excel file (.xlsx or .xls) or a CSV file."),
    "pdf": _l("This is a PDF document, not a spreadsheet. Export the list from its program as .xlsx or .csv."),
    "ods": _l("OpenDocument spreadsheets (.ods) are not supported. Save the file as .xlsx and upload it again."),
    "other_office": _l("This is a word-processing or presentation file, not a spreadsheet."),
    "macros": _l("Workbooks with macros (.xlsm) are not accepted. Save the file as an ordinary Excel workbook "
                 "(.xlsx) and upload it again."),
    "encrypted": _l("The workbook is password-protected. Open it in Excel, remove the password (File > Info > "
                    "Protect Workbook) and upload it again."),
    "zip_bomb": _l("The file expands to more than %(limit)s MB when unpacked. It cannot be a contact list; "
                   "check that you chose the right file."),
    "zip_members": _l("The workbook contains too many parts (%(count)s). Save it again in Excel as an ordinary "
                      ".xlsx file."),
    "unsafe_xml": _l("The workbook contains XML constructs that are not allowed (document type declarations)."),
    "corrupt": _l("The file could not be read. It may be damaged; open it in Excel, save it again and retry."),
    "too_many_rows": _l("The sheet has more than %(limit)s rows, the most one import takes. Split the list into "
                        "several files."),
    "too_many_columns": _l("The sheet has %(count)s columns; at most %(limit)s are supported."),
    "no_sheets": _l("The workbook has no visible sheets with data."),
    "no_sheet": _l("The workbook has no sheet called %(name)s."),
    "empty_sheet": _l("The sheet is empty."),
    "header_only": _l("The sheet has a header row but no data rows under it."),
    "no_header": _l("No header row was found in the first %(rows)s rows."),
    "csv_ragged": _l("Row %(row)s of the CSV file has more cells than the header row. Check the separators "
                     "and quotation marks on that row."),
    "file_gone": _l("The uploaded file is no longer kept (files are removed after 24 hours). Upload it again."),
    "not_text": _l("The CSV file contains binary data; it is not a text file."),
    # Notices about the file (shown, do not stop the import).
    "cp1252": _l("The file was not saved as UTF-8; it was read as Windows-1252 (Western European). Check that "
                 "letters like ä and ö look right below."),
    "delimiter": _l("Columns are separated by %(name)s."),
    "formulas": _l("%(count)s cells contain formulas (rows %(rows)s). Their last calculated values were "
                   "imported; nothing was recalculated."),
    "merged": _l("The sheet has merged cells (%(ranges)s). A merged cell's value is read in its first cell only."),
    "hidden_sheets": _l("Hidden sheets were skipped: %(names)s."),
    "title_rows": _l("The header was found on row %(row)s; the rows above it were skipped."),
    "already_imported": _l("This same file was already imported on %(when)s (import #%(batch)s). Importing it "
                           "again creates no duplicates: rows that match are shown as unchanged."),
    # Mapping problems.
    "map_required": _l("Map a column to the employer name or the Y-tunnus."),
    "map_twice": _l("%(field)s is mapped to more than one column."),
    # Row problems (shown per cell, in the preview and the error report).
    "required_name": _l("The employer's name is missing."),
    "too_long": _l("The value is longer than %(max)s characters."),
    "ytunnus": _l("%(value)s is not a valid Y-tunnus (check digit or form 1234567-8)."),
    "ytunnus_other": _l("Y-tunnus %(value)s belongs to another employer (%(name)s)."),
    "municipality": _l("%(value)s is not a Finnish municipality (use the Finnish or Swedish name)."),
    "industry": _l("%(value)s is not a TOL 2008 industry code or name."),
    "website": _l("%(value)s is not a web address (http:// or https://)."),
    "phone": _l("%(value)s is not a valid phone number."),
    "email": _l("%(value)s is not a valid e-mail address."),
    "owner": _l("%(value)s is not a user of your organisation (use their name or e-mail)."),
    "owner_ambiguous": _l("Several users of your organisation are called %(value)s; use the e-mail address."),
    "status": _l("%(value)s is not a relationship status."),
    "size": _l("%(value)s is not a size class (micro, small, medium or large)."),
    "date": _l("%(value)s is not a date (use d.m.yyyy)."),
    "ambiguous_employer": _l("%(count)s employers called %(name)s exist in this municipality; add the Y-tunnus."),
    "contact_without_employer": _l("The row has a contact but no employer name or Y-tunnus."),
    "contact_name": _l("The row has a phone number, e-mail or job title but no contact person's name; they were "
                       "left out (the employer is imported)."),
    "left_out": _l("The value was left out; the rest of the row is imported."),
    "industry_read": _l("%(value)s was read as the industry %(industry)s."),
    "industry_tag": _l("%(value)s is not a TOL 2008 industry; it was kept as a tag (%(tag)s). You can choose the "
                       "industry on the employer's page."),
    # Row notes.
    "duplicate_row": _l("Same as row %(row)s; skipped."),
    "duplicate_contact": _l("The same contact is already on row %(row)s; skipped."),
    "employer_differs": _l("The employer's details differ from row %(row)s; the values on row %(row)s are used."),
    "archived": _l("The matching employer is archived."),
    # Jobs.
    "job_failed": _l("The import stopped at rows %(first)s–%(last)s: %(reason)s. Everything it had written "
                     "was undone; nothing was imported."),
    "job_failed_partly": _l("The import stopped at rows %(first)s–%(last)s: %(reason)s. It was undone, except "
                            "for %(count)s records someone changed in the meantime (listed below)."),
    "reason_conflict": _l("a record conflicts with one saved by someone else at the same time"),
    "reason_busy": _l("the database was busy for too long"),
    "reason_error": _l("an unexpected error (%(name)s)"),
    "job_crashed": _l("The job stopped unexpectedly: %(reason)s."),
    "stale_preview": _l("The directory changed after the preview (%(count)s rows now classify differently). "
                        "Check the updated preview and commit again."),
    "has_errors": _l("%(count)s rows have errors. Fix them in the file and upload it again, or choose to skip "
                     "the rows with errors."),
    "interrupted": _l("The job was interrupted (the server restarted?). Start it again to continue."),
    "connection_lost": _l("The connection to the database was lost, so the job stopped. What it saved is kept; start "
                           "it again to continue from where it stopped."),
}

UNDO_REASONS = {
    "changed": _l("changed since the import by %(who)s on %(when)s"),
    "changed_unknown": _l("changed since the import"),
    "linked": _l("has %(count)s records added since the import (contacts, touchpoints or other organisations' "
                 "relationships)"),
    "gone": _l("no longer exists"),
}


def message_text(code: str, params: dict | None = None) -> str:
    """The translated message for `code` with its parameters filled in (a parameter may itself be a message)."""
    template = MESSAGES.get(code) or UNDO_REASONS.get(code)
    if template is None:
        return code
    params = {key: message_text(value.get("code", ""), value.get("params")) if isinstance(value, dict) else value
              for key, value in (params or {}).items()}
    if params.get("industry"):
        params["industry"] = industry_label(params["industry"])
    try:
        return str(template) % params
    except (KeyError, TypeError, ValueError):
        return str(template)


def note_text(note: dict) -> str:
    """A row's error or note as shown: its message, and that the value was left out if it was."""
    text = message_text(note.get("code", ""), note.get("params"))
    return f"{text} {message_text('left_out')}" if note.get("left_out") else text


class FileProblem(Refusal):
    """The file cannot be imported; `code` and `params` say why (see MESSAGES), `message` in the current language."""

    def __init__(self, code: str, **params):
        super().__init__(field="file")
        self.args = (code,)
        self.code = code
        self.params = params

    @property
    def message(self) -> str:
        """The message in the current language."""
        return message_text(self.code, self.params)
