"""Editions' memory: the plan as it was (snapshot) and what an edition changed (changes).

A whole-document edition (import, revision, rollover) stores the plan as it then stands. An edit of
one activity stores only what it changed — the write is proportional to the edit, not to the plan —
and `edition_snapshot` materialises the plan of any edition when a page needs it: the nearest
stored snapshot before it, with the later editions' changes replayed in order.
"""

import copy

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
            {
                "id": objective.pk,
                "number": objective.number,
                "title": objective.title,
                "activities": [],
            },
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
    edition.change_count = len(edition.changes)
    edition.full_clean(exclude=["created_by", "snapshot", "changes"])
    edition.save()
    return edition


# Editions that rewrite the whole plan keep a full snapshot; an edit keeps only its changes.
SNAPSHOT_KINDS = {PlanEdition.Kind.IMPORT, PlanEdition.Kind.REVISION, PlanEdition.Kind.ROLLOVER}


def edition_seal(edition: PlanEdition) -> None:
    """Finish an edition once its rows are written: a whole-document edition (and a plan's first)
    stores the plan as it now stands; an edit already holds its changes and writes nothing more
    unless they grew."""
    fields = []
    if edition.change_count != len(edition.changes):
        edition.change_count = len(edition.changes)
        fields += ["changes", "change_count"]
    if edition.kind in SNAPSHOT_KINDS or edition.number == 1:  # a plan's first edition is a base
        edition.snapshot = plan_snapshot(edition.plan)
        fields.append("snapshot")
    if fields:
        edition.save(update_fields=fields)


def apply_changes(snapshot: dict, changes: list[dict]) -> None:
    """Replay one edit's changes on a plan snapshot (in place), as the edit did on the rows."""
    objectives = snapshot.setdefault("objectives", [])
    for change in changes:
        activity_id, new = change.get("activity_id"), change.get("new")
        if change["kind"] == ChangeKind.REMOVED:
            for objective in objectives:
                objective["activities"] = [
                    a for a in objective["activities"] if a["id"] != activity_id
                ]
            objectives[:] = [objective for objective in objectives if objective["activities"]]
        elif change["kind"] == ChangeKind.CHANGED and new is not None:
            for objective in objectives:
                for activity in objective["activities"]:
                    if activity["id"] == activity_id:
                        activity.update(
                            {name: new[name] for name in SNAPSHOT_FIELDS if name in new}
                        )
        elif change["kind"] == ChangeKind.ADDED and new is not None:
            ref = change.get("objective") or {"number": "", "title": new.get("objective", "")}
            entry = next(
                (
                    objective
                    for objective in objectives
                    if ("id" in objective and objective["id"] == ref.get("id"))
                    or (
                        "id" not in objective
                        and (objective["number"], objective["title"])
                        == (ref["number"], ref["title"])
                    )
                ),
                None,
            )
            if entry is None:
                entry = {**ref, "activities": []}
                objectives.append(entry)
            entry["activities"].append(
                {"id": activity_id, **{name: new[name] for name in SNAPSHOT_FIELDS}}
            )


SNAPSHOT_FIELDS = ("number", "title", "executors", "deadline_text")


def edition_snapshot(edition: PlanEdition) -> dict:
    """The plan as it stood in this edition (two queries): its own snapshot if it keeps one,
    otherwise the nearest earlier snapshot with every later edit replayed up to this one."""
    if edition.snapshot:
        return edition.snapshot
    earlier = PlanEdition.objects.filter(plan_id=edition.plan_id, number__lte=edition.number)
    base = (
        earlier.exclude(snapshot={}).order_by("-number").values_list("number", "snapshot").first()
    )
    start, snapshot = (base[0], copy.deepcopy(base[1])) if base else (0, {"objectives": []})
    for changes in (
        earlier.filter(number__gt=start).order_by("number").values_list("changes", flat=True)
    ):
        apply_changes(snapshot, changes)
    return snapshot


CHANGED_KINDS = {ChangeKind.ADDED, ChangeKind.REMOVED, ChangeKind.CHANGED}
