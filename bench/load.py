"""A bounded load run against the served app: 8 logged-in clients for 60 s on loopback, on SQLite and PostgreSQL.

    python -m bench.load [--database sqlite|postgresql|both] [--employers 30000] [--clients 8] [--seconds 60]

Builds a fresh database per engine (migrations + `bench.synthetic`), serves it with gunicorn (3 workers, as
`make serve`) on a free loopback port, and lets each client, logged in as its own coach, cycle through a directory
search, an employer page, the worklist and a quick log (a write). The session touch runs every 5 s instead of every
60 s, so the touch and the writes collide as often as they can (issue 10: the idle-lock). Prints requests, errors
and p50/p95 per action; the run fails (exit 1) on any error. Traffic goes to 127.0.0.1 only, bounded in time.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from bench.run import PASSWORD, _app, _build, _postgres_database, _sqlite_database

CSRF = re.compile(r'<meta name="csrf-token" content="([^"]+)"')
ROOT = Path(__file__).resolve().parent.parent
WORDS = ("puutyö", "karjalan", "oy", "koski", "järvi", "virtanen", "kärnä", "leipomo")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _pick(app, clients: int) -> tuple[list[str], list[int]]:
    """Coaches who own relationships (each client logs in as its own) and employers they can log contacts with."""
    from app.auth.models import User
    from app.employers.models import Employer, Relationship
    from app.extensions import db

    with app.app_context():
        owners = db.session.scalars(select(Relationship.owner_id).group_by(Relationship.owner_id)
                                    .order_by(func.count().desc()).limit(clients)).all()
        emails = [db.session.get(User, owner).email for owner in owners]
        employers = db.session.scalars(select(Employer.id).order_by(Employer.id).limit(400)).all()
    return emails, list(employers[::4])


class Client:
    """One browser-like user: a cookie jar, the CSRF token from the page's meta tag, timed requests."""

    def __init__(self, base: str, email: str, employers: list[int], results: dict, lock: threading.Lock):
        self.base, self.email, self.employers = base, email, employers
        self.results, self.lock = results, lock
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.token = ""

    def _send(self, path: str, data: dict | None = None, htmx: str | None = None) -> tuple[int, str]:
        headers = {"X-CSRFToken": self.token} if data is not None else {}
        if htmx:
            headers.update({"HX-Request": "true", "HX-Target": htmx})
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def timed(self, action: str, path: str, data: dict | None = None, htmx: str | None = None) -> str:
        started = time.perf_counter()
        try:
            status, text = self._send(path, data, htmx)
        except OSError as error:
            status, text = 0, str(error)
        elapsed = (time.perf_counter() - started) * 1000
        with self.lock:
            self.results[action]["times"].append(elapsed)
            if status >= 400 or status == 0:
                self.results[action]["errors"].append(f"{status} {path}: {text[:120]!r}")
        return text

    def login(self) -> None:
        self.token = CSRF.search(self._send("/auth/login")[1]).group(1)
        status, text = self._send("/auth/login", {"email": self.email, "password": PASSWORD,
                                                  "csrf_token": self.token})
        self.token = CSRF.search(text).group(1)
        assert status == 200 and "/auth/login" not in text[:200], f"login failed for {self.email}: {status}"

    def run(self, until: float, offset: int) -> None:
        i = offset
        while time.perf_counter() < until:
            employer = self.employers[i % len(self.employers)]
            step = i % 4
            if step == 0:
                self.timed("directory search", f"/employers?q={urllib.parse.quote(WORDS[i % len(WORDS)])}"
                           + ("&status=active_partner" if i % 3 == 0 else ""))
            elif step == 1:
                self.timed("employer page", f"/employers/{employer}")
            elif step == 2:
                self.timed("worklist", "/worklist" + ("?scope=organisation" if i % 2 else ""))
            else:
                self.timed("quick log (write)", f"/employers/{employer}/touchpoints/quick", htmx="modal-body",
                           data={"channel": "call", "occurred_on": date.today().isoformat(),
                                 "summary": f"Kuormitusajo {self.email} {i}"})
            i += 1


def _serve(url: str, port: int):
    env = {**os.environ, "DATABASE_URL": url, "RATKO_ENV": "development", "RATKO_SESSION_TOUCH_SECONDS": "5",
           "RATKO_SECRET_KEY": os.urandom(32).hex(), "RATKO_TWO_FACTOR_ROLES": ""}  # clients log in by password
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    process = subprocess.Popen([gunicorn, "--workers", "3", "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
                                "app:create_app()"], cwd=ROOT, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return process
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise RuntimeError("the server did not come up")


def run(database: str, *, employers: int, clients: int, seconds: int) -> int:
    """Build, serve and load one database; return the number of errors."""
    opener = _sqlite_database if database == "sqlite" else _postgres_database
    with opener(False) as url:
        app = _app(url)
        counts = _build(app, employers)
        emails, employer_ids = _pick(app, clients)
        with app.app_context():
            from app.extensions import db

            db.engine.dispose()
        port = _free_port()
        server = _serve(url, port)
        try:
            results: dict = defaultdict(lambda: {"times": [], "errors": []})
            lock = threading.Lock()
            users = [Client(f"http://127.0.0.1:{port}", emails[n % len(emails)], employer_ids, results, lock)
                     for n in range(clients)]
            for user in users:
                user.login()
            until = time.perf_counter() + seconds
            threads = [threading.Thread(target=user.run, args=(until, n)) for n, user in enumerate(users)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"\n== {database}: {clients} clients for {seconds} s against gunicorn (3 workers) on loopback; "
          f"{counts.get('employers', 0):,} employers, {counts.get('touchpoints', 0):,} touchpoints; "
          f"{os.cpu_count()} cores")
    total_requests = total_errors = 0
    for action, figures in sorted(results.items()):
        times = sorted(figures["times"])
        p95 = times[max(0, round(0.95 * len(times)) - 1)]
        total_requests += len(times)
        total_errors += len(figures["errors"])
        print(f"  {action:20s} requests {len(times):5d}  errors {len(figures['errors']):3d}  "
              f"p50 {statistics.median(times):7.1f} ms  p95 {p95:7.1f} ms")
        for error in figures["errors"][:3]:
            print(f"      {error}")
    print(f"  {'all':20s} requests {total_requests:5d}  errors {total_errors:3d}")
    return total_errors


def main() -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--employers", type=int, default=30_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=int, default=60)
    args = parser.parse_args()
    errors = 0
    for database in (("sqlite", "postgresql") if args.database == "both" else (args.database,)):
        errors += run(database, employers=args.employers, clients=args.clients, seconds=args.seconds)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
