"""Which plan activity meetings feed («1.1 Проведение заседаний Координационного совета»)."""

from __future__ import annotations

from datetime import date

from council.models import Council
from plans.models import Activity, Plan
from plans.selectors import search_key

MEETINGS_WORDS = ("заседани", "координационного совета")


def is_meetings_title(title: str) -> bool:
    """«Проведение заседаний Координационного совета.» in any case and spelling of ё."""
    key = search_key(title)
    return all(word in key for word in MEETINGS_WORDS)


def is_meetings_activity(council: Council | None, activity: Activity) -> bool:
    """The activity the council's meetings are the execution of: the one chosen in the council's
    settings or, when none is chosen, a work-plan activity called «Проведение заседаний
    Координационного совета»."""
    if activity.plan.kind != Plan.Kind.WORK_PLAN:
        return False
    if council is not None and council.meetings_activity_id is not None:
        return activity.pk == council.meetings_activity_id
    return is_meetings_title(activity.title)


def meetings_activity_for(council: Council, day: date) -> Activity | None:
    """The meetings activity of the work plan whose year covers the day."""
    if council.meetings_activity_id is not None:
        chosen = (
            Activity.objects.filter(pk=council.meetings_activity_id).select_related("plan").first()
        )
        if chosen is not None and chosen.plan.window_start <= day <= chosen.plan.window_end:
            return chosen
    candidates = (
        Activity.objects.filter(
            plan__cluster_id=council.cluster_id,
            plan__kind=Plan.Kind.WORK_PLAN,
            plan__window_start__lte=day,
            plan__window_end__gte=day,
            search_text__contains="заседани",
        )
        .select_related("plan")
        .order_by("plan__status", "-plan__created_at", "position")
    )
    return next((activity for activity in candidates if is_meetings_title(activity.title)), None)
