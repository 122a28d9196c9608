"""The consolidated report in one click, and the notification settings page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from core.office import download
from core.views import form_submit
from orgs.models import Organization
from plans.access import access_plan
from reporting.access import access_report_job
from reporting.forms import ConsolidatedForm, NotificationPreferenceForm
from reporting.models import NotificationPreference, ReportJob
from reporting.selectors import current_period, plan_periods_list
from reporting.services import (
    notification_preference_set,
    report_job_request,
)
from reporting.views.common import base_url


@login_required
def consolidated_new(request, pk):
    """Choose period, scope and format; small plans are made at once, others by the worker."""
    plan = access_plan(request.user, pk)
    periods = plan_periods_list(plan)
    organizations = dict(
        Organization.objects.filter(obligations__activity__plan=plan)
        .distinct()
        .order_by("short_name")
        .values_list("pk", "short_name")
    )
    current = current_period(periods, timezone.localdate())
    form = ConsolidatedForm(
        request.POST or None,
        periods=periods,
        organizations=organizations,
        initial={"period": current.pk if current else None, "format": "docx"},
    )
    if done := form_submit(
        request,
        form,
        lambda data: report_job_request(
            plan=plan,
            period=next(p for p in periods if p.pk == data["period"]),
            actor=request.user,
            format=data["format"],
            year_to_date=data["year_to_date"],
            organization=(
                Organization.objects.get(pk=data["organization"]) if data["organization"] else None
            ),
            base_url=base_url(request),
        ),
        next_url=lambda job: reverse("reporting:report_job_detail", args=[job.pk]),
    ):
        return done
    jobs = ReportJob.objects.filter(plan=plan, requested_by=request.user).select_related("period")
    return render(
        request,
        "reporting/consolidated_new.html",
        {
            "plan": plan,
            "cluster": plan.cluster,
            "form": form,
            "periods": periods,
            "jobs": jobs.order_by("-created_at")[:10],
        },
        status=400 if form.errors else 200,
    )


@login_required
def report_job_detail(request, pk):
    """The job's progress; the status block polls itself (htmx, every 2 s) until it is done."""
    job = access_report_job(request.user, pk)
    context = {"job": job, "plan": job.plan, "cluster": job.plan.cluster}
    if request.htmx:
        return render(request, "reporting/_job_status.html", context)
    return render(request, "reporting/report_job.html", context)


@login_required
def report_job_download(request, pk):
    job = access_report_job(request.user, pk)
    if job.state != ReportJob.State.DONE or not job.file:
        raise Http404("Отчёт ещё не готов.")
    return download(job.file.open("rb"), job.filename, job.format)


@login_required
def notification_settings(request):
    preference = NotificationPreference.objects.filter(user=request.user).first()
    form = NotificationPreferenceForm(
        request.POST or None, instance=preference or NotificationPreference(user=request.user)
    )
    if request.method == "POST" and form.is_valid():
        notification_preference_set(
            user=request.user, **{name: form.cleaned_data[name] for name in form.fields}
        )
        messages.success(request, "Настройки уведомлений сохранены.")
        return redirect("reporting:notification_settings")
    return render(
        request,
        "reporting/notification_settings.html",
        {"form": form, "has_email": bool(request.user.email)},
    )
