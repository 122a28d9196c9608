"""In Chromium: when the report's autosave is refused (a body over the limit: a Russian 413), the
save status says so instead of failing silently."""

import pytest

from reporting.models import Report
from reporting.tests.test_browser import demo_with_quarters, in_chromium, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["demo_with_quarters"]


def test_a_refused_autosave_is_shown(live_server, demo_with_quarters, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 4000

    def scenario(page):
        sign_in(page, live_server, "ttvts")
        page.get_by_role("link", name="Отчёты моей организации").click()
        page.get_by_role("link", name="Заполнить").first.click()
        page.get_by_label("Что сделано за период").fill("Проведены профпробы. " * 120)
        page.get_by_label("Причина").click()  # «change»: the autosave
        status = page.locator("#save-status[role=alert]")
        status.wait_for()
        return status.text_content()

    text = in_chromium(scenario)
    assert "Запрос слишком большой" in text and "Ничего не сохранено" in text
    assert not Report.objects.exists()
