"""Importing a plan document: previewed first (nothing written), then saved in one transaction."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from orgs.models import Cluster
from orgs.services import ExecutorDirectory, Resolution
from parsing.deadlines import Deadline, PlanWindow, parse_deadline
from parsing.documents import ActivityRow, ObjectiveRow, PlanDocument
from parsing.documents.undated import read_deadline_without_year
from plans.models import Activity, Objective, Obligation, Plan, PlanEdition
from plans.selectors import number_sort_key, search_key
from plans.services.history import edition_create, edition_seal


@dataclass
class ActivityPreview:
    row: ActivityRow
    deadline: Deadline
    resolution: Resolution


@dataclass
class ObjectivePreview:
    row: ObjectiveRow
    activities: list[ActivityPreview]


@dataclass
class PlanPreview:
    """A document as it would be saved: parsed deadlines, resolved executors, every warning."""

    document: PlanDocument
    window: PlanWindow | None  # None until the plan's year is known: it cannot be saved yet
    objectives: list[ObjectivePreview]
    unresolved: list[str] = field(default_factory=list)

    @property
    def activity_count(self) -> int:
        return sum(len(objective.activities) for objective in self.objectives)

    @property
    def unparsed_count(self) -> int:
        return sum(
            1
            for objective in self.objectives
            for activity in objective.activities
            if activity.deadline.kind == Activity.DeadlineKind.UNPARSED
        )

    @property
    def warning_count(self) -> int:
        rows = sum(
            len(activity.row.warnings)
            for objective in self.objectives
            for activity in objective.activities
        )
        return rows + len(self.document.warnings)


def window_for(document: PlanDocument, year_label: str | None) -> PlanWindow:
    """The plan's window from the user's choice or, failing that, the document's title."""
    label = (year_label or "").strip() or document.plan_year
    if not label:
        raise ValidationError(
            "В документе не указан год плана. Укажите его: «2023-2024» для учебного года "
            "или «2024» для календарного."
        )
    try:
        return PlanWindow.from_label(label)
    except ValueError as error:
        raise ValidationError(str(error)) from None


def plan_preview(
    *, cluster: Cluster, document: PlanDocument, year_label: str | None = None
) -> PlanPreview:
    """The document as it would be saved. Without a year (none given, none in the title) the
    preview still shows everything, with only the deadlines that state their own year read."""
    known = (year_label or "").strip() or document.plan_year
    window = window_for(document, year_label) if known else None
    directory = ExecutorDirectory(cluster)
    unresolved: dict[str, None] = {}
    objectives = []
    for objective in document.objectives:
        activities = []
        for row in objective.activities:
            resolution = directory.resolve(row.executors)
            unresolved.update(dict.fromkeys(resolution.unresolved))
            deadline = (
                parse_deadline(row.deadline_text, window)
                if window
                else read_deadline_without_year(row.deadline_text)
            )
            activities.append(ActivityPreview(row, deadline, resolution))
        objectives.append(ObjectivePreview(objective, activities))
    return PlanPreview(document, window, objectives, list(unresolved))


@transaction.atomic
def plan_import(
    *,
    cluster: Cluster,
    document: PlanDocument,
    actor,
    year_label: str | None = None,
    source_filename: str = "",
) -> Plan:
    """Save a previewed document as a new plan with its first edition.

    Refused while an executor phrase is not mapped to an organization: an obligation that silently
    goes missing would be found only when nobody reports on it.
    """
    window_for(document, year_label)  # saving needs the year: refused with a Russian message
    preview = plan_preview(cluster=cluster, document=document, year_label=year_label)
    assert preview.window is not None
    if preview.unresolved:
        raise ValidationError(
            "Не сопоставлены исполнители: "
            + "; ".join(f"«{phrase}»" for phrase in preview.unresolved)
            + ". Укажите для каждого организации кластера."
        )
    if preview.activity_count == 0:
        raise ValidationError("В документе не найдено ни одного мероприятия.")
    title = document.title or "План работы"
    if Plan.objects.filter(cluster=cluster, title=title, year_label=preview.window.label).exists():
        raise ValidationError(
            f"План «{title}» на {preview.window.label} уже загружен в этот кластер. "
            "Чтобы загрузить исправленный документ, откройте план и выберите "
            "«Загрузить новую редакцию»."
        )

    plan = Plan(
        cluster=cluster,
        title=title,
        year_label=preview.window.label,
        window_start=preview.window.start,
        window_end=preview.window.end,
        approver_position=document.approver_position,
        approver_name=document.approver_name,
    )
    plan.full_clean()
    plan.save()
    edition = edition_create(
        plan=plan,
        actor=actor,
        kind=PlanEdition.Kind.IMPORT,
        note="Загружен из документа",
        edition_date=document.edition_date,
        source_filename=source_filename,
    )
    objectives = Objective.objects.bulk_create(
        Objective(plan=plan, number=item.row.number, title=item.row.title, position=position)
        for position, item in enumerate(preview.objectives, start=1)
    )
    activities = []
    for objective, objective_preview in zip(objectives, preview.objectives, strict=True):
        for activity_preview in objective_preview.activities:
            activity = Activity(
                plan=plan,
                objective=objective,
                position=len(activities) + 1,
                **activity_fields(activity_preview.row, activity_preview.deadline),
            )
            activity.full_clean(exclude=["plan", "objective"])
            activities.append((activity, activity_preview.resolution))
    Activity.objects.bulk_create(activity for activity, _ in activities)
    obligations = [
        Obligation(
            activity=activity,
            organization=organization,
            role=Obligation.Role.LEAD if is_lead else Obligation.Role.CO_EXECUTOR,
            source_phrase=phrase[:300],
        )
        for activity, resolution in activities
        for organization, is_lead, phrase in resolution.assignments
    ]
    Obligation.objects.bulk_create(obligations)
    edition_seal(edition)
    return plan


def activity_fields(row: ActivityRow, deadline: Deadline) -> dict:
    return {
        "number": row.number,
        "title": row.title,
        "executors_text": row.executors,
        "deadline_text": row.deadline_text[:500],
        "deadline_kind": deadline.kind.value,
        "deadline_start": deadline.start,
        "deadline_end": deadline.end,
        "deadline_every": deadline.every.value if deadline.every else "",
        "deadline_reason": (deadline.reason or "")[:500],
        "extra": dict(row.extra),
        "warnings": list(row.warnings),
        "search_text": search_key(f"{row.number} {row.title} {row.executors} {row.deadline_text}"),
        "number_sort": number_sort_key(row.number),
    }
