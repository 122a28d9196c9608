"""In Chromium: a representative fills and submits a report (autosaved draft), the coordinator
returns it, the representative sees what to fix; the report page and the dashboard fit a phone.

Each test drives its own Chromium in a thread of its own: Playwright's sync API runs an event
loop in the thread that starts it, so sharing the main thread with another module's session-wide
browser fixture would fail. The database is checked from the test's thread afterwards.
"""

import os
from concurrent.futures import ThreadPoolExecutor

import pytest

from documents.demo import DEMO_PASSWORD, demo_load
from plans.models import Plan
from reporting.models import Report, ReportingPeriod
from reporting.services import periods_generate
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True}


def in_chromium(scenario, **context_options):
    """Run scenario(page) in a fresh Chromium, in a thread of its own; return what it returns."""
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail("Debian's chromium is missing: run `make browser-deps` (make test does).")

    def run():
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                context = browser.new_context(
                    locale="ru-RU",
                    **({"viewport": {"width": 1280, "height": 900}} | context_options),
                )
                page = context.new_page()
                page.set_default_timeout(15_000)
                return scenario(page)
            finally:
                browser.close()

    with ThreadPoolExecutor(max_workers=1) as pool:  # no ORM in that thread: only the browser
        return pool.submit(run).result()


@pytest.fixture
def demo_with_quarters():
    demo_load()
    periods_generate(plan=Plan.objects.get(), kind=ReportingPeriod.Kind.QUARTER, actor=None)


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Войти").click()


def test_representative_submits_and_coordinator_returns(live_server, demo_with_quarters):
    def scenario(page):
        sign_in(page, live_server, "ttvts")
        page.get_by_role("link", name="Отчёты моей организации").click()
        page.get_by_role("heading", name="Отчёты моей организации").wait_for()
        page.get_by_role("link", name="Заполнить").first.click()

        page.get_by_label("Отметка о выполнении").select_option("in_progress")
        page.get_by_label("Что сделано за период").fill("Проведены две профпробы для 8-х классов.")
        page.get_by_label("Причина").click()  # leaving the text fires «change»: the autosave
        page.get_by_text("Черновик сохранён в").wait_for()
        page.get_by_role("button", name="Отправить на проверку").click()
        page.get_by_text("Отчёт отправлен на проверку координатору.").wait_for()
        report_url = page.url

        page.get_by_role("button", name="Выйти").click()
        sign_in(page, live_server, "coordinator")
        page.goto(report_url)
        page.get_by_label("Комментарий для организации").fill("Приложите список участников.")
        page.get_by_role("button", name="Вернуть на доработку").click()
        page.get_by_text("Отчёт возвращён организации на доработку.").wait_for()

        page.get_by_role("button", name="Выйти").click()
        sign_in(page, live_server, "ttvts")
        page.goto(report_url)
        page.locator(".message-warning", has_text="Приложите список участников.").wait_for()
        return page.get_by_role("button", name="Отправить на проверку").is_visible()

    assert in_chromium(scenario) is True  # editable again
    report = Report.objects.get()
    assert (report.state, report.text) == ("returned", "Проведены две профпробы для 8-х классов.")
    assert report.review_comment == "Приложите список участников."
    assert [v.decision for v in report.versions.all()] == ["returned"]


def test_report_page_and_dashboard_fit_a_phone(live_server, demo_with_quarters):
    def scenario(page):
        sign_in(page, live_server, "ttvts")
        page.get_by_role("link", name="Отчёты моей организации").click()
        page.get_by_role("link", name="Заполнить").first.click()
        page.get_by_label("Что сделано за период").wait_for()
        widths = [page.evaluate("document.documentElement.scrollWidth")]
        page.goto(f"{live_server.url}/clusters/transport/execution/")
        page.get_by_role("heading", name="Исполнение плана").wait_for()
        widths.append(
            page.evaluate("document.documentElement.scrollWidth")
        )  # matrix scrolls inside
        return widths

    assert all(width <= 390 for width in in_chromium(scenario, **PHONE))
