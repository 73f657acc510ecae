"""The services' refusals as problem documents: a stale version (412), a rule or the diagnosis guard (422)."""

from __future__ import annotations

from flask_babel import gettext as _

from app.api.formdata import refused
from app.api.problems import Problem, field_error, response
from app.core.conflict import ConflictError
from app.core.diagnosis import DiagnosisRefused, blocked_message
from app.core.refusals import Refusal


def stale(_error=None):
    """Someone else saved the record since the ETag the client sent."""
    return response(Problem(412, _("Someone else changed this record since you read it. Read it again (GET), then "
                                   "send your change with its new ETag.")))


def conflict(error: ConflictError):
    """A stale If-Match refused by the service's version check, with the current ETag."""
    current = getattr(error, "current", None)
    result = stale()
    if current is not None and getattr(current, "version", None) is not None:
        result.headers["ETag"] = f'"{current.version}"'
    return result


def diagnosis(error: DiagnosisRefused):
    """Diagnosis words in a text that employers or other organisations read (the flush refused them)."""
    return response(Problem(422, _("Nothing was saved."), kind="validation",
                            errors=[field_error(error.column, blocked_message(error.words))]))


def rule(error):
    """A service's rule refused the change (field and message)."""
    return response(refused(error))


def refusals() -> dict:
    """Refusal exception -> handler (the most specific class wins: a ConflictError is a Refusal too)."""
    return {ConflictError: conflict, DiagnosisRefused: diagnosis, Refusal: rule}


def install(blueprint) -> None:
    """Answer every error of an API blueprint's requests with a problem document."""
    from sqlalchemy.orm.exc import StaleDataError
    from werkzeug.exceptions import HTTPException

    from app.api import problems

    blueprint.register_error_handler(problems.Problem, problems.response)
    blueprint.register_error_handler(HTTPException, problems.from_http)
    blueprint.register_error_handler(StaleDataError, stale)
    for refusal, handler in refusals().items():
        blueprint.register_error_handler(refusal, handler)
    blueprint.register_error_handler(Exception, problems.from_server_error)
