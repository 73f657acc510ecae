"""Hours arithmetic for the carving board: parsing, plausibility, bundle totals and the freed-time summary (pure)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from app.core.refusals import Refusal
from app.ratko.models import WEEKS_PER_MONTH

MAX_HOURS_PER_WEEK = 40.0


class HoursError(Refusal, ValueError):
    """Hours that cannot be saved; the message says why (translated by the caller's locale)."""


def parse_hours(raw) -> float:
    """A number of hours from a form: "1,5", "1.5", "2 h", "" (= 0). Raises HoursError when unreadable."""
    from flask_babel import lazy_gettext as _

    if raw is None:
        return 0.0
    if isinstance(raw, int | float):
        value = float(raw)
    else:
        text = str(raw).strip().lower().replace(",", ".").replace("\u2212", "-")
        for suffix in ("h/vko", "h/week", "h/kk", "h/month", "tuntia", "tunti", "h"):
            if text.endswith(suffix):
                text = text[: -len(suffix)].strip()
                break
        if not text:
            return 0.0
        try:
            value = float(text)
        except ValueError:
            raise HoursError(_("Give the hours as a number, for example 1,5.")) from None
    if math.isnan(value) or math.isinf(value):
        raise HoursError(_("Give the hours as a number, for example 1,5."))
    return value


def per_week(value: float, period: str) -> float:
    """Hours per week from a weekly or monthly figure (52/12 weeks a month)."""
    value = value or 0.0
    return value / WEEKS_PER_MONTH if period == "month" else value


def check_hours(value: float, period: str) -> None:
    """Refuse negative hours and more than 40 h/week for one task."""
    from flask_babel import lazy_gettext as _

    if value < 0:
        raise HoursError(_("Hours cannot be negative."))
    if per_week(value, period) > MAX_HOURS_PER_WEEK + 1e-9:
        raise HoursError(_("Over 40 hours a week for one task is not plausible. Check the figure or split the task."))


def _role_key(role: str | None) -> str:
    return " ".join((role or "").split()).casefold()


@dataclass
class RoleHours:
    """Hours of one role (whose work the tasks came from)."""

    role: str
    hours: float = 0.0
    tasks: int = 0


@dataclass
class BundleSummary:
    """What a bundle holds: total hours per week, the number of tasks, whose work they came from, warnings."""

    hours: float = 0.0
    count: int = 0
    by_role: list[RoleHours] = field(default_factory=list)
    core: int = 0
    qualification: int = 0
    agreement: int = 0


def _group(tasks: Iterable) -> list[RoleHours]:
    groups: dict[str, RoleHours] = {}
    for task in tasks:
        key = _role_key(task.role)
        group = groups.setdefault(key, RoleHours(role=" ".join((task.role or "").split()) or "—"))
        group.hours += task.hours_per_week
        group.tasks += 1
    return sorted(groups.values(), key=lambda g: (-round(g.hours, 6), g.role.casefold()))


def bundle_summary(tasks: Iterable) -> BundleSummary:
    """Totals of the tasks in one bundle."""
    tasks = list(tasks)
    return BundleSummary(hours=sum(t.hours_per_week for t in tasks), count=len(tasks), by_role=_group(tasks),
                         core=sum(1 for t in tasks if t.category == "core"),
                         qualification=sum(1 for t in tasks if t.needs_qualification),
                         agreement=sum(1 for t in tasks if t.collective_agreement))


@dataclass
class FreedRole:
    """One role in the freed-time summary: hours inventoried, hours moved into bundles and their share."""

    role: str
    inventoried: float = 0.0
    carved: float = 0.0
    tasks: int = 0
    carved_tasks: int = 0

    @property
    def share(self) -> float:
        """Share of the role's inventoried hours that moved into bundles (0..1)."""
        return self.carved / self.inventoried if self.inventoried > 0 else 0.0


def freed_time(tasks: Iterable) -> list[FreedRole]:
    """Per role: hours per week inventoried and moved into bundles; roles that freed most first."""
    roles: dict[str, FreedRole] = {}
    for task in tasks:
        key = _role_key(task.role)
        row = roles.setdefault(key, FreedRole(role=" ".join((task.role or "").split()) or "—"))
        row.inventoried += task.hours_per_week
        row.tasks += 1
        if task.bundle_id is not None:
            row.carved += task.hours_per_week
            row.carved_tasks += 1
    return sorted(roles.values(), key=lambda r: (-round(r.carved, 6), -round(r.inventoried, 6), r.role.casefold()))


def freed_total(rows: Iterable[FreedRole]) -> float:
    """Hours per week moved into bundles in total."""
    return sum(r.carved for r in rows)
