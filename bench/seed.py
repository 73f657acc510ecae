"""Fill the configured database (DATABASE_URL, RATKO_ENV) with synthetic regional-scale data for benchmarks:
`python -m bench.seed [--employers N] [--seed S] [--password P] [--force]`, run from the project folder. Every other
count follows DESIGN.md's regional-scale proportions (bench/synthetic.py). This was `flask seed synthetic`; it lives
here because the application must not depend on the benchmarks."""

from __future__ import annotations

import argparse
import secrets
import sys
import time

from sqlalchemy import func, select


def main(argv: list[str] | None = None) -> int:
    """Parse the options, refuse a database with data unless --force, generate and print the counts."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--employers", type=int, default=30_000, help="employers, 10 to 1,000,000 (default 30,000)")
    parser.add_argument("--seed", type=int, default=20261129, help="random seed (same seed, same data)")
    parser.add_argument("--password", default=None, help="password of every synthetic user (default: random)")
    parser.add_argument("--force", action="store_true", help="add to a database that already has data")
    args = parser.parse_args(argv)
    if not 10 <= args.employers <= 1_000_000:
        parser.error("--employers must be between 10 and 1,000,000")

    from app import create_app
    from app.auth.models import Organisation
    from app.core.audit import acting_as
    from app.extensions import db
    from bench.synthetic import generate

    with create_app().app_context():
        if db.session.scalar(select(func.count()).select_from(Organisation)) and not args.force:
            print("The database already has data; use --force to add synthetic data to it.", file=sys.stderr)
            return 1
        password = args.password or secrets.token_urlsafe(12)
        started = time.perf_counter()
        with acting_as(None, None):
            counts = generate(employers=args.employers, seed=args.seed, password=password)
    print(f"Done in {time.perf_counter() - started:.0f} s: " + ", ".join(f"{v:,} {k}" for k, v in counts.items()))
    print(f"Every synthetic user (synth<id>@org<org>.example) has the password: {password}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
