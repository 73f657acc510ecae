"""One search box for everything I may see (issue 16): the header's search at /search, answering as you type from
one index (`app.core.search_index`) with results grouped by kind, each read through its package's privacy rules.
A top-layer package: it reads every other package, none reads it."""

from flask import Blueprint, Flask

bp = Blueprint("search", __name__)


def setup(app: Flask) -> None:
    """Index sources of every package, erasure steps that drop an erased person's entries, `flask search`."""
    from app.core.erasure import register_erasure_step
    from app.core.search_index import register_search_source
    from app.search import commands, documents, services

    for source in documents.SOURCES:
        register_search_source(app, source)
    for step in services.ERASURE_STEPS:
        register_erasure_step(app, step)
    app.cli.add_command(commands.search)


from app.search import routes  # noqa: E402,F401
