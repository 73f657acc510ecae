"""Benchmark the GDPR tools at regional scale on SQLite and PostgreSQL.

    python -m bench.gdpr [--database sqlite|postgresql|both] [--employers 30000] [--requests 10] [--reads 20000]

Builds the synthetic network (bench.synthetic: 2,000 seekers, 90,000 contacts, 600,000 touchpoints at full scale),
adds an audit history (`--reads` logged reads of several capability profiles at once, as ranking pages write them)
and links 200 touchpoints to one contact person, then measures in-process: a seeker's access export, a contact
person's access export (the organisation's and the network administrator's), the retention page (whole network and
one organisation), the privacy notice, and the retention rule over every seeker (`retention run --dry-run`'s work).
"""

from __future__ import annotations

import json
import random
import time

from sqlalchemy import func, insert, select, update

from bench.run import _app, _build, _login, _measure, _postgres_database, _sqlite_database, command_line, release


def _prepare(app, reads: int) -> dict:
    """Pick a manager, a seeker of theirs, a contact; add the audit history and the contact's touchpoints."""
    from app.auth.models import User, UserRole
    from app.core.audit import AuditEvent
    from app.core.db import utcnow
    from app.employers.models import ContactPerson
    from app.extensions import db
    from app.seekers.models import CapabilityProfile, JobSeeker
    from app.touchpoints.models import Touchpoint

    with app.app_context():
        manager = db.session.scalars(select(User).join(UserRole).where(UserRole.role == "manager")
                                     .order_by(User.id)).first()
        seeker_id = db.session.scalar(select(JobSeeker.id).where(JobSeeker.organisation_id == manager.organisation_id)
                                      .order_by(JobSeeker.id))
        profiles = db.session.execute(select(CapabilityProfile.id, CapabilityProfile.seeker_id)).all()
        rng, now = random.Random(11), utcnow()
        rows = []
        for _ in range(reads):
            sample = rng.sample(profiles, k=min(50, len(profiles)))
            rows.append({"created_at": now, "actor_id": manager.id, "organisation_id": manager.organisation_id,
                         "action": "read", "entity": "capability_profiles", "entity_id": None,
                         "summary": "bundle ranking", "changes": json.dumps({
                             "seeker_ids": [s for _p, s in sample], "profile_ids": [p for p, _s in sample]})})
        for start in range(0, len(rows), 5000):
            db.session.execute(insert(AuditEvent.__table__), rows[start:start + 5000])
        busy = db.session.scalar(select(Touchpoint.employer_id).where(
            Touchpoint.organisation_id == manager.organisation_id).group_by(Touchpoint.employer_id)
            .order_by(func.count().desc()).limit(1))
        contact = db.session.scalars(select(ContactPerson).where(ContactPerson.employer_id == busy)).first()
        ids = db.session.scalars(select(Touchpoint.id).where(Touchpoint.employer_id == busy).limit(200)).all()
        db.session.execute(update(Touchpoint).where(Touchpoint.id.in_(ids)).values(contact_id=contact.id))
        db.session.add(UserRole(user_id=manager.id, role="admin"))
        admin_id = manager.id
        other = db.session.scalars(select(User).join(UserRole).where(
            UserRole.role == "manager", User.organisation_id != manager.organisation_id).order_by(User.id)).first()
        db.session.commit()
        return {"admin": manager.email, "admin_id": admin_id, "manager": other.email, "seeker_id": seeker_id,
                "contact_id": contact.id, "other_seeker": db.session.scalar(select(JobSeeker.id).where(
                    JobSeeker.organisation_id == other.organisation_id).order_by(JobSeeker.id))}


def _due(app) -> tuple[float, dict]:
    from app.core.dates import today
    from app.gdpr.retention import due_records

    with app.app_context():
        started = time.perf_counter()
        due = due_records(today=today())
        return (time.perf_counter() - started) * 1000, {code: len(rows) for code, rows in due.items()}


def run(database: str, *, employers: int, requests: int, reads: int, keep: bool = False) -> None:
    """Build one database and print each figure with the scale."""
    opener = _sqlite_database if database == "sqlite" else _postgres_database
    with opener(keep) as url:
        app = _app(url)
        counts = _build(app, employers)
        picked = _prepare(app, reads)
        print(f"\n== {database}: {counts.get('employers', 0):,} employers, {counts.get('contacts', 0):,} contacts, "
              f"{counts.get('touchpoints', 0):,} touchpoints, {counts.get('job_seekers', 0):,} seekers, "
              f"{counts.get('placements', 0):,} placements, {reads:,} "
              f"multi-record read logs (built in {counts['seconds']} s)", flush=True)
        admin, manager = app.test_client(), app.test_client()
        _login(admin, picked["admin"])
        _login(manager, picked["manager"])
        scenarios = [
            ("seeker access export (manager)", admin, f"/seekers/{picked['seeker_id']}/access-export"),
            ("contact access export (administrator)", admin, f"/contacts/{picked['contact_id']}/access-export"),
            ("contact access export (other org)", manager, f"/contacts/{picked['contact_id']}/access-export"),
            ("retention page (whole network)", admin, "/retention"),
            ("retention page (one organisation)", manager, "/retention"),
            ("seeker data-protection region", manager, f"/seekers/{picked['other_seeker']}/data-protection"),
            ("privacy notice", manager, "/privacy"),
        ]
        for name, client, path in scenarios:
            figures = _measure(app, client, lambda _i, p=path: p, requests, warm=1)
            low, high = figures["queries"]
            print(f"  {name:40s} median {figures['median']:7.1f} ms  max {figures['max']:7.1f} ms  "
                  f"queries {low if low == high else f'{low}-{high}'}  {figures['bytes']:,} bytes", flush=True)
        elapsed, due = _due(app)
        print(f"  retention rule over every record           {elapsed:7.1f} ms  due: {due}", flush=True)
        release(app)


def main() -> None:
    """Command line entry point."""
    command_line(run, __doc__, requests=10, options=(("--reads", {"type": int, "default": 20_000}),))


if __name__ == "__main__":
    main()
