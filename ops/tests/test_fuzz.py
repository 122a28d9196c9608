"""Fuzzing the inputs, bounded (the module runs in well under a minute).

1. The plan importer gets truncated, garbled and re-encoded DOCX/XLSX/PDF/TXT bytes, zip bombs and
   huge tables: it reads a plan or refuses with a Russian message — never another exception — and
   the upload page answers with the form, never a 500.
2. Every form the project has (found by opening every page as a coordinator and reading its
   <form> elements) is posted with hostile strings — HTML and script tags, SQL, control characters,
   right-to-left marks, very long text: never a 500, and no submitted <script> comes back unescaped,
   neither in the answer nor on the page it redirects to.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ops.tests.matrix import all_patterns, fill_route
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


# --- every form, hostile strings ---------------------------------------------------------------

HOSTILE = [
    '<script>alert("fuzz")</script>',
    '"><script>alert("fuzz")</script>',
    "<img src=x onerror=alert(1)>",
    "'; DROP TABLE plans_plan; --",
    "' OR '1'='1",
    "\u202eгидроцикл\u202c",  # right-to-left override
    "\u200f\u200e\u2066שלום\u2069",
    "\x00\x01\x02\x1b[31m",
    "{{ request }}{% debug %}",
    "../../../../etc/passwd",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀 ё Ё",
    "9" * 40,
    "-1",
    "2023-02-30",
    "x" * 5000,
]
MARKER = '<script>alert("fuzz")</script>'
FORM_EXAMPLES = 120  # posts in all, spread over every form found


@dataclass
class Form:
    page: str
    action: str
    method: str
    fields: list[tuple[str, str, list[str]]] = field(default_factory=list)  # name, kind, options


class FormParser(HTMLParser):
    def __init__(self, page: str):
        super().__init__()
        self.page = page
        self.forms: list[Form] = []
        self.current: Form | None = None
        self.select: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            action = urljoin(self.page, attrs.get("action") or self.page)
            self.current = Form(self.page, action, (attrs.get("method") or "get").lower())
            self.forms.append(self.current)
        elif self.current is None or not attrs.get("name"):
            return
        elif tag == "input" and attrs.get("type") not in ("submit", "button", "reset", "image"):
            kind = attrs.get("type") or "text"
            self.current.fields.append((attrs["name"], kind, [attrs.get("value") or ""]))
        elif tag == "textarea":
            self.current.fields.append((attrs["name"], "text", [""]))
        elif tag == "select":
            self.select = (attrs["name"], [])
            self.current.fields.append((attrs["name"], "select", self.select[1]))
        elif tag == "option" and self.select is not None:
            self.select[1].append(attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "select":
            self.select = None


SKIPPED_PAGES = ("/admin/", "/api/", "/logout/", "/feeds/")


def project_forms(client, world) -> list[Form]:
    forms, seen = [], set()
    for key, pattern in sorted(all_patterns().items()):
        if key.startswith(("api", "admin")):
            continue
        path = fill_route(world, pattern, {}, "coordinator")
        if path.startswith(SKIPPED_PAGES) or path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = FormParser(path)
        parser.feed(response.text)
        for form in parser.forms:
            if urlsplit(form.action).path.startswith(SKIPPED_PAGES):
                continue
            signature = (urlsplit(form.action).path, form.method, tuple(n for n, *_ in form.fields))
            if signature not in seen:
                seen.add(signature)
                forms.append(form)
    return forms


def fill(form: Form, draw) -> dict:
    data = {}
    for name, kind, options in form.fields:
        if name == "csrfmiddlewaretoken":
            continue
        if kind == "hidden":
            data[name] = draw(st.sampled_from([options[0], *HOSTILE[:3]]))
        elif kind == "file":
            payload = draw(st.sampled_from([b"%PDF-1.4 x", b"\x00" * 10, MARKER.encode()]))
            data[name] = SimpleUploadedFile(
                draw(st.sampled_from([f"{MARKER}.pdf", "a.pdf"])), payload
            )
        elif kind in ("checkbox", "radio"):
            if draw(st.booleans()):
                data[name] = options[0] or "on"
        elif kind == "select" and options and draw(st.booleans()):
            data[name] = draw(st.sampled_from(options))
        else:
            data[name] = draw(
                st.one_of(
                    st.sampled_from(HOSTILE),
                    st.text(max_size=60),
                    st.builds(
                        lambda a, b: a + MARKER + b, st.text(max_size=10), st.text(max_size=10)
                    ),
                )
            )
    return data


def unescaped_marker(text: str) -> bool:
    return MARKER in text or "<img src=x onerror" in text


def test_every_form_survives_hostile_input(coordinator, world):
    forms = project_forms(coordinator, world)
    assert len(forms) >= 10, [f.action for f in forms]
    failures = []

    @settings(
        max_examples=min(FORM_EXAMPLES, len(forms) * 3),
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=st.data())
    def check(data):
        form = data.draw(st.sampled_from(forms))
        values = fill(form, data.draw)
        with transaction.atomic():
            coordinator.force_login(world.users["coordinator"])
            if form.method == "post":
                response = coordinator.post(form.action, values)
            else:
                plain = {k: v for k, v in values.items() if isinstance(v, str)}
                response = coordinator.get(form.action, plain)
            pages = [response]
            if response.status_code in (301, 302, 303) and response["Location"].startswith("/"):
                pages.append(coordinator.get(response["Location"]))
            transaction.set_rollback(True)
        for page in pages:
            if page.status_code >= 500:
                failures.append(
                    f"{form.method.upper()} {form.action} → {page.status_code}: {values!r:.300}"
                )
            elif unescaped_marker(page.content.decode("utf-8", "replace")):
                failures.append(
                    f"{form.method.upper()} {form.action}: unescaped <script> came back"
                )

    check()
    assert not failures, "\n".join(dict.fromkeys(failures))
