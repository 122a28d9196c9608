"""The secretary plans a meeting, adds an agenda item, marks attendance (the quorum updates as the
marks change) and downloads the protocol — in Debian's Chromium."""

import io
from datetime import timedelta

import docx
import pytest
from django.utils import timezone

from council.demo import council_demo_load
from council.models import Attendance, Meeting
from documents.demo import DEMO_PASSWORD, demo_load
from orgs.models import Cluster

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PRESENT = ["Ю.В. Дроздов", "Демо: Е.А. Смирнова", "Демо: А.П. Ковалёв", "Демо: О.Н. Белова"]


@pytest.fixture
def demo_council():
    demo_load()
    council_demo_load(cluster=Cluster.objects.get(slug="transport"), password=DEMO_PASSWORD)


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Войти").click()


def test_secretary_holds_a_meeting_and_downloads_the_protocol(page, live_server, demo_council):
    sign_in(page, live_server, "secretary")
    page.goto(f"{live_server.url}/clusters/transport/")
    page.get_by_role("link", name="Координационный совет").first.click()
    page.get_by_role("heading", name="Координационный совет").wait_for()
    page.get_by_role("link", name="Запланировать заседание").first.click()

    day = timezone.localdate() + timedelta(days=7)
    page.get_by_label("Дата").fill(day.isoformat())
    page.get_by_label("Время начала").fill("10:00")
    page.get_by_label("Место проведения").fill("ОГБПОУ «ТТВТС», актовый зал")
    page.get_by_role("button", name="Запланировать").click()
    page.get_by_role("heading", name=f"Заседание № 1 от {day:%d.%m.%Y}").wait_for()
    assert page.get_by_text("В повестке ещё нет вопросов").count() == 1

    page.get_by_role("link", name="Добавить вопрос").first.click()
    page.get_by_label("Вопрос", exact=True).fill("О подготовке отраслевого чемпионата")
    page.get_by_label("Докладчик").fill("Демо: А.П. Ковалёв, директор ОГБПОУ «ТТВТС»")
    page.get_by_role("button", name="Добавить в повестку").click()
    page.get_by_role("heading", name="1. О подготовке отраслевого чемпионата").wait_for()

    page.get_by_role("link", name="Отметить присутствие").click()
    quorum = page.locator("#quorum")
    assert "Кворума нет" in quorum.inner_text()
    for name in PRESENT:
        page.locator("fieldset", has_text=name).get_by_label("присутствует", exact=True).check()
    page.locator("#quorum", has_text="Кворум есть").wait_for()  # recomputed on each change
    assert "присутствуют 4 из 7" in page.locator("#quorum").inner_text()
    page.get_by_role("button", name="Сохранить отметку").click()
    page.get_by_text("Присутствие отмечено.").wait_for()
    meeting = Meeting.objects.get()
    present = Attendance.objects.filter(meeting=meeting, presence=Attendance.Presence.PRESENT)
    assert present.count() == 4

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Протокол DOCX").click()
    download = download_info.value
    assert download.suggested_filename == f"protokol-1-{day:%Y-%m-%d}.docx"
    with open(download.path(), "rb") as handle:
        lines = [p.text for p in docx.Document(io.BytesIO(handle.read())).paragraphs]
    assert lines[:3] == [
        "ПРОЕКТ",
        "ПРОТОКОЛ № 1",
        "заседания Координационного совета образовательно-отраслевого кластера транспорта",
    ]
    assert "Присутствовали члены Координационного совета (4 из 7):" in lines
    assert (
        "1. О подготовке отраслевого чемпионата (докладчик — Демо: А.П. Ковалёв, директор ОГБПОУ «ТТВТС»)"
        in lines
    )


def test_meeting_page_fits_a_phone(browser, live_server, demo_council):
    context = browser.new_context(
        locale="ru-RU", viewport={"width": 390, "height": 844}, is_mobile=True
    )
    phone = context.new_page()
    sign_in(phone, live_server, "secretary")
    phone.goto(f"{live_server.url}/clusters/transport/council/")
    phone.get_by_role("link", name="Запланировать заседание").first.click()
    phone.get_by_label("Дата").fill((timezone.localdate() + timedelta(days=3)).isoformat())
    phone.get_by_label("Время начала").fill("15:00")
    phone.get_by_label("Место проведения").fill("Зал заседаний")
    phone.get_by_role("button", name="Запланировать").click()
    phone.get_by_role("heading", name="Повестка дня").wait_for()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.goto(f"{live_server.url}/clusters/transport/council/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
