"""Benchmark the directory's Excel export at regional scale on SQLite and PostgreSQL.

    python -m bench.export [--database sqlite|postgresql|both] [--employers 30000] [--rounds 3]

In the same run and process, alternately: (a) the whole export as /exports/employers.xlsx makes it for a coordinator
with no filters (queries, labels, cadence states, both sheets, styled header, text cells forced to strings), and (b)
writing exactly the same values with openpyxl's write-only mode alone (plain `append`, nothing else). The best of
each over the rounds is compared (wall clock, and CPU time of this process, which a busy shared machine disturbs
less); target: a <= 1.5 x b (DESIGN.md "Performance").
"""

from __future__ import annotations

import io
import os
import time

from sqlalchemy import func, select

TARGET_RATIO = 1.5


def _exporter(app):
    from app.auth.models import User, UserRole
    from app.employers.models import Relationship
    from app.extensions import db

    with app.app_context():
        busiest = db.session.execute(select(Relationship.organisation_id, func.count()).group_by(
            Relationship.organisation_id).order_by(func.count().desc()).limit(1)).first()[0]
        return db.session.scalars(select(User.id).join(UserRole, UserRole.user_id == User.id).where(
            User.organisation_id == busiest, UserRole.role == "coordinator").order_by(User.id).limit(1)).first() or \
            db.session.scalars(select(User.id).where(User.organisation_id == busiest).limit(1)).first()


def plain_openpyxl(sheets: list[tuple[str, list, list[list]]]) -> bytes:
    """The baseline: the same values appended with openpyxl's write-only mode and nothing else."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title)
        sheet.append(header)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def measure(app, user_id: int, rounds: int) -> dict:
    """Best wall-clock times of the full export and of the plain openpyxl baseline, and the row counts."""
    from app.auth.models import User
    from app.employers.selectors import DirectoryFilters
    from app.extensions import db
    from app.spreadsheets import export

    best_full = best_plain = cpu_full = cpu_plain = float("inf")
    with app.test_request_context():
        user = db.session.get(User, user_id)
        employers, contacts = export.employer_sheets(user=user, filters=DirectoryFilters())
        sheets = [("Employers", [c.header for c in export.employer_columns()], employers),
                  ("Contact persons", [c.header for c in export.contact_columns()], contacts)]
        for _round in range(rounds):
            started, cpu = time.perf_counter(), time.process_time()
            content, _name = export.employers_export(user=user, filters=DirectoryFilters())
            best_full = min(best_full, time.perf_counter() - started)
            cpu_full = min(cpu_full, time.process_time() - cpu)
            db.session.rollback()
            started, cpu = time.perf_counter(), time.process_time()
            plain = plain_openpyxl(sheets)
            best_plain = min(best_plain, time.perf_counter() - started)
            cpu_plain = min(cpu_plain, time.process_time() - cpu)
    return {"full": best_full, "plain": best_plain, "cpu_full": cpu_full, "cpu_plain": cpu_plain,
            "employers": len(employers), "contacts": len(contacts), "size_kb": len(content) // 1024,
            "plain_kb": len(plain) // 1024}


def run(database: str, *, employers: int, rounds: int, keep: bool) -> None:
    """Build one database and compare the export with the plain openpyxl baseline on it."""
    from bench.run import _app, _build, _postgres_database, _sqlite_database, release

    opener = _sqlite_database if database == "sqlite" else _postgres_database
    with opener(keep) as url:
        app = _app(url)
        counts = _build(app, employers)
        figures = measure(app, _exporter(app), rounds)
        ratio = figures["full"] / figures["plain"]
        print(f"\n== {database}: {counts.get('employers', 0):,} employers, {counts.get('contacts', 0):,} contacts; "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
        print(f"  export of {figures['employers']:,} employers and {figures['contacts']:,} contacts "
              f"({figures['size_kb']:,} KB): {figures['full']:.2f} s; the same rows with openpyxl write-only alone: "
              f"{figures['plain']:.2f} s; ratio {ratio:.2f} (target {TARGET_RATIO}) "
              f"{'ok' if ratio <= TARGET_RATIO else 'MISSES TARGET'}; in CPU time {figures['cpu_full']:.2f} s / "
              f"{figures['cpu_plain']:.2f} s = {figures['cpu_full'] / figures['cpu_plain']:.2f}", flush=True)
        release(app)


def main() -> None:
    """Command line entry point."""
    from bench.run import command_line

    command_line(run, __doc__, requests=None, options=(("--rounds", {"type": int, "default": 3}),))


if __name__ == "__main__":
    main()
