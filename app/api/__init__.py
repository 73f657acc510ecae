"""The JSON API (issue 13): /api/v1 with personal access tokens, an OpenAPI 3.1 document generated from the code
(flask-smorest + marshmallow) and a reference page; the token card of the account page and the administrator's list.

The API calls the same selectors and services as the web (no second write path), validates with the same forms
(the same messages), shows other organisations only what the network sees, and names its token in the audit trail.
"""

import os

from flask import Blueprint, Flask, request
from flask_babel import lazy_gettext as _l

bp = Blueprint("api", __name__)


def setup(app: Flask) -> None:
    """Register the API's blueprints (token-authenticated, no CSRF), the account card, the admin page, the CLI."""
    from app.api import auth, commands, document, problems
    from app.api.v1 import blueprints
    from app.core.registry import NavItem, Region, register_nav, register_region

    app.config.setdefault("API_RATE_PER_MINUTE", int(os.environ.get("RATKO_API_RATE_PER_MINUTE", "120")))
    api = document.build(app)
    app.extensions.setdefault("ratko_api", {})["api"] = api
    for blueprint in blueprints():
        api.register_blueprint(blueprint)
    for endpoint, view in app.view_functions.items():
        if endpoint.startswith("api_") or endpoint == "api.openapi_json":
            view.is_public = True  # the bearer token, not the login session, authenticates these

    @app.before_request
    def _no_session_on_api():
        if request.path.startswith("/api/v1/"):
            auth.anonymous()
            if request.routing_exception is not None:  # an unknown path or method: a problem, with Allow
                return problems.from_http(request.routing_exception)
        return None

    @app.after_request
    def _problems_on_api(response):
        return problems.as_problem(response) if request.path.startswith("/api/v1/") else response

    app.teardown_request(auth.forget)
    register_region(app, Region("account", "api.account_tokens", 30, arg=""))
    register_nav(app, NavItem("api.admin_tokens", _l("API tokens"), 95, roles=("admin",)))
    app.cli.add_command(commands.tokens)


from app.api import routes  # noqa: E402,F401
