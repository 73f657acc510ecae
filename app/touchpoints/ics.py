"""The calendar feed as iCalendar: all-day events with stable UIDs, one per work item."""

from __future__ import annotations

from datetime import date, timedelta

from flask_babel import gettext as _
from icalendar import Calendar, Event

from app.core.db import utcnow
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
    """Render work items as an iCalendar; overdue contacts show on today so they are not lost in the past."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    stamp = utcnow()
    for item in items:
        day = max(item.due, today) if item.kind == "relationship" else item.due
        event = Event()
        event.add("uid", item.uid or f"{item.kind}-{item.title}@ratko")
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", _summary(item))
        event.add("transp", "TRANSPARENT")
        if item.url:
            event.add("url", base_url.rstrip("/") + item.url)
        if item.detail:
            event.add("description", item.detail)
        calendar.add_component(event)
    return calendar.to_ical()
