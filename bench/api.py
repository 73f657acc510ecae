"""Benchmark the JSON API's lists (and a few records) at regional scale on SQLite and PostgreSQL.

    python -m bench.api [--database sqlite|postgresql|both] [--employers 30000] [--requests 60]

Builds a fresh database per engine (migrations, `bench.synthetic` with its leads and seekers, plus the RATKO and
placement records of `bench.reports`), makes a personal access token for a coach with a typical number of
relationships, and measures each endpoint in-process (server time, one thread, the token's throttling counter
included): median, p95 and SQL queries per request, printed with the scale. Target (issue 13): list endpoints
median <= 50 ms with a query count that does not grow with the data.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from sqlalchemy import func, select

import bench.reports  # noqa: F401  (registers the RATKO and placement step of the synthetic network)
from bench.run import (
    _app,
    _build,
    _measure,
    _pick,
    _postgres_database,
    _sqlite_database,
    command_line,
    figure_line,
    release,
)

TARGET_MEDIAN = 50.0


def _token(app, email: str) -> str:
    """A write token for the benchmark's user, made through the service."""
    from app.api import services
    from app.auth import selectors
    from app.core.audit import acting_as
    from app.extensions import db

    with app.app_context():
        user = selectors.user_by_email(email)
        with acting_as(user.id, user.organisation_id):
            secret = services.token_create(user=user, name="bench", scope="write", days=1).secret
            db.session.commit()
        return secret


def _deep_cursors(app, organisation_id: int) -> dict[str, str]:
    """Cursors half-way through the longest lists, as a client paging through them would hold."""
    from app.api.paging import encode
    from app.employers.models import Employer
    from app.extensions import db
    from app.touchpoints.models import Touchpoint

    with app.app_context(), app.test_request_context():
        employer_ids = db.session.scalars(select(Employer.id).order_by(Employer.id)).all()
        touchpoint_ids = db.session.scalars(select(Touchpoint.id).where(
            Touchpoint.organisation_id == organisation_id).order_by(Touchpoint.id)).all()
        return {"employers": encode("employers", employer_ids[len(employer_ids) // 2]),
                "touchpoints": encode("touchpoints", touchpoint_ids[len(touchpoint_ids) // 2])}


def _scenarios(picked: dict, cursors: dict) -> dict[str, Callable[[int], str]]:
    employers, place = picked["employers"], picked["municipality"]
    words = ("puutyö", "karjalan", "oy", "koski", "leipomo 12", "järvi", "1234", "virtanen")
    return {
        "employers (first page)": lambda _i: "/api/v1/employers",
        "employers (search + filters)": lambda i: (
            f"/api/v1/employers?q={words[i % len(words)]}" + ("&status=active_partner" if i % 3 == 0 else "")
            + (f"&municipality={place}" if i % 4 == 1 else "") + ("&industry=G" if i % 5 == 2 else "")),
        "employers (cursor half-way)": lambda _i: f"/api/v1/employers?cursor={cursors['employers']}",
        "employer (one, ETag)": lambda i: f"/api/v1/employers/{employers[i % len(employers)]}",
        "employer contacts": lambda i: f"/api/v1/employers/{employers[i % len(employers)]}/contacts",
        "employer timeline (network view)": lambda i: f"/api/v1/employers/{employers[i % len(employers)]}/touchpoints",
        "relationships (mine)": lambda i: "/api/v1/relationships" + ("?status=active_partner" if i % 2 else ""),
        "touchpoints (first page)": lambda _i: "/api/v1/touchpoints",
        "touchpoints (cursor half-way)": lambda _i: f"/api/v1/touchpoints?cursor={cursors['touchpoints']}",
        "touchpoints (one employer)": lambda i: f"/api/v1/touchpoints?employer_id={employers[i % len(employers)]}",
        "worklist (mine)": lambda _i: "/api/v1/worklist",
        "worklist (organisation)": lambda _i: "/api/v1/worklist?scope=organisation",
        "leads (active)": lambda _i: "/api/v1/leads",
        "leads (all, mine)": lambda _i: "/api/v1/leads?status=all&whose=mine",
        "proposals": lambda _i: "/api/v1/proposals",
        "ratko engagements": lambda _i: "/api/v1/ratko/engagements",
        "ratko bundles (with demand)": lambda _i: "/api/v1/ratko/bundles",
        "placements (with follow-ups)": lambda _i: "/api/v1/placements",
    }


def run(database: str, *, employers: int, requests: int, keep: bool) -> list[dict]:
    """Build one database at the given scale and measure every endpoint on it."""
    opener = _sqlite_database if database == "sqlite" else _postgres_database
    results = []
    with opener(keep) as url:
        app = _app(url)
        counts = _build(app, employers)
        picked = _pick(app)
        app.config["API_RATE_PER_MINUTE"] = 10_000_000
        client = app.test_client(use_cookies=False)
        client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {_token(app, picked['email'])}"
        cursors = _deep_cursors(app, picked["organisation_id"])
        with app.app_context():
            from app.extensions import db
            from app.leads.models import Lead
            from app.leads.placements.models import Placement

            extra = (f"{db.session.scalar(select(func.count()).select_from(Lead)):,} leads, "
                     f"{db.session.scalar(select(func.count()).select_from(Placement)):,} placements")
        scale = (f"{counts.get('organisations', 0)} orgs, {counts.get('users', 0)} users, "
                 f"{counts.get('employers', 0):,} employers, {counts.get('contacts', 0):,} contacts, "
                 f"{counts.get('touchpoints', 0):,} touchpoints, {extra} (built in {counts['seconds']} s)")
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"\n== {database}: {scale}; load average before measuring {load} on {os.cpu_count()} cores",
              flush=True)
        for name, scenario in _scenarios(picked, cursors).items():
            figures = _measure(app, client, scenario, requests)
            print(figure_line(name, figures, figures["median"] <= TARGET_MEDIAN, width=36), flush=True)
            results.append({"database": database, "scenario": name, **figures, "scale": scale})
        release(app)
    return results


def main() -> None:
    """Command line entry point."""
    command_line(run, __doc__)


if __name__ == "__main__":
    main()
