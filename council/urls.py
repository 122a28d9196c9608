from django.urls import path

from council.views import agenda, assignments, council, meetings

CLUSTER = "clusters/<slug:slug>/council/"
MEETING = "council/meetings/<int:pk>/"

app_name = "council"

urlpatterns = [
    path(CLUSTER, council.council_home, name="council_home"),
    path(CLUSTER + "settings/", council.council_settings, name="council_settings"),
    path(CLUSTER + "members/new/", council.member_add_view, name="council_member_add"),
    path("council/members/<int:pk>/edit/", council.member_edit, name="council_member_edit"),
    path(CLUSTER + "meetings/new/", meetings.meeting_new, name="council_meeting_new"),
    path(MEETING, meetings.meeting_detail, name="council_meeting"),
    path(MEETING + "edit/", meetings.meeting_edit, name="council_meeting_edit"),
    path(MEETING + "delete/", meetings.meeting_delete_view, name="council_meeting_delete"),
    path(MEETING + "invite/", meetings.meeting_invite_view, name="council_meeting_invite"),
    path(MEETING + "hold/", meetings.meeting_hold_view, name="council_meeting_hold"),
    path(MEETING + "close/", meetings.meeting_close_view, name="council_meeting_close"),
    path(MEETING + "scan/", meetings.meeting_scan, name="council_meeting_scan"),
    path(MEETING + "attendance/", meetings.attendance_view, name="council_attendance"),
    path(MEETING + "attendance/quorum/", meetings.quorum_preview, name="council_quorum"),
    path(MEETING + "respond/", meetings.respond_view, name="council_respond"),
    path(MEETING + "protocol.docx", meetings.protocol_docx, name="council_protocol_docx"),
    path(MEETING + "protocol.pdf", meetings.protocol_pdf, name="council_protocol_pdf"),
    path("public/rsvp/<str:token>/", meetings.rsvp_view, name="council_rsvp"),
    path(MEETING + "items/new/", agenda.item_new, name="council_item_new"),
    path("council/items/<int:pk>/edit/", agenda.item_edit, name="council_item_edit"),
    path("council/items/<int:pk>/remove/", agenda.item_remove_view, name="council_item_remove"),
    path("council/items/<int:pk>/move/", agenda.item_move_view, name="council_item_move"),
    path(
        "council/items/<int:pk>/materials/", agenda.material_upload, name="council_material_upload"
    ),
    path("council/materials/<int:pk>/", agenda.material_download, name="council_material"),
    path(
        "council/materials/<int:pk>/remove/",
        agenda.material_remove_view,
        name="council_material_remove",
    ),
    path("council/items/<int:pk>/decisions/new/", agenda.decision_new, name="council_decision_new"),
    path(
        "council/decisions/<int:pk>/remove/",
        agenda.decision_remove_view,
        name="council_decision_remove",
    ),
    path(
        "council/decisions/<int:pk>/assignments/new/",
        agenda.assignment_new,
        name="council_assignment_new",
    ),
    path(CLUSTER + "assignments/", assignments.assignment_list, name="council_assignments"),
    path("council/assignments/<int:pk>/", assignments.assignment_detail, name="council_assignment"),
    path(
        "council/assignments/<int:pk>/remove/",
        assignments.assignment_remove_view,
        name="council_assignment_remove",
    ),
    path(CLUSTER + "discipline/", assignments.discipline_view, name="council_discipline"),
]
