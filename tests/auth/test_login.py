"""Login, logout that really ends the session, demo password, forced password change, cookies (throttling:
test_throttling.py)."""

from __future__ import annotations

from sqlalchemy import select

from app import create_app
from app.auth.models import AuthSession, User
from app.config import Config
from app.extensions import db
from tests.conftest import PASSWORD, Client


def test_login_and_logout_revokes_server_session(app, factory, make_client):
    user = factory.user()
    a = make_client(login=user.email)
    assert a.get("/employers").status_code == 200
    # a copy of the session cookie (another client sharing the same cookie jar value)
    stolen = Client(app)
    cookie = a.http.get_cookie("ratko")
    stolen.http.set_cookie("ratko", cookie.value)
    assert stolen.get("/employers").status_code == 200
    logout = a.post("/auth/logout")
    assert logout.status_code == 303 and '"storage"' in logout.headers["Clear-Site-Data"]
    assert stolen.get("/employers").status_code == 302
    with app.app_context():
        assert db.session.scalar(select(AuthSession)).revoked_at is not None


def test_wrong_password_and_unknown_user_look_the_same(factory, client):
    user = factory.user()
    client.refresh_token()
    wrong = client.post("/auth/login", data={"email": user.email, "password": "nope-nope-nope"})
    unknown = client.post("/auth/login", data={"email": "nobody@example.test", "password": "nope-nope-nope"})
    assert wrong.status_code == unknown.status_code == 401
    assert "Wrong e-mail or password." in wrong.get_data(as_text=True)
    assert "Wrong e-mail or password." in unknown.get_data(as_text=True)


def test_demo_password_refused_outside_demo_mode(app, factory, make_client):
    user = factory.user(password="demo-password")
    app.config["DEMO_MODE"] = False
    try:
        c = make_client()
        assert c.login(user.email, "demo-password").status_code == 401
    finally:
        app.config["DEMO_MODE"] = True
    assert make_client().login(user.email, "demo-password").status_code == 303


def test_inactive_user_cannot_log_in_and_deactivation_ends_sessions(app, factory, make_client):
    admin = factory.user(roles=("admin",))
    user = factory.user()
    session_of_user = make_client(login=user.email)
    c = make_client(login=admin.email)
    assert c.post(f"/admin/users/{user.id}/active").status_code == 303
    assert session_of_user.get("/employers").status_code == 302
    assert make_client().login(user.email).status_code == 401


def test_open_redirect_after_login_is_refused(factory, client):
    user = factory.user()
    client.refresh_token()
    response = client.post("/auth/login", data={"email": user.email, "password": PASSWORD,
                                                "next": "https://evil.example/x", "csrf_token": client.token})
    assert response.headers["Location"] == "/"
    client2 = Client(client.app)
    client2.refresh_token()
    response = client2.post("/auth/login", data={"email": user.email, "password": PASSWORD, "next": "/employers?q=a"})
    assert response.headers["Location"] == "/employers?q=a"


def test_forced_password_change(app, factory, make_client):
    admin = factory.user(roles=("admin",))
    c = make_client(login=admin.email)
    created = c.post("/admin/users", data={"email": "new@example.org", "name": "Uusi Käyttäjä",
                                           "organisation_id": admin.organisation_id, "roles": ["coach"],
                                           "language": "en"})
    assert created.status_code == 200
    temporary = created.get_data(as_text=True).split('id="one-time-password">')[1].split("<")[0]
    new = make_client(login="new@example.org", password=temporary)
    assert new.get("/employers").headers["Location"].endswith("/auth/password")
    weak = new.post("/auth/password", data={"current": temporary, "new": "short", "repeat": "short"})
    assert "at least 12 characters" in weak.get_data(as_text=True)
    ok = new.post("/auth/password", data={"current": temporary, "new": "kesäkuun-pitkä-lause", "repeat":
                                          "kesäkuun-pitkä-lause"})
    assert ok.status_code == 303
    assert new.get("/employers").status_code == 200
    with app.app_context():
        stored = db.session.scalar(select(User).where(User.email == "new@example.org"))
        assert stored.password_hash.startswith("$argon2id$") and not stored.must_change_password


def test_production_cookies_are_secure(monkeypatch, database_url, factory):
    monkeypatch.setenv("RATKO_SECRET_KEY", "x" * 64)
    config = Config()
    config.SQLALCHEMY_DATABASE_URI = database_url
    prod = create_app(config)
    try:
        _check_secure_login(prod, factory.user())
    finally:
        with prod.app_context():
            db.engine.dispose()


def _check_secure_login(prod, user):
    c = Client(prod)
    c.http = prod.test_client()
    response = c.http.get("/auth/login", base_url="https://crm.test")
    token = response.get_data(as_text=True).split('name="csrf-token" content="')[1].split('"')[0]
    login = c.http.post("/auth/login", base_url="https://crm.test", data={"email": user.email, "password": PASSWORD,
                                                                          "csrf_token": token},
                        headers={"Referer": "https://crm.test/auth/login"})
    assert login.status_code == 303
    cookie = login.headers["Set-Cookie"]
    assert cookie.startswith("__Host-ratko=") and "Secure" in cookie and "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie and "Path=/" in cookie and "Domain" not in cookie
    assert "Strict-Transport-Security" in login.headers


def test_short_secret_key_is_refused(monkeypatch):
    monkeypatch.setenv("RATKO_SECRET_KEY", "dev")
    import pytest

    with pytest.raises(RuntimeError):
        create_app(Config())
