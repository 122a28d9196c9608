"""A school finds an event in the public calendar without signing in, filters it, and registers a
class; bad input is answered in Russian and writes nothing. Also on a phone-sized screen.

Chromium runs in a thread of its own (as in reporting's browser tests): Playwright's sync API keeps
an event loop in the thread that starts it, so the main thread stays free for the ORM and for other
modules' browsers. The database is checked from the test's thread afterwards.
"""

import os
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from documents.demo import demo_load
from events.models import Event, GroupRegistration
from events.services import SlotData, event_create, event_kinds_ensure
from orgs.models import Cluster, Organization
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def at(days: int, hour: int):
    from datetime import datetime

    from django.utils import timezone

    day = timezone.localdate() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, tzinfo=timezone.get_current_timezone())


def in_chromium(scenario, **context_options):
    """Run scenario(page) in a fresh Chromium in a thread of its own; return what it returns."""
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

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


@pytest.fixture
def calendar():
    demo_load()
    cluster = Cluster.objects.get(slug="transport")
    kinds = {kind.code: kind for kind in event_kinds_ensure(cluster=cluster)}
    host = Organization.objects.get(short_name="ОГБПОУ «ТТВТС»")

    def make(kind, title, grades, municipality, days):
        return event_create(
            cluster=cluster,
            kind=kinds[kind],
            title=title,
            host=host,
            actor=None,
            place="ОГБПОУ «ТТВТС»",
            municipality=municipality,
            profession="Проводник",
            grade_min=grades[0],
            grade_max=grades[1],
            status=Event.Status.OPEN,
            slots=[SlotData(at(days, 10), at(days, 12), 20)],
        )

    return {
        "cluster": cluster,
        "trial": make("trial", "Профпроба «Проводник»", (8, 10), "г. Томск", 5),
        "game": make("game_program", "Игра «Юный железнодорожник»", (5, 7), "Томский район", 9),
    }


def test_a_school_filters_the_calendar_and_registers_a_class(live_server, calendar, settings):
    # A robot fills the form faster than a person; this one is told not to mind (events.forms.guard).
    settings.EVENT_FORM_MIN_SECONDS = 0

    def scenario(page):
        page.goto(f"{live_server.url}/public/transport/events/")
        page.get_by_role("heading", name="Мероприятия для школьников").wait_for()
        assert page.get_by_role("link", name="Профпроба «Проводник»").count() == 1
        assert page.get_by_role("link", name="Игра «Юный железнодорожник»").count() == 1

        page.get_by_label("Класс").select_option(label="6 класс")
        page.wait_for_url("**grade=6**")
        page.get_by_role("link", name="Профпроба «Проводник»").wait_for(state="detached")
        assert page.get_by_role("link", name="Игра «Юный железнодорожник»").count() == 1

        page.get_by_role("link", name="Записать класс").click()
        page.get_by_role("heading", name="Запись класса").wait_for()
        page.get_by_label("Школа").fill("МАОУ СОШ № 5")
        page.get_by_label("Муниципалитет (город или район)").fill("г. Томск")
        page.get_by_label("Класс").select_option("6")
        page.get_by_label("Сколько учеников придёт").fill("-3")
        page.get_by_label("ФИО сопровождающего педагога").fill("Иванова Мария Петровна")
        page.get_by_label("E-mail педагога").fill("ivanova@")
        page.get_by_role("button", name="Отправить заявку").click()

        page.get_by_text("Учеников должно быть не меньше 1.").wait_for()
        assert page.get_by_text("Проверьте e-mail: в нём есть ошибка.").count() == 1
        refused = "Без согласия на обработку ваших контактов заявку не принять."
        assert page.get_by_text(refused).count() == 1

        page.get_by_label("Сколько учеников придёт").fill("25")
        page.get_by_label("E-mail педагога").fill("ivanova@school5.ru")
        page.get_by_label("Я согласен(на)").check()
        page.get_by_role("button", name="Отправить заявку").click()
        page.get_by_text("Группа больше, чем всего мест на это время (20)").wait_for()

        page.get_by_label("Сколько учеников придёт").fill("18")
        page.get_by_label("Я согласен(на)").check()
        page.get_by_role("button", name="Отправить заявку").click()
        page.get_by_role("heading", name="Заявка на «Игра «Юный железнодорожник»»").wait_for()
        return page.get_by_text("ждёт подтверждения").count()

    assert in_chromium(scenario) == 1
    # Two refused submissions wrote nothing; the third wrote exactly one group, without names.
    registration = GroupRegistration.objects.get()
    assert (registration.pupils, registration.grade, registration.slot.event) == (
        18,
        6,
        calendar["game"],
    )


def test_the_calendar_fits_a_phone(live_server, calendar):
    paths = ("/public/transport/events/", f"/public/transport/events/{calendar['trial'].pk}/")

    def scenario(page):
        overflows = []
        for path in paths:
            page.goto(f"{live_server.url}{path}")
            overflows.append(
                page.evaluate(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth"
                )
            )
        button = page.get_by_role("button", name="Отправить заявку")
        return overflows, button.bounding_box()["width"]

    overflows, width = in_chromium(scenario, viewport={"width": 390, "height": 844}, is_mobile=True)
    assert overflows == [0, 0]
    assert width > 300  # the button spans the phone's width
