"""Events with participants: kinds, events and their time slots, school groups (counted, not
named), named competitors where names are needed, outcome and evidence, professional classes."""

from events.models.classes import ProfessionalClass
from events.models.events import (
    MAX_CAPACITY,
    Event,
    EventEvidence,
    ParticipantTally,
    TimeSlot,
    event_evidence_path,
)
from events.models.kinds import DEFAULT_KINDS, EventKind
from events.models.registrations import MAX_GROUP, Competitor, GroupRegistration

__all__ = [
    "DEFAULT_KINDS",
    "MAX_CAPACITY",
    "MAX_GROUP",
    "Competitor",
    "Event",
    "EventEvidence",
    "EventKind",
    "GroupRegistration",
    "ParticipantTally",
    "ProfessionalClass",
    "TimeSlot",
    "event_evidence_path",
]
