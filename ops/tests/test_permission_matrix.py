"""The permission matrix: every URL pattern and every API operation, as every role, with every
method its view takes.

Roles (ops/tests/world.py): anonymous, representative of the object's organization (rep_own),
representative of another organization of the cluster (rep_other), observer, coordinator,
coordinator of another cluster (coordinator_other), administrator.

Every URL names a real object of the transport cluster owned by the own organization (the world
builds one of each kind), never a missing one. Every view that takes a POST is posted, by every
role, with the valid data of ops/tests/forms.py:
- a role that may use it gets its answer ("R" — a redirect, or 200/201) and the database changes;
- a role that may not gets "L" (sign in), 401, 403 or 404 and NOTHING is written: every query the
  request runs is captured, and an INSERT, UPDATE or DELETE (other than the session) fails it.
Every request runs in a transaction rolled back afterwards, so one role's action never changes what
the next role sees.

Expected answers: "L" — redirect to sign-in; "R" — any other redirect (an action done, or a link
followed); a number — that status.

A new URL pattern, API operation or method without an entry here fails
`test_every_pattern_has_an_entry` / `test_every_method_of_every_view_is_tried`, naming it: decide
who may use it and add it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core.services import calendar_token_reset
from ops.tests.forms import POST_DATA, URL_OBJECTS
from ops.tests.matrix import (
    MISSING,
    all_patterns,
    fill_route,
    pattern_methods,
    post_views,
    view_methods,
    written_tables,
)
from ops.tests.world import ROLES, build_world

#            anon  rep_own rep_oth observ coord  coord_o admin
READ = ("L", 200, 200, 200, 200, 404, 200)
READ_DONE = ("L", "R", "R", "R", "R", 404, "R")
MANAGE = ("L", 403, 403, 403, 200, 404, 200)
MANAGE_DONE = ("L", 403, 403, 403, "R", 404, "R")
OWN_ORG = ("L", 200, 403, 403, 200, 404, 200)  # the own organization's record: it and coordinators
OWN_ORG_DONE = ("L", "R", 403, 403, "R", 404, "R")
EVERYONE_SIGNED_IN = ("L", 200, 200, 200, 200, 200, 200)
EVERYONE_DONE = ("L", "R", "R", "R", "R", "R", "R")
PUBLIC = (200, 200, 200, 200, 200, 200, 200)
PUBLIC_DONE = ("R",) * 7
ADMIN_ONLY = ("L", 403, 403, 403, 403, 403, 200)
ADMIN_DONE = ("L", 403, 403, 403, 403, 404, "R")
API_READ = (401, 200, 200, 200, 200, 404, 200)
API_LIST = (401, 200, 200, 200, 200, 200, 200)  # lists scoped to the caller's clusters
API_ANY = (401, 200, 200, 200, 200, 200, 200)
REFUSALS = {"L", 400, 401, 403, 404, 405}


@dataclass
class Check:
    method: str
    expect: tuple
    data: dict | None = None  # None: POST_DATA[key] for a POST
    json: dict | None = None
    kwargs: dict = field(default_factory=dict)
    writes: bool = True  # an allowed POST changes the database
    done: tuple = ()  # answers that mean "done" although they look like a refusal (sign-out)


def get(expect, **kwargs):
    return [Check("GET", expect, **kwargs)]


def post(expect, **kwargs):
    return [Check("POST", expect, **kwargs)]


def form(get_expect, post_expect, **kwargs):
    """A page with a form: opened (GET) and sent (POST)."""
    return [Check("GET", get_expect), Check("POST", post_expect, **kwargs)]


def calendar_key(world, role):
    user = world.users[role]
    return calendar_token_reset(user=user) if user else "no-such-key"


def preview_file():
    return SimpleUploadedFile(
        "plan.txt", open("seed/plan-transport-cluster-2023-2024.txt", "rb").read()
    )


def event_pk(world, role):
    return world.extra["event"].pk


ACTIVITY_JSON = {"objective": None, "title": "Новое мероприятие", "deadline_text": "май 2024 года"}

MATRIX: dict[str, list[Check]] = {
    # --- sign-in, home, profile --------------------------------------------------------------
    "login": form(PUBLIC, PUBLIC_DONE),
    # Signing out ends at the sign-in page; only the sign-in log (django-axes) is written.
    "logout": post(("L",) * 7, done=("L",), writes=False),
    "orgs:home": get(("L", "R", "R", "R", "R", "R", 200)),  # one cluster: straight to it
    "today:tasks": get(EVERYONE_SIGNED_IN),  # «Мои задачи» of whoever signs in
    "profile": get(EVERYONE_SIGNED_IN),
    "api_token_create": post(EVERYONE_SIGNED_IN),  # the page with the new key, shown once
    "api_token_revoke": post(("L", "R", 404, 404, 404, 404, 404)),  # rep_own's own key only
    "calendar_token_reset": post(EVERYONE_SIGNED_IN),
    "reporting:notification_settings": form(EVERYONE_SIGNED_IN, EVERYONE_DONE),
    # --- clusters, plans, activities ------------------------------------------------------------
    "orgs:cluster_detail": get(READ),
    "plans:organization_detail": get(READ),
    "plans:plan_detail": get(READ),
    "plans:plan_timeline": get(READ),
    "plans:plan_editions": get(READ),
    "plans:plan_edition_detail": get(READ),
    "documents:plan_export": get(READ),
    "plans:activity_detail": get(READ),
    "plans:activity_add": form(MANAGE, MANAGE_DONE),
    "plans:activity_edit": form(MANAGE, MANAGE_DONE),
    "plans:activity_remove": post(MANAGE_DONE),
    "plans:plan_rollover": form(MANAGE, MANAGE_DONE),
    "plans:plan_approve": post(MANAGE_DONE),
    "documents:plan_revision_upload": form(MANAGE, MANAGE_DONE),
    # --- plan import: a pending upload is seen by its cluster's importers only -------------------
    "documents:plan_upload": form(MANAGE, MANAGE_DONE),
    "documents:plan_upload_preview": get(("L", 404, 404, 404, 200, 404, 200)),
    "documents:plan_upload_map": post(("L", 404, 404, 404, "R", 404, "R")),
    "documents:plan_upload_reading": post(("L", 404, 404, 404, "R", 404, "R")),
    "documents:plan_upload_confirm": post(("L", 404, 404, 404, "R", 404, "R")),
    "documents:plan_upload_discard": post(("L", 404, 404, 404, "R", 404, "R")),
    # --- calendar feeds: the key in the URL is the role's own calendar key ---------------------
    "feeds:plan_feed": get((404, 200, 200, 200, 200, 404, 200), kwargs={"token": calendar_key}),
    "feeds:organization_feed": get(
        (404, 200, 200, 200, 200, 404, 200), kwargs={"token": calendar_key}
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
    # Only its organization writes a report (the administrator too).
    "reporting:report_save": post(("L", "R", 403, 403, 403, 404, "R")),
    "reporting:report_submit": post(("L", "R", 403, 403, 403, 404, "R")),
    "reporting:evidence_upload": post(("L", "R", 403, 403, 403, 404, "R")),
    "reporting:evidence_link_add": post(("L", "R", 403, 403, 403, 404, "R")),
    # Evidence of one organization's report: that organization and the coordinators. Observers
    # get 404 too (see the report to the lead: DESIGN §3 lets observers read everything).
    "reporting:evidence_download": get(("L", "R", 404, 404, "R", 404, "R")),
    "reporting:evidence_remove": post(("L", "R", 404, 404, 403, 404, "R")),
    "reporting:report_review": post(("L", 403, 404, 404, "R", 404, "R")),
    "reporting:deadline_request_create": form(
        ("L", 200, 403, 403, 403, 404, 200), ("L", "R", 403, 403, 403, 404, "R")
    ),  # the executor asks
    "reporting:deadline_request_decide": post(("L", 403, 404, 403, "R", 404, "R")),
    "reporting:plan_periods": get(READ),
    "reporting:period_generate": post(MANAGE_DONE),
    "reporting:period_create": post(MANAGE_DONE),
    "reporting:period_edit": form(MANAGE, MANAGE_DONE),
    "reporting:period_delete": post(MANAGE_DONE),
    "reporting:plan_indicators": form(READ, MANAGE_DONE),
    "reporting:indicator_edit": form(MANAGE, MANAGE_DONE),
    "reporting:indicator_delete": post(MANAGE_DONE),
    "reporting:consolidated_new": form(READ, READ_DONE),  # whoever reads the plan
    "reporting:report_job_detail": get(("L", 404, 404, 404, 200, 404, 200)),  # its requester's
    "reporting:report_job_download": get(("L", 404, 404, 404, 200, 404, 200)),
    # --- events with participants --------------------------------------------------------------
    "events:events_public": get(PUBLIC),
    "events:events_feed": get(PUBLIC),
    "events:event_public": form(PUBLIC, PUBLIC_DONE, kwargs={"pk": event_pk}),
    "events:event_registration_status": form(PUBLIC, PUBLIC_DONE),  # the school's secret link
    "events:event_list": get(READ),
    # Members create their own organization's events: another organization's representative
    # is offered only their own as host, and the form refuses the own organization (400).
    "events:event_create": form(
        ("L", 200, 200, 403, 200, 404, 200), ("L", "R", 400, 403, "R", 404, "R")
    ),
    "events:event_kinds": form(READ, MANAGE_DONE),
    "events:events_coverage": get(READ),
    "events:events_coverage_export": get(READ),
    "events:professional_classes": get(READ),
    "events:professional_class_create": form(
        ("L", 200, 200, 403, 200, 404, 200), ("L", "R", 400, 403, "R", 404, "R")
    ),
    "events:professional_class_detail": get(READ),
    "events:professional_class_edit": form(OWN_ORG, OWN_ORG_DONE),
    "events:event_detail": get(READ),
    "events:event_edit": form(OWN_ORG, OWN_ORG_DONE),
    "events:event_status": post(OWN_ORG_DONE),
    "events:event_slot_add": post(OWN_ORG_DONE),
    "events:event_slot_edit": form(OWN_ORG, OWN_ORG_DONE),
    "events:event_slot_remove": post(OWN_ORG_DONE),
    "events:event_group_add": form(OWN_ORG, OWN_ORG_DONE),
    "events:event_bulk": form(OWN_ORG, OWN_ORG, writes=False),  # a preview: nothing is written
    "events:event_bulk_confirm": post(OWN_ORG_DONE),
    "events:event_bulk_template": get(OWN_ORG),
    "events:event_groups_export": get(OWN_ORG),
    "events:event_attendance": form(OWN_ORG, OWN_ORG_DONE),
    "events:event_group_erase": post(ADMIN_DONE),  # personal data: the administrator erases
    "events:event_group_action": post(OWN_ORG_DONE),
    "events:event_outcome": form(OWN_ORG, OWN_ORG_DONE),
    "events:event_evidence_file": post(OWN_ORG_DONE),
    "events:event_evidence_link": post(OWN_ORG_DONE),
    "events:event_evidence": get(READ),  # an event's photos: whoever sees the event
    "events:event_evidence_remove": post(OWN_ORG_DONE),
    "events:event_competitor_add": post(OWN_ORG_DONE),
    "events:event_competitor_erase": post(ADMIN_DONE),
    "events:activity_events": get(READ),
    # --- the council: meetings, agenda, decisions, assignments ----------------------------------
    "council:council_home": get(READ),
    "council:council_settings": form(MANAGE, MANAGE_DONE),
    "council:council_member_add": form(MANAGE, MANAGE_DONE),
    "council:council_member_edit": form(MANAGE, MANAGE_DONE),
    "council:council_meeting_new": form(MANAGE, MANAGE_DONE),
    "council:council_meeting": get(READ),
    "council:council_meeting_edit": form(MANAGE, MANAGE_DONE),
    "council:council_meeting_delete": post(MANAGE_DONE),
    "council:council_meeting_invite": post(MANAGE_DONE),
    "council:council_meeting_hold": post(MANAGE_DONE),
    "council:council_meeting_close": post(MANAGE_DONE),
    "council:council_meeting_scan": get(("L", 404, 404, 404, 404, 404, 404)),  # none attached
    "council:council_attendance": form(MANAGE, MANAGE_DONE),
    "council:council_quorum": post(MANAGE, writes=False),  # a preview of the quorum (htmx)
    # A member answers the invitation; none of the matrix's roles sits on the council.
    "council:council_respond": post(("L", 403, 403, 403, 403, 404, 403)),
    "council:council_protocol_docx": get(READ),
    "council:council_protocol_pdf": get(READ),
    "council:council_rsvp": form(PUBLIC, PUBLIC),  # the member's signed invitation link
    "council:council_item_new": form(MANAGE, MANAGE_DONE),
    "council:council_item_edit": form(MANAGE, MANAGE_DONE),
    "council:council_item_remove": post(MANAGE_DONE),
    "council:council_item_move": post(MANAGE_DONE),
    "council:council_material_upload": post(MANAGE_DONE),
    "council:council_material": get(READ),
    "council:council_material_remove": post(MANAGE_DONE),
    "council:council_decision_new": form(MANAGE, MANAGE_DONE),
    "council:council_decision_remove": post(MANAGE_DONE),
    "council:council_assignment_new": form(MANAGE, MANAGE_DONE),
    "council:council_assignments": get(READ),
    "council:council_assignment": get(READ),
    "council:council_assignment_remove": post(MANAGE_DONE),
    "council:council_discipline": get(READ),
    # --- the REST API ----------------------------------------------------------------------------
    "api_docs": get(PUBLIC),
    "api:openapi-json": get(PUBLIC),
    "api:openapi-view": get(PUBLIC),
    "unnamed:^api/": get((404,) * 7),
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
    # Reading a phrase or a file writes nothing.
    "api: POST /deadlines/parse": post(
        API_ANY,
        json={"phrases": ["IV квартал 2023 года"], "plan_year": "2023-2024"},
        writes=False,
    ),
    "api: POST /plans/preview": post(API_ANY, data={"file": preview_file}, writes=False),
    # --- the admin site: Django's own staff permissions ----------------------------------------
    "admin:*": get(("L", "L", "L", "L", "L", "L", 200)),
}


def said(response) -> str:
    """What the page told the person (its messages, its form's errors), for a failure message."""
    texts = [str(message) for message in getattr(response.wsgi_request, "_messages", [])]
    form = (response.context or {}).get("form")
    if form is not None and hasattr(form, "errors"):
        texts += [f"{name}: {' '.join(errors)}" for name, errors in form.errors.items()]
    return "; ".join(texts)


def classify(response) -> str | int:
    if response.status_code in (301, 302, 303):
        location = response.get("Location", "")
        return "L" if "/login/" in location else "R"
    return response.status_code


def call(client, world, key, pattern, check: Check, role: str):
    """The request of `check` as `role`, rolled back: (path, response, tables it wrote)."""
    with transaction.atomic():
        user = world.users[role]
        client.logout()
        if user is not None:
            client.force_login(user)
        path = fill_route(world, pattern, {**URL_OBJECTS.get(key, {}), **check.kwargs}, role)
        method = getattr(client, check.method.lower())
        connection.queries_log.clear()  # the log keeps 9,000 queries: a full one captures none
        with CaptureQueriesContext(connection) as queries:
            if check.json is not None:
                body = dict(check.json)
                if "objective" in body:
                    body["objective"] = world.activity.objective_id
                response = method(path, body, content_type="application/json")
            else:
                if check.data is not None:
                    data = {
                        name: value() if callable(value) else value
                        for name, value in check.data.items()
                    }
                elif check.method == "POST":
                    data = POST_DATA[key](world, role)
                else:
                    data = {}
                response = method(path, data)
        transaction.set_rollback(True)
    return path, response, written_tables(queries.captured_queries)


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


def test_every_method_of_every_view_is_tried():
    """A view that takes a POST is posted (a form page is opened too); every API write is sent."""
    missing = []
    for key, methods in sorted(pattern_methods().items()):
        tried = {check.method for check in MATRIX.get(key, [])}
        missing += [f"{key}: {method}" for method in sorted(methods - tried)]
    assert not missing, "Methods the matrix does not try:\n" + "\n".join(missing)
    for key in post_views():
        assert key in POST_DATA, f"{key} takes a POST: give its valid data in ops/tests/forms.py"


def test_a_view_that_reads_a_post_is_found():
    from plans.views import activity_edit, plan_approve_view, plan_detail

    assert view_methods(activity_edit) == {"GET", "POST"}  # reads request.POST
    assert view_methods(plan_approve_view) == {"POST"}  # @require_POST
    assert view_methods(plan_detail) == {"GET"}


@pytest.mark.django_db
def test_every_entry_names_a_real_object():
    world = build_world()
    patterns = all_patterns()
    missing = [
        f"{key} ({check.method}) as {role}: {path}"
        for key, checks in sorted(MATRIX.items())
        if key in patterns
        for check in checks
        for role in ROLES
        if str(MISSING)
        in (
            path := fill_route(
                world, patterns[key], {**URL_OBJECTS.get(key, {}), **check.kwargs}, role
            )
        )
    ]
    assert not missing, "Entries that point at no object:\n" + "\n".join(missing)


@pytest.mark.django_db
def test_every_role_gets_what_the_matrix_says():
    cache.clear()  # the public form's rate limit counts other tests' posts too
    world = build_world()
    patterns = all_patterns()
    client = Client(raise_request_exception=False)
    failures = []
    for key, checks in sorted(MATRIX.items()):
        if key not in patterns:
            continue  # reported by test_every_pattern_has_an_entry
        for check in checks:
            for role, expected in zip(ROLES, check.expect, strict=True):
                path, response, written = call(client, world, key, patterns[key], check, role)
                got = classify(response)
                where = f"{key} {check.method} {path} as {role}"
                if got != expected:
                    failures.append(f"{where}: expected {expected}, got {got}")
                if response.status_code >= 500:
                    failures.append(f"{where}: server error")
                if check.method == "GET":
                    continue
                if got in check.done:
                    continue
                if got in REFUSALS and written:
                    failures.append(f"{where}: refused with {got} but wrote {sorted(set(written))}")
                elif got not in REFUSALS and check.writes and not written:
                    failures.append(
                        f"{where}: allowed ({got}) but changed nothing {said(response)}"
                    )
    assert not failures, "\n".join(failures)
