"""Browser: two-factor login in Chromium. An authenticator app is set up from the QR code page (an SVG image made on
the server, allowed by the CSP) and used at login; a passkey is registered and used through a virtual authenticator
(CDP WebAuthn), because the network requires two-factor login of managers."""

from __future__ import annotations

import re

import pyotp
import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.auth.models import AuthSession, Passkey
from app.extensions import db
from tests.auth.conftest import TwoFactor
from tests.browser.conftest import SERVER, login
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def _log_out(page) -> None:
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/auth/login")


def _password_step(page, email: str) -> None:
    page.goto("/auth/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/auth/two-factor")


def test_authenticator_app_set_up_from_the_qr_code_and_used_at_login(page, factory):
    user = factory.user(roles=("coordinator",))
    login(page, user.email, PASSWORD)
    page.goto("/auth/account")
    page.get_by_role("link", name="Manage two-factor login").click()
    page.get_by_role("link", name="Set up an authenticator app").click()
    qr = page.get_by_role("img", name="QR code for the authenticator app")
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.naturalWidth") > 100  # the data: SVG loaded (the CSP allows it)
    page.get_by_text("Cannot scan? Type the key instead").click()
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    totp = pyotp.TOTP(secret)
    page.get_by_label("Code from the app").fill(totp.now())
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    page.get_by_role("link", name="I have saved the codes").click()
    expect(page.locator("#totp")).to_contain_text("An authenticator app is set up.")
    _log_out(page)
    _password_step(page, user.email)
    page.get_by_label("Code").fill(TwoFactor.next_code(totp))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(lambda url: "/auth/" not in url)
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def test_recovery_codes_and_two_factor_page_fit_a_phone(phone_page, factory, app):
    user = factory.user(roles=("coordinator",))
    TwoFactor(app).give_totp(user)
    _password_step(phone_page, user.email)
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
    codes = TwoFactor(app).give_codes(user)
    phone_page.get_by_label("Code").fill(codes[0])
    phone_page.get_by_role("button", name="Continue").click()
    phone_page.wait_for_url(lambda url: "/auth/" not in url)
    phone_page.goto("/auth/security")
    phone_page.once("dialog", lambda dialog: dialog.accept())  # "the old ones stop working"
    phone_page.get_by_role("button", name="Make new recovery codes").click()
    expect(phone_page.locator("#recovery-codes li")).to_have_count(10)
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375


@pytest.fixture
def localhost_page(browser, live_server):
    """A page on http://localhost (a passkey needs a domain, not an IP address); a script error or a CSP violation
    fails the test."""
    context = browser.new_context(base_url=live_server.replace("127.0.0.1", "localhost"), locale="en-GB")
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.set_default_timeout(10_000)
    yield page
    context.close()
    SERVER["inflight"].wait_quiet()
    assert not problems, problems


def test_passkey_registered_at_first_login_and_used_at_the_next(localhost_page, factory, app):
    page = localhost_page
    manager = factory.user(roles=("manager",))
    TwoFactor(app).require("manager")
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True, "hasUserVerification": True,
        "isUserVerified": True, "automaticPresenceSimulation": True}})
    login(page, manager.email, PASSWORD)
    page.wait_for_url("**/auth/security")  # required: set up before anything else
    expect(page.get_by_role("alert").first).to_contain_text("Your role requires two-factor login")
    page.get_by_label("Name of the new passkey").fill("Työkannettava")
    page.get_by_role("button", name="Add a passkey").click()
    expect(page.locator("#messages")).to_contain_text("The passkey was added.")
    expect(page.locator("#passkeys")).to_contain_text("Työkannettava")
    page.get_by_role("button", name="Make new recovery codes").click()
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    page.goto("/employers")
    expect(page).to_have_url(re.compile(r"/employers$"))  # set up: free to go
    _log_out(page)
    _password_step(page, manager.email)
    page.get_by_role("button", name="Use a passkey").click()
    page.wait_for_url(lambda url: "/auth/" not in url)
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    with app.app_context():
        passkey = db.session.scalar(select(Passkey))
        assert passkey.name == "Työkannettava" and passkey.last_used_at is not None
        latest = db.session.scalar(select(AuthSession).order_by(AuthSession.id.desc()))
        assert latest.second_factor == "passkey" and latest.revoked_at is None
