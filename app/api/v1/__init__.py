"""Version 1 of the JSON API: one flask-smorest blueprint per area, all under /api/v1."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_smorest import Blueprint
from marshmallow import RAISE
from webargs.flaskparser import FlaskParser
from werkzeug.exceptions import NotFound

from app.api.problems import Problem, field_error

PREFIX = "/api/v1"


class StrictParser(FlaskParser):
    """Unknown query parameters are refused too (422), so a misspelt filter never silently lists everything."""

    DEFAULT_UNKNOWN_BY_LOCATION = {**FlaskParser.DEFAULT_UNKNOWN_BY_LOCATION, "query": RAISE, "querystring": RAISE}


class ApiBlueprint(Blueprint):
    """A flask-smorest blueprint with the strict parser."""

    ARGUMENTS_PARSER = StrictParser()


def blueprint(name: str, description: str) -> Blueprint:
    """An area of the API (its name is the tag the reference page groups it under): authenticated by the bearer
    token (app.api.auth), errors as problem documents (app.api.errors), no CSRF (no cookie authenticates it)."""
    from app.api import auth, errors
    from app.extensions import csrf

    area = ApiBlueprint(f"api_{name}", __name__, url_prefix=PREFIX, description=description)
    area.before_request(auth.guard)
    area.after_request(auth.finish)
    errors.install(area)
    csrf.exempt(area)
    return area


def blueprints() -> list[Blueprint]:
    """Every area, in the order of the reference page."""
    from app.api.v1 import leads, network, ratko, touchpoints

    return [network.blp, touchpoints.blp, leads.blp, ratko.blp]


def employer_or_422(employer_id: int):
    """The employer a body names; a missing one is a refused value (422), not a missing page."""
    from app.employers import selectors

    try:
        return selectors.employer_get_or_404(employer_id)
    except NotFound as error:
        raise Problem(422, _("Nothing was saved."), kind="validation",
                      errors=[field_error("employer_id", _("No such employer."))]) from error
