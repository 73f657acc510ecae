"""The calendar feed (public, secret per-user token) and the account-page region that issues its link."""

from __future__ import annotations

from flask import Response, abort, current_app, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user

from app.core import dates
from app.core.auth import public
from app.core.htmx import is_htmx, render_fragment
from app.touchpoints import bp, ics, selectors, services
from app.touchpoints.worklist import collect, with_links

FEED_DAYS = 90


@bp.get("/calendar/<token>.ics")
@public
def feed(token: str):
    """My due contacts, promises and next steps for the next 90 days as iCalendar; 404 for any unknown token."""
    user = selectors.calendar_user(token)
    if user is None:
        abort(404)
    today = dates.today()
    with force_locale(_feed_language(user)):  # a calendar app sends no useful language: the owner's setting counts
        items = with_links([item for item in collect(user=user, scope="mine", today=today, horizon_days=FEED_DAYS)
                            if item.in_feed])
        body = ics.calendar_bytes(items, base_url=request.host_url, today=today,
                                  name=_("RATKO: %(name)s", name=user.name))
    return Response(body, mimetype="text/calendar", headers={
        "Content-Disposition": 'inline; filename="ratko.ics"', "Cache-Control": "private, no-store"})


def _feed_language(user) -> str:
    """The feed owner's language setting, else what the calendar app asks for, else the default."""
    languages = current_app.config["LANGUAGES"]
    if user.language in languages:
        return user.language
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


@bp.route("/calendar/link", methods=["GET", "POST"])
def calendar_link():
    """Account-page region: create or regenerate my feed link (shown once), or turn the feed off."""
    token = None
    if request.method == "POST":
        if request.form.get("revoke") == "1":
            services.calendar_token_revoke(user=current_user)
        else:
            token = services.calendar_token_issue(user=current_user)
    url = url_for("touchpoints.feed", token=token, _external=True) if token else None
    template = "touchpoints/_calendar.html" if is_htmx() else "touchpoints/calendar.html"
    return render_fragment(template, token_row=selectors.calendar_token_of(current_user), url=url,
                           revoked=request.form.get("revoke") == "1")
