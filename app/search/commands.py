"""flask search reindex: rebuild the search index from the records (after a restore or a bulk load)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from app.extensions import db
from app.search.services import search_reindex

search = AppGroup("search", help="The search index of the header search box.")


@search.command("reindex")
@click.option("--kind", "kinds", multiple=True, help="Only these kinds (employer, contact, site, lead, ...).")
def reindex(kinds: tuple[str, ...]) -> None:
    """Rebuild the search index of every kind (or the named ones) in one transaction."""
    written = search_reindex(kinds=kinds or None)
    db.session.commit()
    for kind, count in sorted(written.items()):
        click.echo(f"{kind}: {count}")
