"""My sessions (issue 14 item 3, RELIABILITY.md B4): the account page lists them with device, address and last seen;
I can end any other; a password change or a two-factor reset ends the others."""

from __future__ import annotations

import re

from sqlalchemy import select

from app.auth.devices import device_label
from app.auth.models import AuthSession
from app.extensions import db
from tests.conftest import PASSWORD, Client
from tests.helpers import count_queries

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
IPHONE = ("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
          "Version/18.1 Mobile/15E148 Safari/604.1")


def _device(app, address: str, agent: str, email: str) -> Client:
    c = Client(app)
    c.http.environ_base.update({"REMOTE_ADDR": address, "HTTP_USER_AGENT": agent})
    assert c.login(email).status_code == 303
    return c


def test_device_labels():
    assert device_label(FIREFOX) == "Firefox · Windows"
    assert device_label(IPHONE) == "Safari · iPhone"
    assert device_label("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 "
                        "Safari/537.36 Edg/131.0.0.0") == "Edge · Linux"
    assert device_label("") == "" and device_label("curl/8.5.0") == "curl/8.5.0"


def test_account_lists_my_sessions_and_ends_one(app, factory):
    user, other = factory.user(), factory.user()
    laptop = _device(app, "10.0.0.5", FIREFOX, user.email)
    phone = _device(app, "10.0.0.9", IPHONE, user.email)
    stranger = _device(app, "10.0.0.3", FIREFOX, other.email)
    page = laptop.get("/auth/account").get_data(as_text=True)
    assert "Firefox · Windows" in page and "Safari · iPhone" in page and "10.0.0.9" in page
    assert page.count("This session") == 1 and "10.0.0.3" not in page  # not someone else's
    with app.app_context():
        phone_id = db.session.scalar(select(AuthSession.id).where(AuthSession.ip == "10.0.0.9"))
        stranger_id = db.session.scalar(select(AuthSession.id).where(AuthSession.ip == "10.0.0.3"))
        laptop_id = db.session.scalar(select(AuthSession.id).where(AuthSession.ip == "10.0.0.5"))
    assert laptop.post(f"/auth/sessions/{stranger_id}/end").status_code == 404  # not mine
    assert laptop.post(f"/auth/sessions/{laptop_id}/end").status_code == 404  # this one: log out instead
    assert laptop.post(f"/auth/sessions/{phone_id}/end").status_code == 303
    assert phone.get("/employers").status_code == 302
    assert laptop.get("/employers").status_code == 200 and stranger.get("/employers").status_code == 200
    assert "Safari · iPhone" not in laptop.get("/auth/account").get_data(as_text=True)


def test_end_all_other_sessions(app, factory):
    user = factory.user()
    first, second, third = (_device(app, f"10.0.0.{n}", FIREFOX, user.email) for n in (1, 2, 3))
    assert second.post("/auth/sessions/end-others").status_code == 303
    assert first.get("/employers").status_code == 302 and third.get("/employers").status_code == 302
    assert second.get("/employers").status_code == 200


def test_password_change_ends_the_other_sessions_only(app, factory):
    user = factory.user(name="Maija Meikäläinen")
    here, elsewhere = _device(app, "10.0.0.1", FIREFOX, user.email), _device(app, "10.0.0.2", IPHONE, user.email)
    new = "sininen-lintu-lentää-yli"
    changed = here.post("/auth/password", data={"current": PASSWORD, "new": new, "repeat": new})
    assert changed.status_code == 303
    assert here.get("/employers").status_code == 200 and elsewhere.get("/employers").status_code == 302


def test_two_factor_removal_ends_the_other_sessions(app, factory, two_factor):
    user = factory.user()
    totp = two_factor.give_totp(user)
    here, elsewhere = Client(app), Client(app)
    two_factor.login(here, user.email, totp.now())
    two_factor.login(elsewhere, user.email, two_factor.next_code(totp))
    assert here.post("/auth/security/totp/remove").status_code == 303
    assert here.get("/employers").status_code == 200 and elsewhere.get("/employers").status_code == 302


def test_account_page_queries_do_not_grow_with_sessions(app, factory):
    user = factory.user()
    c = _device(app, "10.0.0.1", FIREFOX, user.email)
    with count_queries(app) as few:
        c.get("/auth/account")
    for n in range(8):
        _device(app, f"10.0.1.{n}", IPHONE, user.email)
    with count_queries(app) as many:
        page = c.get("/auth/account").get_data(as_text=True)
    assert len(re.findall(r'id="session-\d+"', page)) == 9
    assert many[0] == few[0]
