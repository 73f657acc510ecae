"""Import pages (history, upload, one page per batch whose state region moves through mapping, preview, commit
and undo, polling while a job runs) and the downloads: the directory as Excel, the template, error reports."""

from __future__ import annotations

from flask import abort, redirect, request, url_for
from flask_login import current_user

from app.core.auth import role_required
from app.core.db import writes
from app.core.errors import error_response
from app.core.htmx import hx_target, render
from app.core.pagination import page_number
from app.core.refusals import Refusal, refuse
from app.core.xlsx import xlsx_response
from app.employers.selectors import DirectoryFilters
from app.spreadsheets import IMPORTERS, bp, export, jobs, selectors
from app.spreadsheets import template as workbooks
from app.spreadsheets.batch_page import state_context
from app.spreadsheets.forms import CommitForm, EmptyForm, SourceForm, UploadForm, form_mapping, mapping_form
from app.spreadsheets.messages import FileProblem
from app.spreadsheets.services import lifecycle, staging

STATE_BLOCKS = {"import-state": "import_state", "import-rows": "import_rows"}


@bp.errorhandler(lifecycle.WrongState)
def _wrong_state(refusal: lifecycle.WrongState):
    """The batch moved on (another tab, a double click): say so instead of acting twice."""
    return error_response(409, refusal.text)


@bp.get("/imports")
@role_required(*IMPORTERS)
def index():
    """My organisation's import history."""
    page = selectors.batch_list(user=current_user, page=page_number(request.args.get("page")))
    return render("spreadsheets/index.html", page=page)


@bp.route("/imports/new", methods=["GET", "POST"])
@role_required(*IMPORTERS)
def new():
    """Upload a contact list (.xlsx, .xls or .csv); a bad file is refused with the reason and nothing is saved."""
    form = UploadForm()
    if form.validate_on_submit():
        upload = form.file.data
        content = upload.read()
        upload.close()
        try:
            batch = staging.batch_create(user=current_user, file_name=upload.filename or "", content=content)
        except Refusal as refusal:
            refuse(form, refusal)
            return render("spreadsheets/new.html", form=form, status=422)
        return redirect(url_for("spreadsheets.detail", batch_id=batch.id), 303)
    return render("spreadsheets/new.html", form=form, status=422 if form.errors else 200)


@bp.get("/imports/<int:batch_id>")
@role_required(*IMPORTERS)
def detail(batch_id: int):
    """The batch: progress while a job runs, else its mapping, preview or outcome (polled as #import-state)."""
    batch = selectors.batch_get_or_404(batch_id, user=current_user)
    return render("spreadsheets/detail.html", blocks=STATE_BLOCKS, **state_context(batch, request.args))


@bp.post("/imports/<int:batch_id>/source")
@role_required(*IMPORTERS)
def source(batch_id: int):
    """Read another sheet of the workbook, or take another row as the header."""
    batch = selectors.batch_get_or_404(batch_id, user=current_user)
    form = SourceForm()
    try:
        lifecycle.batch_reread(batch=batch, sheet=form.sheet.data, header_row=form.header_row.data)
    except FileProblem as problem:
        return render("spreadsheets/detail.html", blocks=STATE_BLOCKS, status=422,
                      **state_context(batch, {}, source_error=problem.text))
    return _state(batch)


@bp.post("/imports/<int:batch_id>/mapping")
@role_required(*IMPORTERS)
def mapping(batch_id: int):
    """Confirm the column mapping and options, then run the preview (a dry run: nothing is written)."""
    batch = selectors.batch_get_or_404(batch_id, user=current_user)
    form = mapping_form(batch.headers, batch.mapping, [], batch.options, formdata=request.form)
    problems = lifecycle.batch_map(batch=batch, mapping=form_mapping(form), user=current_user, options={
        "policy": form.policy.data, "default_owner_id": form.default_owner_id.data, "start_all": form.start_all.data})
    if problems:
        return render("spreadsheets/detail.html", blocks=STATE_BLOCKS, status=422,
                      **state_context(batch, {}, form=form, problems=problems))
    jobs.start(batch.id, "preview")
    return _state(batch)


@bp.post("/imports/<int:batch_id>/commit")
@role_required(*IMPORTERS)
def commit(batch_id: int):
    """Write the previewed rows to the directory: all of them or none (or the valid ones when asked)."""
    batch = selectors.batch_get_or_404(batch_id, user=current_user)
    form = CommitForm()
    if not form.validate_on_submit() or not lifecycle.batch_queue_commit(batch=batch, user=current_user,
                                                                         skip_errors=form.skip_errors.data):
        return render("spreadsheets/detail.html", blocks=STATE_BLOCKS, status=409, **state_context(batch, {}))
    jobs.start(batch.id, "commit")
    return _state(batch)


@bp.post("/imports/<int:batch_id>/undo")
@role_required(*IMPORTERS)
def undo(batch_id: int):
    """Undo a committed batch: remove what it created, restore what it updated (changed records are kept)."""
    return _act(batch_id, "undo")


@bp.post("/imports/<int:batch_id>/discard")
@role_required(*IMPORTERS)
def discard(batch_id: int):
    """Give up a batch that was not committed."""
    return _act(batch_id, "discard")


@bp.post("/imports/<int:batch_id>/remap")
@role_required(*IMPORTERS)
def remap(batch_id: int):
    """Go back from the preview to the column mapping."""
    return _act(batch_id, "remap")


@bp.post("/imports/<int:batch_id>/resume")
@role_required(*IMPORTERS)
def resume(batch_id: int):
    """Start an interrupted job again (a commit continues where it stopped)."""
    return _act(batch_id, "resume")


def _act(batch_id: int, action: str):
    batch = selectors.batch_get_or_404(batch_id, user=current_user)
    if not EmptyForm().validate_on_submit():
        abort(400)
    job = lifecycle.batch_action(batch=batch, action=action, user=current_user)
    if job is None:
        return render("spreadsheets/detail.html", blocks=STATE_BLOCKS, status=409, **state_context(batch, {}))
    if job:
        jobs.start(batch.id, job)
    return _state(batch)


def _state(batch):
    """After a state change: the new state region for htmx, else back to the batch page."""
    if hx_target():
        return render("spreadsheets/detail.html", blocks=STATE_BLOCKS, **state_context(batch, {}))
    return redirect(url_for("spreadsheets.detail", batch_id=batch.id), 303)


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
