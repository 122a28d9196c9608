"""The Coordination Council: members and terms, meetings with their agenda, attendance and
protocol, decisions, and assignments kept under control as plan activities."""

from council.models.council import Council, CouncilMember
from council.models.decisions import Assignment, Decision
from council.models.meetings import AgendaItem, AgendaMaterial, Attendance, Meeting

__all__ = [
    "AgendaItem",
    "AgendaMaterial",
    "Assignment",
    "Attendance",
    "Council",
    "CouncilMember",
    "Decision",
    "Meeting",
]
