"""Career-guidance coverage for a period (tables, an SVG chart, XLSX and DOCX), and an activity's
events with the figures they give its indicators."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from core.office import download
from events.access import access_events_cluster, can_create_events, can_manage_event
from events.charts import bar_chart
from events.exports import (
    coverage_docx,
    coverage_sections,
    coverage_summary,
    coverage_xlsx,
)
from events.forms import CoverageForm
from events.models import Event
from events.selectors.coverage import activity_figures, coverage
from events.selectors.figures import first_start
from events.sources import SOURCES
from orgs.models import Organization
from plans.access import access_activity
from reporting.indicators import format_value, source_values
from reporting.models import Indicator, ReportingPeriod


def school_year(today: date) -> tuple[date, date]:
    """1 September – 31 August around today."""
    start_year = today.year if today.month >= 9 else today.year - 1
    return date(start_year, 9, 1), date(start_year + 1, 8, 31)


def _coverage_form(request, cluster):
    organizations = Organization.objects.filter(hosted_events__cluster=cluster).distinct()
    start, end = school_year(timezone.localdate())
    return CoverageForm(
        request.GET,
        organizations=list(organizations.order_by("short_name")),
        default_start=start,
        default_end=end,
    )


@login_required
def coverage_view(request, slug):
    cluster = access_events_cluster(request.user, slug)
    form = _coverage_form(request, cluster)
    report = None
    if form.is_valid():
        report = coverage(
            cluster=cluster,
            start=form.cleaned_data["start"],
            end=form.cleaned_data["end"],
            organization=form.chosen_organization(),
        )
    periods = ReportingPeriod.objects.filter(plan__cluster=cluster).select_related("plan")
    return render(
        request,
        "events/coverage.html",
        {
            "cluster": cluster,
            "form": form,
            "report": report,
            "summary": coverage_summary(report) if report else [],
            "sections": coverage_sections(report) if report else [],
            "grade_chart": bar_chart("Школьники по классам", report.by_grade) if report else None,
            "kind_chart": bar_chart("Участники по видам мероприятий", report.by_kind)
            if report
            else None,
            "periods": periods.order_by("-start")[:12],
            "query": request.GET.urlencode(),
        },
        status=200 if report else 400,
    )


@login_required
def coverage_export_view(request, slug, fmt):
    cluster = access_events_cluster(request.user, slug)
    form = _coverage_form(request, cluster)
    if not form.is_valid():
        raise Http404("Неверный период.")
    report = coverage(
        cluster=cluster,
        start=form.cleaned_data["start"],
        end=form.cleaned_data["end"],
        organization=form.chosen_organization(),
    )
    name = f"Охват {cluster.short_name} {report.start:%d.%m.%Y}–{report.end:%d.%m.%Y}.{fmt}"
    render = coverage_xlsx if fmt == "xlsx" else coverage_docx
    return download(render(report), name, fmt)


def indicator_table(activity) -> tuple[list[Indicator], list[dict]]:
    """The activity's indicators fed by this module, with values per reporting period, summed
    over the organizations that owe the activity (what reporting will show for them)."""
    indicators = list(
        Indicator.objects.filter(activity=activity, source__in=list(SOURCES)).order_by(
            "position", "pk"
        )
    )
    if not indicators:
        return [], []
    organizations = list(Organization.objects.filter(obligations__activity=activity).distinct())
    periods = list(ReportingPeriod.objects.filter(plan_id=activity.plan_id).order_by("start"))
    found = {
        indicator.pk: source_values(indicator, organizations, periods) for indicator in indicators
    }
    rows = []
    for period in periods:
        values = []
        for indicator in indicators:
            numbers = [
                value
                for (_, period_id), value in found[indicator.pk].items()
                if period_id == period.pk and value is not None
            ]
            values.append(format_value(sum(numbers, Decimal(0)) if numbers else None))
        rows.append({"period": period, "values": values})
    return indicators, rows


@login_required
def activity_events_view(request, pk):
    activity = access_activity(request.user, pk)
    cluster = activity.plan.cluster
    events = list(
        Event.objects.filter(activity=activity)
        .annotate(first_start=first_start())
        .select_related("kind", "host")
        .order_by("-first_start", "-pk")
    )
    for event in events:
        event.manageable = can_manage_event(request.user, cluster, event.host_id)
    indicators, rows = indicator_table(activity)
    return render(
        request,
        "events/activity_events.html",
        {
            "cluster": cluster,
            "plan": activity.plan,
            "activity": activity,
            "events": events,
            "figures": activity_figures(activity.pk),
            "indicators": indicators,
            "indicator_rows": rows,
            "sources": SOURCES,
            "can_create": can_create_events(request.user, cluster),
        },
    )
