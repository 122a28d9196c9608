"""The permission matrix: every URL pattern and every API operation, as every role.

Roles (ops/tests/world.py): anonymous, representative of the object's organization (rep_own),
representative of another organization of the cluster (rep_other), observer, coordinator,
coordinator of another cluster (coordinator_other), administrator.

Expected answers: "L" — redirect to sign-in; "R" — any other redirect (an action done, or a link
followed); a number — that status. Every request runs in a transaction rolled back afterwards, so
one role's action never changes what the next role sees.

A new URL pattern or API operation without an entry here fails `test_every_pattern_has_an_entry`,
naming it: decide who may use it and add it. Entries marked «grouped» call the pattern with an
object that does not exist (the modules' inner objects — time slots, school groups, competitors —
are not built here): they prove sign-in is required and that nothing leaks, not each role's rights,
which the modules' own tests cover.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client

from core.services import calendar_token_reset
from ops.tests.matrix import all_patterns, fill_route
from ops.tests.world import ROLES, build_world

#            anon  rep_own rep_oth observ coord  coord_o admin
READ = ("L", 200, 200, 200, 200, 404, 200)
MANAGE = ("L", 403, 403, 403, 200, 404, 200)
MANAGE_DONE = ("L", 403, 403, 403, "R", 404, "R")
MANAGE_INVALID = ("L", 403, 403, 403, 400, 404, 400)
UPLOAD_ONLY = ("L", 404, 404, 404, 200, 404, 200)  # a pending upload: its importers only
UPLOAD_DONE = ("L", 404, 404, 404, "R", 404, "R")
OWN_ORG = ("L", 200, 403, 403, 200, 404, 200)  # the own organization's record: it and coordinators
OWN_ORG_DONE = ("L", "R", 403, 403, "R", 404, "R")
EVERYONE_SIGNED_IN = ("L", 200, 200, 200, 200, 200, 200)
PUBLIC = (200, 200, 200, 200, 200, 200, 200)
NOBODY = (404, 404, 404, 404, 404, 404, 404)
GROUPED = ("L", 404, 404, 404, 404, 404, 404)  # grouped: a missing object, sign-in required
ADMIN_ONLY = ("L", 403, 403, 403, 403, 403, 200)
API_READ = (401, 200, 200, 200, 200, 404, 200)
API_LIST = (401, 200, 200, 200, 200, 200, 200)  # lists scoped to the caller's clusters
API_ANY = (401, 200, 200, 200, 200, 200, 200)


@dataclass
class Check:
    method: str
    expect: tuple
    data: dict = field(default_factory=dict)
    json: dict | None = None
    kwargs: dict = field(default_factory=dict)


def get(expect, **kwargs):
    return [Check("GET", expect, **kwargs)]


def post(expect, **kwargs):
    return [Check("POST", expect, **kwargs)]


def calendar_key(world, role):
    user = world.users[role]
    return calendar_token_reset(user=user) if user else "no-such-key"


def preview_file():
    return SimpleUploadedFile(
        "plan.txt", open("seed/plan-transport-cluster-2023-2024.txt", "rb").read()
    )


ACTIVITY_JSON = {"objective": None, "title": "Новое мероприятие", "deadline_text": "май 2024 года"}

MATRIX: dict[str, list[Check]] = {
    # --- sign-in, home, profile --------------------------------------------------------------
    "login": get(PUBLIC),
    "logout": post(("L",) * 7),
    "orgs:home": get(("L", "R", "R", "R", "R", "R", 200)),  # one cluster: straight to it
    "profile": get(EVERYONE_SIGNED_IN),
    "api_token_create": post(("L", 400, 400, 400, 400, 400, 400)),  # no name: the form again
    "api_token_revoke": post(GROUPED),  # someone else's (or no) key: 404 for everyone
    "calendar_token_reset": post(EVERYONE_SIGNED_IN),
    "reporting:notification_settings": get(EVERYONE_SIGNED_IN),
    # --- clusters, plans, activities ------------------------------------------------------------
    "orgs:cluster_detail": get(READ),
    "plans:organization_detail": get(READ),
    "plans:plan_detail": get(READ),
    "plans:plan_timeline": get(READ),
    "plans:plan_editions": get(READ),
    "plans:plan_edition_detail": get(READ),
    "documents:plan_export": get(READ, kwargs={"pk": lambda world, role: world.plan.pk}),
    "plans:activity_detail": get(READ),
    "plans:activity_add": get(MANAGE),
    "plans:activity_edit": get(MANAGE),
    "plans:activity_remove": post(MANAGE_DONE),
    "plans:plan_rollover": get(MANAGE),
    "plans:plan_approve": post(MANAGE_DONE),
    "documents:plan_revision_upload": get(MANAGE),
    # --- plan import ---------------------------------------------------------------------------
    "documents:plan_upload": get(MANAGE),
    "documents:plan_upload_preview": get(UPLOAD_ONLY),
    "documents:plan_upload_map": post(
        ("L", 404, 404, 404, 400, 404, 400)
    ),  # no organizations chosen
    "documents:plan_upload_reading": post(UPLOAD_DONE),  # re-read with no correction
    "documents:plan_upload_confirm": post(UPLOAD_DONE),
    "documents:plan_upload_discard": post(UPLOAD_DONE),
    # --- calendar feeds: the key in the URL is the role's own calendar key ---------------------
    "feeds:plan_feed": get((404, 200, 200, 200, 200, 404, 200), kwargs={"token": calendar_key}),
    "feeds:organization_feed": get(
        (404, 200, 200, 200, 200, 404, 200),
        kwargs={"token": calendar_key, "pk": lambda world, role: world.own_org.pk},
    ),
    # --- audit trail ---------------------------------------------------------------------------
    "audit:audit_search": get(ADMIN_ONLY),
    "audit:audit_history": get(
        ("L", 404, 404, 404, 200, 404, 200),
        kwargs={
            "app_label": "plans",
            "model_name": "plan",
            "pk": lambda world, role: world.plan.pk,
        },
    ),
    # --- execution: reports, evidence, periods, indicators ------------------------------------
    "reporting:execution_dashboard": get(READ),
    "reporting:execution_reports": get(READ),
    "reporting:organization_reports": get(READ),
    "reporting:deadline_requests": get(READ),
    "reporting:report_page": get(READ),
    "reporting:report_save": post(
        ("L", 400, 403, 403, 403, 404, 400)
    ),  # only its organization writes
    "reporting:report_submit": post(("L", 400, 403, 403, 403, 404, 400)),
    "reporting:evidence_upload": post(("L", "R", 403, 403, 403, 404, "R")),
    "reporting:evidence_link_add": post(("L", "R", 403, 403, 403, 404, "R")),
    # Evidence of one organization's report: that organization and the coordinators. Observers
    # get 404 too (see the report to the lead: DESIGN §3 lets observers read everything).
    "reporting:evidence_download": get(("L", "R", 404, 404, "R", 404, "R")),
    "reporting:evidence_remove": post(("L", "R", 404, 404, 403, 404, "R")),
    "reporting:report_review": post(("L", 403, 404, 404, "R", 404, "R")),
    "reporting:deadline_request_create": get(
        ("L", 200, 403, 403, 403, 404, 200)
    ),  # the executor asks
    "reporting:deadline_request_decide": post(("L", 403, 404, 403, "R", 404, "R")),
    "reporting:plan_periods": get(READ),
    "reporting:period_generate": post(MANAGE_DONE),
    "reporting:period_create": post(MANAGE_DONE),
    "reporting:period_edit": get(MANAGE),
    "reporting:period_delete": post(MANAGE_DONE),
    "reporting:plan_indicators": get(READ),
    "reporting:indicator_edit": get(MANAGE),
    "reporting:indicator_delete": post(MANAGE_DONE),
    "reporting:consolidated_new": get(READ),
    "reporting:report_job_detail": get(UPLOAD_ONLY),  # the coordinator's own job
    "reporting:report_job_download": get(GROUPED),  # not ready yet: nothing to download for anyone
    # --- events with participants --------------------------------------------------------------
    "events:events_public": get(PUBLIC),
    "events:events_feed": get(PUBLIC),
    "events:event_public": get(PUBLIC, kwargs={"pk": lambda world, role: world.extra["event"].pk}),
    "events:event_registration_status": get(NOBODY),  # grouped: an unknown registration key
    "events:event_list": get(READ),
    "events:event_create": get(
        ("L", 200, 200, 403, 200, 404, 200)
    ),  # members create their own events
    "events:event_kinds": get(READ),
    "events:events_coverage": get(READ),
    "events:events_coverage_export": get(READ),
    "events:professional_classes": get(READ),
    "events:professional_class_create": get(("L", 200, 200, 403, 200, 404, 200)),
    "events:professional_class_detail": get(GROUPED),
    "events:professional_class_edit": get(GROUPED),
    "events:event_detail": get(READ),
    "events:event_edit": get(OWN_ORG),
    "events:event_status": post(OWN_ORG_DONE),
    "events:event_slot_add": post(OWN_ORG_DONE),
    "events:event_slot_edit": get(GROUPED),
    "events:event_slot_remove": post(GROUPED),
    "events:event_group_add": get(OWN_ORG),
    "events:event_bulk": get(OWN_ORG),
    "events:event_bulk_confirm": post(OWN_ORG_DONE),
    "events:event_bulk_template": get(OWN_ORG),
    "events:event_groups_export": get(OWN_ORG),
    "events:event_attendance": get(OWN_ORG),
    "events:event_group_erase": post(GROUPED),
    "events:event_group_action": post(GROUPED, kwargs={"action": "confirm"}),
    "events:event_outcome": get(OWN_ORG),
    "events:event_evidence_file": post(OWN_ORG_DONE),
    "events:event_evidence_link": post(OWN_ORG_DONE),
    "events:event_evidence": get(GROUPED),
    "events:event_evidence_remove": post(GROUPED),
    "events:event_competitor_add": post(OWN_ORG_DONE),
    "events:event_competitor_erase": post(GROUPED),
    "events:activity_events": get(READ),
    # --- the council: meetings, agenda, decisions, assignments ----------------------------------
    # Pages of one meeting, item, decision, material or assignment are grouped (no meeting is
    # built here; council/tests cover each role on them).
    "council:council_home": get(READ),
    "council:council_settings": get(MANAGE),
    "council:council_member_add": get(MANAGE),
    "council:council_meeting_new": get(MANAGE),
    "council:council_assignments": get(READ),
    "council:council_discipline": get(READ),
    "council:council_rsvp": get(NOBODY),  # grouped: an unknown invitation key
    **{
        f"council:{name}": get(GROUPED)
        for name in [
            "council_member_edit",
            "council_meeting",
            "council_meeting_edit",
            "council_attendance",
            "council_protocol_docx",
            "council_protocol_pdf",
            "council_item_edit",
            "council_material",
            "council_assignment",
            "council_decision_new",
            "council_assignment_new",
            "council_item_new",
        ]
    },
    **{
        f"council:{name}": post(GROUPED)
        for name in [
            "council_meeting_delete",
            "council_meeting_invite",
            "council_meeting_hold",
            "council_meeting_close",
            "council_meeting_scan",
            "council_quorum",
            "council_respond",
            "council_item_remove",
            "council_item_move",
            "council_material_upload",
            "council_material_remove",
            "council_decision_remove",
            "council_assignment_remove",
        ]
    },
    # --- the REST API ----------------------------------------------------------------------------
    "api_docs": get(PUBLIC),
    "api:openapi-json": get(PUBLIC),
    "api:openapi-view": get(PUBLIC),
    "unnamed:^api/": get(NOBODY),
    "api: GET /clusters": get(API_LIST),
    "api: GET /clusters/{slug}": get(API_READ),
    "api: GET /clusters/{slug}/organizations": get(API_READ),
    "api: GET /plans": get(API_LIST),
    "api: GET /plans/{int:plan_id}": get(API_READ),
    "api: GET /plans/{int:plan_id}/editions": get(API_READ),
    "api: GET /plans/{int:plan_id}/objectives": get(API_READ),
    "api: GET /plans/{int:plan_id}/activities": get(API_READ),
    "api: POST /plans/{int:plan_id}/activities": post(
        (401, 403, 403, 403, 201, 404, 201), json=ACTIVITY_JSON
    ),
    "api: GET /activities/{int:activity_id}": get(API_READ),
    "api: PATCH /activities/{int:activity_id}": [
        Check("PATCH", (401, 403, 403, 403, 200, 404, 200), json={"title": "Новое название"})
    ],
    "api: GET /activities/{int:activity_id}/obligations": get(API_READ),
    "api: GET /obligations": get(API_LIST),
    "api: POST /deadlines/parse": post(
        API_ANY, json={"phrases": ["IV квартал 2023 года"], "plan_year": "2023-2024"}
    ),
    "api: POST /plans/preview": post(API_ANY, data={"file": preview_file}),
    # --- the admin site: Django's own staff permissions ----------------------------------------
    "admin:*": get(("L", "L", "L", "L", "L", "L", 200)),
}


def classify(response) -> str | int:
    if response.status_code in (301, 302, 303):
        location = response.get("Location", "")
        return "L" if "/login/" in location else "R"
    return response.status_code


def call(client, world, key, pattern, check: Check, role: str):
    with transaction.atomic():
        user = world.users[role]
        client.logout()
        if user is not None:
            client.force_login(user)
        path = fill_route(world, pattern, check.kwargs, role)
        method = getattr(client, check.method.lower())
        if check.json is not None:
            body = dict(check.json)
            if "objective" in body:
                body["objective"] = world.activity.objective_id
            response = method(path, body, content_type="application/json")
        else:
            data = {
                name: value() if callable(value) else value for name, value in check.data.items()
            }
            response = method(path, data)
        transaction.set_rollback(True)
    return path, response


def unlisted_message(patterns) -> str:
    missing = sorted(set(patterns) - set(MATRIX))
    if not missing:
        return ""
    return (
        "URL patterns or API operations without an entry in the permission matrix "
        "(ops/tests/test_permission_matrix.py) — decide who may use them and add them:\n"
        + "\n".join(f"  {key}  ({patterns[key].route})" for key in missing)
    )


def test_every_pattern_has_an_entry():
    patterns = all_patterns()
    message = unlisted_message(patterns)
    assert not message, message
    stale = sorted(set(MATRIX) - set(patterns))
    assert not stale, "Entries for patterns that no longer exist: " + ", ".join(stale)


def test_a_new_pattern_without_an_entry_is_named(settings):
    settings.ROOT_URLCONF = "ops.tests.urls_with_new_page"
    message = unlisted_message(all_patterns())
    assert "brand_new_page  (brand-new/<int:pk>/)" in message


@pytest.mark.django_db
def test_every_role_gets_what_the_matrix_says():
    world = build_world()
    patterns = all_patterns()
    client = Client(raise_request_exception=False)
    failures = []
    for key, checks in sorted(MATRIX.items()):
        if key not in patterns:
            continue  # reported by test_every_pattern_has_an_entry
        for check in checks:
            for role, expected in zip(ROLES, check.expect, strict=True):
                path, response = call(client, world, key, patterns[key], check, role)
                got = classify(response)
                if got != expected:
                    failures.append(
                        f"{key} {check.method} {path} as {role}: expected {expected}, got {got}"
                    )
                if response.status_code >= 500:
                    failures.append(f"{key} {check.method} {path} as {role}: server error")
    assert not failures, "\n".join(failures)
