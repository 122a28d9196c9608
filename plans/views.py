from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from orgs.access import access_cluster, access_organization, can_manage_cluster, own_organization_id
from orgs.models import Organization
from plans.access import access_activity, access_plan
from plans.forms import ActivityFilterForm
from plans.selectors import (
    activity_deadline,
    activity_ids,
    activity_rows,
    activity_state,
    next_due,
    obligation_rows,
    organization_obligation_ids,
    timeline,
)

ACTIVITIES_PER_PAGE = 100


def filtered_page(request, plan, *, with_executors):
    """The filter form and one page of the plan's matching activities, each with its state."""
    organizations = list(
        Organization.objects.filter(memberships__cluster=plan.cluster).order_by("short_name")
    )
    form = ActivityFilterForm(request.GET, plan=plan, organizations=organizations)
    today = timezone.localdate()
    ids = activity_ids(plan=plan, filters=form.filters(), today=today)
    page = Paginator(ids, ACTIVITIES_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = activity_rows(list(page.object_list), today, with_executors=with_executors)
    return form, page


@login_required
def plan_detail(request, pk):
    plan = access_plan(request.user, pk)
    form, page = filtered_page(request, plan, with_executors=True)
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
            "can_manage": can_manage_cluster(request.user, plan.cluster),
            "own_organization_id": own_organization_id(request.user, plan.cluster),
        },
    )


@login_required
def plan_timeline(request, pk):
    plan = access_plan(request.user, pk)
    form, page = filtered_page(request, plan, with_executors=False)
    months, bars = timeline(plan, page.object_list)
    today = timezone.localdate()
    today_percent = None
    if plan.window_start <= today <= plan.window_end:
        total = (plan.window_end - plan.window_start).days + 1
        today_percent = round(100 * (today - plan.window_start).days / total, 2)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "plans/plan_timeline.html",
        {
            "plan": plan,
            "cluster": plan.cluster,
            "form": form,
            "page": page,
            "months": months,
            "bars": bars,
            "today_percent": today_percent,
            "query": query.urlencode(),
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


OBLIGATIONS_PER_PAGE = 100


@login_required
def organization_obligations(request, slug, pk):
    """What an organization owes in the cluster, by when — soonest due first."""
    cluster = access_cluster(request.user, slug)
    organization = access_organization(request.user, cluster, pk)
    today = timezone.localdate()
    ids = organization_obligation_ids(cluster=cluster, organization=organization, today=today)
    page = Paginator(ids, OBLIGATIONS_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = obligation_rows(list(page.object_list), today)
    return render(
        request,
        "plans/organization_obligations.html",
        {
            "cluster": cluster,
            "organization": organization,
            "page": page,
            "is_own": own_organization_id(request.user, cluster) == organization.pk,
        },
    )
