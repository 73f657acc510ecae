"""Benchmark the contact-list import at regional scale on SQLite and PostgreSQL.

    python -m bench.imports [--database sqlite|postgresql|both] [--employers 30000] [--rows 10000] [--big 50000]

Builds a fresh database per engine (migrations + bench.synthetic), writes a realistic .xlsx contact list (a fifth of
its rows about employers already in the directory, by Y-tunnus or by name, the rest new employers with two contacts
each) and measures, with the same services and jobs the web pages use:
- preview: upload checks + reading + normalising + matching + classifying + staging (target <= 3 s for 10,000 rows);
- commit: the freshness check + all chunks applied (target <= 5 s), with the longest write transaction;
- peak memory of a whole 50,000-row import (upload to commit) in a fresh process (target <= 400 MB).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import subprocess
import sys
import time
from contextlib import contextmanager

from sqlalchemy import event, select

TARGET_PREVIEW, TARGET_COMMIT, TARGET_MEMORY_MB = 3.0, 5.0, 400
HEADERS = ["Yritys", "Y-tunnus", "Kunta", "Toimiala", "Yhteyshenkilö", "Titteli", "Puhelin", "Sähköposti",
           "Tunnisteet"]


def contact_list(app, rows: int, seed: int = 7) -> bytes:
    """An .xlsx contact list of `rows` rows against the directory in `app`'s database."""
    from openpyxl import Workbook

    from app.employers.models import ContactPerson, Employer
    from app.employers.ytunnus import with_check_digit
    from app.extensions import db

    rng = random.Random(seed)
    with app.app_context():
        known = db.session.execute(select(Employer.id, Employer.name, Employer.business_id, Employer.municipality)
                                   .where(Employer.business_id.is_not(None)).order_by(Employer.id)
                                   .limit(rows // 5)).all()
        people = dict(db.session.execute(select(ContactPerson.employer_id, ContactPerson.name)
                                         .where(ContactPerson.employer_id.in_([k.id for k in known]))).all())
        taken = set(db.session.scalars(select(Employer.business_id).where(Employer.business_id.is_not(None))))
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Yhteystiedot")
    sheet.append(["Yhteystiedot (bench)"])
    sheet.append(HEADERS)
    for index, employer in enumerate(known):
        by_name = index % 2 == 1
        person = people.get(employer.id) if by_name else f"Uusi Henkilö {index}"
        sheet.append([employer.name, "" if by_name else employer.business_id.replace("-", ""), employer.municipality,
                      "", person or f"Henkilö {index}", "Esihenkilö" if by_name else "Yrittäjä",
                      f"040{rng.randrange(10**7):07d}", f"bench{index}@example.fi", "bench"])
    number, written = 7_000_000, len(known)
    while written < rows:
        number += 1
        business_id = with_check_digit(f"{number:07d}")
        if business_id is None or business_id in taken:
            continue
        for person in range(min(2, rows - written)):
            sheet.append([f"Bench Yritys {number} Oy", business_id, "Joensuu", "47", f"Etu{person} Suku{number}",
                          "Myyjä", 401000000 + written, f"p{person}.{number}@bench.fi", "bench, uusi"])
            written += 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@contextmanager
def longest_transaction(app):
    """Record the longest transaction (begin to commit or rollback) on the app's engine, in seconds."""
    from app.extensions import db

    with app.app_context():
        engine = db.engine
    started: dict = {}
    longest = [0.0]

    def begin(connection):
        started[id(connection)] = time.perf_counter()

    def end(connection):
        begun = started.pop(id(connection), None)
        if begun is not None:
            longest[0] = max(longest[0], time.perf_counter() - begun)

    event.listen(engine, "begin", begin)
    event.listen(engine, "commit", end)
    event.listen(engine, "rollback", end)
    try:
        yield longest
    finally:
        event.remove(engine, "begin", begin)
        event.remove(engine, "commit", end)
        event.remove(engine, "rollback", end)


def import_file(app, content: bytes, *, org_id: int, user_id: int) -> dict:
    """Upload, preview and commit one file with the real services and jobs; return the timings and counts."""
    from app.auth.models import User
    from app.extensions import db
    from app.spreadsheets import jobs
    from app.spreadsheets.models import ImportBatch
    from app.spreadsheets.services import lifecycle, staging

    timings = {}
    with app.test_request_context():
        started, cpu = time.perf_counter(), time.process_time()
        user = db.session.get(User, user_id)
        batch = staging.batch_create(user=user, file_name="bench.xlsx", content=content)
        batch_id = batch.id
        db.session.commit()
        batch = db.session.get(ImportBatch, batch_id, populate_existing=True)
        lifecycle.batch_map(batch=batch, mapping=batch.mapping, options={}, user=user)
        db.session.commit()
        jobs.run(app, batch_id, "preview")
        timings["preview"] = time.perf_counter() - started
        timings["preview_cpu"] = time.process_time() - cpu
        batch = db.session.get(ImportBatch, batch_id, populate_existing=True)
        counts = batch.counts
        assert batch.status == "previewed" and not counts.get("error"), (batch.status, batch.message, counts)
        assert lifecycle.batch_queue_commit(batch=batch, user=user, skip_errors=False)
        db.session.commit()
        with longest_transaction(app) as longest:
            started, cpu = time.perf_counter(), time.process_time()
            jobs.run(app, batch_id, "commit")
            timings["commit"] = time.perf_counter() - started
            timings["commit_cpu"] = time.process_time() - cpu
        timings["longest_transaction"] = longest[0]
        batch = db.session.get(ImportBatch, batch_id, populate_existing=True)
        assert batch.status == "committed", batch.message
        db.session.rollback()
    return {**timings, "counts": counts, "batch_id": batch_id}


def _importer(app) -> tuple[int, int]:
    from app.auth.models import User, UserRole
    from app.extensions import db

    with app.app_context():
        user = db.session.scalars(select(User).join(UserRole, UserRole.user_id == User.id)
                                  .where(UserRole.role == "coordinator").order_by(User.id).limit(1)).first()
        return user.organisation_id, user.id


def memory_child(url: str, rows: int) -> None:
    """Run in a fresh process: a whole import of `rows` rows; print the timings and this process's peak RSS."""
    from bench.run import _app

    app = _app(url)
    app.config["IMPORT_JOB_MODE"] = "inline"
    org_id, user_id = _importer(app)
    content = contact_list(app, rows, seed=11)
    result = import_file(app, content, org_id=org_id, user_id=user_id)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"preview": result["preview"], "commit": result["commit"], "peak_mb": peak_mb}))


def run(database: str, *, employers: int, rows: int, big: int, keep: bool) -> None:
    """Build one database and measure the import on it."""
    from bench.run import _app, _build, _postgres_database, _sqlite_database, release

    opener = _sqlite_database if database == "sqlite" else _postgres_database
    with opener(keep) as url:
        app = _app(url)
        counts = _build(app, employers)
        print(f"\n== {database}: {counts.get('employers', 0):,} employers, {counts.get('contacts', 0):,} contacts, "
              f"{counts.get('touchpoints', 0):,} touchpoints; load average {os.getloadavg()[0]:.1f} on "
              f"{os.cpu_count()} cores", flush=True)
        org_id, user_id = _importer(app)
        content = contact_list(app, rows)
        result = import_file(app, content, org_id=org_id, user_id=user_id)
        c = result["counts"]
        print(f"  {rows:,}-row list ({len(content) // 1024} KB): {c['employer_create']:,} new employers, "
              f"{c['employer_match'] + c['employer_update']:,} matched, {c['contact_create']:,} new contacts, "
              f"{c['contact_update']:,} contact updates", flush=True)
        print(f"  preview {result['preview']:.2f} s, CPU {result['preview_cpu']:.2f} s (target {TARGET_PREVIEW:.0f} s) "
              f"{'ok' if result['preview'] <= TARGET_PREVIEW else 'MISSES TARGET'}", flush=True)
        print(f"  commit  {result['commit']:.2f} s, CPU {result['commit_cpu']:.2f} s (target {TARGET_COMMIT:.0f} s) "
              f"{'ok' if result['commit'] <= TARGET_COMMIT else 'MISSES TARGET'}; longest transaction "
              f"{result['longest_transaction'] * 1000:.0f} ms", flush=True)
        release(app)
        if big:
            child = subprocess.run([sys.executable, "-m", "bench.imports", "--child-memory", url, "--rows", str(big)],
                                   capture_output=True, text=True, check=True)
            figures = json.loads(child.stdout.strip().splitlines()[-1])
            print(f"  {big:,}-row import in a fresh process: peak memory {figures['peak_mb']:.0f} MB "
                  f"(target {TARGET_MEMORY_MB} MB) {'ok' if figures['peak_mb'] <= TARGET_MEMORY_MB else 'MISSES'}; "
                  f"preview {figures['preview']:.1f} s, commit {figures['commit']:.1f} s", flush=True)


def main() -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--employers", type=int, default=30_000)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--big", type=int, default=50_000, help="Rows of the memory run (0 to skip).")
    parser.add_argument("--keep", action="store_true", help="Keep the generated databases.")
    parser.add_argument("--child-memory", metavar="URL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_memory:
        memory_child(args.child_memory, args.rows)
        return
    for database in (("sqlite", "postgresql") if args.database == "both" else (args.database,)):
        run(database, employers=args.employers, rows=args.rows, big=args.big, keep=args.keep)


if __name__ == "__main__":
    main()
