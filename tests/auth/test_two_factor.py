"""Two-factor login (issue 14 item 1, RELIABILITY.md A6): enrolment with an authenticator app, login with a code used
once, recovery codes used once, the network's requirement per role with set-up at first login, and an
administrator's audited reset."""

from __future__ import annotations

import re

import pyotp
from sqlalchemy import select

from app.auth.models import AuthSession, RecoveryCode, TotpFactor
from app.core.audit import AuditEvent
from app.extensions import db
from tests.auth.conftest import CODES_RE, SECRET_RE
from tests.conftest import Client


def test_enrolment_shows_a_qr_code_then_ten_recovery_codes_once(app, factory, make_client):
    user = factory.user()
    c = make_client(login=user.email)
    page = c.get("/auth/security/totp")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and 'src="data:image/svg+xml' in text  # made on the server: no script, CSP holds
    assert "img-src 'self' data:" in page.headers["Content-Security-Policy"]
    secret = SECRET_RE.search(text).group(1).replace(" ", "")
    assert c.get("/auth/security/totp").get_data(as_text=True).count(secret[:4]) >= 1  # a reload keeps the secret
    wrong = c.post("/auth/security/totp", data={"code": "000000"})
    assert wrong.status_code == 422 and "The code is not right" in wrong.get_data(as_text=True)
    done = c.post("/auth/security/totp", data={"code": pyotp.TOTP(secret).now()})
    codes = CODES_RE.findall(done.get_data(as_text=True))
    assert done.status_code == 200 and len(codes) == 10 and len(set(codes)) == 10
    assert "Cache-Control" in done.headers and "no-store" in done.headers["Cache-Control"]
    with app.app_context():
        stored = db.session.scalars(select(RecoveryCode.code_hash)).all()
        assert len(stored) == 10 and not set(stored) & {code.replace("-", "") for code in codes}  # hashed
        assert db.session.get(TotpFactor, user.id).secret == secret
        actions = set(db.session.scalars(select(AuditEvent.action).where(AuditEvent.entity_id == user.id)))
        assert {"totp_added", "recovery_codes_created"} <= actions
    assert "Cannot scan" not in c.get("/auth/security").get_data(as_text=True)  # codes are not shown again
    assert secret not in c.get("/auth/security").get_data(as_text=True)


def test_login_with_totp_and_a_code_is_accepted_once(app, factory, client, two_factor):
    user = factory.user()
    totp = two_factor.give_totp(user)
    first = two_factor.password_step(client, user.email, next="/employers")
    assert first.status_code == 303 and first.headers["Location"].endswith("/auth/two-factor")
    assert client.get("/employers").status_code == 302  # no session before the second factor
    code = totp.now()
    assert two_factor.code_step(client, code).headers["Location"] == "/employers"
    assert client.get("/employers").status_code == 200
    other = Client(app)
    two_factor.password_step(other, user.email)
    replay = two_factor.code_step(other, code)  # the same code again, within its 30 seconds
    assert replay.status_code == 401 and "The code is not right" in replay.get_data(as_text=True)
    assert two_factor.code_step(other, two_factor.next_code(totp)).status_code == 303
    with app.app_context():
        assert set(db.session.scalars(select(AuthSession.second_factor))) == {"totp"}


def test_the_second_step_expires_and_cannot_be_skipped(app, factory, client, two_factor):
    user = factory.user()
    two_factor.give_totp(user)
    assert client.get("/auth/two-factor").headers["Location"].endswith("/auth/login")  # nothing pending
    two_factor.password_step(client, user.email)
    with client.http.session_transaction() as session:
        session["pending_login"] = {**session["pending_login"], "at": session["pending_login"]["at"] - 601}
    assert client.get("/auth/two-factor").status_code == 302


def test_a_recovery_code_works_once(app, factory, client, two_factor):
    user = factory.user()
    two_factor.give_totp(user)
    codes = two_factor.give_codes(user)
    two_factor.password_step(client, user.email)
    client.refresh_token("/auth/two-factor")
    typed_loosely = codes[3].upper().replace("-", " ")
    assert client.post("/auth/two-factor", data={"code": typed_loosely}).status_code == 303
    notice = client.get("/auth/account").get_data(as_text=True)
    assert "You used a recovery code. 9 codes are left." in notice
    again = Client(app)
    two_factor.password_step(again, user.email)
    assert two_factor.code_step(again, codes[3]).status_code == 401
    assert two_factor.code_step(again, codes[4]).status_code == 303
    with app.app_context():
        assert db.session.scalar(select(AuthSession.second_factor).order_by(AuthSession.id.desc())) == "recovery"
        assert db.session.scalar(select(AuditEvent.changes).where(AuditEvent.action == "recovery_code_used")
                                 .order_by(AuditEvent.id.desc())) == '{"left": 8}'


def test_required_by_role_sends_the_user_to_set_up_at_first_login(app, factory, make_client, two_factor):
    org = factory.org()
    manager = factory.user(org, roles=("manager",))
    coach = factory.user(org, roles=("coach",))
    two_factor.require("manager")
    assert make_client(login=coach.email).get("/employers").status_code == 200  # not required of coaches
    c = make_client(login=manager.email)
    for path in ("/employers", "/admin/users", "/"):
        assert c.get(path).headers["Location"].endswith("/auth/security"), path
    assert c.get("/employers", htmx="main").headers["HX-Redirect"].endswith("/auth/security")
    page = c.get("/auth/security").get_data(as_text=True)
    assert "Your role requires two-factor login" in page
    secret = SECRET_RE.search(c.get("/auth/security/totp").get_data(as_text=True)).group(1).replace(" ", "")
    assert c.post("/auth/security/totp", data={"code": pyotp.TOTP(secret).now()}).status_code == 200
    assert c.get("/employers").status_code == 200  # set up: free to go
    refused = c.post("/auth/security/totp/remove", follow_redirects=True)
    assert "Your role requires two-factor login" in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(TotpFactor, manager.id) is not None


def test_requirement_defaults_to_admins_and_managers_until_the_network_chooses(app, factory, make_client):
    from app.auth import selectors

    app.config["TWO_FACTOR_ROLES"] = ("admin", "manager")
    try:
        with app.app_context():
            assert selectors.two_factor_roles() == ("admin", "manager")
        admin = factory.user(roles=("admin",))
        c = make_client(login=admin.email)
        assert c.get("/employers").headers["Location"].endswith("/auth/security")
        assert c.get("/admin/security").status_code == 302  # the administrator too sets up first
    finally:
        app.config["TWO_FACTOR_ROLES"] = ()


def test_network_administrator_sets_the_roles(app, factory, make_client):
    admin = factory.user(roles=("admin",))
    manager = factory.user(roles=("manager",))
    c = make_client(login=admin.email)
    assert make_client(login=manager.email).get("/admin/security").status_code == 403
    assert c.post("/admin/security", data={"roles": ["coach", "consultant"]}).status_code == 303
    page = c.get("/admin/security").get_data(as_text=True)
    assert re.search(r'value="coach"[^>]*checked|checked[^>]*value="coach"', page)
    from app.auth import selectors

    with app.app_context():
        assert selectors.two_factor_roles() == ("consultant", "coach")
        assert db.session.scalar(select(AuditEvent.entity).where(AuditEvent.entity == "network_settings"))
    assert c.post("/admin/security", data={"csrf_token": c.token}).status_code == 303  # none required (a browser
    # always sends the form's hidden token, so the form is read as submitted with no box ticked)
    with app.app_context():
        assert selectors.two_factor_roles() == ()


def test_administrator_resets_two_factor_audited_and_sessions_end(app, factory, make_client, two_factor):
    org = factory.org()
    manager = factory.user(org, roles=("manager",))
    coach = factory.user(org, roles=("coach",))
    stranger = factory.user(roles=("manager",))  # another organisation's manager
    totp = two_factor.give_totp(coach)
    two_factor.give_codes(coach)
    coach_client = Client(app)
    two_factor.login(coach_client, coach.email, totp.now())
    users_page = make_client(login=manager.email).get("/admin/users").get_data(as_text=True)
    assert "Reset two-factor" in users_page
    assert make_client(login=stranger.email).post(f"/admin/users/{coach.id}/reset-two-factor").status_code == 404
    c = make_client(login=manager.email)
    assert c.post(f"/admin/users/{coach.id}/reset-two-factor").status_code == 303
    assert coach_client.get("/employers").status_code == 302  # logged out everywhere
    with app.app_context():
        assert db.session.get(TotpFactor, coach.id) is None
        assert not db.session.scalars(select(RecoveryCode).where(RecoveryCode.user_id == coach.id)).all()
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "two_factor_reset"))
        assert event.entity_id == coach.id and event.actor_id == manager.id
    assert make_client(login=coach.email).get("/employers").status_code == 200  # password alone again
