"""Writes for RATKO (never commit; audited by the flush hook). One module per area, re-exported here."""

from app.ratko.services.carving import bundle_create, bundle_delete, bundle_update, task_move, task_quick_add
from app.ratko.services.common import RuleError
from app.ratko.services.consolidation import consolidation_save, follow_up_add, follow_up_delete, follow_up_done
from app.ratko.services.engagements import (
    engagement_create,
    engagement_decide,
    engagement_set_phase,
    engagement_set_status,
    engagement_tick,
    engagement_update,
    key_person_add,
    key_person_remove,
    note_add,
    note_delete,
    time_add,
    time_remove,
)
from app.ratko.services.workshops import (
    participant_add,
    participant_remove,
    task_add,
    task_delete,
    task_update,
    workshop_create,
    workshop_delete,
    workshop_update,
)

__all__ = [
    "RuleError", "bundle_create", "bundle_delete", "bundle_update", "consolidation_save", "engagement_create",
    "engagement_decide", "engagement_set_phase", "engagement_set_status", "engagement_tick", "engagement_update",
    "follow_up_add", "follow_up_delete", "follow_up_done", "key_person_add", "key_person_remove", "note_add",
    "note_delete", "participant_add", "participant_remove", "task_add", "task_delete", "task_move",
    "task_quick_add", "task_update", "time_add", "time_remove", "workshop_create", "workshop_delete",
    "workshop_update",
]
