"""«Мои задачи»: each role's lists, their empty states, the review queue, and fixed query counts."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from council.demo import council_demo_load
from council.services import meeting_create
from documents.demo import DEMO_PASSWORD, demo_load
from orgs.models import Cluster, UserRole
from orgs.tests.factories import UserFactory
from reporting.demo import demo_reports_load
from reporting.models import Report
from reporting.services import report_return
from reporting.tests.factories import build_cluster
from tests.db_snapshot import restore_or_build
from today.selectors import current_periods, expected_slots, plan_periods

TOMSK = ZoneInfo("Asia/Tomsk")
# 10.01.2024: the fourth quarter of 2023 is still awaiting its reports (due mid-January).
DAY = datetime(2024, 1, 10, 12, 0, tzinfo=TOMSK)


def _load() -> None:
    demo_load()
    council_demo_load(cluster=Cluster.objects.get(slug="transport"), password=DEMO_PASSWORD)
    demo_reports_load()


@pytest.fixture
def demo(db):
    restore_or_build("today-demo", _load)
    with time_machine.travel(DAY, tick=False):
        yield {user.username: user for user in get_user_model().objects.all()}


def tasks_page(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("today:tasks"))
    assert response.status_code == 200
    return response.content.decode()


def test_sign_in_lands_on_my_tasks(client, demo):
    response = client.post(
        reverse("login"), {"username": "ttvts", "password": DEMO_PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("today:tasks")
    assert "<h1>Мои задачи</h1>" in response.content.decode()


def test_representative_sees_owed_returned_and_one_click_to_the_form(client, demo):
    page = tasks_page(client, demo["tkgt"])
    assert "Отчёты к сдаче" in page
    assert "сдать до" in page
    returned = Report.objects.filter(
        state=Report.State.RETURNED, obligation__organization__short_name="ОГБПОУ «ТКГТ»"
    )
    for report in returned:
        assert report.review_comment in page
        assert reverse("reporting:report_page", args=[report.obligation_id, report.period_id])
    assert "Поручения совета организации" in page
    assert "Ближайшие мероприятия организации" in page


def test_a_report_returned_with_a_comment_appears_on_the_representative_page(client, demo):
    submitted = (
        Report.objects.filter(
            state=Report.State.SUBMITTED, obligation__organization__short_name="ОГБПОУ «ТТВТС»"
        ).first()
        or Report.objects.filter(state=Report.State.ACCEPTED).first()
    )
    Report.objects.filter(pk=submitted.pk).update(state=Report.State.SUBMITTED)
    submitted.refresh_from_db()
    report_return(
        report=submitted, actor=demo["coordinator"], comment="Приложите приказ о проведении."
    )
    owner = UserRole.objects.get(
        cluster__slug="transport", organization=submitted.obligation.organization
    ).user
    page = tasks_page(client, owner)
    assert "Возвращены на доработку" in page
    assert "Приложите приказ о проведении." in page


def test_empty_states_say_what_they_mean(client, demo):
    Report.objects.filter(state=Report.State.RETURNED).delete()
    Report.objects.filter(state=Report.State.SUBMITTED).update(state=Report.State.ACCEPTED)
    page = tasks_page(client, demo["coordinator"])
    assert "Очередь пуста: ни один отчёт не ждёт проверки." in page
    assert "Запросов на перенос срока, ждущих решения, нет." in page
    assert "Следующее заседание совета не назначено." in page
    page = tasks_page(client, demo["tkgt"])
    assert "Возвращённых отчётов нет" in page


def test_all_reports_handed_in_says_so_for_the_period(client, demo):
    for report in Report.objects.filter(obligation__organization__short_name="ОГБПОУ «ТТВТС»"):
        Report.objects.filter(pk=report.pk).update(state=Report.State.ACCEPTED, status="done")
    user = demo["ttvts"]
    client.force_login(user)
    # Every expected report of ТТВТС until the IV quarter, accepted: the page says so.

    cluster = Cluster.objects.get(slug="transport")
    periods = plan_periods([cluster.pk])
    current = current_periods(periods, DAY.date())
    until = [p for c in current for p in periods[c.plan_id] if p.end <= c.end]
    organization = UserRole.objects.get(user=user).organization
    for slot in expected_slots(until, organization_id=organization.pk):
        if slot.report is None:
            Report.objects.create(
                obligation_id=slot.obligation.id,
                period=slot.period,
                state=Report.State.ACCEPTED,
                status="done",
            )
    page = tasks_page(client, user)
    assert "Все отчёты за IV квартал 2023 года сданы" in page


def test_coordinator_queue_is_oldest_first_and_review_moves_to_the_next(client, demo):
    queue = list(Report.objects.filter(state=Report.State.SUBMITTED).order_by("submitted_at", "pk"))
    if len(queue) < 2:
        for report in Report.objects.filter(state=Report.State.ACCEPTED)[: 2 - len(queue)]:
            Report.objects.filter(pk=report.pk).update(
                state=Report.State.SUBMITTED, submitted_at=DAY - timedelta(days=1)
            )
        queue = list(
            Report.objects.filter(state=Report.State.SUBMITTED).order_by("submitted_at", "pk")
        )
    oldest, second = queue[0], queue[1]
    Report.objects.filter(pk=oldest.pk).update(submitted_at=DAY - timedelta(days=30))
    page = tasks_page(client, demo["coordinator"])
    first_link = reverse("reporting:report_page", args=[oldest.obligation_id, oldest.period_id])
    assert "Начать проверку с самого давнего" in page
    assert page.index(first_link) < page.index(
        reverse("reporting:report_page", args=[second.obligation_id, second.period_id])
    )
    response = client.post(
        reverse("reporting:report_review", args=[oldest.pk]),
        {"decision": "accept", "comment": "", "next": "queue"},
    )
    oldest.refresh_from_db()
    assert oldest.state == Report.State.ACCEPTED
    assert response.status_code == 302
    assert response["Location"].endswith("?queue=1")
    assert response["Location"] != first_link + "?queue=1"
    page = client.get(response["Location"]).content.decode()
    assert "из очереди «на проверке»" in page


def test_chair_sees_the_next_meeting_and_what_it_lacks(client, demo):
    council = Cluster.objects.get(slug="transport").council
    meeting_create(
        council=council,
        actor=demo["secretary"],
        starts_at=DAY + timedelta(days=14),
        place="Зал заседаний",
    )
    page = tasks_page(client, demo["chair"])
    assert "председатель совета" in page
    assert "Следующее заседание совета" in page
    assert "нет повестки" in page
    assert "приглашения не разосланы" in page
    assert "для кворума нужно 4" in page  # seven members: more than half
    assert "Поручения в работе" in page and "Просроченные поручения" in page


def test_observer_sees_the_progress_of_the_cluster(client, demo):
    page = tasks_page(client, demo["observer"])
    assert "Ход исполнения" in page
    assert "IV квартал 2023 года" in page
    assert "принято" in page


def test_a_user_without_roles_is_told_whom_to_ask(client, db):
    page = tasks_page(client, UserFactory())
    assert "У вас пока нет доступа ни к одному кластеру." in page


def _count(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("today:tasks")).status_code == 200
    return len(queries)


@pytest.mark.parametrize("kind", ["coordinator", "representative", "observer"])
def test_query_count_does_not_grow_with_the_plan(client, db, kind):
    """A plan of 2 organizations × 4 activities (lists shorter than a page) and one of 30 × 200
    (lists cut to a page) cost the same queries: no query per row."""
    with time_machine.travel(datetime(2024, 10, 5, 12, tzinfo=TOMSK), tick=False):
        counts = []
        for size, (organizations, activities) in enumerate([(2, 4), (30, 200)]):
            built = build_cluster(
                organizations=organizations, activities=activities, slug=f"size-{size}"
            )
            if kind == "coordinator":
                user = built["coordinator"]
            else:
                user = UserFactory()
                UserRole.objects.create(
                    user=user,
                    cluster=built["cluster"],
                    kind=kind,
                    organization=built["organizations"][0] if kind == "representative" else None,
                )
            counts.append(_count(client, user))
    assert counts[0] == counts[1], counts


def test_a_representative_sees_only_their_own_organization(client, demo):
    """Another organization's returned report and comment, and the coordinator's queue, stay off
    a representative's page."""
    report = (
        Report.objects.filter(obligation__organization__short_name="ОГБПОУ «ТТВТС»")
        .exclude(state=Report.State.DRAFT)
        .first()
    )
    Report.objects.filter(pk=report.pk).update(
        state=Report.State.RETURNED, review_comment="Замечание только для ТТВТС."
    )
    assert "Замечание только для ТТВТС." in tasks_page(client, demo["ttvts"])
    page = tasks_page(client, demo["tkgt"])
    assert "Замечание только для ТТВТС." not in page
    assert "На проверке" not in page
    assert "Не отчитались" not in page
