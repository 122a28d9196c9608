"""Editions' memory: the plan as it was (snapshot) and what an edition changed (changes)."""

from django.db.models import Max

from plans.diff import ChangeKind, DiffRow, RowChange
from plans.models import Activity, Plan, PlanEdition


def objective_label(objective) -> str:
    return objective.number or objective.title[:80]


def plan_snapshot(plan: Plan) -> dict:
    """The current plan as plain data: objectives in order with their activities (two queries)."""
    objectives: dict[int, dict] = {}
    activities = (
        Activity.objects.filter(plan=plan)
        .select_related("objective")
        .order_by("position")
        .only("pk", "number", "title", "executors_text", "deadline_text", "objective", "position")
    )
    for activity in activities:
        objective = activity.objective
        entry = objectives.setdefault(
            objective.pk,
            {"number": objective.number, "title": objective.title, "activities": []},
        )
        entry["activities"].append(
            {
                "id": activity.pk,
                "number": activity.number,
                "title": activity.title,
                "executors": activity.executors_text,
                "deadline_text": activity.deadline_text,
            }
        )
    return {"objectives": list(objectives.values())}


def diff_row(activity: Activity) -> DiffRow:
    return DiffRow(
        key=activity.pk,
        number=activity.number,
        title=activity.title,
        executors=activity.executors_text,
        deadline_text=activity.deadline_text,
        objective=objective_label(activity.objective),
    )


def row_as_dict(row: DiffRow | None) -> dict | None:
    if row is None:
        return None
    return {
        "number": row.number,
        "title": row.title,
        "executors": row.executors,
        "deadline_text": row.deadline_text,
        "objective": row.objective,
    }


def change_as_dict(change: RowChange, activity_id: int | None = None) -> dict:
    """What an edition keeps of one change, to show it later exactly as it was applied."""
    return {
        "kind": change.kind.value,
        "activity_id": activity_id,
        "old": row_as_dict(change.old),
        "new": row_as_dict(change.new),
        "fields": [
            {"field": field.field, "old": field.old, "new": field.new} for field in change.fields
        ],
        "renumbered": change.renumbered,
        "moved": change.moved,
    }


def edition_create(
    *,
    plan: Plan,
    actor,
    kind: str,
    note: str = "",
    edition_date=None,
    source_filename: str = "",
    changes: list[dict] | None = None,
) -> PlanEdition:
    """A new edition numbered after the last one, holding the plan as it is now.

    Called inside the caller's transaction after the plan's rows have been changed.
    """
    # Lock the plan row first: two edits of one plan at once must not take the same number.
    Plan.objects.select_for_update().filter(pk=plan.pk).first()
    last = plan.editions.aggregate(last=Max("number"))["last"] or 0
    edition = PlanEdition(
        plan=plan,
        number=last + 1,
        kind=kind,
        note=note[:2000],
        edition_date=edition_date,
        source_filename=source_filename[:255],
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        changes=changes or [],
    )
    edition.full_clean(exclude=["created_by", "snapshot", "changes"])
    edition.save()
    return edition


def edition_seal(edition: PlanEdition) -> None:
    """Store the plan as it stands once the edition's changes are written."""
    edition.snapshot = plan_snapshot(edition.plan)
    edition.save(update_fields=["snapshot", "changes"])


CHANGED_KINDS = {ChangeKind.ADDED, ChangeKind.REMOVED, ChangeKind.CHANGED}
