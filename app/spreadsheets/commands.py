"""flask import-xlsx / export-xlsx: the same upload, preview, commit and export as the web pages, for scripts."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import force_locale
from flask_babel import gettext as _

from app.auth import selectors as auth_selectors
from app.employers.selectors import DirectoryFilters
from app.extensions import db
from app.spreadsheets import export, jobs, selectors
from app.spreadsheets.messages import FileProblem, message_text, note_text
from app.spreadsheets.models import ImportBatch
from app.spreadsheets.services import lifecycle, staging

MAX_ERRORS_SHOWN = 50


def _actor(org_slug: str, email: str | None):
    organisation = auth_selectors.organisation_by_slug(org_slug)
    if organisation is None:
        raise click.UsageError(_("No organisation has the slug %(slug)s.", slug=org_slug))
    if not email:
        return SimpleNamespace(id=None, organisation_id=organisation.id)
    user = auth_selectors.user_by_email(email)
    if user is None or user.organisation_id != organisation.id:
        raise click.UsageError(_("%(email)s is not a user of %(slug)s.", email=email, slug=org_slug))
    return user


def _batch(batch_id: int) -> ImportBatch:
    db.session.rollback()  # never hold a transaction while a job writes (SQLite)
    return db.session.get(ImportBatch, batch_id, populate_existing=True)


def _print_counts(batch: ImportBatch) -> None:
    counts = batch.counts
    click.echo(_("Rows: %(rows)s — new %(new)s, updates %(update)s, unchanged %(unchanged)s, duplicates "
                 "%(duplicate)s, errors %(error)s", **{key: counts.get(key, 0) for key in
                                                       ("rows", "new", "update", "unchanged", "duplicate", "error")}))
    for part, label in (("employer", _("Employers")), ("contact", _("Contacts")),
                        ("relationship", _("Relationships"))):
        click.echo(_("%(label)s: new %(new)s, found %(found)s, updated %(updated)s", label=label,
                     new=counts.get(f"{part}_create", 0), found=counts.get(f"{part}_match", 0),
                     updated=counts.get(f"{part}_update", 0)))
    for row in selectors.batch_rows_to_fix(batch.id)[:MAX_ERRORS_SHOWN]:
        for note in row.errors + [w for w in row.warnings if "field" in w]:
            column = f"{note['column']}: " if note.get("column") else ""
            click.echo(_("  row %(row)s: %(column)s%(message)s", row=row.row_number, column=column,
                         message=note_text(note)))


def _preview(actor, path: Path, sheet: str | None, policy: str) -> int:
    """Upload and preview; returns the batch id (exits on a bad file or mapping)."""
    try:
        batch = staging.batch_create(user=actor, file_name=path.name, content=path.read_bytes(), sheet=sheet)
    except FileProblem as problem:
        click.echo(problem.text, err=True)
        sys.exit(2)
    batch_id = batch.id
    db.session.commit()
    batch = _batch(batch_id)
    for notice in batch.notices:
        click.echo(message_text(notice["code"], notice.get("params")))
    problems = lifecycle.batch_map(batch=batch, mapping=batch.mapping, user=actor,
                                   options={"policy": policy, "default_owner_id": actor.id})
    if problems:
        click.echo("\n".join(message_text(p["code"], p.get("params")) for p in problems), err=True)
        sys.exit(2)
    db.session.commit()
    jobs.run(current_app._get_current_object(), batch_id, "preview")
    return batch_id


@click.command("import-xlsx")
@with_appcontext
@click.argument("path", metavar="FILE", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--org", "org_slug", required=True, help="Slug of the organisation importing.")
@click.option("--user", "email", help="E-mail of the importing user (owner of new relationships).")
@click.option("--dry-run", is_flag=True, help="Only preview: print the counts, write nothing.")
@click.option("--skip-errors", is_flag=True, help="Import the valid rows and skip the rows with errors.")
@click.option("--sheet", help="Sheet to read (default: the first visible sheet with data).")
@click.option("--policy", type=click.Choice(["update", "fill", "skip"]), default="update", show_default=True,
              help="What to do with employers and contacts that already exist.")
def import_xlsx(path: Path, org_slug: str, email: str | None, dry_run: bool, skip_errors: bool, sheet: str | None,
                policy: str) -> None:
    """Import a contact list (.xlsx, .xls or .csv) like /imports/new; exit 1 when rows have errors."""
    with force_locale(current_app.config.get("BABEL_DEFAULT_LOCALE", "en")):
        _import(path, _actor(org_slug, email), dry_run=dry_run, skip_errors=skip_errors, sheet=sheet, policy=policy)


def _import(path: Path, actor, *, dry_run: bool, skip_errors: bool, sheet: str | None, policy: str) -> None:
    batch_id = _preview(actor, path, sheet, policy)
    batch = _batch(batch_id)
    click.echo(_("Import #%(batch)s (%(name)s):", batch=batch_id, name=batch.file_name))
    _print_counts(batch)
    errors = batch.counts.get("error", 0)
    if dry_run or (errors and not skip_errors):
        click.echo(_("Dry run: nothing was written.") if dry_run else
                   _("Rows have errors: nothing was written (use --skip-errors to import the valid rows)."))
        sys.exit(1 if errors and not skip_errors else 0)
    if not lifecycle.batch_queue_commit(batch=batch, user=actor, skip_errors=skip_errors):
        sys.exit(1)
    db.session.commit()
    jobs.run(current_app._get_current_object(), batch_id, "commit")
    batch = _batch(batch_id)
    if batch.status != "committed":
        click.echo(message_text(batch.message["code"], batch.message.get("params")), err=True)
        sys.exit(1)
    click.echo(_("Imported. Undo at /imports/%(batch)s if needed.", batch=batch_id))


@click.command("export-xlsx")
@with_appcontext
@click.argument("path", metavar="FILE", type=click.Path(dir_okay=False, writable=True, path_type=Path))
@click.option("--org", "org_slug", required=True, help="Slug of the organisation whose view is exported.")
def export_xlsx(path: Path, org_slug: str) -> None:
    """Write what /exports/employers.xlsx gives the organisation (no filters) to FILE."""
    with force_locale(current_app.config.get("BABEL_DEFAULT_LOCALE", "en")):
        content, _name = export.employers_export(user=_actor(org_slug, None), filters=DirectoryFilters())
        db.session.commit()
        path.write_bytes(content)
        click.echo(_("Wrote %(path)s (%(size)s bytes).", path=path, size=len(content)))
