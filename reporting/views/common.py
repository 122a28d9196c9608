"""Pieces the execution pages share: choosing the plan and period from the query string."""

from __future__ import annotations

from django.db.models import Count
from django.utils import timezone

from orgs.models import Cluster
from plans.models import Plan
from reporting.selectors.grid import PlanGrid, current_period


def cluster_plans(cluster: Cluster) -> list[Plan]:
    """The cluster's plans, newest first, each with how many reporting periods it has."""
    return list(
        cluster.plans.annotate(period_count=Count("reporting_periods")).order_by(
            "-window_start", "pk"
        )
    )


def chosen_plan(request, plans: list[Plan]) -> Plan | None:
    """The plan in ?plan=, else the newest plan with reporting periods, else the newest one."""
    wanted = request.GET.get("plan", "")
    for plan in plans:
        if str(plan.pk) == wanted:
            return plan
    return next((plan for plan in plans if plan.period_count), plans[0] if plans else None)


def chosen_period(request, grid: PlanGrid):
    wanted = request.GET.get("period", "")
    period = next((p for p in grid.periods if str(p.pk) == wanted), None)
    return period or current_period(grid.periods, timezone.localdate())


def base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")
