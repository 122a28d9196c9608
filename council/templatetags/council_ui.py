"""The council's panel on a plan activity's page (one include in plans/activity_detail.html).

On the activity meetings feed («1.1 Проведение заседаний Координационного совета») it lists the
meetings held in the plan year; on an activity that is a council assignment it says which protocol
gave it. For any other activity it renders nothing. Two small queries at most.
"""

from django import template

from council.models import Assignment, Council
from council.selectors.activity import is_meetings_activity
from council.selectors.meetings import held_meetings
from plans.models import Plan

register = template.Library()


@register.inclusion_tag("council/_activity_panel.html")
def council_activity_panel(activity):
    plan = activity.plan
    context = {"activity": activity, "cluster": plan.cluster, "meetings": None}
    context["assignment"] = (
        Assignment.objects.filter(activity=activity)
        .select_related("meeting", "decision__item")
        .first()
    )
    if context["assignment"] is not None or plan.kind != Plan.Kind.WORK_PLAN:
        return context
    council = Council.objects.filter(cluster_id=plan.cluster_id).first()
    if is_meetings_activity(council, activity):
        context["meetings"] = list(
            held_meetings(cluster_id=plan.cluster_id, start=plan.window_start, end=plan.window_end)
        )
    return context
