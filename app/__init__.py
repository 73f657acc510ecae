"""The RATKO workbench: an employer-network CRM and job-carving workbench."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import openpyxl
from flask import Flask, jsonify
from flask_babel import get_locale
from sqlalchemy import text

from app.config import CONFIGS, KNOWN_BAD_KEYS, Config
from app.core import catalogues, errors, security, transaction
from app.core.auth import public
from app.core.dates import today
from app.core.filters import active_search, filter_bar_trigger
from app.core.htmx import is_htmx
from app.core.i18n import fmt_date, fmt_hours, select_locale
from app.core.registry import nav_items, regions, work_kind_label
from app.extensions import babel, csrf, db, login_manager, migrate

BLUEPRINTS = ("home", "auth", "admin", "employers", "touchpoints", "spreadsheets", "ratko", "profiles", "seekers",
              "leads", "reports", "gdpr", "search", "api")


def create_app(config: str | Config | None = None) -> Flask:
    """Build the application: configuration, extensions, blueprints, hooks, CLI."""
    app = Flask(__name__, instance_relative_config=False)
    if config is None or isinstance(config, str):
        config = CONFIGS[config or os.environ.get("RATKO_ENV", "production")]()
    app.config.from_object(config)
    _check_config(app)
    if app.config.get("PROXY_HOPS"):  # behind a TLS proxy: the client's address and scheme come from its headers
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = app.config["PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)
    register_extensions(app)
    register_blueprints(app)
    register_hooks(app)
    errors.install(app)
    security.install(app)
    register_cli(app)
    transaction.install(app)
    return app


def _check_config(app: Flask) -> None:
    key = app.config.get("SECRET_KEY") or ""
    if len(key) < 32 or key.lower() in KNOWN_BAD_KEYS:
        raise RuntimeError("RATKO_SECRET_KEY must be at least 32 random characters")
    if not openpyxl.DEFUSEDXML:
        raise RuntimeError("defusedxml must be installed so openpyxl refuses XML bombs (RELIABILITY.md F3)")


def register_extensions(app: Flask) -> None:
    """Bind the extension singletons to this app."""
    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(app.root_path).parent / "migrations"), render_as_batch=True)
    login_manager.init_app(app)
    csrf.init_app(app)
    catalogues.compile_stale(Path(app.root_path) / "translations")  # .mo files are build output, not in git
    babel.init_app(app, locale_selector=select_locale)
    from app.core import audit  # noqa: F401  (registers the audit flush hook and model)


def register_blueprints(app: Flask) -> None:
    """Import every domain package and register its blueprint; packages hook into the registry in setup()."""
    import importlib

    for name in BLUEPRINTS:
        package = importlib.import_module(f"app.{name}")
        app.register_blueprint(package.bp)
        if hasattr(package, "setup"):
            package.setup(app)

    @app.get("/healthz")
    @public
    def healthz():
        """Liveness and database check."""
        try:
            db.session.execute(text("SELECT 1"))
        except Exception:  # noqa: BLE001 - any database failure means unhealthy
            logging.getLogger("ratko").exception("health check failed")
            return jsonify({"status": "error", "database": "unreachable"}), 503
        return jsonify({"status": "ok", "database": "ok"})


def register_hooks(app: Flask) -> None:
    """Login by default, forced password change, template helpers."""
    from app.auth import hooks

    hooks.install(app)

    @app.context_processor
    def _template_helpers():
        return {"get_locale": get_locale, "has_endpoint": lambda endpoint: endpoint in app.view_functions,
                "nav_items": nav_items, "work_kind_label": work_kind_label, "regions": regions,
                "is_htmx": is_htmx, "fmt_date": fmt_date, "fmt_hours": fmt_hours, "today": today()}

    app.jinja_env.filters["d"] = fmt_date
    app.jinja_env.globals.update(active_search=active_search, filter_bar_trigger=filter_bar_trigger)
    app.jinja_env.filters["hours"] = fmt_hours


def register_cli(app: Flask) -> None:
    """Add the flask commands (seed, users, import-xlsx, export-xlsx, backup)."""
    from app import cli

    cli.install(app)
