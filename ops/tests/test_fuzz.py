"""Fuzzing the inputs, bounded (the module runs in well under a minute).

1. The plan importer gets truncated, garbled and re-encoded DOCX/XLSX/PDF/TXT bytes, zip bombs and
   huge tables: it reads a plan or refuses with a Russian message — never another exception — and
   the upload page answers with the form, never a 500.
2. Every form of every role, with valid data and one hostile field at a time, is accepted and
   stored; the stored value is followed to every page and document that shows it, and no raw
   marker may appear in HTML (the machinery is in ops/tests/hostile.py).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib import messages
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.forms import BaseForm, BaseFormSet
from django.test import Client
from django.test.utils import ContextList
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ops.tests.forms import POST_DATA, URL_OBJECTS
from ops.tests.hostile import (
    FRESH,
    FUZZED,
    NOT_FUZZED,
    PAGE_OBJECTS,
    SKIPPED_FIELDS,
    VALIDATED,
    FormFields,
    Marker,
    hostile_data,
    hostile_value,
    raw_markers,
    seen_markers,
)
from ops.tests.matrix import all_patterns, fill_route, pattern_methods, post_views
from ops.tests.test_permission_matrix import MATRIX, REFUSALS
from ops.tests.world import ROLES, build_world
from parsing.documents import PlanReadError, read_plan
from parsing.documents.model import DEFAULT_LIMITS

SAMPLES = {
    ".docx": Path("seed/plan-transport-cluster-2023-2024.docx"),
    ".txt": Path("seed/plan-transport-cluster-2023-2024.txt"),
    ".xlsx": Path("parsing/tests/fixtures/plan-transport-cluster-2023-2024.xlsx"),
    ".pdf": Path("parsing/tests/fixtures/plan-transport-cluster-2023-2024.pdf"),
}
CYRILLIC = re.compile("[а-яё]", re.I)
FUZZ = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def read_or_refuse(data: bytes, name: str) -> None:
    """The importer's contract: a plan, or PlanReadError with a Russian message."""
    try:
        read_plan(data, name)
    except PlanReadError as error:
        assert CYRILLIC.search(str(error)), f"not a Russian message: {error!r}"


@st.composite
def damaged(draw, extension):
    data = SAMPLES[extension].read_bytes()
    how = draw(st.sampled_from(["truncate", "flip", "insert", "splice"]))
    if how == "truncate":
        return data[: draw(st.integers(0, len(data) - 1))]
    if how == "flip":
        data = bytearray(data)
        for _ in range(draw(st.integers(1, 40))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        return bytes(data)
    if how == "insert":
        at = draw(st.integers(0, len(data)))
        return data[:at] + draw(st.binary(min_size=1, max_size=200)) + data[at:]
    start = draw(st.integers(0, len(data) - 1))
    end = draw(st.integers(start, len(data)))
    return data[:start] + data[end:]


@pytest.mark.parametrize("extension", [".docx", ".xlsx", ".pdf", ".txt"])
def test_damaged_documents_are_read_or_refused_in_russian(extension):
    @FUZZ
    @given(data=damaged(extension))
    def check(data):
        read_or_refuse(data, f"plan{extension}")

    check()


ENCODINGS = ["cp1251", "koi8-r", "utf-16", "utf-16-be", "utf-8-sig", "cp866", "mac-cyrillic"]


@FUZZ
@given(encoding=st.sampled_from(ENCODINGS), cut=st.integers(0, 5000))
def test_text_plans_in_other_encodings(encoding, cut):
    text = SAMPLES[".txt"].read_text(encoding="utf-8")
    read_or_refuse(text.encode(encoding, errors="replace")[cut:], "plan.txt")


def zip_with(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_zip_bombs_are_refused():
    bomb = zip_with({"word/document.xml": b"\0" * (60 * 1024 * 1024), "[Content_Types].xml": b""})
    assert len(bomb) < 1024 * 1024
    with pytest.raises(PlanReadError, match="zip-бомба"):
        read_plan(bomb, "plan.docx")
    many = zip_with(
        {f"xl/worksheets/s{n}.xml": b"x" for n in range(5001)} | {"xl/workbook.xml": b""}
    )
    with pytest.raises(PlanReadError):
        read_plan(many, "plan.xlsx")


def test_a_zip_that_lies_about_its_sizes_is_refused():
    data = bytearray(zip_with({"word/document.xml": b"<w:document>" + b"a" * 5_000_000}))
    # Rewrite the declared uncompressed size (central directory and local header) to 100 bytes.
    for signature, offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        at = data.find(signature)
        data[at + offset : at + offset + 4] = (100).to_bytes(4, "little")
    read_or_refuse(bytes(data), "plan.docx")


def test_huge_tables_are_refused_or_read():
    rows = "\n".join(
        f"{n}.\tМероприятие {n}\tРуководители ПОО\tмай 2024 года"
        for n in range(DEFAULT_LIMITS.max_rows + 500)
    )
    text = "План работы кластера на 2023-2024 учебный год\nЗадача 1. Всё\n" + rows
    read_or_refuse(text.encode(), "plan.txt")
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for n in range(DEFAULT_LIMITS.max_rows + 100):
        sheet.append([f"1.{n}", f"Мероприятие {n}", "ЦОПП", "май 2024 года"])
    buffer = io.BytesIO()
    book.save(buffer)
    read_or_refuse(buffer.getvalue(), "plan.xlsx")


@pytest.fixture
def coordinator(world):
    client = Client(raise_request_exception=False)
    client.force_login(world.users["coordinator"])
    return client


def test_damaged_uploads_get_the_form_with_a_russian_error(coordinator, world):
    url = reverse("documents:plan_upload", args=[world.cluster.slug])

    @FUZZ
    @given(extension=st.sampled_from(sorted(SAMPLES)), data=st.data())
    def check(extension, data):
        content = data.draw(damaged(extension))
        with transaction.atomic():
            response = coordinator.post(
                url,
                {
                    "file": SimpleUploadedFile(f"plan{extension}", content),
                    "year_label": "2023-2024",
                },
            )
            transaction.set_rollback(True)
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 200:
            assert CYRILLIC.search(response.text)

    check()


# --- every form of every role, one hostile field at a time ----------------------------------------

# Who may use a form: the roles the permission matrix lets post it.
PAGES_AS = ("admin", "coordinator", "rep_own", "anonymous")  # the roles the pages are read as
NOT_HTML_FEEDS = ("feeds:",)


def allowed_roles(key: str) -> list[str]:
    check = next(check for check in MATRIX[key] if check.method == "POST")
    return [
        role for role, expected in zip(ROLES, check.expect, strict=True) if expected not in REFUSALS
    ]


def test_every_post_view_is_fuzzed_or_exempt():
    views = set(post_views())
    missing = sorted(views - set(FUZZED) - set(NOT_FUZZED))
    assert not missing, (
        "Views that take a POST but are neither fuzzed (FUZZED in ops/tests/hostile.py) nor "
        "exempt (NOT_FUZZED, with the reason): " + ", ".join(missing)
    )
    stale = sorted((set(FUZZED) | set(NOT_FUZZED)) - views)
    assert not stale, "Fuzz entries for views that take no POST: " + ", ".join(stale)
    assert not set(FUZZED) & set(NOT_FUZZED)
    for key in FUZZED:
        assert allowed_roles(key), f"{key}: nobody may post it, by the permission matrix"


def form_page(world, key: str, patterns) -> tuple[str, str]:
    """The path of the page that shows `key`'s form, and the path the form posts to."""
    overrides = {**URL_OBJECTS.get(key, {}), **PAGE_OBJECTS.get(key, {})}
    if key == "events:event_group_action":
        overrides["action"] = "decline"
    page_key = FUZZED[key].page or key
    page = fill_route(world, patterns[page_key], overrides, "admin")
    action = fill_route(world, patterns[key], overrides, "admin")
    return page, action


# Forms that a page shows only after a step (the checked list of groups is confirmed on the answer
# to its upload; an unresolved executor is mapped on the preview of a document that has one).
SHOWN_AFTER_A_STEP = {"events:event_bulk_confirm", "documents:plan_upload_map"}


@pytest.mark.django_db
def test_every_text_field_of_every_form_is_fuzzed():
    """The declared fields against the forms as the pages render them: a new text field of a
    form fails here until it is fuzzed."""
    world = build_world()
    patterns = all_patterns()
    client = Client(raise_request_exception=False)
    failures = []
    for key, fuzzed in sorted(FUZZED.items()):
        if key in SHOWN_AFTER_A_STEP:
            continue
        role = "admin" if "admin" in allowed_roles(key) else allowed_roles(key)[0]
        client.logout()
        if world.users[role] is not None:
            client.force_login(world.users[role])
        page, action = form_page(world, key, patterns)
        response = client.get(page)
        parser = FormFields(page)
        parser.feed(response.content.decode())
        if action not in parser.forms:
            failures.append(
                f"{key}: no form posting to {action} on {page} ({response.status_code})"
            )
            continue
        rendered = parser.forms[action]
        skipped = {name for form_key, name in SKIPPED_FIELDS if form_key == key}
        unfuzzed = sorted(set(rendered) - set(fuzzed.fields) - skipped)
        if unfuzzed:
            failures.append(f"{key}: text fields not fuzzed: {', '.join(unfuzzed)}")
    assert not failures, "\n".join(failures)


def accepted(response) -> str:
    """ "" when the post was accepted; else why not (its status, error message, form errors)."""
    errors = [] if response.status_code in (200, 201, 302, 303) else [f"{response.status_code}"]
    errors += [
        str(message)
        for message in getattr(response.wsgi_request, "_messages", [])
        if message.level >= messages.ERROR
    ]
    context = response.context
    contexts = context if isinstance(context, ContextList) else [context] if context else []
    for each in contexts:
        for values in each.dicts:
            for value in values.values():
                if isinstance(value, BaseForm | BaseFormSet) and value.is_bound:
                    if isinstance(value, BaseFormSet):
                        errors += [str(e) for e in value.non_form_errors()]
                        errors += [str(e) for form in value.forms for e in form.errors.values()]
                    else:
                        errors += [f"{n}: {' '.join(e)}" for n, e in value.errors.items()]
    return "; ".join(errors)


@dataclass
class Posted:
    key: str
    role: str
    name: str
    marker: Marker
    refused: str
    location: str


class DocumentHtml:
    """The HTML every PDF is made from (WeasyPrint's input), collected while it is on."""

    def __init__(self):
        self.pages: list[str] = []

    def __enter__(self):
        import weasyprint

        self.original = weasyprint.HTML
        pages = self.pages
        original = self.original

        def html(*args, **kwargs):
            if "string" in kwargs:
                pages.append(kwargs["string"])
            return original(*args, **kwargs)

        weasyprint.HTML = html
        return self

    def __exit__(self, *exc):
        import weasyprint

        weasyprint.HTML = self.original


def sign_in(client, world, role):
    client.logout()
    if world.users[role] is not None:
        client.force_login(world.users[role])


# A form whose one object every post changes (the cluster has one council): the pages that show
# it are read right after each post, before the next one overwrites it.
FOLLOW_AT_ONCE = {
    "council:council_settings": [
        "council:council_home",
        "council:council_meeting",
        "council:council_protocol_pdf",
    ],
}


def read_page(client, path, markers, role, failures, stored) -> set:
    """The markers a page shows; a raw one, or a server error, is a failure."""
    response = client.get(path)
    if response.status_code >= 500:
        failures.append(f"GET {path} as {role}: {response.status_code}")
    if "text/html" not in response.get("Content-Type", ""):
        return set()
    text = response.content.decode("utf-8", "replace")
    for marker in raw_markers(text, markers):
        failures.append(f"GET {path} as {role}: unescaped {marker.raw} ({origin(stored, marker)})")
    return seen_markers(text, markers)


def post_every_form(client, world, patterns, failures, seen) -> list[Posted]:
    posted: list[Posted] = []
    for key, fuzzed in FUZZED.items():
        for role in allowed_roles(key):
            for name, kind in fuzzed.fields.items():
                marker, value = hostile_value(key, name, kind)
                overrides = dict(URL_OBJECTS.get(key, {}))
                if key in FRESH:
                    overrides.update(FRESH[key](world, role))
                path = fill_route(world, patterns[key], overrides, role)
                sign_in(client, world, role)
                response = client.post(path, hostile_data(key, world, role, name, value))
                location = (
                    response.get("Location", "") if response.status_code in (302, 303) else ""
                )
                if not location and response.status_code == 200:
                    location = path if "GET" in pattern_methods().get(key, ()) else ""
                posted.append(Posted(key, role, name, marker, accepted(response), location))
                for page_key in FOLLOW_AT_ONCE.get(key, ()):
                    sign_in(client, world, "admin")
                    page = fill_route(world, patterns[page_key], {}, "admin")
                    seen |= read_page(client, page, [marker], "admin", failures, posted)
    return posted


def pages_to_read(world, patterns) -> list[str]:
    """Every page and document of the project, on the world's objects and on the objects the
    forms were shown with."""
    methods = pattern_methods()
    paths = []
    for key, pattern in sorted(patterns.items()):
        if key.startswith(("api", "admin", *NOT_HTML_FEEDS)) or "GET" not in methods.get(key, ()):
            continue
        if key in ("logout", "login", "audit:audit_history"):
            continue
        for extra in ({}, *PAGE_OBJECTS.values()):
            if extra and not set(extra) <= set(pattern.params):
                continue
            paths.append(fill_route(world, pattern, extra, "admin"))
    plan = world.plan.pk
    paths += [f"/plans/{plan}/export.{fmt}" for fmt in ("docx", "pdf")]
    paths += [f"/audit/plans/activity/{world.activity.pk}/", f"/audit/plans/plan/{plan}/"]
    return list(dict.fromkeys(paths))


def pages_led_to(posted, read: list[str]) -> list[str]:
    """The pages the posts led to (a new object's page, the list it went back to)."""
    paths = [p.location.split("#")[0] for p in posted if p.location.startswith("/")]
    return [path for path in dict.fromkeys(paths) if path not in read]


@pytest.mark.django_db
def test_stored_hostile_values_come_back_escaped(settings):
    """Every form, as every role that may use it, with valid data and one field hostile: the post
    is accepted, and no page or document shows the stored value unescaped."""
    settings.EVENT_REGISTRATION_RATE = 100_000  # the public form is posted by every role
    cache.clear()
    world = build_world()
    patterns = all_patterns()
    client = Client(raise_request_exception=False)
    failures: list[str] = []
    seen: set[Marker] = set()
    with DocumentHtml() as documents:
        posted = post_every_form(client, world, patterns, failures, seen)
        stored = [p for p in posted if not p.refused]
        markers = [p.marker for p in stored]
        pages = pages_to_read(world, patterns)
        led_to = pages_led_to(posted, pages)
        for role in ROLES:
            sign_in(client, world, role)
            # Every page as the roles that see most, and the pages the posts led to as the
            # administrator (who sees them all); one's own page (the profile) as everyone.
            if role == "admin":
                paths = pages + led_to
            elif role == "anonymous":
                paths = [path for path in pages if path.startswith("/public/")]
            elif role in PAGES_AS:
                paths = pages
            else:
                paths = ["/profile/"]
            for path in paths:
                if path.endswith(".pdf") and role != "admin":
                    continue  # the documents are made once, by the administrator
                seen |= read_page(client, path, markers, role, failures, stored)
        sign_in(client, world, "coordinator")
        client.post(
            fill_route(world, patterns["reporting:consolidated_new"], {}, "coordinator"),
            {**POST_DATA["reporting:consolidated_new"](world, "coordinator"), "format": "pdf"},
        )
    for text in documents.pages:
        seen |= seen_markers(text, markers)
        for marker in raw_markers(text, markers):
            failures.append(f"a PDF's HTML: unescaped {marker.raw} ({origin(stored, marker)})")
    failures += [
        f"{p.key} as {p.role}: «{p.name}» with a marker was refused ({p.refused})"
        for p in posted
        if p.refused and (p.key, p.name) not in VALIDATED
    ]
    failures += [
        f"{p.key}: «{p.name}» is listed as refusing the marker but accepted it"
        for p in posted
        if not p.refused and (p.key, p.name) in VALIDATED
    ]
    unseen = [p for p in stored if p.marker not in seen and (p.key, p.name) not in NOT_SHOWN]
    failures += [
        f"{p.key} as {p.role}: «{p.name}» stored but shown on no page read" for p in unseen
    ]
    assert len(stored) >= 150, len(stored)
    assert not failures, "\n".join(dict.fromkeys(failures))


def origin(stored, marker) -> str:
    item = next(p for p in stored if p.marker == marker)
    return f"{item.key} «{item.name}» posted as {item.role}"


# Stored values that no page shows (each checked by hand in the templates).
NOT_SHOWN: dict[tuple[str, str], str] = {
    ("documents:plan_upload_map", "m0-phrase"): "an executor alias: it resolves later imports; "
    "no page lists aliases",
    ("council:council_meeting_close", "file"): "the scan's link says «Подписанный протокол»; "
    "its name is only the download's file name",
    ("events:event_group_action", "reason"): "the reason of a declined group goes into the "
    "plain-text e-mail to the teacher only",
}
