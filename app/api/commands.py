"""flask tokens create: a personal access token for a script, printed once."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from app.api import services
from app.api.models import SCOPES
from app.auth import selectors as auth_selectors
from app.core.audit import acting_as
from app.extensions import db

tokens = AppGroup("tokens", help="Personal access tokens of the JSON API.")


@tokens.command("create")
@click.option("--email", required=True, help="The user the token acts as.")
@click.option("--scope", type=click.Choice(SCOPES), required=True, help="read, or write (read and change).")
@click.option("--days", type=click.IntRange(1, services.MAX_DAYS), default=services.DEFAULT_DAYS, show_default=True,
              help="Days until it expires.")
@click.option("--name", default="Command line", show_default=True, help="What the token is for.")
def create(email: str, scope: str, days: int, name: str) -> None:
    """Make a token for an active user and print it (it is shown only this once)."""
    user = auth_selectors.user_by_email(email.strip().lower())
    if user is None or not user.active:
        raise click.ClickException(f"No active user {email}.")
    with acting_as(None, user.organisation_id):
        issued = services.token_create(user=user, name=name, scope=scope, days=days)
        db.session.commit()
    click.echo(issued.secret)
    click.echo(f"{scope} token #{issued.token.id} for {user.email}, expires {issued.token.expires_at:%Y-%m-%d} "
               f"(UTC). Keep it secret: it is not shown again.", err=True)
