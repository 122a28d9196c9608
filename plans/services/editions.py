"""Editions: a revised document applied to a plan, and edits of single activities.

Every change makes a new PlanEdition holding the plan as it then stands and the changes field by
field. Activities are matched by content (plans.diff), so a reworded or renumbered activity keeps its
row, its obligations and — later — its reports; an activity or obligation an edition drops is marked
`removed_in`, never deleted.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max

from orgs.services import ExecutorDirectory, Resolution
from parsing.deadlines import PlanWindow, parse_deadline
from parsing.documents import PlanDocument
from plans.diff import FIELDS, ChangeKind, DiffRow, FieldChange, RowChange, diff_rows
from plans.models import Activity, Objective, Obligation, Plan, PlanEdition
from plans.selectors import number_sort_key, search_key
from plans.services.execution import activity_execution_refresh
from plans.services.history import (
    CHANGED_KINDS,
    change_as_dict,
    diff_row,
    edition_create,
    edition_seal,
    plan_snapshot,
)
from plans.services.imports import PlanPreview, activity_fields, plan_preview

__all__ = [
    "activity_create",
    "activity_remove",
    "activity_update",
    "plan_revision_apply",
    "plan_revision_preview",
    "plan_snapshot",
]


def plan_window(plan: Plan) -> PlanWindow:
    return PlanWindow(plan.window_start, plan.window_end)


def sync_obligations(*, activity: Activity, resolution: Resolution, edition: PlanEdition) -> None:
    """Make the activity's obligations match the resolution, keeping the rows that stay.

    An organization still responsible keeps its obligation row (and so its reports); one no longer
    named is marked removed; one named again after a removal gets its old row back.
    """
    existing = {o.organization_id: o for o in Obligation.all_objects.filter(activity=activity)}
    wanted = set()
    for organization, is_lead, phrase in resolution.assignments:
        wanted.add(organization.pk)
        role = Obligation.Role.LEAD if is_lead else Obligation.Role.CO_EXECUTOR
        obligation = existing.get(organization.pk)
        if obligation is None:
            Obligation.objects.create(
                activity=activity, organization=organization, role=role, source_phrase=phrase[:300]
            )
        elif (obligation.role, obligation.source_phrase, obligation.removed_in_id) != (
            role,
            phrase[:300],
            None,
        ):
            obligation.role, obligation.source_phrase, obligation.removed_in = (
                role,
                phrase[:300],
                None,
            )
            obligation.save(update_fields=["role", "source_phrase", "removed_in"])
    Obligation.objects.filter(activity=activity).exclude(organization_id__in=wanted).update(
        removed_in=edition
    )
    # An added executor has not reported yet: the activity is no longer «выполнено».
    activity_execution_refresh(activity_ids=[activity.pk])


def resolve_or_refuse(directory: ExecutorDirectory, executors_text: str) -> Resolution:
    resolution = directory.resolve(executors_text)
    if resolution.unresolved:
        raise ValidationError(
            {
                "executors_text": "Не удалось сопоставить с организациями кластера: "
                + "; ".join(f"«{phrase}»" for phrase in resolution.unresolved)
                + ". Напишите название организации или группу («руководители ПОО»), "
                "либо сопоставьте фразу при загрузке документа."
            }
        )
    return resolution


def set_deadline(activity: Activity, deadline_text: str, window: PlanWindow) -> None:
    deadline = parse_deadline(deadline_text, window)
    activity.deadline_text = deadline_text[:500]
    activity.deadline_kind = deadline.kind.value
    activity.deadline_start = deadline.start
    activity.deadline_end = deadline.end
    activity.deadline_every = deadline.every.value if deadline.every else ""
    activity.deadline_reason = (deadline.reason or "")[:500]


def refresh_search(activity: Activity) -> None:
    activity.search_text = search_key(
        f"{activity.number} {activity.title} {activity.executors_text} {activity.deadline_text}"
    )
    activity.number_sort = number_sort_key(activity.number)


@transaction.atomic
def activity_update(
    *,
    activity: Activity,
    actor,
    title: str | None = None,
    executors_text: str | None = None,
    deadline_text: str | None = None,
    number: str | None = None,
    note: str = "",
    postponed: bool = False,
) -> Activity:
    """Change an activity's words; the plan gets a new edition saying what changed.

    Nothing changes (and no edition is made) when every given value equals the current one.
    `postponed` says the new deadline is an approved deadline change: the activity then reads
    «перенесено» until its new deadline passes or its reports say more.
    """
    activity = (
        Activity.objects.select_for_update().select_related("plan", "objective").get(pk=activity.pk)
    )
    before = diff_row(activity)
    new_values = {
        "title": title,
        "executors_text": executors_text,
        "deadline_text": deadline_text,
        "number": number,
    }
    new_values = {
        name: " ".join(value.split()) for name, value in new_values.items() if value is not None
    }
    if "title" in new_values and not new_values["title"]:
        raise ValidationError({"title": "Наименование мероприятия не может быть пустым."})
    changed = {
        name: value for name, value in new_values.items() if getattr(activity, name) != value
    }
    if not changed:
        return activity

    resolution = None
    if "executors_text" in changed:
        resolution = resolve_or_refuse(
            ExecutorDirectory(activity.plan.cluster), changed["executors_text"]
        )
    for name, value in changed.items():
        if name == "deadline_text":
            set_deadline(activity, value, plan_window(activity.plan))
            activity.deadline_moved = postponed
        else:
            setattr(activity, name, value)
    refresh_search(activity)
    activity.full_clean(exclude=["plan", "objective", "removed_in"])

    after = diff_row(activity)
    fields = tuple(
        FieldChange(name, getattr(before, name), getattr(after, name))
        for name in FIELDS
        if getattr(before, name) != getattr(after, name)
    )
    change = RowChange(ChangeKind.CHANGED, before, after, fields)
    edition = edition_create(
        plan=activity.plan,
        actor=actor,
        kind=PlanEdition.Kind.EDIT,
        note=note or f"Изменено мероприятие {activity.number}".strip(),
        changes=[change_as_dict(change, activity.pk)],
    )
    activity.save()
    if resolution is not None:
        sync_obligations(activity=activity, resolution=resolution, edition=edition)
    edition_seal(edition)
    return activity


@transaction.atomic
def activity_create(
    *,
    plan: Plan,
    objective: Objective,
    actor,
    number: str,
    title: str,
    executors_text: str,
    deadline_text: str,
    note: str = "",
) -> Activity:
    """Add an activity at the end of its objective; the plan gets a new edition."""
    if objective.plan_id != plan.pk:
        raise ValidationError({"objective": "Задача относится к другому плану."})
    title, executors_text = " ".join(title.split()), " ".join(executors_text.split())
    if not title:
        raise ValidationError({"title": "Наименование мероприятия не может быть пустым."})
    resolution = resolve_or_refuse(ExecutorDirectory(plan.cluster), executors_text)
    last_position = (
        Activity.objects.filter(plan=plan, objective=objective).aggregate(last=Max("position"))[
            "last"
        ]
        or Activity.objects.filter(plan=plan).aggregate(last=Max("position"))["last"]
        or 0
    )
    Activity.all_objects.filter(plan=plan, position__gt=last_position).update(
        position=F("position") + 1
    )
    activity = Activity(
        plan=plan,
        objective=objective,
        number=" ".join(number.split()),
        title=title,
        executors_text=executors_text,
        position=last_position + 1,
    )
    set_deadline(activity, deadline_text, plan_window(plan))
    refresh_search(activity)
    activity.full_clean(exclude=["plan", "objective", "removed_in"])
    activity.save()
    change = RowChange(ChangeKind.ADDED, None, diff_row(activity), ())
    edition = edition_create(
        plan=plan,
        actor=actor,
        kind=PlanEdition.Kind.EDIT,
        note=note or f"Добавлено мероприятие {activity.number}".strip(),
        changes=[
            {
                **change_as_dict(change, activity.pk),
                # Where the activity went, so the edition's plan can be rebuilt without a snapshot.
                "objective": {
                    "id": objective.pk,
                    "number": objective.number,
                    "title": objective.title,
                },
            }
        ],
    )
    sync_obligations(activity=activity, resolution=resolution, edition=edition)
    edition_seal(edition)
    return activity


@transaction.atomic
def activity_remove(*, activity: Activity, actor, note: str = "") -> PlanEdition:
    """Take an activity out of the plan in a new edition; its rows stay for the record."""
    activity = Activity.objects.select_related("plan", "objective").get(pk=activity.pk)
    change = RowChange(ChangeKind.REMOVED, diff_row(activity), None, ())
    edition = edition_create(
        plan=activity.plan,
        actor=actor,
        kind=PlanEdition.Kind.EDIT,
        note=note or f"Исключено мероприятие {activity.number}".strip(),
        changes=[change_as_dict(change, activity.pk)],
    )
    Obligation.objects.filter(activity=activity).update(removed_in=edition)
    Activity.objects.filter(pk=activity.pk).update(removed_in=edition)
    edition_seal(edition)
    return edition


@dataclass
class RevisionPreview:
    """A revised document against the current plan: the import preview plus what would change."""

    preview: PlanPreview
    changes: list[RowChange]

    def count(self, kind: ChangeKind) -> int:
        return sum(1 for change in self.changes if change.kind == kind)

    # Templates cannot pass arguments: one property per kind.
    count_added = property(lambda self: self.count(ChangeKind.ADDED))
    count_removed = property(lambda self: self.count(ChangeKind.REMOVED))
    count_changed = property(lambda self: self.count(ChangeKind.CHANGED))
    count_unchanged = property(lambda self: self.count(ChangeKind.UNCHANGED))

    def shown_changes(self) -> list[dict]:
        """What a person reviews before saving: every change but the unchanged rows, in the shape
        an edition keeps them (so the preview and the saved edition read the same)."""
        return [change_as_dict(c) for c in self.changes if c.kind != ChangeKind.UNCHANGED]

    @property
    def has_changes(self) -> bool:
        return any(change.kind in CHANGED_KINDS for change in self.changes)


def plan_revision_preview(*, plan: Plan, document: PlanDocument) -> RevisionPreview:
    """Compare a revised document with the current plan; nothing is written."""
    preview = plan_preview(cluster=plan.cluster, document=document, year_label=plan.year_label)
    old_rows = [
        diff_row(activity)
        for activity in Activity.objects.filter(plan=plan)
        .select_related("objective")
        .order_by("position")
    ]
    new_rows = [
        DiffRow(
            key=index,
            number=item.row.number,
            title=item.row.title,
            executors=item.row.executors,
            deadline_text=item.row.deadline_text,
            objective=objective.row.number or objective.row.title[:80],
        )
        for index, (objective, item) in enumerate(
            (objective, item) for objective in preview.objectives for item in objective.activities
        )
    ]
    return RevisionPreview(preview, diff_rows(old_rows, new_rows))


@transaction.atomic
def plan_revision_apply(
    *, plan: Plan, document: PlanDocument, actor, note: str = "", source_filename: str = ""
) -> PlanEdition:
    """Apply a revised document as the plan's next edition, keeping every matched activity's row."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    revision = plan_revision_preview(plan=plan, document=document)
    if revision.preview.unresolved:
        raise ValidationError(
            "Не сопоставлены исполнители: "
            + "; ".join(f"«{phrase}»" for phrase in revision.preview.unresolved)
            + ". Укажите для каждого организации кластера."
        )
    if revision.preview.activity_count == 0:
        raise ValidationError("В документе не найдено ни одного мероприятия.")
    last_edition = plan.editions.order_by("-number").only("pk", "edition_date").first()
    if not revision.has_changes and document.edition_date == last_edition.edition_date:
        raise ValidationError(
            "Документ не отличается от текущей редакции плана — сохранять нечего."
        )

    edition = edition_create(
        plan=plan,
        actor=actor,
        kind=PlanEdition.Kind.REVISION,
        note=note or "Новая редакция документа",
        edition_date=document.edition_date,
        source_filename=source_filename,
    )
    if document.approver_name:
        plan.approver_position, plan.approver_name = (
            document.approver_position,
            document.approver_name,
        )
        plan.save(update_fields=["approver_position", "approver_name"])

    objectives = objectives_for(plan, revision.preview)
    items = [
        (objectives[index], item)
        for index, objective in enumerate(revision.preview.objectives)
        for item in objective.activities
    ]
    current = Activity.objects.filter(plan=plan).in_bulk()
    recorded = []
    for change in revision.changes:
        if change.kind == ChangeKind.REMOVED:
            activity = current[change.old.key]
            Obligation.objects.filter(activity=activity).update(removed_in=edition)
            Activity.objects.filter(pk=activity.pk).update(removed_in=edition)
            recorded.append(change_as_dict(change, activity.pk))
            continue
        objective, item = items[change.new.key]
        fields = activity_fields(item.row, item.deadline)
        if change.kind == ChangeKind.ADDED:
            activity = Activity(
                plan=plan, objective=objective, position=change.new.key + 1, **fields
            )
            activity.full_clean(exclude=["plan", "objective", "removed_in"])
            activity.save()
            sync_obligations(activity=activity, resolution=item.resolution, edition=edition)
            recorded.append(change_as_dict(change, activity.pk))
            continue
        activity = current[change.old.key]
        activity.objective, activity.position = objective, change.new.key + 1
        if change.kind == ChangeKind.CHANGED:
            for name, value in fields.items():
                setattr(activity, name, value)
            activity.full_clean(exclude=["plan", "objective", "removed_in"])
            if any(field.field == "executors" for field in change.fields):
                sync_obligations(activity=activity, resolution=item.resolution, edition=edition)
            recorded.append(change_as_dict(change, activity.pk))
        activity.save()
    edition.changes = recorded
    edition_seal(edition)
    return edition


def objectives_for(plan: Plan, preview: PlanPreview) -> list[Objective]:
    """The plan's objectives for the revised document, in its order: an objective with the same
    number (or, unnumbered, the same title) keeps its row and takes the new wording."""
    existing = list(Objective.objects.filter(plan=plan).order_by("position"))
    by_number = {objective.number: objective for objective in existing if objective.number}
    by_title = {objective.title: objective for objective in existing}
    result, used = [], set()
    offset = (max((objective.position for objective in existing), default=0)) + 1
    for position, item in enumerate(preview.objectives, start=1):
        row = item.row
        objective = by_number.get(row.number) if row.number else by_title.get(row.title)
        if objective is None or objective.pk in used:
            objective = Objective(
                plan=plan, number=row.number, title=row.title, position=offset + position
            )
        objective.title, objective.position = row.title, position
        objective.save()
        used.add(objective.pk)
        result.append(objective)
    # Objectives the document no longer has keep their rows (removed activities point at them),
    # moved after the current ones.
    for objective in existing:
        if objective.pk not in used:
            objective.position = offset + len(result) + objective.position
            objective.save(update_fields=["position"])
    return result
