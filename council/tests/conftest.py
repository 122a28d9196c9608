"""The demo transport cluster with its seed plan and a seven-member council, as most council tests
need it; and the people who act in them."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from council.demo import council_demo_load
from council.models import Attendance
from council.services import attendance_mark, decision_record, item_create, meeting_create
from documents.demo import DEMO_PASSWORD, demo_load
from orgs.models import Cluster, Organization
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.db_snapshot import restore_or_build


def _load_council_demo() -> None:
    demo_load()
    council_demo_load(cluster=Cluster.objects.get(slug="transport"), password=DEMO_PASSWORD)


@pytest.fixture
def cluster(db):
    """The demo with its council: loaded once per test process, restored for each test."""
    restore_or_build("council-demo", _load_council_demo)
    return Cluster.objects.get(slug="transport")


@pytest.fixture
def council(cluster):
    return cluster.council


@pytest.fixture
def users(cluster):
    User = get_user_model()
    return {user.username: user for user in User.objects.all()}


@pytest.fixture
def orgs(cluster):
    return {org.short_name: org for org in Organization.objects.all()}


def local(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


TOMSK = ZoneInfo("Asia/Tomsk")
NOON = datetime(2023, 11, 15, 12, 0, tzinfo=TOMSK)  # two hours after the meetings below begin
QUORUM = {
    "Ю.В. Дроздов",
    "Демо: Е.А. Смирнова",
    "Демо: А.П. Ковалёв",
    "Демо: О.Н. Белова",
    "Демо: С.В. Морозов",
}


def marks(council, names_present, *, substitute_for=()):
    """Presence marks for every member: those named present, the rest absent."""
    result = {}
    for member in council.members.select_related("person"):
        if member.person.full_name in substitute_for:
            result[member.pk] = Attendance.Presence.SUBSTITUTE
        elif member.person.full_name in names_present:
            result[member.pk] = Attendance.Presence.PRESENT
        else:
            result[member.pk] = Attendance.Presence.ABSENT
    return result


def refused(call, *words):
    """The call raises a ValidationError whose Russian message has every word given."""
    with pytest.raises(ValidationError) as error:
        call()
    text = " ".join(error.value.messages)
    for word in words:
        assert word in text, text
    return text


@pytest.fixture
def now():
    """The clock at noon on 15.11.2023, the day of the meeting."""
    with time_machine.travel(NOON, tick=False):
        yield


@pytest.fixture
def secretary(users):
    return users["secretary"]


@pytest.fixture
def meeting(council, secretary, now):
    return meeting_create(
        council=council, actor=secretary, starts_at=local(2023, 11, 15, 10), place="Зал"
    )


@pytest.fixture
def item(meeting, secretary):
    return item_create(meeting=meeting, actor=secretary, title="О плане")


@pytest.fixture
def quorate(meeting, council, secretary):
    attendance_mark(meeting=meeting, actor=secretary, marks=marks(council, QUORUM))
    return meeting


@pytest.fixture
def orders(quorate, item, secretary):
    return decision_record(item=item, actor=secretary, kind="assignments", text="Поручить:")


@pytest.fixture(scope="package")
def browser():
    """Debian's Chromium for test_browser.py, as tests/browser/conftest.py launches it, but closed
    when this package's tests end: one thread can drive only one Playwright at a time, and the
    session-wide one of tests/browser starts after this package in the suite's order."""
    import os

    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail("Debian's chromium is missing: run `make browser-deps` (make test does).")
    # Playwright's loop shares the thread with the ORM; allowed only while these tests run, so
    # later tests (and the subprocesses they start, e.g. check --deploy) do not inherit it.
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield launched
            launched.close()
    finally:
        if before is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="ru-RU", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()
