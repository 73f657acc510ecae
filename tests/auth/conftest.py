"""Helpers for login tests: two-factor set-up through the real services, the second login step, and moving
recorded login attempts into the past (instead of waiting)."""

from __future__ import annotations

import re
import time
from datetime import timedelta

import pyotp
import pytest
from sqlalchemy import select, update

from app.auth import factors, selectors
from app.auth.models import LoginAttempt, TotpFactor
from app.extensions import db
from tests.conftest import PASSWORD, Client

SECRET_RE = re.compile(r'id="totp-secret">([A-Z2-7 ]+)<')
CODES_RE = re.compile(r"<li><code>([a-z0-9-]+)</code></li>")


class TwoFactor:
    """Two-factor helpers bound to the test app."""

    def __init__(self, app):
        self.app = app

    def give_totp(self, user) -> pyotp.TOTP:
        """Set up an authenticator app for `user` (no code of it used yet); return the app."""
        secret = factors.totp_secret()
        totp = pyotp.TOTP(secret)
        with self.app.app_context():
            target = selectors.user_get(user.id)
            assert factors.totp_enrol(user=target, secret=secret, code=totp.now())
            db.session.execute(update(TotpFactor).where(TotpFactor.user_id == user.id).values(last_step=None))
            db.session.commit()
        return totp

    def give_codes(self, user) -> list[str]:
        """Ten new recovery codes for `user`."""
        with self.app.app_context():
            codes = factors.recovery_codes_create(user=selectors.user_get(user.id))
            db.session.commit()
        return codes

    def require(self, *roles: str) -> None:
        """The network requires two-factor login of these roles."""
        from app.auth import services

        with self.app.app_context():
            services.network_setting_set(key=selectors.TWO_FACTOR_ROLES, value=list(roles))
            db.session.commit()

    def password_step(self, client: Client, email: str, password: str = PASSWORD, **kwargs):
        """Post e-mail and password; returns the response (303 to /auth/two-factor when a factor is owed)."""
        client.refresh_token()
        return client.post("/auth/login", data={"email": email, "password": password, **kwargs})

    def code_step(self, client: Client, code: str):
        """Post the second factor's code from the two-factor page."""
        client.refresh_token("/auth/two-factor")
        response = client.post("/auth/two-factor", data={"code": code})
        if response.status_code == 303:
            client.refresh_token("/auth/account")
        return response

    def login(self, client: Client, email: str, code: str):
        """Both steps; asserts the login went through."""
        first = self.password_step(client, email)
        assert first.status_code == 303 and first.headers["Location"].endswith("/auth/two-factor"), first.status_code
        second = self.code_step(client, code)
        assert second.status_code == 303, second.get_data(as_text=True)[:400]
        return second

    @staticmethod
    def next_code(totp: pyotp.TOTP, steps: int = 1) -> str:
        """The code of a later time step (the previous one was used; the next is accepted for clock drift)."""
        return totp.at(time.time() + 30 * steps)

    def age_attempts(self, delta: timedelta) -> None:
        """Move every recorded login attempt `delta` into the past."""
        with self.app.app_context():
            for attempt in db.session.scalars(select(LoginAttempt)):
                attempt.at -= delta
            db.session.commit()


@pytest.fixture
def two_factor(app):
    """Two-factor helpers."""
    return TwoFactor(app)
