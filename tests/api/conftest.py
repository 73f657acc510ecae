"""Fixtures of the API tests: tokens made through the real service, and a client that sends them."""

from __future__ import annotations

import json

import pytest

from app.extensions import db as _db


class ApiClient:
    """A test client that sends a bearer token (and no cookie) to the JSON API."""

    def __init__(self, app, token: str | None):
        self.http = app.test_client(use_cookies=False)
        self.token = token

    def headers(self, extra: dict | None = None) -> dict:
        headers = {"Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        headers.update(extra or {})
        return headers

    def get(self, url: str, headers: dict | None = None, **kwargs):
        return self.http.get(url, headers=self.headers(headers), **kwargs)

    def send(self, method: str, url: str, body=None, headers: dict | None = None, raw: bytes | str | None = None,
             content_type: str = "application/json"):
        data = raw if raw is not None else json.dumps(body)
        return self.http.open(url, method=method, data=data, headers=self.headers(headers), content_type=content_type)

    def post(self, url: str, body=None, **kwargs):
        return self.send("POST", url, body, **kwargs)

    def patch(self, url: str, body=None, **kwargs):
        return self.send("PATCH", url, body, **kwargs)


def make_token(app, user, scope: str = "write", days: int = 30) -> str:
    """A new token's secret for a factory user."""
    from app.api import services
    from app.auth import selectors

    with app.app_context():
        issued = services.token_create(user=selectors.user_get(user.id), name="test", scope=scope, days=days)
        _db.session.commit()
        return issued.secret


@pytest.fixture
def api_client(app):
    """api_client(user, scope="write") -> an ApiClient with a fresh token of that user."""

    def build(user=None, scope: str = "write", token: str | None = None) -> ApiClient:
        return ApiClient(app, token if token is not None else (make_token(app, user, scope) if user else None))

    return build
