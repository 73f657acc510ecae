"""Browser tests: the app served on a local port in a thread, driven by Playwright in the system Chromium.

Chromium comes from Debian (`apt-get install chromium`), never a Playwright download. Without it these tests skip
with a reason, unless REQUIRE_BROWSER=1 (CI), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
import threading
import time

import pytest
from werkzeug.serving import make_server

BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage"]


def _chromium_path() -> str | None:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    return path if os.path.exists(path) else None


def _unavailable(reason: str):
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests are required here but cannot run: {reason}")
    pytest.skip(reason)


class InFlight:
    """WSGI middleware counting requests being served, so a test can wait for the server to go quiet
    before the next test empties the tables (a lazy-loaded region may still be rendering)."""

    def __init__(self, app):
        self.app = app
        self.count = 0
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self.lock:
            self.count += 1
        try:
            iterable = self.app(environ, start_response)
        except BaseException:
            self._done()
            raise
        return _Finishing(iterable, self._done)

    def _done(self) -> None:
        with self.lock:
            self.count -= 1

    def wait_quiet(self, timeout: float = 10.0) -> None:
        """Return once no request is being served (or after `timeout` seconds)."""
        deadline = time.monotonic() + timeout
        while self.count and time.monotonic() < deadline:
            time.sleep(0.02)


class _Finishing:
    """A response body that closes itself (and reports done) as soon as it is fully sent: the dev server skips
    close() when the browser has already dropped the connection, which would leak open files."""

    def __init__(self, iterable, done):
        self.iterable = iterable
        self.done = done
        self.finished = False

    def __iter__(self):
        try:
            yield from self.iterable
        finally:
            self.close()

    def close(self) -> None:
        if self.finished:
            return
        self.finished = True
        try:
            if hasattr(self.iterable, "close"):
                self.iterable.close()
        finally:
            self.done()


SERVER = {}


@pytest.fixture(scope="session")
def live_server(app):
    """Serve the test app on 127.0.0.1 in a background thread; yields the base URL."""
    SERVER["inflight"] = inflight = InFlight(app)
    server = make_server("127.0.0.1", 0, inflight, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole run."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed")
    path = _chromium_path()
    if path is None:
        _unavailable("Chromium is not installed (apt-get install chromium)")
    manager = sync_playwright().start()
    try:
        chromium = manager.chromium.launch(executable_path=path, args=BROWSER_ARGS)
    except Exception as error:  # noqa: BLE001 - any launch failure means no browser
        manager.stop()
        _unavailable(f"Chromium did not start: {error}")
    yield chromium
    chromium.close()
    manager.stop()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context and page; console errors and CSP violations fail the test."""
    context = browser.new_context(base_url=live_server, locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.set_default_timeout(10_000)
    yield page
    context.close()
    SERVER["inflight"].wait_quiet()
    csp = [p for p in problems if "Content Security Policy" in p or "Refused to" in p]
    assert not csp, csp


@pytest.fixture
def phone_page(browser, live_server):
    """A 375-px-wide phone-sized page."""
    context = browser.new_context(base_url=live_server, locale="en-GB", viewport={"width": 375, "height": 740},
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
    SERVER["inflight"].wait_quiet()


def login(page, email: str, password: str) -> None:
    """Log in through the form."""
    page.goto("/auth/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/auth/login" not in url)
