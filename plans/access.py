"""Access to plans and activities: readable by everyone with a role in the plan's cluster,
changeable by its coordinators (see orgs.access for the roles)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from orgs.access import User, can_manage_cluster, can_read_cluster
from plans.models import Activity, Plan


def access_plan(user: User, plan_id: int, *, for_change: bool = False) -> Plan:
    plan = Plan.objects.select_related("cluster").filter(pk=plan_id).first()
    if plan is None or not can_read_cluster(user, plan.cluster):
        raise Http404("План не найден.")
    if for_change and not can_manage_cluster(user, plan.cluster):
        raise PermissionDenied("Изменять план может только координатор кластера.")
    return plan


def access_activity(user: User, activity_id: int, *, for_change: bool = False) -> Activity:
    activity = (
        Activity.objects.select_related("plan__cluster", "objective").filter(pk=activity_id).first()
    )
    if activity is None or not can_read_cluster(user, activity.plan.cluster):
        raise Http404("Мероприятие не найдено.")
    if for_change and not can_manage_cluster(user, activity.plan.cluster):
        raise PermissionDenied("Изменять мероприятие может только координатор кластера.")
    return activity
