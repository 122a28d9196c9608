"""Bulk registration from XLSX: preview with errors per row, then an all-or-nothing confirmation."""

import io
import re
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from events.models import GroupRegistration
from events.services import (
    SlotData,
    event_slot_add,
    registrations_bulk_import,
    registrations_bulk_preview,
)
from events.tests.factories import at, register, world

pytestmark = pytest.mark.django_db

HEADER = [
    "Школа",
    "Муниципалитет",
    "Класс",
    "Число учеников",
    "Сопровождающий педагог",
    "E-mail",
    "Телефон",
    "Согласие",
]


def xlsx(rows, header=HEADER) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Список групп на профпробу"])  # a title above the header is fine
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


GOOD = [
    ["МАОУ СОШ № 5", "г. Томск", "8А", 12, "Иванова М. П.", "a@school.ru", "", "да"],
    ["МБОУ Зональненская СОШ", "Томский район", 9, 10.0, "Петров П. П.", "", "+7 900", "Да"],
    ["МАОУ Гимназия № 1", "г. Томск", "10 класс", "15", "Сидорова С. С.", "c@school.ru", "", "+"],
]


@pytest.fixture
def w():
    return world()


def test_preview_says_what_each_row_will_do_and_writes_nothing(w):
    preview = registrations_bulk_preview(event=w["event"], filename="list.xlsx", data=xlsx(GOOD))
    assert preview.ok, preview.errors
    assert [row.grade for row in preview.rows] == [8, 9, 10]
    assert [row.outcome for row in preview.rows] == [
        "займёт места, ждёт подтверждения",
        "займёт места, ждёт подтверждения",
        "в лист ожидания",  # 12 + 10 + 15 > 30
    ]
    assert not GroupRegistration.objects.exists()
    created = registrations_bulk_import(event=w["event"], rows=preview.payload(), actor=None)
    assert [r.status for r in created] == ["pending", "pending", "waitlisted"]
    assert {r.source for r in created} == {GroupRegistration.Source.BULK}


def test_every_bad_row_is_named_in_russian(w):
    rows = [
        ["МАОУ СОШ № 5", "г. Томск", 8, -5, "Иванова", "a@school.ru", "", "да"],
        ["", "г. Томск", 13, 1000, "", "не почта", "", "нет"],
        ["МАОУ СОШ № 7", "г. Томск", 5, 10, "Петров", "b@school.ru", "", "да"],
        ["МАОУ СОШ № 8", "г. Томск", 9, "десять", "Сидоров", "", "", "да"],
        ["МАОУ СОШ № 9", "г. Томск", 9, 31, "Сидоров", "c@school.ru", "", "да"],
        ["МАОУ СОШ № 10", "г. Томск", 9, 5, "Орлов", "d@school.ru", "", "да"],
        ["МАОУ СОШ №10", "г. Томск", 9, 6, "Орлов", "d@school.ru", "", "да"],
    ]
    preview = registrations_bulk_preview(event=w["event"], filename="list.xlsx", data=xlsx(rows))
    assert not preview.ok
    text = "\n".join(preview.errors)
    assert "Строка 3: число учеников -5 — должно быть от 1 до 300." in text
    assert "Строка 4: не указано — школа." in text
    assert "Строка 4: класс «13» — укажите число от 1 до 11." in text
    assert "Строка 4: e-mail «не почта» записан с ошибкой." in text
    assert "Строка 4: нет согласия педагога" in text
    assert "Строка 4: число учеников 1000" in text
    assert "Строка 5: Мероприятие рассчитано на 8–10 классы." in text
    assert "Строка 6: число учеников — укажите целое число." in text
    assert "Строка 7: Группа больше, чем всего мест на это время (30)" in text
    assert "Строка 9: эта группа уже есть в строке 8." in text
    assert not GroupRegistration.objects.exists()


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "list.xlsx", "Файл пустой."),
        (b"not a zip at all", "list.xlsx", "Файл повреждён или это не книга Excel"),
        (b"PK\x03\x04broken", "list.xlsx", "Файл повреждён"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old", "list.xlsx", "старом формате Excel 97–2003"),
        (b"a;b", "list.csv", "в формате Excel (XLSX)"),
    ],
)
def test_a_broken_file_gets_a_russian_message(w, data, filename, message):
    preview = registrations_bulk_preview(event=w["event"], filename=filename, data=data)
    assert not preview.ok
    assert any(message in error for error in preview.errors), preview.errors


def test_a_docx_renamed_to_xlsx_and_a_zip_bomb_are_refused(w):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w/>")
    preview = registrations_bulk_preview(
        event=w["event"], filename="list.xlsx", data=out.getvalue()
    )
    assert "Это документ Word (DOCX)" in " ".join(preview.errors)
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<x/>")
        archive.writestr("xl/big.xml", b"0" * (60 * 1024 * 1024))
    preview = registrations_bulk_preview(
        event=w["event"], filename="list.xlsx", data=bomb.getvalue()
    )
    assert "zip-бомба" in " ".join(preview.errors)


def test_a_column_of_pupils_names_is_refused_outright(w):
    header = [*HEADER, "ФИО учеников"]
    rows = [[*GOOD[0], "Иванов Ваня, Петров Петя"]]
    preview = registrations_bulk_preview(
        event=w["event"], filename="list.xlsx", data=xlsx(rows, header)
    )
    assert not preview.ok
    assert "Имена детей не нужны и не хранятся" in preview.errors[0]


def test_missing_columns_and_a_missing_header_are_explained(w):
    preview = registrations_bulk_preview(
        event=w["event"],
        filename="list.xlsx",
        data=xlsx([["x", "y"]], header=["Школа", "Муниципалитет"]),
    )
    assert (
        "Нет столбцов: «Класс», «Число учеников», «Сопровождающий педагог», «Согласие», «E-mail или Телефон»."
        in preview.errors
    )
    preview = registrations_bulk_preview(
        event=w["event"], filename="list.xlsx", data=xlsx([], header=["что-то", "ещё"])
    )
    assert "Не найдена строка заголовков" in preview.errors[0]


def test_with_several_slots_each_row_names_its_time(w):
    event, slot = w["event"], w["slot"]
    event_slot_add(event=event, slot=SlotData(at(8, 14), at(8, 16), 20), actor=None)
    header = [*HEADER, "Время"]
    first = timezone.localtime(slot.starts_at).strftime("%d.%m.%Y %H:%M")
    rows = [
        [*GOOD[0], first],
        [*GOOD[1], at(8, 14).replace(tzinfo=None)],  # a real date-time cell
        [*GOOD[2], "01.01.2020 10:00"],
    ]
    preview = registrations_bulk_preview(event=event, filename="list.xlsx", data=xlsx(rows, header))
    assert preview.rows[0].slot_id == slot.pk
    assert preview.rows[1].slot_label == at(8, 14).strftime("%d.%m.%Y %H:%M")
    assert "не совпадает ни с одним временем мероприятия" in preview.rows[2].errors[0]


def test_confirmation_writes_all_or_nothing(w):
    preview = registrations_bulk_preview(event=w["event"], filename="list.xlsx", data=xlsx(GOOD))
    payload = preview.payload()
    # Meanwhile the first school registered on its own: the whole list is refused.
    register(w["slot"], school="МАОУ СОШ № 5", grade=8, pupils=3)
    with pytest.raises(Exception, match="Строка 3: Эта школа уже записала 8 класс"):
        registrations_bulk_import(event=w["event"], rows=payload, actor=None)
    assert GroupRegistration.objects.count() == 1


def test_the_pages_preview_then_confirm_and_refuse_a_forged_payload(client, w):
    client.force_login(w["representative"])
    event = w["event"]
    url = reverse("events:event_bulk", args=[event.pk])
    assert client.get(reverse("events:event_bulk_template", args=[event.pk])).status_code == 200
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("list.xlsx", b"garbage")
    response = client.post(url, {"file": bad})
    assert response.status_code == 400 and "Ничего не записано" in response.content.decode()
    good = SimpleUploadedFile("list.xlsx", xlsx(GOOD))
    response = client.post(url, {"file": good})
    page = response.content.decode()
    assert response.status_code == 200 and "Записать 3 групп" in page
    payload = re.search(r'name="payload" value="([^"]+)"', page)[1]
    confirm = reverse("events:event_bulk_confirm", args=[event.pk])
    forged = client.post(confirm, {"payload": payload[:-3] + "abc"}, follow=True)
    assert "устарела или повреждена" in forged.content.decode()
    assert not GroupRegistration.objects.exists()
    client.force_login(w["other_representative"])
    assert client.post(confirm, {"payload": payload}).status_code == 403
    client.force_login(w["representative"])
    done = client.post(confirm, {"payload": payload}, follow=True)
    assert "Записано групп: 3, из них в листе ожидания: 1." in done.content.decode()
    assert GroupRegistration.objects.count() == 3


def test_the_template_reads_back_and_the_list_export_has_the_same_columns(client, w):
    from events.exports import bulk_template_xlsx

    preview = registrations_bulk_preview(
        event=w["event"], filename="t.xlsx", data=bulk_template_xlsx(w["event"])
    )
    assert preview.ok, preview.errors
    register(w["slot"], school="МАОУ СОШ № 77", pupils=7)
    client.force_login(w["representative"])
    response = client.get(reverse("events:event_groups_export", args=[w["event"].pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:8] == (*HEADER[:7], "Время")
    assert rows[1][0] == "МАОУ СОШ № 77" and rows[1][3] == 7
