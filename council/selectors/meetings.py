"""Reads on meetings: the list, one meeting's page, its quorum and who was there."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Prefetch, QuerySet

from council.models import (
    AgendaItem,
    Assignment,
    Attendance,
    Council,
    CouncilMember,
    Decision,
    Meeting,
)
from council.quorum import Quorum
from council.selectors.council import members_on, ordered


def meeting_list(council: Council) -> QuerySet[Meeting]:
    """Every meeting of the council, newest first, with its item and decision counts (one query)."""
    return (
        Meeting.objects.filter(council=council)
        .select_related("chair", "secretary")
        .annotate(
            item_count=Count("items", distinct=True),
            decision_count=Count("items__decisions", distinct=True),
            assignment_count=Count("assignments", distinct=True),
        )
        .order_by("-starts_at", "-number")
    )


def quorum_of(council: Council, members: list[CouncilMember], present_ids: set[int]) -> Quorum:
    return Quorum(
        total=len(members),
        present=sum(1 for member in members if member.pk in present_ids),
        percent=council.quorum_percent,
        strict=council.quorum_strict,
    )


def quorum_for(meeting: Meeting) -> Quorum:
    """The quorum as marked now: members on the council on the meeting date who are present."""
    members = list(members_on(meeting.council, meeting.local_date))
    present = set(
        Attendance.objects.filter(meeting=meeting, presence__in=Attendance.COUNTED).values_list(
            "member_id", flat=True
        )
    )
    return quorum_of(meeting.council, members, present)


@dataclass
class AttendanceRow:
    member: CouncilMember
    attendance: Attendance | None

    @property
    def presence(self) -> str:
        return self.attendance.presence if self.attendance else Attendance.Presence.UNMARKED

    @property
    def is_present(self) -> bool:
        return self.attendance is not None and self.attendance.is_present


def attendance_rows(meeting: Meeting) -> list[AttendanceRow]:
    """One row per member on the council on the meeting date, chair first (two queries)."""
    members = ordered(members_on(meeting.council, meeting.local_date))
    by_member = {
        attendance.member_id: attendance
        for attendance in Attendance.objects.filter(meeting=meeting).select_related("substitute")
    }
    return [AttendanceRow(member, by_member.get(member.pk)) for member in members]


@dataclass
class MeetingPage:
    """Everything a meeting's page and its protocol show, read in a fixed number of queries."""

    meeting: Meeting
    items: list[AgendaItem]
    attendance: list[AttendanceRow]
    quorum: Quorum
    assignments: list[Assignment] = field(default_factory=list)

    @property
    def present(self) -> list[AttendanceRow]:
        return [row for row in self.attendance if row.is_present]

    @property
    def responses(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for row in self.attendance:
            key = row.attendance.response if row.attendance else Attendance.Response.UNKNOWN
            counts[key] = counts.get(key, 0) + 1
        return counts


def meeting_page(meeting: Meeting) -> MeetingPage:
    """The meeting with its agenda (materials, linked activities, decisions with assignments and
    their executors) and attendance: eight queries whatever the size of the meeting."""
    assignments = Assignment.objects.select_related(
        "lead", "activity", "linked_activity"
    ).prefetch_related("co_executors")
    decisions = Decision.objects.order_by("position").prefetch_related(
        Prefetch("assignments", queryset=assignments.order_by("number"))
    )
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .order_by("position")
        .prefetch_related(
            "materials",
            "activities",
            Prefetch("decisions", queryset=decisions),
        )
    )
    rows = attendance_rows(meeting)
    present = {row.member.pk for row in rows if row.is_present}
    quorum = quorum_of(meeting.council, [row.member for row in rows], present)
    flat = [a for item in items for d in item.decisions.all() for a in d.assignments.all()]
    return MeetingPage(meeting, items, rows, quorum, flat)


def held_meetings(*, cluster_id: int, start: date, end: date) -> QuerySet[Meeting]:
    """Meetings held (or held and closed) between two dates, inclusive."""
    return Meeting.objects.filter(
        council__cluster_id=cluster_id,
        status__in=Meeting.HELD_STATUSES,
        starts_at__date__gte=start,
        starts_at__date__lte=end,
    ).order_by("starts_at")


def upcoming_and_past(meetings: list[Meeting], today: date) -> tuple[list[Meeting], list[Meeting]]:
    """Planned meetings from today on (soonest first), and the rest (newest first)."""
    upcoming = [m for m in meetings if m.status == Meeting.Status.PLANNED and m.local_date >= today]
    upcoming.sort(key=lambda m: m.starts_at)
    past = [m for m in meetings if m not in upcoming]
    return upcoming, past


def user_attendance(meeting: Meeting, user) -> Attendance | None:
    """The signed-in user's own invitation to this meeting (through their Person), if any."""
    if not user.is_authenticated:
        return None
    return (
        Attendance.objects.filter(meeting=meeting, member__person__user=user)
        .select_related("member__person")
        .first()
    )
