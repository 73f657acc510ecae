"""Error pages that also work as htmx fragments; conflicts and CSRF failures keep the user's input."""

from __future__ import annotations

import logging
import uuid

from flask import Flask, jsonify, make_response, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from markupsafe import escape
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException, InternalServerError

from app.core.diagnosis import DiagnosisRefused
from app.core.htmx import is_htmx
from app.extensions import db

log = logging.getLogger("ratko.errors")


def _titles() -> dict[int, str]:
    return {
        400: _("The request could not be understood."),
        401: _("Please log in."),
        403: _("You do not have access to this."),
        404: _("Not found."),
        405: _("This action is not allowed here."),
        409: _("Someone else changed this in the meantime."),
        413: _("The file is too large."),
        429: _("Too many attempts. Please wait a moment and try again."),
        500: _("Something went wrong on our side."),
        503: _("The service is temporarily unavailable."),
    }


def error_response(status: int, message: str | None = None, error_id: str | None = None):
    """Render an error as a full page, or for htmx as a message swapped into the page's message region."""
    title = message or _titles().get(status, _("Error"))
    if request.path.startswith("/healthz") or request.accept_mimetypes.best == "application/json":
        return jsonify({"status": "error", "code": status, "message": title}), status
    if is_htmx():
        kept = status >= 500 and request.method not in ("GET", "HEAD")
        response = make_response(render_template("errors/_error.html", status=status, title=title,
                                                  error_id=error_id, kept=kept), status)
        response.headers["HX-Retarget"] = "#messages"
        response.headers["HX-Reswap"] = "innerHTML"
        return response
    return render_template("errors/error.html", status=status, title=title, error_id=error_id), status


def install(app: Flask) -> None:
    """Register the handlers."""

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException):
        if error.code and error.code < 400:
            return error
        message = error.description if isinstance(error.description, str) and error.code == 400 \
            and getattr(error, "user_message", False) else None
        return error_response(error.code or 500, message)

    @app.errorhandler(CSRFError)
    def _csrf(_error: CSRFError):
        return error_response(400, _("Your session has expired or the form is out of date. "
                                     "Your input is still on the page: reload in another tab, log in, "
                                     "then send it again."))

    @app.errorhandler(DiagnosisRefused)
    def _diagnosis(error: DiagnosisRefused):
        return error_response(422, _("Nothing was saved: a text that employers or other organisations read names a "
                                     "diagnosis (%(words)s). Change the wording and try again.",
                                     words=", ".join(error.words)))

    @app.errorhandler(StaleDataError)
    def _stale(_error: StaleDataError):
        return error_response(409, _("Someone else saved this record at the same moment. "
                                     "Reload to see their change, then make yours again."))

    @app.errorhandler(InternalServerError)
    def _internal(error: InternalServerError):
        original = getattr(error, "original_exception", None)
        if isinstance(original, StaleDataError):
            return _stale(original)
        error_id = uuid.uuid4().hex[:12]
        log.error("unhandled error %s on %s %s", error_id, request.method, request.path, exc_info=original)
        try:
            db.session.rollback()  # a failed statement leaves the session unusable for rendering the page
            return error_response(500, error_id=error_id)
        except Exception:  # noqa: BLE001 - the error page itself must never fail
            log.exception("error page failed for %s", error_id)
            return _plain_500(error_id)


def _plain_500(error_id: str):
    """A last-resort answer without templates or the database, still in the user's language when known."""
    text = escape(_("Something went wrong on our side.")) + f" ({escape(error_id)})"
    response = make_response(f'<p class="flash flash-error" role="alert">{text}</p>', 500)
    if is_htmx():
        response.headers["HX-Retarget"] = "#messages"
        response.headers["HX-Reswap"] = "innerHTML"
    return response
