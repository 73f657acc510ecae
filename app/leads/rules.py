"""Pure rules for leads: effective status (expiry is computed on read, never by a cron), who may see a lead, the
holding period of a hidden job, and which leads can still receive a candidate. No database, no Flask."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from app.leads.models import DEFAULT_HOLD_DAYS, HOLD_SETTING, OPEN_STATUSES

MAX_HOLD_DAYS = 60


def effective_status(*, status: str, expires_on: date | None, today: date) -> str:
    """The status everyone sees: an open lead past its expiry date is "expired"."""
    if status in OPEN_STATUSES and expires_on is not None and expires_on < today:
        return "expired"
    return status


def is_network_open(*, visibility: str, opens_at: datetime | None, now: datetime) -> bool:
    """Whether a lead is open to the other organisations of the network right now."""
    return visibility == "network" and opens_at is not None and opens_at <= now


def is_held(*, visibility: str, opens_at: datetime | None, now: datetime) -> bool:
    """A shared lead still held by the organisation that found it (opens to the network later)."""
    return visibility == "network" and opens_at is not None and opens_at > now


def visible_to(*, lead_organisation_id: int, organisation_id: int, visibility: str, opens_at: datetime | None,
               now: datetime) -> bool:
    """Own leads always; other organisations' leads only once they are open to the network."""
    return lead_organisation_id == organisation_id or is_network_open(visibility=visibility, opens_at=opens_at,
                                                                        now=now)


def hold_days_setting(settings: dict) -> int:
    """The organisation's holding period for hidden jobs, in days (default 14, at most 60)."""
    try:
        days = int(settings.get(HOLD_SETTING, DEFAULT_HOLD_DAYS))
    except (TypeError, ValueError):
        return DEFAULT_HOLD_DAYS
    return max(0, min(MAX_HOLD_DAYS, days))


def opens_at_for(*, kind: str, hold_days: int | None, now: datetime) -> datetime:
    """When a lead shared now opens to the network: hidden jobs may be held for a number of days first."""
    days = max(0, min(MAX_HOLD_DAYS, hold_days or 0)) if kind == "hidden_job" else 0
    return now + timedelta(days=days)


def proposal_refusal(*, status: str) -> str | None:
    """Why a lead in this effective status cannot receive a candidate (a reason code), or None."""
    if status in OPEN_STATUSES:
        return None
    return status  # expired | closed | filled
