"""A coordinator imports the seed DOCX through the preview; a representative sees their obligations;
a plan whose header is not understood is imported by correcting the reading in the preview.

Every wait is for a condition on the page (Playwright's `expect` and `wait_for`), never a fixed time,
so a loaded machine only makes the test slower."""

from pathlib import Path

import pytest
from django.conf import settings
from docx import Document
from playwright.sync_api import expect

from documents.demo import DEMO_PASSWORD, demo_load
from documents.models import PlanReadingChoices
from plans.models import Plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SEED_DOCX = Path(settings.BASE_DIR) / "seed" / "plan-transport-cluster-2023-2024.docx"


@pytest.fixture
def demo_without_plan():
    demo_load()
    Plan.objects.all().delete()


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Войти").click()


def test_coordinator_imports_seed_docx_and_representative_sees_obligations(
    page, live_server, demo_without_plan
):
    sign_in(page, live_server, "coordinator")
    page.get_by_role("link", name="Загрузить план").first.click()
    page.get_by_label("Документ плана").set_input_files(str(SEED_DOCX))
    page.get_by_role("button", name="Просмотреть").click()

    page.get_by_role("heading", name="Проверьте план перед сохранением").wait_for()
    assert "мероприятий: 17" in page.content()
    assert page.get_by_text("01.10.2023 – 31.10.2023").count() >= 1
    page.get_by_role("button", name="Сохранить план").click()

    page.get_by_text("сохранён").wait_for()
    assert (
        page.get_by_role("heading", name="образовательно-отраслевого кластера транспорта").count()
        == 1
    )
    assert page.locator("table.plan-table tbody tr:not(.objective-row)").count() == 17
    assert Plan.objects.get().activities.count() == 17

    page.get_by_label("Поиск").fill("чемпионат")
    page.wait_for_url("**q=**")
    page.get_by_text("Найдено мероприятий: 3").wait_for()

    page.get_by_role("button", name="Выйти").click()
    sign_in(page, live_server, "ttvts")
    page.get_by_role("link", name="Что должна моя организация").click()
    page.get_by_role("heading", name="Что мы должны сделать и к какому сроку").wait_for()
    rows = page.locator("table.table tbody tr")
    assert rows.count() == 16  # every activity but 1.1, which is the council's
    assert rows.first.inner_text().startswith("3.1")  # «Сентябрь 2023 года» is due first

    response = page.goto(f"{live_server.url}/clusters/transport/import/")
    assert response.status == 403


def test_plan_page_on_a_phone(browser, live_server):
    demo_load()
    context = browser.new_context(
        locale="ru-RU", viewport={"width": 390, "height": 844}, is_mobile=True
    )
    page = context.new_page()
    sign_in(page, live_server, "observer")
    page.get_by_role("heading", name="Мои задачи").wait_for()  # the start page, then the cluster
    page.get_by_role("link", name="Кластер транспорта").first.click()
    page.get_by_role("link", name=Plan.objects.get().title).click()
    first_row = page.locator("table.plan-table tbody tr:not(.objective-row)").first
    assert first_row.bounding_box()["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


def belarusian_plan(path: Path) -> Path:
    """A school plan with a Belarusian header (no word of it is known) and a group row that reads
    like an activity without a number."""
    document = Document()
    document.add_paragraph("План мерапрыемстваў кластара на 2023/2024 навучальны год")
    rows = [
        ("№ п/п", "Мерапрыемства", "Тэрмін", "Заўвагі", "Адказны"),
        ("", "Арганізацыйная праца", "", "", ""),
        ("1.1", "Трудовая акция «Чистый лес».", "Верасень 2023", "штогод", "Руководители ПОО"),
        ("1.2", "Посадка леса.", "Кастрычнік 2023", "упершыню", "ЦОПП"),
    ]
    table = document.add_table(rows=len(rows), cols=5)
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    document.save(str(path))
    return path


def test_unknown_header_is_imported_by_choosing_column_roles_and_marking_a_section(
    page, live_server, demo_without_plan, tmp_path
):
    sign_in(page, live_server, "coordinator")
    page.get_by_role("link", name="Загрузить план").first.click()
    page.get_by_label("Документ плана").set_input_files(str(belarusian_plan(tmp_path / "les.docx")))
    page.get_by_role("button", name="Просмотреть").click()
    page.get_by_role("heading", name="Проверьте план перед сохранением").wait_for()
    expect(page.locator("#reading")).to_contain_text("Заголовок таблицы не распознан")
    columns = page.locator("#columns tbody tr")

    expect(page.get_by_label("Роль столбца 4")).to_have_value("deadline")  # the wrong guess
    page.get_by_label("Роль столбца 3").select_option("deadline")
    expect(columns.nth(2)).to_contain_text("выбрано вами")
    expect(page.get_by_label("Роль столбца 4")).to_have_value("extra")  # gave up its role
    plan_rows = page.locator("table.preview-table tbody tr")
    expect(plan_rows.filter(has_text="Посадка леса.")).to_contain_text("Кастрычнік 2023")

    group = plan_rows.filter(has_text="Арганізацыйная праца")
    group.get_by_role("button", name="это раздел").click()
    expect(page.locator("tr.objective-row")).to_contain_text("Арганізацыйная праца")
    expect(page.locator("#reading")).to_contain_text("мероприятий: 2")

    page.get_by_role("button", name="Сохранить план").click()
    page.get_by_text("сохранён").wait_for()
    plan = Plan.objects.get()
    assert [(o.number, o.title) for o in plan.objectives.order_by("position")] == [
        ("", "Арганізацыйная праца")
    ]
    assert list(
        plan.activities.order_by("position").values_list(
            "number", "title", "executors_text", "deadline_text", "extra"
        )
    ) == [
        ("1.1", "Трудовая акция «Чистый лес».", "Руководители ПОО", "Верасень 2023", {"Заўвагі": "штогод"}),
        ("1.2", "Посадка леса.", "ЦОПП", "Кастрычнік 2023", {"Заўвагі": "упершыню"}),
    ]  # fmt: skip
    assert PlanReadingChoices.objects.get(plan=plan).choices["columns"] == {"2": "deadline"}
