"""Downloads: the directory as Excel, the import template and a batch's error report."""

from __future__ import annotations

from flask import request
from flask_login import current_user

from app.core.auth import role_required
from app.core.db import writes
from app.core.errors import error_response
from app.core.xlsx import xlsx_response
from app.employers.selectors import DirectoryFilters
from app.spreadsheets import IMPORTERS, bp, export, selectors
from app.spreadsheets import template as workbooks


@bp.get("/exports/employers.xlsx")
@role_required(*IMPORTERS)
@writes
def export_employers():
    """The directory with its current filters as Excel: employers and my organisation's relationship, contacts."""
    filters = DirectoryFilters.from_args(request.args)
    if export.export_limited(user=current_user):
        return error_response(429)
    content, name = export.employers_export(user=current_user, filters=filters)
    return xlsx_response(content, name)


@bp.get("/imports/template.xlsx")
@role_required(*IMPORTERS)
def template():
    """An empty import template with an instructions sheet in my language."""
    return xlsx_response(workbooks.template_xlsx(), workbooks.template_name())


@bp.get("/imports/<int:batch_id>/errors.xlsx")
@role_required(*IMPORTERS)
def error_report(batch_id: int):
    """The rows of a batch that have errors, with their original row numbers, reasons and cells."""
    batch = selectors.batch_get_or_404(batch_id, user=current_user)
    return xlsx_response(workbooks.error_report_xlsx(batch), workbooks.error_report_name(batch))
