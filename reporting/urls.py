from django.urls import path

from reporting.views import consolidated, dashboard, planning, reports

SLOT = "obligations/<int:obligation_pk>/periods/<int:period_pk>/"

app_name = "reporting"

urlpatterns = [
    path(
        "clusters/<slug:slug>/execution/", dashboard.execution_dashboard, name="execution_dashboard"
    ),
    path(
        "clusters/<slug:slug>/execution/reports/",
        dashboard.execution_reports,
        name="execution_reports",
    ),
    path(
        "clusters/<slug:slug>/organizations/<int:pk>/reports/",
        dashboard.organization_reports,
        name="organization_reports",
    ),
    path(
        "clusters/<slug:slug>/deadline-requests/",
        planning.deadline_requests,
        name="deadline_requests",
    ),
    path(SLOT + "report/", reports.report_page_view, name="report_page"),
    path(SLOT + "report/save/", reports.report_save_view, name="report_save"),
    path(SLOT + "report/submit/", reports.report_submit_view, name="report_submit"),
    path(SLOT + "report/evidence/", reports.evidence_upload, name="evidence_upload"),
    path(SLOT + "report/links/", reports.evidence_link_add, name="evidence_link_add"),
    path("evidence/<int:pk>/", reports.evidence_download, name="evidence_download"),
    path("evidence/<int:pk>/remove/", reports.evidence_remove_view, name="evidence_remove"),
    path("reports/<int:pk>/review/", reports.report_review, name="report_review"),
    path(
        "obligations/<int:obligation_pk>/deadline-request/",
        planning.deadline_request_create,
        name="deadline_request_create",
    ),
    path(
        "deadline-requests/<int:pk>/decide/",
        planning.deadline_request_decide,
        name="deadline_request_decide",
    ),
    path("plans/<int:pk>/periods/", planning.plan_periods, name="plan_periods"),
    path("plans/<int:pk>/periods/generate/", planning.period_generate, name="period_generate"),
    path("plans/<int:pk>/periods/new/", planning.period_create_view, name="period_create"),
    path("periods/<int:pk>/edit/", planning.period_edit, name="period_edit"),
    path("periods/<int:pk>/delete/", planning.period_delete_view, name="period_delete"),
    path("plans/<int:pk>/indicators/", planning.plan_indicators, name="plan_indicators"),
    path("indicators/<int:pk>/edit/", planning.indicator_edit, name="indicator_edit"),
    path("indicators/<int:pk>/delete/", planning.indicator_delete_view, name="indicator_delete"),
    path("plans/<int:pk>/consolidated/", consolidated.consolidated_new, name="consolidated_new"),
    path("report-jobs/<int:pk>/", consolidated.report_job_detail, name="report_job_detail"),
    path(
        "report-jobs/<int:pk>/download/",
        consolidated.report_job_download,
        name="report_job_download",
    ),
    path(
        "settings/notifications/",
        consolidated.notification_settings,
        name="notification_settings",
    ),
]
