"""Benchmark the employer directory, the employer page and the worklist at regional scale on SQLite and PostgreSQL.

    python -m bench.run [--database sqlite|postgresql|both] [--employers 30000] [--requests 60]

Builds a fresh database per engine with the migrations and `bench.synthetic`, logs in as a coach, and measures
each page in-process (server time, one thread): median, p95 and SQL queries per request, printed with the scale.
Targets (DESIGN.md "Performance"): median <= 50 ms, p95 <= 150 ms, a query count that does not grow with the data.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import statistics
import tempfile
import time
from collections.abc import Callable
from contextlib import contextmanager

from sqlalchemy import create_engine, event, func, select, text
from sqlalchemy.engine import make_url

POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
PASSWORD = "bench-password-" + "x" * 8
TARGET_MEDIAN, TARGET_P95 = 50.0, 150.0
CSRF = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


@contextmanager
def _postgres_database(keep: bool):
    url = make_url(POSTGRES)
    name = f"ratko_bench_{secrets.token_hex(3)}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        if not keep:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def _sqlite_database(keep: bool):
    folder = tempfile.mkdtemp(prefix="ratko-bench-")
    path = os.path.join(folder, "bench.db")
    try:
        yield f"sqlite:///{path}"
    finally:
        if not keep:
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(path + suffix):
                    os.remove(path + suffix)
            os.rmdir(folder)


def release(app) -> None:
    """Close the app's sessions and connections (before a database is dropped)."""
    from app.extensions import db

    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def figure_line(name: str, figures: dict, ok: bool, width: int = 38) -> str:
    """One printed result: median, p95, the query range and whether it meets its target."""
    low, high = figures["queries"]
    return (f"  {name:{width}s} median {figures['median']:6.1f} ms  p95 {figures['p95']:6.1f} ms  "
            f"queries {low if low == high else f'{low}-{high}'}  {'ok' if ok else 'MISSES TARGET'}")


def _app(url: str):
    from app import create_app
    from app.config import TestConfig

    config = TestConfig()
    config.SQLALCHEMY_DATABASE_URI = url
    config.TESTING = False
    return create_app(config)


def _build(app, employers: int) -> dict:
    from flask_migrate import upgrade

    from bench.synthetic import generate

    with app.app_context():
        upgrade()
        started = time.perf_counter()
        counts = generate(employers=employers, password=PASSWORD, log=lambda _line: None)
        counts["seconds"] = round(time.perf_counter() - started)
        return counts


def _pick(app) -> dict:
    """A coach owning a typical number of relationships, an employer with many touchpoints, search words."""
    from app.auth.models import User
    from app.employers.models import Employer, Relationship
    from app.extensions import db
    from app.touchpoints.models import Touchpoint

    with app.app_context():
        owners = db.session.execute(select(Relationship.owner_id, func.count()).group_by(Relationship.owner_id)
                                    .order_by(func.count())).all()
        owner_id = owners[len(owners) // 2][0]
        user = db.session.get(User, owner_id)
        busy = db.session.scalars(select(Touchpoint.employer_id).group_by(Touchpoint.employer_id)
                                  .order_by(func.count().desc()).limit(20)).all()
        sample = db.session.scalars(select(Employer.id).order_by(Employer.id).limit(200)).all()
        municipality = db.session.scalar(select(Employer.municipality).group_by(Employer.municipality)
                                         .order_by(func.count().desc()).limit(1))
        return {"email": user.email, "organisation_id": user.organisation_id, "employers": list(busy) + sample[::10],
                "municipality": municipality}


def _login(client, email: str) -> None:
    token = CSRF.search(client.get("/auth/login").get_data(as_text=True)).group(1)
    response = client.post("/auth/login", data={"email": email, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 303, response.status_code


def _scenarios(picked: dict) -> dict[str, Callable[[int], str]]:
    employers, place = picked["employers"], picked["municipality"]
    words = ("puutyö", "karjalan", "oy", "koski", "leipomo 12", "järvi", "1234", "virtanen")
    return {
        "directory (search + filters + page)": lambda i: (
            f"/employers?q={words[i % len(words)]}" + ("&status=active_partner" if i % 3 == 0 else "")
            + (f"&municipality={place}" if i % 4 == 1 else "") + ("&industry=G" if i % 5 == 2 else "")
            + f"&page={1 + i % 3}"),
        "directory (no filter, page 40)": lambda i: f"/employers?page={40 + i % 5}",
        "employer page": lambda i: f"/employers/{employers[i % len(employers)]}",
        "employer timeline region": lambda i: f"/employers/{employers[i % len(employers)]}/timeline",
        "employer network region": lambda i: f"/employers/{employers[i % len(employers)]}/network-touches",
        "worklist (mine)": lambda i: "/worklist" + ("?page=2" if i % 2 else ""),
        "worklist (organisation)": lambda i: f"/worklist?scope=organisation&page={1 + i % 4}",
        "dashboard worklist summary": lambda _i: "/worklist/summary",
        "worklist counts (after a log)": lambda i: "/worklist/counts" + ("?scope=organisation" if i % 2 else ""),
    }


def _measure(app, client, url_for_index: Callable[[int], str], requests: int, *, warm: int = 5) -> dict:
    """GET `url_for_index(i)` `requests` times after `warm` unmeasured requests; every benchmark's one measure.

    Returns the server time per request in ms (median, p95 and max of the wall clock; median and p95 of this
    process's CPU time: on a shared machine the wall clock includes waiting for a core, on SQLite the CPU time is
    the whole work, the database included), the range of SQL statements per request and the last response's bytes.
    """
    from app.extensions import db

    with app.app_context():
        engine = db.engine
    queries = [0]

    def count(*_args, **_kwargs):
        queries[0] += 1

    for i in range(warm):  # warm caches and connections
        client.get(url_for_index(i))
    walls, cpus, counts, size = [], [], [], 0
    event.listen(engine, "before_cursor_execute", count)
    try:
        for i in range(requests):
            url, queries[0] = url_for_index(i), 0
            wall, cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            cpus.append((time.process_time() - cpu) * 1000)
            walls.append((time.perf_counter() - wall) * 1000)
            counts.append(queries[0])
            assert response.status_code == 200, (url, response.status_code)
            size = len(response.get_data())
    finally:
        event.remove(engine, "before_cursor_execute", count)
    walls.sort()
    cpus.sort()
    return {"median": statistics.median(walls), "p95": _p95(walls), "max": walls[-1],
            "cpu_median": statistics.median(cpus), "cpu_p95": _p95(cpus), "queries": (min(counts), max(counts)),
            "bytes": size}


def _p95(ordered: list[float]) -> float:
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def run(database: str, *, employers: int, requests: int, keep: bool) -> list[dict]:
    """Build one database at the given scale and measure every scenario on it."""
    opener = _sqlite_database if database == "sqlite" else _postgres_database
    results = []
    with opener(keep) as url:
        app = _app(url)
        counts = _build(app, employers)
        picked = _pick(app)
        scale = (f"{counts.get('organisations', 0)} orgs, {counts.get('users', 0)} users, "
                 f"{counts.get('employers', 0):,} employers, {counts.get('contacts', 0):,} contacts, "
                 f"{counts.get('touchpoints', 0):,} touchpoints (built in {counts['seconds']} s)")
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"\n== {database}: {scale}; load average before measuring {load} on {os.cpu_count()} cores"
              + (f"\n   kept at {url}" if keep else ""), flush=True)
        client = app.test_client()
        _login(client, picked["email"])
        for name, scenario in _scenarios(picked).items():
            figures = _measure(app, client, scenario, requests)
            ok = figures["median"] <= TARGET_MEDIAN and figures["p95"] <= TARGET_P95
            print(figure_line(name, figures, ok), flush=True)
            results.append({"database": database, "scenario": name, **figures, "scale": scale})
        release(app)
    return results


def command_line(measure: Callable[..., object], doc: str, *, employers: int = 30_000, requests: int | None = 60,
                 options: tuple[tuple[str, dict], ...] = ()) -> None:
    """Parse --database, --employers, --requests (unless None), --keep and a benchmark's own `options` (flag and
    add_argument keywords) and measure each chosen database, passing every value on by name."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--employers", type=int, default=employers)
    if requests is not None:
        parser.add_argument("--requests", type=int, default=requests)
    parser.add_argument("--keep", action="store_true", help="Keep the generated databases.")
    for flag, settings in options:
        parser.add_argument(flag, **settings)
    values = vars(parser.parse_args())
    chosen = values.pop("database")
    for database in (("sqlite", "postgresql") if chosen == "both" else (chosen,)):
        measure(database, **values)


def main() -> None:
    """Command line entry point (make bench)."""
    command_line(run, __doc__)


if __name__ == "__main__":
    main()
