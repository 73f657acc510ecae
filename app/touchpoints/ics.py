"""The calendar feed as iCalendar: all-day events with stable UIDs, one per work item."""

from __future__ import annotations

from datetime import date, timedelta

from flask_babel import gettext as _
from icalendar import Calendar, Event

from app.core.db import utcnow
from app.core.i18n import fmt_date
from app.core.registry import work_kind_label

PRODID = "-//RATKO workbench//Worklist//FI"


def _summary(item) -> str:
    if item.kind == "relationship":
        if item.state == "overdue":
            return _("Contact %(name)s (overdue)", name=item.employer_name)
        return _("Contact %(name)s", name=item.employer_name)
    label, title = work_kind_label(item.kind), item.feed_title or item.title  # feed_title: no personal data
    if label and label != item.kind:
        return f"{label}: {title} ({item.employer_name})" if item.employer_name else f"{label}: {title}"
    return title


def calendar_bytes(items: list, *, base_url: str, today: date, name: str) -> bytes:
    """Render work items as an iCalendar; anything past its date (a contact, promise, next step or another package's
    item) shows on today, so it is not lost in the past, with its original date in the description."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    stamp = utcnow()
    for item in items:
        day = max(item.due, today)
        event = Event()
        event.add("uid", item.uid or f"{item.kind}-{item.title}@ratko")
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        summary = _summary(item)
        if item.state == "overdue" and item.kind != "relationship":  # a relationship's summary says so already
            summary = _("%(summary)s (overdue)", summary=summary)
        event.add("summary", summary)
        event.add("transp", "TRANSPARENT")
        if item.url:
            event.add("url", base_url.rstrip("/") + item.url)
        description = [_("Originally due %(date)s.", date=fmt_date(item.due))] if item.due < today else []
        if item.detail:
            description.append(item.detail)
        if description:
            event.add("description", "\n".join(description))
        calendar.add_component(event)
    return calendar.to_ical()
