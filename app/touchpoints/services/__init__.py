"""Writes for touchpoints, follow-ups, cadence state, hand-overs and calendar tokens. Never commits."""

from app.touchpoints.services.cadence import (  # noqa: F401
    cadence_rebuild,
    cadence_refresh,
    counted_channels_update,
    relationship_snooze,
    relationship_unsnooze,
)
from app.touchpoints.services.calendar import calendar_token_issue, calendar_token_revoke  # noqa: F401
from app.touchpoints.services.handover import HandoverIncomplete, handover_deactivate, handover_reassign  # noqa: F401
from app.touchpoints.services.touchpoints import (  # noqa: F401
    TouchpointInvalid,
    follow_up_done,
    follow_up_reopen,
    touchpoint_delete,
    touchpoint_log,
    touchpoint_update,
)
