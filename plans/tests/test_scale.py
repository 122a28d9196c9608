"""Plan pages at 10 and at 1,000 activities: the same queries, and no query reads more rows than the
page shows (issue 11, item 2). Filters, counts and states run in the database."""

from dataclasses import replace
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from core.services import api_token_create
from orgs.models import UserRole
from orgs.tests.factories import ClusterFactory, member, user_with_role
from plans.services import plan_import
from plans.tests.factories import plan_document
from plans.tests.sql_log import SqlLog

pytestmark = pytest.mark.django_db

PAGE = 100  # plans.views.ACTIVITIES_PER_PAGE
CONSTANT = 20  # rows a page reads whatever the plan's size: organizations, objectives, states…


@pytest.fixture
def plans():
    cluster = ClusterFactory(slug="transport")
    college = member(cluster, short_name="ОГБПОУ «ТТВТС»")
    other = member(cluster, short_name="ОГБПОУ «ТКГТ»")
    small = plan_import(
        cluster=cluster,
        document=replace(
            plan_document(
                (5, 5), executors="ОГБПОУ «ТТВТС»", year="2024-2025", deadline="октябрь 2024 года"
            ),
            title="Малый план на 2024-2025 учебный год",
        ),
        actor=None,
        year_label="2024-2025",
    )
    big = plan_import(
        cluster=cluster,
        document=plan_document(
            (500, 500), executors="ОГБПОУ «ТТВТС»", year="2024-2025", deadline="октябрь 2024 года"
        ),
        actor=None,
        year_label="2024-2025",
    )
    user = user_with_role(cluster, UserRole.Kind.OBSERVER)
    return {
        "cluster": cluster,
        "college": college,
        "other": other,
        "small": small,
        "big": big,
        "user": user,
    }


def filters_for(plan, college):
    objective = plan.objectives.order_by("position").first()
    return [
        {},
        {"page": "2"},
        {"q": "мероприятие 1"},
        {"organization": str(college.pk)},
        {"objective": str(objective.pk)},
        {"period": f"{plan.window_start.year}-10"},
        {"state": "due_soon"},
        {"state": "done"},
        {"state": "overdue", "q": "1", "organization": str(college.pk)},
    ]


def measure(client, url, params):
    with SqlLog() as log:
        response = client.get(url, params)
    assert response.status_code == 200, (url, params)
    measure.content = response.content.decode()
    return len(log.statements), log.rows()


@time_machine.travel(date(2024, 10, 20))
@pytest.mark.parametrize("view", ["plans:plan_detail", "plans:plan_timeline"])
def test_plan_pages_cost_the_same_at_10_and_1000_activities(client, plans, view):
    client.force_login(plans["user"])
    for small_params, big_params in zip(
        filters_for(plans["small"], plans["college"]),
        filters_for(plans["big"], plans["college"]),
        strict=True,
    ):
        small, _ = measure(client, reverse(view, args=[plans["small"].pk]), small_params)
        big, rows = measure(client, reverse(view, args=[plans["big"].pk]), big_params)
        assert small == big, (small_params, small, big)
        largest = max(rows)
        assert largest[0] <= PAGE + CONSTANT, (big_params, largest)
        if view == "plans:plan_detail" and not big_params:
            # Counted in the database, shown in the state filter.
            assert "скоро срок (1000)" in measure.content


@time_machine.travel(date(2024, 10, 20))
def test_organization_page_and_api_list_read_one_page(client, plans):
    client.force_login(plans["user"])
    org_url = reverse("plans:organization_detail", args=["transport", plans["college"].pk])
    _, rows = measure(client, org_url, {})
    assert max(rows)[0] <= PAGE + CONSTANT, max(rows)
    _, key = api_token_create(user=plans["user"], name="тест")
    for plan in (plans["small"], plans["big"]):
        with SqlLog() as log:
            response = client.get(
                f"/api/v1/plans/{plan.pk}/activities",
                {"state": "due_soon", "limit": 50},
                headers={"Authorization": f"Bearer {key}"},
            )
        assert response.status_code == 200
        assert max(log.rows())[0] <= 50 + CONSTANT
    assert response.json()["count"] == 1000
