"""flask commands: seed demo | seed catalogue | users create | backup (and those packages add). Synthetic
benchmark data: `python -m bench.seed` (the application does not import bench/)."""

from __future__ import annotations

import secrets
import sqlite3
import sys
from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup
from sqlalchemy import func, select

from app.core.audit import acting_as
from app.core.registry import demo_loaders
from app.extensions import db

seed = AppGroup("seed", help="Load demo data or the catalogue.")
users = AppGroup("users", help="Manage users.")


@seed.command("demo")
@click.option("--force", is_flag=True, help="Load even if the database already has data.")
def seed_demo(force: bool) -> None:
    """Load the demo network (only into an empty database unless --force)."""
    from app.auth.models import Organisation

    if db.session.scalar(select(func.count()).select_from(Organisation)) and not force:
        click.echo("The database already has data; demo not loaded (use --force to add it anyway).")
        return
    with acting_as(None, None):
        for loader in demo_loaders():
            loader()
            db.session.commit()
    click.echo("Demo network loaded. Logins (password demo-password): admin@example.org, coordinator@example.org, "
               "consultant@example.org, coach@example.org (joensuu), coach2@example.org (tyovalmennus).")


@seed.command("catalogue")
@click.option("--update", is_flag=True, help="Also refresh the wording of existing items from the seed file.")
def seed_catalogue(update: bool) -> None:
    """Load the characteristic catalogue from seed/characteristics.json (idempotent; safe to run again)."""
    from app.profiles.catalogue import catalogue_load

    with acting_as(None, None):
        counts = catalogue_load(update=update)
        db.session.commit()
    click.echo(f"Catalogue: {counts['groups']} groups and {counts['items']} items added, "
               f"{counts['updated']} items refreshed.")


@users.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--org", "org_slug", required=True, help="Organisation slug (created if missing).")
@click.option("--role", "roles", multiple=True, default=("admin",), show_default=True)
def users_create(email: str, name: str, org_slug: str, roles: tuple[str, ...]) -> None:
    """Create a user with a one-time password that must be changed at first login."""
    from app.auth import selectors, services

    organisation = selectors.organisation_by_slug(org_slug) or services.organisation_create(slug=org_slug,
                                                                                            name=org_slug)
    if selectors.user_by_email(email):
        click.echo(f"A user with e-mail {email} already exists.", err=True)
        sys.exit(1)
    password = secrets.token_urlsafe(12)
    services.user_create(organisation=organisation, email=email, name=name, password=password, roles=list(roles),
                         must_change_password=True)
    db.session.commit()
    click.echo(f"Created {email}. One-time password: {password}")


@click.command("backup")
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
def backup(target: Path) -> None:
    """Write a consistent online backup of the SQLite database (PostgreSQL: use pg_dump)."""
    url = db.engine.url
    if url.get_backend_name() != "sqlite":
        click.echo("For PostgreSQL use: pg_dump -Fc \"$DATABASE_URL\" > backup.dump", err=True)
        sys.exit(2)
    source = sqlite3.connect(url.database)
    destination = sqlite3.connect(target)
    with destination:
        source.backup(destination)
    check = destination.execute("PRAGMA integrity_check").fetchone()[0]
    source.close()
    destination.close()
    click.echo(f"Backup written to {target} (integrity: {check}).")


def install(app: Flask) -> None:
    """Register the command groups."""
    app.cli.add_command(seed)
    app.cli.add_command(users)
    app.cli.add_command(backup)
    from app.spreadsheets.commands import export_xlsx, import_xlsx

    app.cli.add_command(import_xlsx)
    app.cli.add_command(export_xlsx)
