"""Routes of the touchpoints blueprint, one module per page: touchpoints (log, edit, timelines), the worklist, the
calendar feed and the managers' settings (counted channels, hand-over before deactivation)."""

EDITORS = ("manager", "coordinator", "consultant", "coach")


def changed_trigger(employer_id: int, **extra) -> dict:
    """HX-Trigger events telling the employer page and the worklist that an employer's touchpoints changed."""
    return {"touchpoints-changed": employer_id, f"touchpoints-changed-{employer_id}": True, **extra}


from app.touchpoints.routes import calendar, settings, touchpoints, worklist  # noqa: E402,F401
