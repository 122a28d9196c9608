from django.urls import path, re_path

from events import feeds
from events.views import classes, manage, outcome, public, registrations, reports

C = "clusters/<slug:slug>/events/"  # the cluster's lists and new events
E = "events/"  # one event, its slots, groups, evidence…
P = "public/<slug:slug>/"  # no sign-in

app_name = "events"

urlpatterns = [
    # Public: no sign-in.
    path(
        "public/registrations/<uuid:token>/",
        public.registration_status,
        name="event_registration_status",
    ),
    path(P + "events/", public.events_public, name="events_public"),
    path(P + "events.ics", feeds.public_events_feed, name="events_feed"),
    path(P + "events/<int:pk>/", public.event_public, name="event_public"),
    # Sign-in: the cluster's events.
    path(C, manage.event_list_view, name="event_list"),
    path(C + "new/", manage.event_create_view, name="event_create"),
    path(C + "kinds/", manage.event_kinds_view, name="event_kinds"),
    path(C + "coverage/", reports.coverage_view, name="events_coverage"),
    re_path(
        r"^clusters/(?P<slug>[-a-zA-Z0-9_]+)/events/coverage\.(?P<fmt>xlsx|docx)$",
        reports.coverage_export_view,
        name="events_coverage_export",
    ),
    path(C + "classes/", classes.class_list_view, name="professional_classes"),
    path(C + "classes/new/", classes.class_create_view, name="professional_class_create"),
    path(E + "classes/<int:pk>/", classes.class_detail_view, name="professional_class_detail"),
    path(E + "classes/<int:pk>/edit/", classes.class_edit_view, name="professional_class_edit"),
    # One event.
    path(E + "<int:pk>/", manage.event_detail_view, name="event_detail"),
    path(E + "<int:pk>/edit/", manage.event_edit_view, name="event_edit"),
    path(E + "<int:pk>/status/", manage.event_status_view, name="event_status"),
    path(E + "<int:pk>/slots/", manage.slot_add_view, name="event_slot_add"),
    path(E + "slots/<int:pk>/edit/", manage.slot_edit_view, name="event_slot_edit"),
    path(E + "slots/<int:pk>/remove/", manage.slot_remove_view, name="event_slot_remove"),
    path(E + "<int:pk>/groups/new/", registrations.registration_add_view, name="event_group_add"),
    path(E + "<int:pk>/groups/import/", registrations.bulk_upload_view, name="event_bulk"),
    path(
        E + "<int:pk>/groups/import/confirm/",
        registrations.bulk_confirm_view,
        name="event_bulk_confirm",
    ),
    path(
        E + "<int:pk>/groups/template.xlsx",
        registrations.bulk_template_view,
        name="event_bulk_template",
    ),
    path(
        E + "<int:pk>/groups.xlsx",
        registrations.registrations_export_view,
        name="event_groups_export",
    ),
    path(E + "<int:pk>/attendance/", registrations.attendance_view, name="event_attendance"),
    path(
        E + "groups/<int:pk>/erase/",
        registrations.registration_erase_view,
        name="event_group_erase",
    ),
    path(
        E + "groups/<int:pk>/<slug:action>/",
        registrations.registration_action_view,
        name="event_group_action",
    ),
    path(E + "<int:pk>/outcome/", outcome.outcome_view, name="event_outcome"),
    path(E + "<int:pk>/evidence/file/", outcome.evidence_file_view, name="event_evidence_file"),
    path(E + "<int:pk>/evidence/link/", outcome.evidence_link_view, name="event_evidence_link"),
    path(E + "evidence/<int:pk>/", outcome.evidence_download_view, name="event_evidence"),
    path(
        E + "evidence/<int:pk>/remove/",
        outcome.evidence_remove_view,
        name="event_evidence_remove",
    ),
    path(E + "<int:pk>/competitors/", outcome.competitor_add_view, name="event_competitor_add"),
    path(
        E + "competitors/<int:pk>/erase/",
        outcome.competitor_erase_view,
        name="event_competitor_erase",
    ),
    # The events of a plan activity.
    path("activities/<int:pk>/events/", reports.activity_events_view, name="activity_events"),
]
