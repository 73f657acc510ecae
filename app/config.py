"""Configuration classes, read from the environment."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
INSTANCE_DIR = Path(os.environ.get("RATKO_INSTANCE_DIR", BASE_DIR / "instance"))
KNOWN_BAD_KEYS = {"dev", "secret", "changeme", "development"}


def _secret_key() -> str:
    """The secret key from RATKO_SECRET_KEY, or one generated once and kept in instance/ for local use."""
    key = os.environ.get("RATKO_SECRET_KEY")
    if key:
        return key
    INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    key_file = INSTANCE_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


class Config:
    """Production defaults: secure cookies, strict limits."""

    ENV_NAME = "production"
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'ratko.db'}")
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    DEMO_MODE = os.environ.get("RATKO_DEMO", "0") == "1"
    SESSION_COOKIE_NAME = "__Host-ratko"
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = True
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_DURATION = timedelta(days=14)
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)
    SESSION_IDLE_TIMEOUT = timedelta(minutes=int(os.environ.get("RATKO_IDLE_MINUTES", "60")))
    SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=12)
    SESSION_TOUCH_SECONDS = int(os.environ.get("RATKO_SESSION_TOUCH_SECONDS", "60"))  # how often last_seen moves
    WTF_CSRF_TIME_LIMIT = None  # valid for the session's life (RELIABILITY.md finding 10)
    MAX_CONTENT_LENGTH = 10 * 1024 * 1024
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_DEFAULT_TIMEZONE = "Europe/Helsinki"
    LANGUAGES = ("fi", "sv", "en")
    HSTS = True
    IMPORT_MAX_ROWS = 100_000
    PROXY_HOPS = int(os.environ.get("RATKO_PROXY_HOPS", "0"))  # proxies whose X-Forwarded-For/-Proto are trusted
    # Roles that must log in with a second factor until the network administrator chooses otherwise.
    TWO_FACTOR_ROLES = tuple(r.strip() for r in os.environ.get("RATKO_TWO_FACTOR_ROLES", "admin,manager").split(",")
                             if r.strip())
    UPLOAD_DIR = INSTANCE_DIR / "uploads"
    # The accessibility statement (/accessibility): where users send accessibility feedback, and the supervisory
    # authority they may turn to (Traficom's accessibility supervision since 1.1.2025). Empty means the default text.
    ACCESSIBILITY_CONTACT = os.environ.get("RATKO_ACCESSIBILITY_CONTACT", "")
    ACCESSIBILITY_AUTHORITY = os.environ.get("RATKO_ACCESSIBILITY_AUTHORITY", "")
    ACCESSIBILITY_AUTHORITY_URL = os.environ.get("RATKO_ACCESSIBILITY_AUTHORITY_URL",
                                                 "https://www.saavutettavuusvaatimukset.fi/")

    def __init__(self) -> None:
        self.SECRET_KEY = _secret_key()
        trusted = os.environ.get("RATKO_TRUSTED_HOSTS")
        self.TRUSTED_HOSTS = [h.strip() for h in trusted.split(",")] if trusted else None


class DevConfig(Config):
    """Local use over plain http on 127.0.0.1 (make run)."""

    ENV_NAME = "development"
    SESSION_COOKIE_NAME = "ratko"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_SECURE = False
    HSTS = False


class TestConfig(Config):
    """Tests: a throwaway database, CSRF on, demo logins allowed."""

    __test__ = False  # not a pytest test class
    ENV_NAME = "testing"
    TESTING = True
    DEMO_MODE = True
    TWO_FACTOR_ROLES = ()  # tests that need the requirement set the network setting
    PROXY_HOPS = 0
    SESSION_COOKIE_NAME = "ratko"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_SECURE = False
    HSTS = False

    def __init__(self) -> None:
        super().__init__()
        self.SECRET_KEY = secrets.token_hex(32)
        self.SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")


CONFIGS = {"production": Config, "development": DevConfig, "testing": TestConfig}
