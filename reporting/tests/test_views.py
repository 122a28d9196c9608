"""The report page: write (autosave), submit, review; conflicts; what each role sees."""

import pytest
from django.urls import reverse

from reporting.models import Report
from reporting.services import report_accept, report_save, report_submit
from reporting.tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db


def slot_url(world, name, obligation="ob_quarter_ttvts", period="q1"):
    return reverse(f"reporting:{name}", args=[world[obligation].pk, world[period].pk])


def test_a_representative_writes_with_autosave_and_submits(client, world):
    indicator = IndicatorFactory(activity=world["quarter"], name="Участников проб", unit="чел.")
    client.force_login(world["rep_ttvts"])
    page = client.get(slot_url(world, "report_page")).content.decode()
    assert 'hx-trigger="change delay:1s"' in page
    assert "Участников проб, чел." in page
    assert "<script" not in page.split("</head>")[1]  # no inline scripts in the page body

    response = client.post(
        slot_url(world, "report_save"),
        {
            "version": 0,
            "status": "in_progress",
            "text": "Набираем группы.",
            f"indicator_{indicator.pk}": "12,5",
        },
        HTTP_HX_REQUEST="true",
    )
    fragment = response.content.decode()
    assert response.status_code == 200
    assert "Черновик сохранён" in fragment
    assert 'name="version" value="1" id="id_version" hx-swap-oob="true"' in fragment
    report = Report.objects.get()
    assert str(report.values.get().value) == "12.50"

    response = client.post(
        slot_url(world, "report_submit"),
        {
            "version": 1,
            "status": "done",
            "text": "Провели 4 пробы для 60 школьников.",
            f"indicator_{indicator.pk}": "60",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Отчёт отправлен на проверку координатору." in page
    assert "на проверке" in page
    assert "Провели 4 пробы для 60 школьников." in page
    assert "hx-post" not in page  # no longer editable


def test_the_second_of_two_editors_is_refused_with_a_russian_message_and_keeps_their_text(
    client, world
):
    report_save(
        obligation=world["ob_quarter_ttvts"],
        period=world["q1"],
        actor=world["rep_ttvts"],
        version=0,
        text="Начало.",
    )
    client.force_login(world["rep_ttvts"])
    first = client.post(slot_url(world, "report_save"), {"version": 1, "text": "Текст Анны."})
    assert first.status_code == 302
    second = client.post(slot_url(world, "report_save"), {"version": 1, "text": "Текст Бориса."})
    page = second.content.decode()
    assert second.status_code == 409
    assert "уже изменил(а)" in page and "Ваши изменения не сохранены" in page
    assert "Текст Бориса." in page  # still in the form, nothing lost
    assert Report.objects.get().text == "Текст Анны."

    htmx = client.post(
        slot_url(world, "report_save"),
        {"version": 1, "text": "Текст Бориса."},
        HTTP_HX_REQUEST="true",
    )
    assert htmx.status_code == 200  # htmx swaps only 2xx answers
    assert "уже изменил(а)" in htmx.content.decode()
    assert "hx-swap-oob" not in htmx.content.decode()  # the form keeps its old version number
    assert Report.objects.get().text == "Текст Анны."


def test_submit_errors_are_shown_next_to_the_fields(client, world):
    client.force_login(world["rep_ttvts"])
    response = client.post(
        slot_url(world, "report_submit"), {"version": 0, "status": "not_done", "text": ""}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "укажите причину" in page
    assert not Report.objects.exists()


def test_coordinator_returns_and_the_organization_sees_what_to_fix(client, world):
    report = report_submit(
        obligation=world["ob_quarter_ttvts"],
        period=world["q1"],
        actor=world["rep_ttvts"],
        version=0,
        status="done",
        text="Провели пробы.",
    )
    client.force_login(world["coordinator"])
    page = client.get(slot_url(world, "report_page")).content.decode()
    assert "Принять отчёт" in page and "Вернуть на доработку" in page
    response = client.post(
        reverse("reporting:report_review", args=[report.pk]),
        {"decision": "return", "comment": "Приложите список участников."},
        follow=True,
    )
    assert "Отчёт возвращён организации на доработку." in response.content.decode()
    client.force_login(world["rep_ttvts"])
    page = client.get(slot_url(world, "report_page")).content.decode()
    assert "Координатор вернул отчёт на доработку:" in page
    assert "Приложите список участников." in page
    assert "Исправьте отчёт и отправьте его снова." in page
    assert "hx-post" in page  # editable again


def test_observer_and_other_organizations_see_only_accepted_reports(client, world):
    report = report_submit(
        obligation=world["ob_quarter_ttvts"],
        period=world["q1"],
        actor=world["rep_ttvts"],
        version=0,
        status="done",
        text="Секретный черновик ТТВТС.",
    )
    for who in ("observer", "rep_tkgt"):
        client.force_login(world[who])
        page = client.get(slot_url(world, "report_page")).content.decode()
        assert "Секретный черновик ТТВТС." not in page
        assert "ещё не принят координатором" in page
        assert (
            client.post(slot_url(world, "report_save"), {"version": 2, "text": "x"}).status_code
            == 403
        )
        assert (
            client.post(
                reverse("reporting:report_review", args=[report.pk]), {"decision": "accept"}
            ).status_code
            == 404
        )
    report_accept(report=report, actor=world["coordinator"])
    for who in ("observer", "rep_tkgt"):
        client.force_login(world[who])
        page = client.get(slot_url(world, "report_page")).content.decode()
        assert "Секретный черновик ТТВТС." in page
        assert "hx-post" not in page


def test_outsiders_get_404_everywhere(client, world):
    client.force_login(world["outsider"])
    for url in (
        slot_url(world, "report_page"),
        reverse("reporting:execution_dashboard", args=["transport"]),
        reverse("reporting:plan_periods", args=[world["plan"].pk]),
        reverse("reporting:consolidated_new", args=[world["plan"].pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_organization_to_do_lists_what_is_owed_for_the_period(client, world):
    client.force_login(world["rep_ttvts"])
    url = reverse("reporting:organization_reports", args=["transport", world["ttvts"].pk])
    page = client.get(url, {"period": world["q1"].pk}).content.decode()
    assert "Отчёты моей организации" in page
    assert "Профессиональные пробы для школьников" in page
    assert "Заседания рабочей группы" in page
    assert "Школы безопасности" not in page  # ТКГТ's, and not in this period
    assert "Осталось сдать: <strong>2</strong> из 2." in page
    assert "Заполнить" in page


def test_periods_page_and_generation_for_coordinators(client, world):
    client.force_login(world["coordinator"])
    page = client.get(reverse("reporting:plan_periods", args=[world["plan"].pk])).content.decode()
    assert "I квартал 2024 года" in page and "05.04.2024" in page
    client.force_login(world["observer"])
    response = client.post(
        reverse("reporting:period_generate", args=[world["plan"].pk]), {"kind": "quarter"}
    )
    assert response.status_code == 403


def test_notification_settings_page(client, world):
    client.force_login(world["rep_ttvts"])
    page = client.get(reverse("reporting:notification_settings")).content.decode()
    assert "Напоминания о сроках отчётов моей организации" in page
    client.post(reverse("reporting:notification_settings"), {"review_results": "on"})
    preference = world["rep_ttvts"].notification_preference
    assert (preference.report_reminders, preference.review_results) == (False, True)
