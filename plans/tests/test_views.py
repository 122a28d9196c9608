from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from orgs.models import UserRole
from orgs.tests.factories import ClusterFactory, member, user_with_role
from plans.services import plan_import
from plans.tests.factories import plan_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    cluster = ClusterFactory(slug="transport")
    ttvts = member(cluster, short_name="ОГБПОУ «ТТВТС»")
    member(cluster, short_name="ОГБПОУ «ТКГТ»")
    plan = plan_import(cluster=cluster, document=plan_document((2, 1)), actor=None)
    return {
        "cluster": cluster,
        "plan": plan,
        "ttvts": ttvts,
        "coordinator": user_with_role(cluster, UserRole.Kind.COORDINATOR),
        "representative": user_with_role(cluster, UserRole.Kind.REPRESENTATIVE, ttvts),
        "outsider": user_with_role(ClusterFactory(), UserRole.Kind.COORDINATOR),
    }


def get(client, user, url, **params):
    client.force_login(user)
    return client.get(url, params)


@time_machine.travel(date(2023, 10, 20))
def test_plan_page_shows_objectives_activities_executors_and_states(client, setup):
    response = get(
        client, setup["representative"], reverse("plans:plan_detail", args=[setup["plan"].pk])
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Задача 1. Задача номер 1" in page
    assert "Мероприятие 2.1" in page
    assert "ОГБПОУ «ТТВТС»" in page
    assert "октябрь 2023 года" in page
    assert "01.10.2023 – 31.10.2023" in page
    assert "скоро срок" in page
    assert "Всего мероприятий: 3" in page


def test_plan_page_filters_by_text_and_says_when_nothing_matches(client, setup):
    url = reverse("plans:plan_detail", args=[setup["plan"].pk])
    page = get(client, setup["coordinator"], url, q="мероприятие 1.2").content.decode()
    assert "Найдено мероприятий: 1" in page
    assert "Мероприятие 1.2" in page
    assert "Мероприятие 2.1" not in page
    page = get(client, setup["coordinator"], url, q="нет такого").content.decode()
    assert "не подходит ни одно мероприятие" in page


def test_bad_filter_values_are_ignored_not_500(client, setup):
    url = reverse("plans:plan_detail", args=[setup["plan"].pk])
    response = get(
        client,
        setup["coordinator"],
        url,
        organization="abc",
        period="2099-13",
        state="x",
        page="zz",
    )
    assert response.status_code == 200
    assert "Мероприятие 2.1" in response.content.decode()


def test_plan_of_another_cluster_is_404(client, setup):
    response = get(client, setup["outsider"], reverse("plans:plan_detail", args=[setup["plan"].pk]))
    assert response.status_code == 404


def test_anonymous_is_sent_to_login(client, setup):
    response = client.get(reverse("plans:plan_detail", args=[setup["plan"].pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_activity_page(client, setup):
    activity = setup["plan"].activities.get(number="1.1")
    page = get(
        client, setup["representative"], reverse("plans:activity_detail", args=[activity.pk])
    ).content.decode()
    assert "Мероприятие 1.1" in page
    assert "Руководители ПОО" in page
    assert "ответственный" in page


@time_machine.travel(date(2023, 9, 10))
def test_organization_page_lists_what_it_owes(client, setup):
    url = reverse("plans:organization_detail", args=["transport", setup["ttvts"].pk])
    page = get(client, setup["representative"], url).content.decode()
    assert "Что мы должны сделать и к какому сроку" in page
    assert page.count("31.10.2023") >= 3
    assert "не начато" in page


def test_timeline_page(client, setup):
    response = get(
        client, setup["coordinator"], reverse("plans:plan_timeline", args=[setup["plan"].pk])
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Лента времени: 2023-2024" in page
    assert page.count('class="timeline-bar') == 3


def test_cluster_page_offers_import_only_to_coordinator(client, setup):
    url = reverse("orgs:cluster_detail", args=["transport"])
    assert "Загрузить план" in get(client, setup["coordinator"], url).content.decode()
    assert "Загрузить план" not in get(client, setup["representative"], url).content.decode()


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["plan_detail", "plan_timeline"])
def test_plan_pages_cost_the_same_queries_for_3_and_60_activities(client, page):
    cluster = ClusterFactory()
    member(cluster)
    small = plan_import(cluster=cluster, document=plan_document((2, 1)), actor=None)
    big = plan_import(
        cluster=cluster, document=plan_document((20, 20, 20), year="2024-2025"), actor=None
    )
    client.force_login(user_with_role(cluster, UserRole.Kind.OBSERVER))
    small_count = count_queries(client, reverse(f"plans:{page}", args=[small.pk]))
    assert count_queries(client, reverse(f"plans:{page}", args=[big.pk])) == small_count
    assert small_count <= 11  # with one GROUP BY for the state counts, reused by the archive


def test_organization_and_cluster_pages_cost_the_same_queries_whatever_the_rows(client):
    cluster = ClusterFactory()
    college = member(cluster)
    client.force_login(user_with_role(cluster, UserRole.Kind.OBSERVER))
    org_url = reverse("plans:organization_detail", args=[cluster.slug, college.pk])
    cluster_url = reverse("orgs:cluster_detail", args=[cluster.slug])
    plan_import(cluster=cluster, document=plan_document((1,)), actor=None)
    before = count_queries(client, org_url), count_queries(client, cluster_url)
    for _ in range(5):
        member(cluster)
    plan_import(cluster=cluster, document=plan_document((30, 30), year="2024-2025"), actor=None)
    assert (count_queries(client, org_url), count_queries(client, cluster_url)) == before
