"""Assignments under control and executive discipline (исполнительская дисциплина).

Each responsible organization of an assignment (an obligation of its activity) stands:

- on time — an accepted report «выполнено» was submitted by the due date;
- late — such a report was submitted after the due date;
- overdue — no accepted «выполнено» and the due date has passed;
- open — no accepted «выполнено» yet and the due date has not come (or there is none: «по мере
  необходимости»).

The due date is the activity's (`deadline_end`: for «до 15.12.2023» that day, for a recurring
deadline the last occurrence). Reports come from reporting (accepted, status «выполнено», the
submission date); without any, the activity's dates alone decide overdue or open.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from council.models import Assignment, Council
from plans.models import Obligation
from reporting.models import Report


class Standing(enum.StrEnum):
    ON_TIME = "on_time"
    LATE = "late"
    OVERDUE = "overdue"
    OPEN = "open"

    @property
    def label(self) -> str:
        return STANDING_LABELS[self]


STANDING_LABELS = {
    Standing.ON_TIME: "выполнено в срок",
    Standing.LATE: "выполнено с опозданием",
    Standing.OVERDUE: "просрочено",
    Standing.OPEN: "в работе",
}


def standing_of(due: date | None, done_on: date | None, today: date) -> Standing:
    if done_on is not None:
        return Standing.ON_TIME if due is None or done_on <= due else Standing.LATE
    if due is not None and today > due:
        return Standing.OVERDUE
    return Standing.OPEN


@dataclass
class ExecutorStanding:
    organization_id: int
    organization_name: str
    role: str
    standing: Standing
    done_on: date | None


@dataclass
class AssignmentRow:
    assignment: Assignment
    due: date | None
    executors: list[ExecutorStanding] = field(default_factory=list)

    @property
    def standing(self) -> Standing:
        """The assignment as a whole: overdue if anyone is, open if anyone is, late if anyone was."""
        standings = {executor.standing for executor in self.executors}
        for standing in (Standing.OVERDUE, Standing.OPEN, Standing.LATE):
            if standing in standings:
                return standing
        return Standing.ON_TIME if standings else Standing.OPEN


def assignment_rows(
    *,
    council: Council,
    today: date,
    organization_id: int | None = None,
    meeting_id: int | None = None,
    include_removed: bool = False,
) -> list[AssignmentRow]:
    """The council's assignments with each executor's standing: three queries in all."""
    assignments = (
        Assignment.objects.filter(meeting__council=council)
        .select_related("meeting", "decision__item", "activity__plan", "lead", "linked_activity")
        .order_by("-meeting__starts_at", "number")
    )
    if not include_removed:
        assignments = assignments.filter(removed_at__isnull=True)
    if meeting_id is not None:
        assignments = assignments.filter(meeting_id=meeting_id)
    assignments = list(assignments)
    activity_ids = [a.activity_id for a in assignments]
    obligations = Obligation.all_objects.filter(activity_id__in=activity_ids)
    obligations = obligations.filter(removed_in__isnull=True).values_list(
        "pk", "activity_id", "organization_id", "organization__short_name", "role"
    )
    done: dict[int, date] = {}
    reports = Report.objects.filter(
        obligation__activity_id__in=activity_ids,
        state=Report.State.ACCEPTED,
        status=Report.Status.DONE,
    ).values_list("obligation_id", "submitted_at", "reviewed_at")
    for obligation_id, submitted_at, reviewed_at in reports:
        moment = submitted_at or reviewed_at
        if moment is None:
            continue
        day = timezone.localtime(moment).date()
        if obligation_id not in done or day < done[obligation_id]:
            done[obligation_id] = day
    by_activity: dict[int, list[ExecutorStanding]] = defaultdict(list)
    dues = {a.activity_id: a.activity.deadline_end for a in assignments}
    for obligation_id, activity_id, executor_id, name, role in obligations:
        by_activity[activity_id].append(
            ExecutorStanding(
                executor_id,
                name,
                role,
                standing_of(dues.get(activity_id), done.get(obligation_id), today),
                done.get(obligation_id),
            )
        )
    rows = []
    for assignment in assignments:
        executors = sorted(
            by_activity.get(assignment.activity_id, []),
            key=lambda e: (e.role != Obligation.Role.LEAD, e.organization_name.casefold()),
        )
        if organization_id is not None and organization_id not in {
            e.organization_id for e in executors
        }:
            continue
        rows.append(AssignmentRow(assignment, assignment.activity.deadline_end, executors))
    return rows


@dataclass
class DisciplineRow:
    organization_id: int
    organization_name: str
    counts: dict[Standing, int] = field(default_factory=lambda: dict.fromkeys(Standing, 0))

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def done(self) -> int:
        return self.counts[Standing.ON_TIME] + self.counts[Standing.LATE]

    @property
    def on_time_percent(self) -> int | None:
        """Of the assignments that are due or done, the share done on time."""
        judged = self.total - self.counts[Standing.OPEN]
        return round(100 * self.counts[Standing.ON_TIME] / judged) if judged else None

    def __getattr__(self, name: str) -> int:  # templates: row.on_time, row.late, …
        try:
            return self.counts[Standing(name)]
        except ValueError:
            raise AttributeError(name) from None


@dataclass
class Discipline:
    today: date
    rows: list[DisciplineRow]
    total: DisciplineRow


def discipline(
    *, council: Council, today: date, rows: list[AssignmentRow] | None = None
) -> Discipline:
    """Assignments on control by organization — on time, late, overdue, open (three queries, none
    when the caller already has the rows)."""
    per_organization: dict[int, DisciplineRow] = {}
    total = DisciplineRow(0, "Всего")
    if rows is None:
        rows = assignment_rows(council=council, today=today)
    for row in rows:
        for executor in row.executors:
            entry = per_organization.setdefault(
                executor.organization_id,
                DisciplineRow(executor.organization_id, executor.organization_name),
            )
            entry.counts[executor.standing] += 1
            total.counts[executor.standing] += 1
    rows = sorted(
        per_organization.values(),
        key=lambda r: (-r.counts[Standing.OVERDUE], r.organization_name.casefold()),
    )
    return Discipline(today, rows, total)
