"""The report form never loses text: attaching a file or a link saves what was typed first, and
htmx gets the evidence section back instead of a reload."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reporting.models import Evidence, Report

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
HTMX = {"HTTP_HX_REQUEST": "true"}


def typed(**extra):
    return {
        "version": "0",
        "status": "in_progress",
        "text": "Провели пробы для 40 школьников.",
        "reason": "",
        **extra,
    }


def slot_url(world, name):
    return reverse(f"reporting:{name}", args=[world["ob_quarter_ttvts"].pk, world["q1"].pk])


def test_attaching_a_file_saves_the_typed_text_first_and_answers_the_section(client, world):
    client.force_login(world["rep_ttvts"])
    response = client.post(
        slot_url(world, "evidence_upload"),
        typed(file=SimpleUploadedFile("приказ.pdf", PDF)),
        **HTMX,
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.startswith('<section id="evidence"')
    assert "Файл «приказ.pdf» прикреплён к отчёту." in body
    assert "Введённый текст сохранён в черновике." in body
    report = Report.objects.get()
    assert report.text == "Провели пробы для 40 школьников."
    assert report.status == "in_progress"
    assert f'name="version" value="{report.version}"' in body  # the form's version moves on
    assert Evidence.objects.get().report == report


def test_without_htmx_the_file_and_the_text_survive_the_redirect(client, world):
    client.force_login(world["rep_ttvts"])
    response = client.post(
        slot_url(world, "evidence_upload"),
        typed(file=SimpleUploadedFile("приказ.pdf", PDF)),
        follow=True,
    )
    body = response.content.decode()
    assert "Провели пробы для 40 школьников." in body  # in the textarea again
    assert "приказ.pdf" in body


def test_a_refused_file_still_keeps_the_text(client, world):
    client.force_login(world["rep_ttvts"])
    response = client.post(
        slot_url(world, "evidence_upload"),
        typed(file=SimpleUploadedFile("script.exe", b"MZ\x90\x00")),
        **HTMX,
    )
    assert "не принят" in response.content.decode()
    assert Report.objects.get().text == "Провели пробы для 40 школьников."
    assert not Evidence.objects.exists()


def test_a_link_without_an_address_is_refused_in_russian_and_the_text_kept(client, world):
    client.force_login(world["rep_ttvts"])
    response = client.post(slot_url(world, "evidence_link_add"), typed(url=""), **HTMX)
    assert "Укажите адрес публикации." in response.content.decode()
    assert Report.objects.get().text == "Провели пробы для 40 школьников."


def test_a_link_is_added_in_place_and_removed_in_place(client, world):
    client.force_login(world["rep_ttvts"])
    client.post(
        slot_url(world, "evidence_link_add"),
        typed(url="https://ttvts.example/news/1", title="Новость"),
        **HTMX,
    )
    evidence = Evidence.objects.get()
    report = Report.objects.get()
    response = client.post(
        reverse("reporting:evidence_remove", args=[evidence.pk]),
        typed(version=str(report.version), text="Текст после ссылки."),
        **HTMX,
    )
    assert "«Новость» убрано из отчёта." in response.content.decode()
    assert not Evidence.objects.exists()
    assert Report.objects.get().text == "Текст после ссылки."


def test_the_evidence_controls_sit_inside_the_report_form_above_its_buttons(client, world):
    client.force_login(world["rep_ttvts"])
    page = client.get(slot_url(world, "report_page")).content.decode()
    form = page[
        page.index('id="report-form"') : page.index("</form>", page.index('id="report-form"'))
    ]
    assert form.index("Прикрепить файл") < form.index("Отправить на проверку")
    assert form.index("Добавить ссылку") < form.index("Отправить на проверку")
