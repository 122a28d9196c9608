"""A plan made by the system rather than imported (the council's plan of assignments), and a section
added to a plan: the only way other apps create plan rows."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from orgs.models import Cluster
from plans.models import Objective, Plan, PlanEdition
from plans.services.history import edition_create, edition_seal


@transaction.atomic
def plan_create(
    *,
    cluster: Cluster,
    actor,
    title: str,
    year_label: str,
    window_start: date,
    window_end: date,
    kind: str = Plan.Kind.WORK_PLAN,
    status: str = Plan.Status.APPROVED,
    note: str,
) -> Plan:
    """An empty plan with its first, sealed edition (`note` says why it was made)."""
    if window_end < window_start:
        raise ValidationError({"window_end": "Конец периода плана раньше его начала."})
    plan = Plan(
        cluster=cluster,
        title=title,
        year_label=year_label,
        window_start=window_start,
        window_end=window_end,
        kind=kind,
        status=status,
    )
    plan.full_clean()
    plan.save()
    edition = edition_create(plan=plan, actor=actor, kind=PlanEdition.Kind.EDIT, note=note)
    edition_seal(edition)
    return plan


@transaction.atomic
def objective_create(*, plan: Plan, actor, title: str, number: str = "") -> Objective:
    """A section at the end of the plan."""
    Plan.objects.select_for_update().filter(pk=plan.pk).first()  # one position at a time
    last = Objective.objects.filter(plan=plan).aggregate(last=Max("position"))["last"]
    objective = Objective(plan=plan, number=number, title=title, position=(last or 0) + 1)
    objective.full_clean()
    objective.save()
    return objective
