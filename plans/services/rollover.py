"""Next year's plan: a draft copied from this one, deadline phrases moved a year on.

Phrases naming dates move («IV квартал 2023 года» → «IV квартал 2024 года»); relative ones stay
(«В течение учебного года»); a phrase that cannot be moved safely is kept as written and flagged
on the activity for the coordinator (parsing.rollover decides). Obligations are copied from the
current plan, so executors mapped by hand stay mapped.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from parsing.deadlines import PlanWindow, parse_deadline
from parsing.documents import ActivityRow
from parsing.rollover import ShiftedPhrase, ShiftStatus, shift_phrase, shift_title
from plans.models import Activity, Objective, Obligation, Plan, PlanEdition
from plans.services.history import edition_create, edition_seal
from plans.services.imports import activity_fields


def next_window(plan: Plan) -> PlanWindow:
    def year_later(day: date) -> date:
        try:
            return day.replace(year=day.year + 1)
        except ValueError:  # 29 February
            return day.replace(year=day.year + 1, day=28)

    return PlanWindow(year_later(plan.window_start), year_later(plan.window_end))


@dataclass
class RolledActivity:
    activity: Activity
    deadline: ShiftedPhrase
    keep: bool = True  # the coordinator's choice, shown again when the form comes back


def plan_rollover_preview(plan: Plan) -> tuple[str, PlanWindow, list[RolledActivity]]:
    """What next year's draft would hold: its title, window and each activity's moved deadline."""
    window = PlanWindow(plan.window_start, plan.window_end)
    activities = Activity.objects.filter(plan=plan).select_related("objective").order_by("position")
    rolled = [
        RolledActivity(activity, shift_phrase(activity.deadline_text, 1, window=window))
        for activity in activities
    ]
    return shift_title(plan.title, 1), next_window(plan), rolled


@transaction.atomic
def plan_rollover(*, plan: Plan, actor, keep: set[int], title: str = "") -> Plan:
    """Create next year's draft with the kept activities of `plan` (ids in `keep`)."""
    new_title, window, rolled = plan_rollover_preview(plan)
    title = " ".join((title or new_title).split())
    rolled = [item for item in rolled if item.activity.pk in keep]
    if not rolled:
        raise ValidationError("Отметьте хотя бы одно мероприятие, которое переходит в новый план.")
    if Plan.objects.filter(cluster=plan.cluster, title=title, year_label=window.label).exists():
        raise ValidationError(f"План «{title}» на {window.label} уже есть в кластере.")

    draft = Plan(
        cluster=plan.cluster,
        title=title,
        year_label=window.label,
        window_start=window.start,
        window_end=window.end,
        approver_position=plan.approver_position,
        approver_name=plan.approver_name,
        status=Plan.Status.DRAFT,
        rolled_over_from=plan,
    )
    draft.full_clean()
    draft.save()
    edition = edition_create(
        plan=draft,
        actor=actor,
        kind=PlanEdition.Kind.ROLLOVER,
        note=f"Проект на {window.label}, перенесён из плана на {plan.year_label}",
    )
    objectives: dict[int, Objective] = {}
    copies = []
    for position, item in enumerate(rolled, start=1):
        old = item.activity
        if old.objective_id not in objectives:
            objectives[old.objective_id] = Objective.objects.create(
                plan=draft,
                number=old.objective.number,
                title=old.objective.title,
                position=len(objectives) + 1,
            )
        deadline_text = item.deadline.text
        fields = activity_fields_for(old, deadline_text, window)
        warnings = list(old.warnings)
        if item.deadline.status == ShiftStatus.UNSHIFTABLE:
            warnings.append(f"Срок не перенесён автоматически: {item.deadline.reason}")
        copy = Activity(
            plan=draft, objective=objectives[old.objective_id], position=position, **fields
        )
        copy.warnings = warnings
        copies.append((old, copy))
    Activity.objects.bulk_create(copy for _, copy in copies)
    obligations: dict[int, list[Obligation]] = {}
    for obligation in Obligation.objects.filter(activity__in=[old for old, _ in copies]):
        obligations.setdefault(obligation.activity_id, []).append(obligation)
    Obligation.objects.bulk_create(
        Obligation(
            activity=copy,
            organization_id=obligation.organization_id,
            role=obligation.role,
            source_phrase=obligation.source_phrase,
        )
        for old, copy in copies
        for obligation in obligations.get(old.pk, [])
    )
    edition_seal(edition)
    return draft


def activity_fields_for(activity: Activity, deadline_text: str, window: PlanWindow) -> dict:
    """The activity's words for the new plan, the deadline read against the new window."""
    row = ActivityRow(
        number=activity.number,
        title=activity.title,
        executors=activity.executors_text,
        deadline_text=deadline_text,
        extra=dict(activity.extra),
    )
    return activity_fields(row, parse_deadline(deadline_text, window))


@transaction.atomic
def plan_approve(*, plan: Plan, actor) -> Plan:
    """Mark a draft as the approved plan (after the council has signed it)."""
    if plan.status == Plan.Status.APPROVED:
        raise ValidationError("План уже утверждён.")
    plan.status = Plan.Status.APPROVED
    plan.save(update_fields=["status"])
    return plan
