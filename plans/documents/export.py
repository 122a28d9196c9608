"""The stored plan as an export: `export_plan_from_db`.

The renderers take plain dataclasses (`model.py`) and know nothing of the database; this module is
where a Plan and its activities become those dataclasses.
"""

from __future__ import annotations

from collections.abc import Iterable

from plans.documents.model import ExportActivity, ExportObjective, ExportPlan
from plans.models import Activity, Objective, Plan


def export_plan_from_db(
    plan: Plan,
    activities: Iterable[Activity] | None = None,
    *,
    subtitle: str = "",
    marks: dict[int, str] | None = None,
) -> ExportPlan:
    """The stored plan as an export: its latest edition's date and the given activities.

    `activities` defaults to all of the plan's; a filtered list prints only those rows (pass a
    queryset with `select_related("objective")`). Objectives come in plan order, only those with
    activities; activities keep the order given. Two queries: the edition date, the activities.
    """
    edition_date = plan.editions.order_by("-number").values_list("edition_date", flat=True).first()
    if activities is None:
        activities = plan.activities.select_related("objective").order_by("position")
    grouped: dict[int, tuple[Objective, list[ExportActivity]]] = {}
    for activity in activities:
        objective = activity.objective
        _, rows = grouped.setdefault(objective.pk, (objective, []))
        rows.append(
            ExportActivity(
                number=activity.number,
                title=activity.title,
                executors=activity.executors_text,
                deadline_text=(
                    f"{activity.deadline_text}\nОтметка о выполнении: {marks[activity.pk]}"
                    if marks and activity.pk in marks
                    else activity.deadline_text
                ),
            )
        )
    ordered = sorted(grouped.values(), key=lambda item: (item[0].position, item[0].pk))
    return ExportPlan(
        title=plan.title,
        approver_position=plan.approver_position,
        approver_name=plan.approver_name,
        edition_date=edition_date,
        objectives=tuple(
            ExportObjective(objective.number, objective.title, tuple(rows))
            for objective, rows in ordered
        ),
        subtitle=subtitle,
    )
