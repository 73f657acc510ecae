"""What the batch page shows in each state (the context of templates/spreadsheets/detail.html)."""

from __future__ import annotations

from flask_login import current_user

from app.core.pagination import page_number
from app.spreadsheets import selectors
from app.spreadsheets.forms import CommitForm, EmptyForm, SourceForm, field_groups, mapping_form
from app.spreadsheets.jobs import is_stale
from app.spreadsheets.mapping import FIELD_BY_KEY
from app.spreadsheets.models import ImportBatch


def state_context(batch: ImportBatch, args, **extra) -> dict:
    """Template context for the batch page in the batch's current state."""
    kind = args.get("rows", "all") if args.get("rows") in selectors.ROW_FILTERS else "all"
    context = {"batch": batch, "stale": is_stale(batch), "empty_form": EmptyForm(), "row_filter": kind,
               "uploader": selectors.user_name(batch.user_id), "committer": selectors.user_name(batch.committed_by_id),
               "field_label": lambda key: str(FIELD_BY_KEY[key].label) if key in FIELD_BY_KEY else key,
               "problems": extra.get("problems", []), "source_error": extra.get("source_error")}
    if batch.status in ("mapping", "failed") and batch.headers:
        context.update(_mapping_context(batch, extra.get("form")))
    if batch.status in ("previewed", "committed", "undone", "failed", "committing", "undoing") and batch.counts:
        context["rows"] = selectors.batch_rows(batch=batch, kind=kind, page=page_number(args.get("page")))
        context["commit_form"] = CommitForm(formdata=None)
    return context


def _mapping_context(batch: ImportBatch, form) -> dict:
    people = [(user_id, name) for user_id, name, _email in selectors.organisation_people(batch.organisation_id)]
    form = form or mapping_form(batch.headers, batch.mapping, people, batch.options)
    if not form.default_owner_id.choices or len(form.default_owner_id.choices) == 1:
        form.default_owner_id.choices = form.default_owner_id.choices[:1] + people
    source = SourceForm(formdata=None, data={"sheet": batch.sheet_name, "header_row": batch.header_row})
    source.sheet.choices = [(name, name) for name in batch.sheet_names]
    samples = batch.samples
    return {"form": form, "source_form": source, "samples": samples, "field_groups": field_groups(),
            "remembered": bool(batch.options.get("remembered")), "current_user_id": current_user.id}
