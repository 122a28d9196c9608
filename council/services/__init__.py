"""Writes on the council, keyword-only and atomic (`<entity>_<action>`); every write on a meeting
refuses a closed one (services.common.lock_meeting)."""

from council.services.agenda import (
    item_create,
    item_move,
    item_remove,
    item_update,
    material_add,
    material_remove,
)
from council.services.assignments import (
    assignment_create,
    assignment_remove_from_control,
    assignments_plan_ensure,
    executors_text_for,
    work_plan_for,
)
from council.services.council import (
    council_ensure,
    council_update,
    member_add,
    member_update,
    person_create,
)
from council.services.decisions import decision_record, decision_remove
from council.services.invitations import meeting_invite, rsvp_attendance, rsvp_token
from council.services.meetings import (
    attendance_mark,
    attendance_respond,
    meeting_close,
    meeting_create,
    meeting_delete,
    meeting_hold,
    meeting_update,
)

__all__ = [
    "assignment_create",
    "assignment_remove_from_control",
    "assignments_plan_ensure",
    "attendance_mark",
    "attendance_respond",
    "council_ensure",
    "council_update",
    "decision_record",
    "decision_remove",
    "executors_text_for",
    "item_create",
    "item_move",
    "item_remove",
    "item_update",
    "material_add",
    "material_remove",
    "meeting_close",
    "meeting_create",
    "meeting_delete",
    "meeting_hold",
    "meeting_invite",
    "meeting_update",
    "member_add",
    "member_update",
    "person_create",
    "rsvp_attendance",
    "rsvp_token",
    "work_plan_for",
]
