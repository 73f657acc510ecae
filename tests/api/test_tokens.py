"""Personal access tokens: shown once and stored hashed, scopes, expiry, revocation (own and administrator), the
command line, bearer-only authentication (a browser cookie alone gets nothing), throttling shared through the
database, and the audit trail naming the token."""

from __future__ import annotations

import json
import re
from datetime import timedelta

from sqlalchemy import select

from app.api import services
from app.api.models import ApiToken
from app.core.audit import AuditEvent
from app.core.db import utcnow
from app.extensions import db
from tests.api.conftest import make_token

SECRET = re.compile(r'id="new-api-token" value="(rtk_[A-Za-z0-9_-]+)"')


def _token_row(app, token_id: int | None = None) -> ApiToken:
    with app.app_context():
        stmt = select(ApiToken).order_by(ApiToken.id.desc())
        row = db.session.scalar(stmt.where(ApiToken.id == token_id) if token_id else stmt)
        db.session.expunge(row)
        return row


def test_the_account_page_makes_a_token_shown_once_and_stores_only_its_hash(app, factory, make_client, api_client):
    user = factory.user(roles=("coach",))
    web = make_client(login=user.email)
    card = web.get("/account/api-tokens", htmx=True).get_data(as_text=True)
    assert "You have no API tokens." in card and 'name="name"' in card
    response = web.post("/account/api-tokens", {"name": "Raporttiskripti", "scope": "read", "days": "30"}, htmx=True)
    assert response.status_code == 200
    secret = SECRET.search(response.get_data(as_text=True)).group(1)
    row = _token_row(app)
    assert row.token_hash == services.token_hash(secret) and secret not in (row.token_hash, row.prefix, row.name)
    assert row.prefix == secret[:12] and row.scope == "read"
    assert timedelta(days=29) < row.expires_at - utcnow() <= timedelta(days=30)
    again = web.get("/account/api-tokens", htmx=True).get_data(as_text=True)
    assert secret not in again and "Raporttiskripti" in again and row.prefix in again  # shown once only
    assert api_client(token=secret).get("/api/v1/employers").status_code == 200


def test_a_token_needs_a_name_and_the_form_keeps_the_input(app, factory, make_client):
    web = make_client(login=factory.user().email)
    response = web.post("/account/api-tokens", {"name": "", "scope": "write", "days": "90"}, htmx=True)
    assert response.status_code == 422
    checked = r'<input[^>]*checked[^>]*value="write"|<input[^>]*value="write"[^>]*checked'
    assert re.search(checked, response.get_data(as_text=True))
    with app.app_context():
        assert db.session.scalar(select(ApiToken.id)) is None


def test_revoked_expired_unknown_and_missing_tokens_get_401_problems(app, factory, make_client, api_client):
    user = factory.user()
    secret = make_token(app, user, "read")
    assert api_client(token=secret).get("/api/v1/employers").status_code == 200
    web = make_client(login=user.email)
    row = _token_row(app)
    assert web.post(f"/account/api-tokens/{row.id}/revoke", htmx=True).status_code == 200
    for token in (secret, "rtk_" + "x" * 43, "nonsense", ""):
        response = api_client(token=token).get("/api/v1/employers")
        assert response.status_code == 401 and response.mimetype == "application/problem+json"
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
    expired = make_token(app, user, "read")
    with app.app_context():
        db.session.get(ApiToken, _token_row(app).id).expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    assert api_client(token=expired).get("/api/v1/employers").status_code == 401


def test_another_users_token_cannot_be_revoked_from_my_account(app, factory, make_client):
    mine, theirs = factory.user(), factory.user()
    make_token(app, theirs)
    token_id = _token_row(app).id
    assert make_client(login=mine.email).post(f"/account/api-tokens/{token_id}/revoke", htmx=True).status_code == 404
    assert _token_row(app, token_id).revoked_at is None


def test_the_administrator_lists_and_revokes_any_token(app, factory, make_client, api_client):
    user = factory.user()
    secret = make_token(app, user)
    token_id = _token_row(app).id
    admin = make_client(login=factory.user(roles=("admin",)).email)
    page = admin.get("/admin/api-tokens").get_data(as_text=True)
    assert user.email in page and f"#{token_id}" in page
    assert make_client(login=user.email).get("/admin/api-tokens").status_code == 403
    assert admin.post(f"/admin/api-tokens/{token_id}/revoke").status_code == 303
    assert api_client(token=secret).get("/api/v1/employers").status_code == 401
    assert user.email not in admin.get("/admin/api-tokens").get_data(as_text=True)
    assert user.email in admin.get("/admin/api-tokens?all=1").get_data(as_text=True)


def test_a_read_token_cannot_write(app, factory, api_client):
    user = factory.user(roles=("coach",))
    employer = factory.employer()
    reader = api_client(user, "read")
    body = {"employer_id": employer.id, "channel": "call", "occurred_on": "2026-01-05", "summary": "Soitto"}
    response = reader.post("/api/v1/touchpoints", body)
    assert response.status_code == 403 and response.mimetype == "application/problem+json"
    assert 'scope="write"' in response.headers["WWW-Authenticate"]
    assert reader.get("/api/v1/touchpoints").get_json()["items"] == []
    assert api_client(user, "write").post("/api/v1/touchpoints", body).status_code == 201


def test_a_role_that_may_not_log_contacts_is_refused_through_the_api_as_on_the_web(app, factory, api_client):
    org = factory.org()
    plain = factory.user(org, roles=())
    response = api_client(plain).post("/api/v1/touchpoints", {"employer_id": factory.employer().id,
                                                              "channel": "call", "occurred_on": "2026-01-05",
                                                              "summary": "Soitto"})
    assert response.status_code == 403


def test_a_browser_session_cookie_alone_does_not_authenticate_the_api(app, factory, make_client):
    user = factory.user(roles=("coach",))
    employer = factory.employer()
    web = make_client(login=user.email)  # logged in: the session cookie is set
    assert web.get("/employers").status_code == 200
    assert web.get("/api/v1/employers").status_code == 401
    response = web.post("/api/v1/touchpoints", headers={"Content-Type": "application/json"},
                        data=json.dumps({"employer_id": employer.id, "channel": "call", "occurred_on": "2026-01-05",
                                         "summary": "Soitto"}))
    assert response.status_code == 401
    with app.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(AuditEvent).where(
            AuditEvent.entity == "touchpoints")) == 0


def test_no_csrf_token_is_needed_with_a_bearer_token(app, factory, api_client):
    user = factory.user(roles=("coach",))
    employer = factory.employer()
    response = api_client(user).post("/api/v1/touchpoints", {"employer_id": employer.id, "channel": "call",
                                                             "occurred_on": "2026-01-05", "summary": "Soitto"})
    assert response.status_code == 201, response.get_data(as_text=True)


def test_a_deactivated_users_tokens_stop_working(app, factory, api_client):
    user = factory.user()
    client = api_client(user)
    from app.auth.models import User

    with app.app_context():
        db.session.get(User, user.id).active = False
        db.session.commit()
    assert client.get("/api/v1/employers").status_code == 401


def test_last_use_is_recorded_and_a_get_stays_a_read(app, factory, api_client):
    client = api_client(factory.user())
    assert _token_row(app).last_used_at is None
    assert client.get("/api/v1/employers").status_code == 200  # SQLite: a write in a read would raise in tests
    assert _token_row(app).last_used_at is not None


def test_throttling_counts_every_request_of_a_token_in_the_database(app, factory, api_client):
    user = factory.user()
    client, other = api_client(user), api_client(user)
    app.config["API_RATE_PER_MINUTE"] = 3
    try:
        statuses = [client.get("/api/v1/employers").status_code for _ in range(3)]
        limited = client.get("/api/v1/employers")
        assert other.get("/api/v1/employers").status_code == 200  # another token has its own count
    finally:
        app.config["API_RATE_PER_MINUTE"] = 120
    if limited.status_code == 200:  # the minute turned between the requests: the count started again
        return
    assert statuses == [200, 200, 200]
    assert limited.status_code == 429 and limited.mimetype == "application/problem+json"
    assert 1 <= int(limited.headers["Retry-After"]) <= 60
    assert _token_row(app, _token_row(app).id - 1).window_count == 4  # refused requests count too


def test_the_audit_trail_names_the_token(app, factory, api_client, make_client):
    user = factory.user(roles=("coach",))
    employer = factory.employer()
    client = api_client(user)
    token_id = _token_row(app).id
    created = client.post("/api/v1/touchpoints", {"employer_id": employer.id, "channel": "visit",
                                                  "occurred_on": "2026-01-05", "summary": "Käynti"}).get_json()
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.entity == "touchpoints",
                                                           AuditEvent.entity_id == created["id"]))
        assert (event.actor_id, event.organisation_id, event.via) == (user.id, user.organisation_id,
                                                                      f"api_token:{token_id}")
    audit_log = make_client(login=factory.user(roles=("manager",), org=user.org).email).get("/audit")
    assert f"via API token #{token_id}" in audit_log.get_data(as_text=True)


def test_web_requests_after_an_api_request_are_not_attributed_to_the_token(app, factory, api_client, make_client):
    user = factory.user(roles=("coach",))
    employer = factory.employer()
    api_client(user).get("/api/v1/employers")
    web = make_client(login=user.email)
    web.post(f"/employers/{employer.id}/touchpoints/quick", {"channel": "call", "occurred_on": "2026-01-05",
                                                            "summary": "Soitin"})
    with app.app_context():
        vias = set(db.session.scalars(select(AuditEvent.via).where(AuditEvent.entity == "touchpoints")))
    assert vias == {None}


def test_the_command_line_prints_a_token(app, factory, api_client):
    user = factory.user()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["tokens", "create", "--email", user.email, "--scope", "read", "--days", "7"])
    assert result.exit_code == 0, result.output
    secret = result.output.strip().splitlines()[0]
    assert secret.startswith("rtk_")
    assert api_client(token=secret).get("/api/v1/employers").status_code == 200
    assert timedelta(days=6) < _token_row(app).expires_at - utcnow() <= timedelta(days=7)
    bad = runner.invoke(args=["tokens", "create", "--email", "nobody@example.test", "--scope", "read"])
    assert bad.exit_code != 0
