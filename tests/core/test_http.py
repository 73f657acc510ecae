"""Cross-cutting HTTP behaviour: headers, fragments vs pages, htmx redirects, health check, language."""

from __future__ import annotations

from sqlalchemy.exc import OperationalError

from app.extensions import db


def test_security_headers_on_pages(factory, make_client):
    c = make_client(login=factory.user().email)
    response = c.get("/employers")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp and "style-src 'self'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cache-Control"] == "no-store"
    assert "Access-Control-Allow-Origin" not in response.headers


def test_no_inline_scripts_or_styles_in_templates(app):
    import pathlib
    import re

    root = pathlib.Path(app.root_path) / "templates"
    for path in root.rglob("*"):
        if path.is_file():
            assert path.suffix == ".html", path  # Flask autoescapes only .html (RELIABILITY.md finding 13)
            text = path.read_text()
            assert not re.search(r"<script(?![^>]*\bsrc=)", text), path
            assert " style=" not in text and "<style" not in text, path
            assert "|safe" not in text.replace(" ", ""), path


def test_htmx_config_is_safe(factory, client):
    body = client.get("/auth/login").get_data(as_text=True)
    for setting in ('"allowEval":false', '"historyCacheSize":0', '"includeIndicatorStyles":false',
                    '"allowScriptTags":false', '"selfRequestsOnly":true'):
        assert setting in body


def test_expired_session_during_htmx_sends_hx_redirect(client):
    response = client.get("/employers?q=a", htmx="employer-results")
    assert response.status_code == 401
    assert response.headers["HX-Redirect"].startswith("/auth/login")
    assert client.get("/employers").status_code == 302


def test_boosted_or_history_requests_get_full_pages(factory, make_client):
    c = make_client(login=factory.user().email)
    boosted = c.get("/employers", headers={"HX-Request": "true", "HX-Target": "employer-results",
                                           "HX-Boosted": "true"})
    assert "<html" in boosted.get_data(as_text=True)
    restore = c.get("/employers", headers={"HX-Request": "true", "HX-History-Restore-Request": "true",
                                           "HX-Target": "employer-results"})
    assert "<html" in restore.get_data(as_text=True)


def test_healthz_ok_and_503_when_database_unreachable(app, client, monkeypatch):
    ok = client.get("/healthz")
    assert ok.status_code == 200 and ok.json == {"status": "ok", "database": "ok"}

    def broken(*args, **kwargs):
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(db.session, "execute", broken)
    down = client.get("/healthz")
    assert down.status_code == 503 and down.json["database"] == "unreachable"


def test_language_switch_for_anonymous_and_user(factory, make_client, client):
    client.refresh_token()
    response = client.post("/auth/language", data={"language": "fi"})
    assert response.status_code == 303
    assert 'lang="fi"' in client.get("/auth/login").get_data(as_text=True)
    user = factory.user()
    c = make_client(login=user.email)
    c.post("/auth/language", data={"language": "sv"})
    assert 'lang="sv"' in c.get("/employers").get_data(as_text=True)


def test_accept_language_is_honoured(client):
    page = client.get("/auth/login", headers={"Accept-Language": "sv-FI,sv;q=0.9"})
    assert 'lang="sv"' in page.get_data(as_text=True)
