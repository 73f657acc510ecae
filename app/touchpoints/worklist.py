"""The worklist: this package's work items (relationships due, promises, next steps) plus every registered work
source, sorted by urgency, with the network's recent contacts for the rows shown."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask import url_for

from app.core import dates
from app.core.filters import FilterSet, choice, text
from app.core.pagination import Page
from app.core.registry import WorkItem, work_sources
from app.touchpoints import cadence, selectors

HORIZON_DAYS = 14
COLLISION_DAYS = 30
PER_PAGE = 25
SHOW = ("all", "relationships", "follow_ups", "collisions")
STATES = ("overdue", "due", "upcoming")


@dataclass
class WorkFilters(FilterSet):
    """The worklist's query string (`scope` = mine, organisation or an owner's user id), checked against
    allow-lists."""

    scope: str = text("mine", max_len=12)
    owner: int | None = None
    show: str = choice(SHOW, "all")

    def _resolve(self, args, *, people_ids=frozenset(), **context) -> WorkFilters:
        """An owner outside my organisation (`people_ids`) falls back to my own list."""
        if self.scope.isascii() and self.scope.isdigit() and int(self.scope) in people_ids:
            return WorkFilters(scope="owner", owner=int(self.scope), show=self.show)
        return WorkFilters(scope=self.scope if self.scope in ("mine", "organisation") else "mine", show=self.show)

    @property
    def scope_value(self) -> str:
        """The value of the scope select."""
        return str(self.owner) if self.scope == "owner" else self.scope

    def as_args(self, **overrides) -> dict:
        """Non-default filters as query arguments (an owner's list as scope=<user id>)."""
        owner = {"scope": self.scope_value} if self.scope == "owner" else {}
        return super().as_args(**(owner | overrides))


@dataclass
class WorkList(Page):
    """One page of the worklist with the counts the summary shows."""

    counts: dict = field(default_factory=dict)
    recent: dict = field(default_factory=dict)


def relationship_item(row, today: date) -> WorkItem:
    """A relationship (a row of selectors.relationship_work_rows) as a work item, in whatever state it is today."""
    if row.due_on is None:  # no cadence row yet (e.g. bulk-imported): count from the start date
        due_on, overdue_on = cadence.due_dates(last_counted_on=None, started_on=row.started_on,
                                               target=row.cadence_target, minimum=row.cadence_minimum)
    else:
        due_on, overdue_on = row.due_on, row.overdue_on
    state = cadence.state_of(today=today, due_on=due_on, overdue_on=overdue_on, status=row.status,
                             snoozed_until=row.snoozed_until)
    return WorkItem(
        kind="relationship", due=due_on, title=row.employer_name, state=state, owner_id=row.owner_id, url="",
        employer_id=row.employer_id, employer_name=row.employer_name, uid=f"relationship-{row.relationship_id}@ratko",
        extra={"relationship_id": row.relationship_id, "overdue_on": overdue_on, "owner_name": row.owner_name or "",
               "last_counted_on": row.last_counted_on, "last_touch_on": row.last_touch_on,
               "people_count": row.people_count or 0, "snoozed_until": row.snoozed_until,
               "snooze_reason": row.snooze_reason, "status": row.status})


def follow_up_item(row, today: date) -> WorkItem:
    """A promise or next step (a row of selectors.follow_up_work_rows) as a work item."""
    return WorkItem(
        kind=row.kind, due=row.due_on, title=row.text, employer_id=row.employer_id, url="",
        state=cadence.follow_up_state(today=today, due_on=row.due_on, done_on=row.done_on), owner_id=row.owner_id,
        employer_name=row.employer_name, detail=row.text, uid=f"follow-up-{row.id}@ratko",
        extra={"follow_up_id": row.id, "touchpoint_id": row.touchpoint_id, "owner_name": row.owner_name or "",
               "done_on": row.done_on})


def with_links(items: list[WorkItem]) -> list[WorkItem]:
    """Fill in the links of this package's items (only for the rows shown: url_for costs time per call)."""
    for item in items:
        if item.url:
            continue
        if item.kind == "relationship":
            item.url = url_for("employers.detail", employer_id=item.employer_id)
        elif item.kind in ("promise", "next_step"):
            item.url = url_for("touchpoints.detail", touchpoint_id=item.extra["touchpoint_id"])
    return items


def _tiebreak(item: WorkItem) -> tuple:
    if item.kind == "relationship":
        return (0, item.extra["relationship_id"])
    if item.kind in ("promise", "next_step"):
        return (1, item.extra["follow_up_id"])
    return (2, item.employer_name or item.title)


def sort_key(item: WorkItem) -> tuple:
    """Most urgent first; ties in the same order as the SQL of selectors (so limited lists merge exactly)."""
    return cadence.urgency_key(item.state, item.due, _tiebreak(item))


def touchpoint_work(*, user, scope: str, owner_id: int | None, horizon: date, today: date | None = None) -> list:
    """This package's work source: relationships due for contact, promises and next steps due by the horizon."""
    today = today or dates.today()
    items = [relationship_item(row, today) for row in selectors.relationship_work_rows(
        user=user, scope=scope, owner_id=owner_id, horizon=horizon, today=today)]
    for item in items:
        if item.state == "ok" and item.due <= horizon:
            item.state = "upcoming"  # a horizon beyond 14 days (the calendar feed) counts as "upcoming"
    items = [i for i in items if i.state in ("overdue", "due", "upcoming")]
    items += [follow_up_item(row, today) for row in selectors.follow_up_work_rows(
        user=user, scope=scope, owner_id=owner_id, horizon=horizon)]
    return items


def collect(*, user, scope: str = "mine", owner_id: int | None = None, today: date | None = None,
            horizon_days: int = HORIZON_DAYS, include_own: bool = True) -> list[WorkItem]:
    """Every registered source's items for one user and scope, most urgent first."""
    today = today or dates.today()
    horizon = today + timedelta(days=horizon_days)
    items: list[WorkItem] = []
    for source in work_sources():
        if include_own or source is not touchpoint_work:
            items.extend(source(user=user, scope=scope, owner_id=owner_id, horizon=horizon))
    return sorted(items, key=sort_key)


def _counts(args: dict, today: date, show: str, collisions_since: date | None, others: list[WorkItem]) -> dict:
    """The summary's counts, from the same items as the rows: this package's relationships and follow-ups counted
    in SQL (two queries), every other source's items (already loaded for the merge) counted here."""
    counts = {"overdue": 0, "due": 0, "upcoming": 0, "relationship": 0, "promise": 0, "next_step": 0, "other": {}}
    if show != "follow_ups":
        found = selectors.relationship_work_counts(**args, today=today, collisions_since=collisions_since)
        for state in STATES:
            counts[state] += found[state]
            counts["relationship"] += found[state]
    if show != "relationships":
        found = selectors.follow_up_work_counts(**args, today=today, collisions_since=collisions_since)
        for key in (*STATES, "promise", "next_step"):
            counts[key] += found[key]
    for item in others:
        if item.state in STATES:
            counts[item.state] += 1
        counts["other"][item.kind] = counts["other"].get(item.kind, 0) + 1
    counts["total"] = counts["relationship"] + counts["promise"] + counts["next_step"] + len(others)
    return counts


def _others_and_counts(*, user, filters: WorkFilters, today: date) -> tuple[dict, date | None, list, dict]:
    """The query arguments, the collision date, the other sources' items and the counts of the filtered list."""
    since = today - timedelta(days=COLLISION_DAYS)
    args = {"user": user, "scope": filters.scope, "owner_id": filters.owner,
            "horizon": today + timedelta(days=HORIZON_DAYS)}
    collisions = since if filters.show == "collisions" else None
    others = [] if filters.show in ("relationships", "follow_ups") else \
        collect(user=user, scope=filters.scope, owner_id=filters.owner, today=today, include_own=False)
    if collisions and others:
        recent = selectors.recent_other_touches(user=user, since=since,
                                                employer_ids=sorted({i.employer_id for i in others if i.employer_id}))
        others = [i for i in others if i.employer_id in recent]
    return args, collisions, others, _counts(args, today, filters.show, collisions, others)


def worklist_counts(*, user, filters: WorkFilters, today: date | None = None) -> dict:
    """Just the counts of the filtered worklist (refreshed in place after a contact, a snooze or a kept promise)."""
    return _others_and_counts(user=user, filters=filters, today=today or dates.today())[3]


def worklist_page(*, user, filters: WorkFilters, page: int = 1, per_page: int = PER_PAGE,
                  today: date | None = None) -> WorkList:
    """One page of the worklist: this package's items are counted, ordered and limited in SQL, other sources'
    items merged in; with other organisations' recent contacts for the employers shown. The counts describe the
    whole filtered list, every kind of item included (they agree with the rows on every page)."""
    today = today or dates.today()
    args, collisions, others, counts = _others_and_counts(user=user, filters=filters, today=today)
    total = counts["total"]
    page = min(max(1, page), max(1, math.ceil(total / per_page)))
    items, limit = list(others), page * per_page
    if filters.show != "follow_ups":
        items += [relationship_item(row, today) for row in selectors.relationship_work_rows(
            **args, today=today, limit=limit, collisions_since=collisions)]
    if filters.show != "relationships":
        items += [follow_up_item(row, today) for row in selectors.follow_up_work_rows(
            **args, limit=limit, collisions_since=collisions)]
    shown = with_links(sorted(items, key=sort_key)[(page - 1) * per_page: page * per_page])
    recent = selectors.recent_other_touches(user=user, since=today - timedelta(days=COLLISION_DAYS),
                                            employer_ids=sorted({i.employer_id for i in shown if i.employer_id}))
    return WorkList(items=shown, page=page, per_page=per_page, total=total, counts=counts, recent=recent)
