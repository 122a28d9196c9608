"""Periods and indicators of a plan, and deadline-change requests."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.views import action_submit, form_submit
from orgs.access import access_cluster, can_manage_cluster, own_organization_id
from plans.access import access_plan
from reporting.access import (
    access_deadline_request,
    access_indicator,
    access_obligation,
    access_period,
)
from reporting.forms import (
    DeadlineRequestForm,
    DecisionForm,
    IndicatorForm,
    PeriodEditForm,
    PeriodForm,
    PeriodGenerateForm,
)
from reporting.indicators import format_value, value_source
from reporting.models import DeadlineChangeRequest, ReportingPeriod
from reporting.selectors import IndicatorProgress, current_period, indicator_progress, plan_grid
from reporting.services import (
    deadline_change_approve,
    deadline_change_refuse,
    deadline_change_request,
    indicator_create,
    indicator_delete,
    indicator_update,
    period_create,
    period_delete,
    period_update,
    periods_generate,
    scheme_spans,
)


@login_required
def plan_periods(request, pk):
    plan = access_plan(request.user, pk)
    periods = ReportingPeriod.objects.filter(plan=plan).annotate(report_count=Count("reports"))
    return render(
        request,
        "reporting/periods.html",
        {
            "plan": plan,
            "cluster": plan.cluster,
            "periods": periods.order_by("start"),
            "can_manage": can_manage_cluster(request.user, plan.cluster),
            "generate_form": PeriodGenerateForm(),
            "period_form": PeriodForm(),
            "quarters": scheme_spans(plan, ReportingPeriod.Kind.QUARTER),
        },
    )


@login_required
@require_POST
def period_generate(request, pk):
    plan = access_plan(request.user, pk, for_change=True)
    here = reverse("reporting:plan_periods", args=[plan.pk])
    form = PeriodGenerateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Выберите, какие периоды создать.")
        return redirect(here)
    return action_submit(
        request,
        lambda: periods_generate(plan=plan, kind=form.cleaned_data["kind"], actor=request.user),
        success=lambda created: f"Создано отчётных периодов: {len(created)}.",
        next_url=here,
    )


@login_required
@require_POST
def period_create_view(request, pk):
    plan = access_plan(request.user, pk, for_change=True)
    here = reverse("reporting:plan_periods", args=[plan.pk])
    form = PeriodForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Укажите начало и конец периода.")
        return redirect(here)
    return action_submit(
        request,
        lambda: period_create(plan=plan, actor=request.user, **form.cleaned_data),
        success=lambda period: f"Период «{period.title}» добавлен.",
        next_url=here,
    )


@login_required
def period_edit(request, pk):
    period = access_period(request.user, pk, for_change=True)
    form = PeriodEditForm(
        request.POST or None, initial={"title": period.title, "due_date": period.due_date}
    )
    if done := form_submit(
        request,
        form,
        lambda data: period_update(period=period, actor=request.user, **data),
        success="Период сохранён.",
        next_url=reverse("reporting:plan_periods", args=[period.plan_id]),
    ):
        return done
    return render(
        request,
        "reporting/period_edit.html",
        {"period": period, "plan": period.plan, "cluster": period.plan.cluster, "form": form},
    )


@login_required
@require_POST
def period_delete_view(request, pk):
    period = access_period(request.user, pk, for_change=True)
    return action_submit(
        request,
        lambda: period_delete(period=period, actor=request.user),
        success=f"Период «{period.title}» удалён.",
        next_url=reverse("reporting:plan_periods", args=[period.plan_id]),
    )


@login_required
def plan_indicators(request, pk):
    """The plan's indicators with their figures so far; coordinators add and change them."""
    plan = access_plan(request.user, pk)
    can_manage = can_manage_cluster(request.user, plan.cluster)
    form = IndicatorForm(request.POST or None, plan=plan)
    if request.method == "POST":
        if not can_manage:
            access_plan(request.user, pk, for_change=True)  # raises 403
        if done := form_submit(
            request,
            form,
            lambda data: indicator_create(
                plan=plan, actor=request.user, **_indicator_fields(form, data)
            ),
            success=lambda indicator: f"Показатель «{indicator.name}» добавлен.",
            next_url=reverse("reporting:plan_indicators", args=[plan.pk]),
        ):
            return done
    grid = plan_grid(plan=plan)
    period = current_period(grid.periods, timezone.localdate())
    if period is not None:
        progress = indicator_progress(grid=grid, until=period)
    else:  # no periods yet: the indicators without figures
        progress = [
            IndicatorProgress(indicator, None, None)
            for indicator in plan.indicators.order_by("position", "pk")
        ]
    for item in progress:
        item.rows = [
            (grid.organizations.get(org_id, "—"), format_value(value))
            for org_id, value in sorted(
                item.by_organization.items(), key=lambda kv: grid.organizations.get(kv[0], "")
            )
        ]
        source = value_source(item.indicator.source) if item.indicator.source else None
        item.source_label = source.label if source else ""
    return render(
        request,
        "reporting/indicators.html",
        {
            "plan": plan,
            "cluster": plan.cluster,
            "progress": progress,
            "period": period,
            "grid": grid,
            "can_manage": can_manage,
            "form": form,
            "has_indicators": bool(progress),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def indicator_edit(request, pk):
    indicator = access_indicator(request.user, pk, for_change=True)
    plan = indicator.plan
    initial = {
        "name": indicator.name,
        "unit": indicator.unit,
        "target": indicator.target,
        "aggregation": indicator.aggregation,
        "activity": indicator.activity_id,
        "source": indicator.source,
    }
    form = IndicatorForm(request.POST or None, plan=plan, initial=initial)
    if done := form_submit(
        request,
        form,
        lambda data: indicator_update(
            indicator=indicator, actor=request.user, **_indicator_fields(form, data)
        ),
        success="Показатель сохранён.",
        next_url=reverse("reporting:plan_indicators", args=[plan.pk]),
    ):
        return done
    return render(
        request,
        "reporting/indicator_edit.html",
        {"indicator": indicator, "plan": plan, "cluster": plan.cluster, "form": form},
    )


@login_required
@require_POST
def indicator_delete_view(request, pk):
    indicator = access_indicator(request.user, pk, for_change=True)
    return action_submit(
        request,
        lambda: indicator_delete(indicator=indicator, actor=request.user),
        success=f"Показатель «{indicator.name}» удалён.",
        next_url=reverse("reporting:plan_indicators", args=[indicator.plan_id]),
    )


@login_required
def deadline_request_create(request, obligation_pk):
    obligation = access_obligation(request.user, obligation_pk, for_change=True)
    form = DeadlineRequestForm(request.POST or None)
    if done := form_submit(
        request,
        form,
        lambda data: deadline_change_request(obligation=obligation, actor=request.user, **data),
        success="Запрос на перенос срока отправлен координатору.",
        next_url=reverse("plans:activity_detail", args=[obligation.activity_id]),
    ):
        return done
    return render(
        request,
        "reporting/deadline_request_form.html",
        {
            "obligation": obligation,
            "activity": obligation.activity,
            "plan": obligation.activity.plan,
            "cluster": obligation.activity.plan.cluster,
            "form": form,
        },
    )


@login_required
def deadline_requests(request, slug):
    """Requests to move deadlines: pending first. A representative sees their organization's."""
    cluster = access_cluster(request.user, slug)
    requests = DeadlineChangeRequest.objects.filter(
        obligation__activity__plan__cluster=cluster
    ).select_related("obligation__activity", "obligation__organization", "requested_by")
    own = own_organization_id(request.user, cluster)
    if own is not None:
        requests = requests.filter(obligation__organization_id=own)
    requests = sorted(requests, key=lambda r: (r.state != "pending", -r.requested_at.timestamp()))
    return render(
        request,
        "reporting/deadline_requests.html",
        {
            "cluster": cluster,
            "requests": requests,
            "can_manage": can_manage_cluster(request.user, cluster),
            "decision_form": DecisionForm(),
        },
    )


@login_required
@require_POST
def deadline_request_decide(request, pk):
    change = access_deadline_request(request.user, pk, for_decision=True)
    form = DecisionForm(request.POST)
    form.is_valid()
    comment = form.cleaned_data.get("comment", "")
    here = reverse(
        "reporting:deadline_requests", args=[change.obligation.activity.plan.cluster.slug]
    )
    if request.POST.get("decision") == "approve":
        return action_submit(
            request,
            lambda: deadline_change_approve(request=change, actor=request.user, comment=comment),
            success=f"Срок мероприятия {change.obligation.activity.number} изменён на "
            f"«{change.proposed_deadline_text}»; в плане новая редакция.",
            next_url=here,
        )
    return action_submit(
        request,
        lambda: deadline_change_refuse(request=change, actor=request.user, comment=comment),
        success="Запрос отклонён, организация увидит ваш комментарий.",
        next_url=here,
    )


def _indicator_fields(form, data) -> dict:
    names = ("name", "unit", "target", "aggregation", "source")
    return {
        **{name: data[name] for name in names},
        "activity": form.activities.get(data["activity"]),
    }
