"""152-ФЗ: no pupil's name is stored for group registrations, nor reaches any export; a person's
data is erased on request while the counts stay."""

import io
import re
import zipfile

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from events.models import Competitor, GroupRegistration, ProfessionalClass
from events.services import (
    attendance_mark,
    competitor_add,
    competitor_erase,
    registration_contact_erase,
)
from events.tests.factories import form_token, make_event, register, world

pytestmark = pytest.mark.django_db

PUPIL = "Незнайкин Вася"
TEACHER = "Учительницына Анна Петровна"
# Person-name fields the events app is allowed to have, and why.
NAMED = {
    ("GroupRegistration", "teacher_name"),  # the accompanying adult, with consent
    ("Competitor", "full_name"),  # a championship competitor, with consent, erasable
}
NOT_PEOPLE = {("EventKind", "name")}  # «Профессиональная проба»
NAME_WORDS = re.compile(r"(^|_)(names?|fio|surname|patronymic)(_|$)|child|student|person", re.I)


def test_the_events_models_have_no_field_for_a_pupils_name():
    text_fields = {
        (model.__name__, field.name)
        for model in apps.get_app_config("events").get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.CharField | models.TextField)
    }
    suspicious = {
        item
        for item in text_fields
        if NAME_WORDS.search(item[1])
        and not item[1].startswith(("school", "organization", "original"))
    }
    assert suspicious - NOT_PEOPLE == NAMED
    registration_fields = {field.name for field in GroupRegistration._meta.get_fields()}
    assert {"pupils", "grade", "school_name"} <= registration_fields
    assert not {"comment", "note", "notes", "participants", "names"} & registration_fields
    class_fields = {field.name for field in ProfessionalClass._meta.get_fields()}
    assert not {f for f in class_fields if NAME_WORDS.search(f) and not f.startswith("school")}


def everything_stored() -> str:
    """Every value of every row of the events app, as text."""
    values = []
    for model in apps.get_app_config("events").get_models():
        for row in model.objects.values():
            values.extend(str(value) for value in row.values())
    return "\n".join(values)


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def xlsx_text(data: bytes) -> str:
    book = load_workbook(io.BytesIO(data))
    return "\n".join(
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


def test_a_pupils_name_sent_to_any_form_is_stored_nowhere_and_exported_nowhere(client):
    w = world()
    slug, event = w["cluster"].slug, w["event"]
    data = {
        "form_token": form_token(event),
        "slot": w["slot"].pk,
        "school_name": "МАОУ СОШ № 5",
        "municipality": "г. Томск",
        "grade": 8,
        "pupils": 12,
        "teacher_name": TEACHER,
        "teacher_email": "anna@school5.ru",
        "consent": "on",
        # What a careless form or script might send along:
        "pupil_names": PUPIL,
        "names": PUPIL,
        "comment": PUPIL,
    }
    response = client.post(reverse("events:event_public", args=[slug, event.pk]), data)
    assert response.status_code == 302
    registration = GroupRegistration.objects.get()
    attendance_mark(event=event, counts={registration.pk: 11}, actor=None, now=w["slot"].ends_at)
    stored = everything_stored()
    assert PUPIL not in stored and TEACHER in stored

    client.force_login(w["coordinator"])
    query = {"start": "2000-01-01", "end": "2100-01-01"}
    coverage_xlsx = client.get(reverse("events:events_coverage_export", args=[slug, "xlsx"]), query)
    coverage_docx = client.get(reverse("events:events_coverage_export", args=[slug, "docx"]), query)
    groups = client.get(reverse("events:event_groups_export", args=[event.pk]))
    feed = client.get(reverse("events:events_feed", args=[slug]))
    page = client.get(reverse("events:events_coverage", args=[slug]), query)
    for text in (
        xlsx_text(coverage_xlsx.content),
        docx_text(coverage_docx.content),
        xlsx_text(groups.content),
        feed.content.decode(),
        page.content.decode(),
    ):
        assert PUPIL not in text
    # The coverage report is counts only: not even the teacher is named there.
    assert "МАОУ СОШ № 5" in xlsx_text(coverage_xlsx.content)
    for text in (
        xlsx_text(coverage_xlsx.content),
        docx_text(coverage_docx.content),
        feed.content.decode(),
    ):
        assert TEACHER not in text and "anna@school5.ru" not in text
    # The host's own list of groups names the teacher (to reach them), never a pupil.
    assert TEACHER in xlsx_text(groups.content)


def test_exports_never_turn_typed_text_into_formulas(client):
    w = world()
    register(w["slot"], school='=HYPERLINK("http://evil","СОШ")', pupils=5)
    client.force_login(w["representative"])
    data = client.get(reverse("events:event_groups_export", args=[w["event"].pk])).content
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet


def test_erasing_a_teacher_keeps_the_group_and_its_counts():
    w = world()
    registration = register(w["slot"], pupils=12, teacher_phone="+7 900 000")
    attendance_mark(
        event=w["event"], counts={registration.pk: 10}, actor=None, now=w["slot"].ends_at
    )
    registration_contact_erase(registration=registration, actor=w["admin"])
    registration.refresh_from_db()
    assert (registration.teacher_name, registration.teacher_email, registration.teacher_phone) == (
        "",
        "",
        "",
    )
    assert registration.contact_erased_at is not None
    assert (registration.pupils, registration.attended, registration.school_name) == (
        12,
        10,
        registration.school_name,
    )


def test_erasing_a_competitor_keeps_the_count(client):
    w = world()
    championship = make_event(cluster=w["cluster"], host=w["college"], kind_code="championship")
    competitor = competitor_add(
        event=championship,
        full_name="Сидоров Иван",
        organization_name="ТТВТС",
        consent=True,
        actor=None,
    )
    competitor_erase(competitor=competitor, actor=w["admin"])
    competitor.refresh_from_db()
    assert str(competitor) == "участник (данные удалены)"
    assert "Сидоров" not in everything_stored()
    assert Competitor.objects.filter(event=championship).count() == 1


def test_the_admin_erases_through_the_page_and_nobody_else_can(client):
    w = world()
    registration = register(w["slot"])
    url = reverse("events:event_group_erase", args=[registration.pk])
    client.force_login(w["coordinator"])
    assert client.post(url).status_code == 403
    client.force_login(w["admin"])
    assert client.post(url).status_code == 302
    registration.refresh_from_db()
    assert registration.teacher_name == ""
