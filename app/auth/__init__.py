"""Login, logout, sessions, users and organisations."""

from flask import Blueprint, Flask

bp = Blueprint("auth", __name__, url_prefix="/auth")


def setup(app: Flask) -> None:
    """Template labels for roles."""
    from app.auth import demo, labels
    from app.core.registry import register_demo_loader

    app.context_processor(labels.template_labels)
    register_demo_loader(app, 10, demo.load)


from app.auth import routes  # noqa: E402,F401
