"""Writes on events: keyword-only, atomic, `<entity>_<action>`, Russian ValidationErrors."""

from events.services.bulk import (
    BulkPreview,
    BulkRow,
    registrations_bulk_import,
    registrations_bulk_preview,
)
from events.services.classes import professional_class_create, professional_class_update
from events.services.events import (
    SlotData,
    event_create,
    event_kind_create,
    event_kinds_ensure,
    event_slot_add,
    event_slot_remove,
    event_slot_update,
    event_status_set,
    event_update,
)
from events.services.outcome import (
    competitor_add,
    competitor_erase,
    event_evidence_add_file,
    event_evidence_add_link,
    event_evidence_remove,
    event_outcome_save,
    registration_contact_erase,
)
from events.services.registrations import (
    attendance_mark,
    places_taken,
    registration_cancel,
    registration_confirm,
    registration_create,
    registration_decline,
    waitlist_promote,
)
from events.services.reminders import event_reminders_send

__all__ = [
    "BulkPreview",
    "BulkRow",
    "SlotData",
    "attendance_mark",
    "competitor_add",
    "competitor_erase",
    "event_create",
    "event_evidence_add_file",
    "event_evidence_add_link",
    "event_evidence_remove",
    "event_kind_create",
    "event_kinds_ensure",
    "event_outcome_save",
    "event_reminders_send",
    "event_slot_add",
    "event_slot_remove",
    "event_slot_update",
    "event_status_set",
    "event_update",
    "places_taken",
    "professional_class_create",
    "professional_class_update",
    "registration_cancel",
    "registration_confirm",
    "registration_contact_erase",
    "registration_create",
    "registration_decline",
    "registrations_bulk_import",
    "registrations_bulk_preview",
    "waitlist_promote",
]
