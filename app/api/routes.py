"""The account page's token card (create, shown once; revoke), the administrator's list of every token, the
OpenAPI document and the reference page generated from it."""

from __future__ import annotations

from flask import flash, jsonify, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.api import bp, problems, reference, services
from app.api.document import document
from app.api.forms import TokenForm
from app.api.selectors import tokens as selectors
from app.core.auth import public, role_required
from app.core.htmx import is_htmx, render, render_fragment
from app.core.pagination import page_number


def _card(form: TokenForm | None = None, issued=None, status: int = 200):
    template = "api/_tokens.html" if is_htmx() else "api/tokens.html"
    return render_fragment(template, tokens=selectors.tokens_of(current_user), form=form or TokenForm(formdata=None),
                           issued=issued, status=status)


@bp.route("/account/api-tokens", methods=["GET", "POST"])
def account_tokens():
    """Account-page region: my personal access tokens; make a new one (its secret is shown once)."""
    form = TokenForm() if request.method == "POST" else None
    if form is not None and form.validate_on_submit():
        issued = services.token_create(user=current_user, name=form.name.data, scope=form.scope.data,
                                       days=form.days.data)
        return _card(issued=issued)
    return _card(form, status=422 if form is not None and form.errors else 200)


@bp.post("/account/api-tokens/<int:token_id>/revoke")
def token_revoke(token_id: int):
    """Revoke one of my tokens at once."""
    services.token_revoke(token=selectors.my_token_or_404(token_id, current_user), by=current_user)
    return _card()


@bp.get("/admin/api-tokens")
@role_required("admin")
def admin_tokens():
    """Every user's live personal access tokens (administrator)."""
    page = selectors.all_tokens(page=page_number(request.args.get("page")), live_only=request.args.get("all") != "1")
    return render("api/admin_tokens.html", page=page, show_all=request.args.get("all") == "1")


@bp.post("/admin/api-tokens/<int:token_id>/revoke")
@role_required("admin")
def admin_token_revoke(token_id: int):
    """Revoke anyone's token (administrator)."""
    token = services.token_revoke(token=selectors.token_or_404(token_id), by=current_user)
    flash(_("Token %(prefix)s… revoked.", prefix=token.prefix), "success")
    return redirect(url_for("api.admin_tokens"), 303)


@bp.get("/api/v1/openapi.json")
@public
def openapi_json():
    """The OpenAPI 3.1 document of the API, generated from the code."""
    response = jsonify(document())
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


@bp.get("/api/reference")
def reference_page():
    """The API's reference, read from the OpenAPI document (no script: works under the strict CSP)."""
    return render("api/reference.html", ref=reference.view(document()), problem_titles=problems.titles())
