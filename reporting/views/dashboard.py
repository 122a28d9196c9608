from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from orgs.access import access_cluster, access_organization, can_manage_cluster, own_organization_id
from reporting.access import can_see_unaccepted, can_write_reports
from reporting.forms import DashboardForm
from reporting.models import DeadlineChangeRequest
from reporting.selectors import SlotFilters, cluster_dashboard, plan_grid, slot_rows
from reporting.views.common import chosen_period, chosen_plan, cluster_plans

ROWS_PER_PAGE = 100
LIST_PREVIEW = 15


def _context(request, cluster, plans, plan, **extra):
    return {
        "cluster": cluster,
        "plans": plans,
        "plan": plan,
        "can_manage": can_manage_cluster(request.user, cluster),
        "own_organization_id": own_organization_id(request.user, cluster),
        **extra,
    }


@login_required
def execution_dashboard(request, slug):
    """The cluster at a glance for a period: completion, the matrix, overdue, indicators."""
    cluster = access_cluster(request.user, slug)
    plans = cluster_plans(cluster)
    plan = chosen_plan(request, plans)
    if plan is None or not plan.period_count:
        return render(request, "reporting/dashboard.html", _context(request, cluster, plans, plan))
    grid = plan_grid(plan=plan)
    form = DashboardForm(request.GET, grid=grid)
    period = chosen_period(request, grid)
    filters = form.filters()
    today = timezone.localdate()
    dashboard = cluster_dashboard(grid=grid, period=period, today=today, filters=filters)
    scope = {"plan": plan.pk, "period": period.pk, **dashboard.filters.as_query()}
    return render(
        request,
        "reporting/dashboard.html",
        _context(
            request,
            cluster,
            plans,
            plan,
            grid=grid,
            form=form,
            period=period,
            dashboard=dashboard,
            scope=scope,
            overdue_preview=dashboard.overdue[:LIST_PREVIEW],
            due_soon_preview=dashboard.due_soon[:LIST_PREVIEW],
        ),
    )


@login_required
def execution_reports(request, slug):
    """The expected reports behind a dashboard number, filtered as the link says."""
    cluster = access_cluster(request.user, slug)
    plans = cluster_plans(cluster)
    plan = chosen_plan(request, plans)
    if plan is None or not plan.period_count:
        return render(
            request, "reporting/reports_list.html", _context(request, cluster, plans, plan)
        )
    grid = plan_grid(plan=plan)
    form = DashboardForm(request.GET, grid=grid)
    period = chosen_period(request, grid)
    filters = form.filters()
    rows = slot_rows(grid, period=period, filters=filters, today=timezone.localdate())
    page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "reporting/reports_list.html",
        _context(
            request,
            cluster,
            plans,
            plan,
            grid=grid,
            form=form,
            period=period,
            filters=filters,
            page=page,
            today=timezone.localdate(),
        ),
    )


@login_required
def organization_reports(request, slug, pk):
    """An organization's to-do for a period: every report it owes, where each stands."""
    cluster = access_cluster(request.user, slug)
    organization = access_organization(request.user, cluster, pk)
    plans = cluster_plans(cluster)
    plan = chosen_plan(request, plans)
    context = _context(
        request,
        cluster,
        plans,
        plan,
        organization=organization,
        is_own=own_organization_id(request.user, cluster) == organization.pk,
        can_write=can_write_reports(request.user, cluster, organization.pk),
        sees_drafts=can_see_unaccepted(request.user, cluster, organization.pk),
    )
    if plan is None or not plan.period_count:
        return render(request, "reporting/organization_reports.html", context)
    grid = plan_grid(plan=plan, organization_id=organization.pk)
    period = chosen_period(request, grid)
    today = timezone.localdate()
    slots = grid.slots(period)
    overdue = slot_rows(grid, period=None, filters=SlotFilters(overdue=True), today=today)
    requests = []
    if context["sees_drafts"]:
        requests = list(
            DeadlineChangeRequest.objects.filter(
                obligation__organization=organization, obligation__activity__plan=plan
            )
            .select_related("obligation__activity")
            .order_by("-requested_at")[:20]
        )
    context.update(
        grid=grid,
        period=period,
        slots=slots,
        to_do=sum(1 for slot in slots if not slot.is_submitted),
        overdue=[slot for slot in overdue if slot.period.pk != period.pk],
        requests=requests,
        today=today,
    )
    return render(request, "reporting/organization_reports.html", context)
