"""In Chromium, on a laptop and on a phone: each person lands on «Мои задачи» and works from it.

A representative opens an owed report, types, attaches a file and submits: the text is kept. The
coordinator works the review queue: accepts one, returns one with a comment, each time moving to
the next report without going back to a list; the returned report then shows on its
representative's start page. The chair sees the next meeting.

The clock stands on 10.01.2024, while the demo's fourth quarter of 2023 awaits its reports. With
CLUSTERPLAN_SCREENSHOTS=docs/img the pages are also saved there as the README's pictures.
"""

import os
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

from council.demo import council_demo_load
from council.services import meeting_create
from documents.demo import DEMO_PASSWORD, demo_load
from orgs.models import Cluster, UserRole
from reporting.demo import demo_reports_load
from reporting.models import Report
from reporting.tests.test_browser import PHONE, in_chromium

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DAY = datetime(2024, 1, 10, 11, 0, tzinfo=ZoneInfo("Asia/Tomsk"))
LAPTOP = {"viewport": {"width": 1366, "height": 800}}
VIEWPORTS = {"desktop": LAPTOP, "phone": PHONE}
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
TEXT = "Проведены профессиональные пробы для 42 школьников 8–9 классов (демо)."


@pytest.fixture
def demo(settings):
    # Cookies dated 2024 would be stale for the browser, whose clock is not moved.
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.CSRF_USE_SESSIONS = True
    with time_machine.travel(DAY, tick=True):
        demo_load()
        cluster = Cluster.objects.get(slug="transport")
        council = council_demo_load(cluster=cluster, password=DEMO_PASSWORD)
        demo_reports_load()
        meeting_create(
            council=council,
            actor=None,
            starts_at=DAY + timedelta(days=21),
            place="Демо: актовый зал ТТВТС",
        )
        yield


def shots_dir() -> Path | None:
    folder = os.environ.get("CLUSTERPLAN_SCREENSHOTS")
    return Path(folder) if folder else None


def shot(page, name: str, size: str) -> None:
    folder = shots_dir()
    if folder:
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / f"{name}-{size}.png"), full_page=True)


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Войти").click()
    page.get_by_role("heading", name="Мои задачи").wait_for()


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_representative_fills_the_owed_report_from_the_start_page(live_server, demo, size):
    def scenario(page):
        sign_in(page, live_server, "ttvts")
        assert page.url == f"{live_server.url}/"
        shot(page, "tasks-representative", size)
        page.locator(".today-block").first.get_by_role("link", name="Заполнить").first.click()
        page.get_by_role("heading", name="Отчёт об исполнении").wait_for()
        page.get_by_label("Отметка о выполнении").select_option("done")
        page.get_by_label("Что сделано").fill(TEXT)
        page.get_by_label("Выберите файл").set_input_files(
            files=[{"name": "приказ-о-пробах.pdf", "mimeType": "application/pdf", "buffer": PDF}]
        )
        page.get_by_role("button", name="Прикрепить файл").click()
        page.get_by_text("прикреплён к отчёту").wait_for()
        kept = page.get_by_label("Что сделано").input_value()
        attached = page.locator("#evidence").get_by_role("link", name="приказ-о-пробах.pdf")
        attached.wait_for()
        fit = fits(page)
        shot(page, "report-form", size)
        page.get_by_role("button", name="Отправить на проверку").click()
        page.get_by_text("Отчёт отправлен на проверку координатору.").wait_for()
        return kept, fit

    kept, fit = in_chromium(scenario, **VIEWPORTS[size])
    assert kept == TEXT
    assert fit
    report = Report.objects.get(text=TEXT)
    assert report.state == Report.State.SUBMITTED
    assert report.evidence.get().original_name == "приказ-о-пробах.pdf"


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_coordinator_works_the_queue_and_the_representative_sees_the_return(
    live_server, demo, size
):
    queue = list(Report.objects.filter(state=Report.State.SUBMITTED).order_by("submitted_at"))
    if len(queue) < 3:  # the demo's fourth quarter: most accepted; put three back in the queue
        for minutes, report in enumerate(Report.objects.filter(state=Report.State.ACCEPTED)[:3]):
            Report.objects.filter(pk=report.pk).update(
                state=Report.State.SUBMITTED, submitted_at=DAY - timedelta(minutes=10 - minutes)
            )
        queue = list(Report.objects.filter(state=Report.State.SUBMITTED).order_by("submitted_at"))
    first, second = queue[0], queue[1]
    owner = UserRole.objects.filter(
        cluster__slug="transport", organization=second.obligation.organization
    ).first()

    def scenario(page):
        sign_in(page, live_server, "coordinator")
        shot(page, "tasks-coordinator", size)
        page.get_by_role("link", name="Начать проверку с самого давнего").click()
        page.get_by_text("из очереди «на проверке»").wait_for()
        opened_first = page.url
        page.get_by_role("button", name="Принять отчёт").click()
        page.get_by_text("Отчёт принят.").wait_for()
        opened_second = page.url
        page.get_by_label("Комментарий для организации").fill("Приложите приказ (демо).")
        page.get_by_role("button", name="Вернуть на доработку").click()
        page.get_by_text("Отчёт возвращён организации на доработку.").wait_for()
        opened_third = page.url
        page.get_by_role("button", name="Выйти").click()
        returned_page = None
        if owner is not None:
            sign_in(page, live_server, owner.user.username)
            returned_page = page.locator(".today-block", has_text="Возвращены на доработку")
            returned_page = returned_page.inner_text()
        return opened_first, opened_second, opened_third, returned_page

    opened = in_chromium(scenario, **VIEWPORTS[size])
    assert f"/obligations/{first.obligation_id}/periods/{first.period_id}/" in opened[0]
    assert f"/obligations/{second.obligation_id}/periods/{second.period_id}/" in opened[1]
    assert opened[2] != opened[1]
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.state == Report.State.ACCEPTED
    assert second.state == Report.State.RETURNED
    if owner is not None:
        assert "Приложите приказ (демо)." in opened[3]


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_chair_and_observer_see_their_start_pages(live_server, demo, size):
    def scenario(page):
        sign_in(page, live_server, "chair")
        meeting = page.locator(".today-block", has_text="Следующее заседание совета")
        text = meeting.inner_text()
        fit = fits(page)
        shot(page, "tasks-chair", size)
        page.get_by_role("button", name="Выйти").click()
        sign_in(page, live_server, "observer")
        progress = page.locator(".today-block", has_text="Ход исполнения").inner_text()
        shot(page, "tasks-observer", size)
        return text, progress, fit

    meeting, progress, fit = in_chromium(scenario, **VIEWPORTS[size])
    assert "Заседание №" in meeting
    assert "31.01.2024" in meeting
    assert "приглашения не разосланы" in meeting
    assert "IV квартал 2023 года" in progress
    assert fit
