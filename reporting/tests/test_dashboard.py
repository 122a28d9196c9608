"""The execution dashboard: numbers, links to the rows behind them, and a fixed query count."""

from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reporting.selectors import SlotFilters, cluster_dashboard, plan_grid
from reporting.services import report_submit
from reporting.tests.factories import build_cluster

pytestmark = pytest.mark.django_db
TODAY = date(2024, 5, 10)


def queries_for(client, user, url, params=None) -> tuple[int, str]:
    client.force_login(user)
    client.get(url, params)  # warm: session, content types, caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200, url
    return len(captured), response.content.decode()


@time_machine.travel(TODAY, tick=False)
def test_dashboard_costs_the_same_queries_for_30_organizations_and_200_activities(client):
    small = build_cluster(organizations=3, activities=10, slug="small")
    big = build_cluster(organizations=30, activities=200, slug="big")
    counts = {}
    for name, world in (("small", small), ("big", big)):
        slug = world["cluster"].slug
        organization = world["organizations"][0].pk
        pages = {
            "dashboard": (reverse("reporting:execution_dashboard", args=[slug]), None),
            "dashboard filtered": (
                reverse("reporting:execution_dashboard", args=[slug]),
                {"organization": organization, "period": world["periods"][0].pk},
            ),
            "reports list": (
                reverse("reporting:execution_reports", args=[slug]),
                {"state": "not_submitted"},
            ),
            "overdue list": (reverse("reporting:execution_reports", args=[slug]), {"overdue": "1"}),
            "organization to-do": (
                reverse("reporting:organization_reports", args=[slug, organization]),
                None,
            ),
        }
        counts[name] = {
            page: queries_for(client, world["coordinator"], url, params)[0]
            for page, (url, params) in pages.items()
        }
    assert counts["small"] == counts["big"], counts
    assert counts["big"]["dashboard"] <= 15


@time_machine.travel(TODAY, tick=False)
def test_dashboard_numbers_match_the_rows_behind_them(client):
    world = build_cluster(organizations=4, activities=15, slug="four")
    plan, period = world["plan"], world["periods"][0]
    grid = plan_grid(plan=plan)
    dashboard = cluster_dashboard(grid=grid, period=period, today=TODAY, filters=SlotFilters())
    totals = dashboard.totals
    assert totals.expected == totals.accepted + totals.submitted + totals.not_submitted
    assert totals.overdue == totals.not_submitted  # Q1's due date (05.04) has passed
    assert len(dashboard.matrix) == len({slot.activity.id for slot in grid.slots(period)})

    client.force_login(world["coordinator"])
    url = reverse("reporting:execution_dashboard", args=["four"])
    page = client.get(url, {"period": period.pk}).content.decode()
    assert f"<strong>{totals.expected}</strong> отчётов ожидается" in page
    assert f"<strong>{totals.accepted}</strong> принято" in page
    assert "state=accepted" in page
    assert "<svg" in page  # progress bars and the indicator chart, drawn on the server
    assert 'class="matrix"' in page

    listing = client.get(
        reverse("reporting:execution_reports", args=["four"]),
        {"plan": plan.pk, "period": period.pk, "state": "accepted"},
    ).content.decode()
    assert f"найдено: {totals.accepted}" in listing
    by_objective = dashboard.by_objective[0]
    listing = client.get(
        reverse("reporting:execution_reports", args=["four"]),
        {"plan": plan.pk, "period": period.pk, "objective": by_objective.objective.pk},
    ).content.decode()
    assert f"найдено: {by_objective.tally.expected}" in listing


def test_dashboard_empty_states_say_what_to_do(client, world):
    from reporting.models import ReportingPeriod

    ReportingPeriod.objects.all().delete()
    client.force_login(world["coordinator"])
    page = client.get(reverse("reporting:execution_dashboard", args=["transport"])).content.decode()
    assert "У плана ещё нет отчётных периодов" in page
    assert "Задать отчётные периоды" in page
    client.force_login(world["observer"])
    page = client.get(reverse("reporting:execution_dashboard", args=["transport"])).content.decode()
    assert "Отчётные периоды задаёт координатор кластера." in page


@time_machine.travel(date(2024, 4, 8), tick=False)
def test_who_has_not_reported_and_overdue_lists(client, world):
    report_submit(
        obligation=world["ob_quarter_ttvts"],
        period=world["q1"],
        actor=world["rep_ttvts"],
        version=0,
        status="done",
        text="Проведено.",
    )
    client.force_login(world["observer"])
    page = client.get(
        reverse("reporting:execution_dashboard", args=["transport"]), {"period": world["q1"].pk}
    ).content.decode()
    not_reported = page.split("Кто не отчитался за период")[1].split("</section>")[0]
    assert "ОГБПОУ «ТКГТ»" in not_reported and "не сдано 1 из 1" in not_reported
    assert "ОГБПОУ «ТТВТС»</a> — не сдано 1 из 2" in not_reported  # the as-needed one
    overdue = page.split("Просроченные отчёты")[1].split("Скоро срок")[0]
    assert "срок 05.04.2024" in overdue
