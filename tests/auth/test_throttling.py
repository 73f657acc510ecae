"""Throttling that stops the attacker, not the user (issue 14 item 2, RELIABILITY.md A3): growing delays per
account-and-address pair; a second address and the real user still get in; X-Forwarded-For only behind the
configured number of proxies; an administrator sees and lifts locks."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app import create_app
from app.auth import throttle
from app.auth.models import AuthSession
from app.config import TestConfig
from app.core.audit import AuditEvent
from app.extensions import db
from tests.conftest import PASSWORD, Client

WRONG = "wrong-password-x"


def _client(app, address: str) -> Client:
    c = Client(app)
    c.http.environ_base["REMOTE_ADDR"] = address
    c.refresh_token()
    return c


def _try(c: Client, email: str, password: str = WRONG, **headers) -> int:
    return c.post("/auth/login", data={"email": email, "password": password}, headers=headers).status_code


def test_delays_grow_per_account_and_address_and_spare_other_addresses(app, factory, two_factor):
    user, neighbour = factory.user(), factory.user()
    attacker = _client(app, "10.0.0.66")
    assert [_try(attacker, user.email) for _ in range(throttle.FREE_FAILURES)] == [401] * throttle.FREE_FAILURES
    blocked = attacker.post("/auth/login", data={"email": user.email, "password": PASSWORD})
    assert blocked.status_code == 429 and "Wait 30 seconds" in blocked.get_data(as_text=True)
    assert _try(_client(app, "10.0.0.7"), user.email, PASSWORD) == 303  # the real user, from elsewhere
    assert _try(_client(app, "10.0.0.66"), neighbour.email, PASSWORD) == 303  # another account, same address
    two_factor.age_attempts(timedelta(seconds=31))
    assert _try(attacker, user.email) == 401  # the 30 s passed: one more try, which fails: now 60 s
    two_factor.age_attempts(timedelta(seconds=31))
    assert _try(attacker, user.email, PASSWORD) == 429
    two_factor.age_attempts(timedelta(seconds=30))
    assert _try(attacker, user.email, PASSWORD) == 303  # waited: the right password works and clears the count
    attacker.refresh_token()
    assert [_try(attacker, user.email) for _ in range(throttle.FREE_FAILURES)] == [401] * throttle.FREE_FAILURES


def test_delay_schedule_is_capped():
    waits = [throttle.delay_after(n).total_seconds() for n in range(0, 14)]
    assert waits[:5] == [0] * 5 and waits[5:9] == [30, 60, 120, 240] and max(waits) == 900


def test_unknown_and_known_accounts_are_throttled_alike(app, factory):
    user = factory.user()
    c = _client(app, "10.0.0.66")
    for email in (user.email, "nobody@example.test"):
        for _ in range(throttle.FREE_FAILURES):
            _try(c, email)
    known = c.post("/auth/login", data={"email": user.email, "password": WRONG})
    unknown = c.post("/auth/login", data={"email": "nobody@example.test", "password": WRONG})
    assert known.status_code == unknown.status_code == 429
    assert known.get_data(as_text=True).count("Too many") == unknown.get_data(as_text=True).count("Too many") == 1


def test_many_addresses_against_one_account_stop_new_addresses_not_known_ones(app, factory):
    user = factory.user()
    home = _client(app, "10.1.1.1")
    assert _try(home, user.email, PASSWORD) == 303  # the user's own address, known from now on
    for n in range(throttle.ACCOUNT_FAILURES):
        _try(_client(app, f"10.9.0.{n}"), user.email)
    assert _try(_client(app, "10.9.9.9"), user.email, PASSWORD) == 429  # a new address: wide limit
    assert _try(_client(app, "10.1.1.1"), user.email, PASSWORD) == 303  # the known one still gets in


def test_many_accounts_from_one_address_stop_new_pairs_only(app, factory):
    user, newcomer = factory.user(), factory.user()
    shared = "10.2.2.2"
    assert _try(_client(app, shared), user.email, PASSWORD) == 303
    stuffing = _client(app, shared)
    for n in range(throttle.ADDRESS_FAILURES):
        _try(stuffing, f"x{n}@example.test")
    assert _try(_client(app, shared), newcomer.email, PASSWORD) == 429
    assert _try(_client(app, shared), user.email, PASSWORD) == 303


def test_wrong_second_factor_codes_count_as_failures(app, factory, two_factor):
    user = factory.user()
    totp = two_factor.give_totp(user)
    c = _client(app, "10.0.0.66")
    assert _try(c, user.email, PASSWORD) == 303  # the password is right; the code is owed
    c.refresh_token("/auth/two-factor")
    for _ in range(throttle.FREE_FAILURES):
        assert c.post("/auth/two-factor", data={"code": "123456"}).status_code == 401
    assert c.post("/auth/two-factor", data={"code": totp.now()}).status_code == 429


def test_forwarded_for_is_ignored_without_the_proxy_setting(app, factory):
    user = factory.user()
    c = _client(app, "10.0.0.66")
    for n in range(throttle.FREE_FAILURES):
        assert _try(c, user.email, **{"X-Forwarded-For": f"203.0.113.{n}"}) == 401
    assert _try(c, user.email, PASSWORD, **{"X-Forwarded-For": "203.0.113.99"}) == 429  # cannot dodge by header


@pytest.fixture
def proxied_app(database_url):
    """The app as deployed behind one TLS proxy (RATKO_PROXY_HOPS=1)."""
    config = TestConfig()
    config.SQLALCHEMY_DATABASE_URI, config.PROXY_HOPS = database_url, 1
    proxied = create_app(config)
    yield proxied
    with proxied.app_context():
        db.engine.dispose()


def test_behind_the_proxy_each_client_is_throttled_by_its_own_address(proxied_app, factory):
    user = factory.user()
    attacker = _client(proxied_app, "10.0.0.1")  # every request comes from the proxy
    for _ in range(throttle.FREE_FAILURES):
        assert _try(attacker, user.email, **{"X-Forwarded-For": "198.51.100.1, 203.0.113.5"}) == 401
    assert _try(attacker, user.email, PASSWORD, **{"X-Forwarded-For": "203.0.113.5"}) == 429
    real = _client(proxied_app, "10.0.0.1")
    assert _try(real, user.email, PASSWORD, **{"X-Forwarded-For": "203.0.113.5, 198.51.100.7"}) == 303
    with proxied_app.app_context():
        assert db.session.scalar(select(AuthSession.ip)) == "198.51.100.7"  # the proxy's last hop, not the claim


def test_administrator_sees_and_lifts_a_lock(app, factory, make_client):
    admin = factory.user(roles=("admin",))
    user = factory.user()
    attacker = _client(app, "10.0.0.66")
    for _ in range(throttle.FREE_FAILURES):
        _try(attacker, user.email)
    c = make_client(login=admin.email)
    page = c.get("/admin/security").get_data(as_text=True)
    assert user.email in page and "10.0.0.66" in page
    assert c.post("/admin/security/locks/lift", data={"email": user.email, "ip": "10.0.0.66"}).status_code == 303
    assert "No account is locked now." in c.get("/admin/security").get_data(as_text=True)
    assert _try(attacker, user.email, PASSWORD) == 303
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "login_lock_lifted"))
        assert event.summary == f"{user.email} / 10.0.0.66" and '"failures": 5' in event.changes
