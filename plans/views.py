from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from orgs.access import can_manage_cluster, own_organization_id
from orgs.models import Organization
from plans.access import access_activity, access_plan
from plans.forms import ActivityFilterForm
from plans.selectors import (
    activity_deadline,
    activity_list,
    activity_state,
    next_due,
    timeline,
    with_states,
)

ACTIVITIES_PER_PAGE = 100


def filtered_activities(request, plan):
    """The plan's activities after the filters in the query string, each with its state."""
    organizations = list(
        Organization.objects.filter(memberships__cluster=plan.cluster).order_by("short_name")
    )
    form = ActivityFilterForm(request.GET, plan=plan, organizations=organizations)
    filters = form.filters()
    activities = with_states(
        activity_list(plan=plan, filters=filters), timezone.localdate(), filters.state
    )
    return form, filters, activities


@login_required
def plan_detail(request, pk):
    plan = access_plan(request.user, pk)
    form, _, activities = filtered_activities(request, plan)
    page = Paginator(activities, ACTIVITIES_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "cluster": plan.cluster,
            "edition": plan.editions.order_by("-number").first(),
            "form": form,
            "filtered": any(form.cleaned_data.get(name) for name in form.fields),
            "page": page,
            "query": query.urlencode(),
            "total": len(activities),
            "can_manage": can_manage_cluster(request.user, plan.cluster),
            "own_organization_id": own_organization_id(request.user, plan.cluster),
        },
    )


@login_required
def plan_timeline(request, pk):
    plan = access_plan(request.user, pk)
    form, _, activities = filtered_activities(request, plan)
    months, bars = timeline(plan, activities)
    today = timezone.localdate()
    today_percent = None
    if plan.window_start <= today <= plan.window_end:
        total = (plan.window_end - plan.window_start).days + 1
        today_percent = round(100 * (today - plan.window_start).days / total, 2)
    return render(
        request,
        "plans/plan_timeline.html",
        {
            "plan": plan,
            "cluster": plan.cluster,
            "form": form,
            "months": months,
            "bars": bars,
            "today_percent": today_percent,
            "query": request.GET.urlencode(),
        },
    )


@login_required
def activity_detail(request, pk):
    activity = access_activity(request.user, pk)
    today = timezone.localdate()
    obligations = activity.obligations.select_related("organization").order_by(
        "-role", "organization__short_name"
    )
    return render(
        request,
        "plans/activity_detail.html",
        {
            "activity": activity,
            "plan": activity.plan,
            "cluster": activity.plan.cluster,
            "obligations": obligations,
            "state": activity_state(activity, today),
            "due": next_due(activity, today),
            "occurrences": activity_deadline(activity).occurrences(),
        },
    )
