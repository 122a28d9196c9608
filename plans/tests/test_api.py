"""The plan, activity and obligation endpoints: scoping by role, filters, pages, writes, queries."""

from datetime import date

import pytest
import time_machine
from django.test import Client

from core.services import api_token_create
from orgs.models import UserRole
from orgs.tests.factories import ClusterFactory, UserFactory, member, user_with_role
from parsing.deadlines import PlanWindow, parse_deadline
from plans import services
from plans.models import Activity, Obligation, PlanEdition
from plans.services import plan_import
from plans.tests.factories import plan_document

pytestmark = pytest.mark.django_db


def bearer(user) -> dict:
    _, key = api_token_create(user=user, name="тест")
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def setup():
    cluster = ClusterFactory(slug="transport")
    ttvts = member(cluster, short_name="ОГБПОУ «ТТВТС»")
    tkgt = member(cluster, short_name="ОГБПОУ «ТКГТ»")
    plan = plan_import(cluster=cluster, document=plan_document((2, 1)), actor=None)
    other = ClusterFactory(slug="agro")
    member(other, short_name="Агроколледж")
    other_plan = plan_import(cluster=other, document=plan_document((1,)), actor=None)
    return {
        "cluster": cluster,
        "plan": plan,
        "other_plan": other_plan,
        "ttvts": ttvts,
        "tkgt": tkgt,
        "coordinator": user_with_role(cluster, UserRole.Kind.COORDINATOR),
        "representative": user_with_role(cluster, UserRole.Kind.REPRESENTATIVE, ttvts),
        "observer": user_with_role(cluster, UserRole.Kind.OBSERVER),
        "other_coordinator": user_with_role(other, UserRole.Kind.COORDINATOR),
    }


def get(client, user, url, **params):
    return client.get(url, params, headers=bearer(user))


def activities_url(plan) -> str:
    return f"/api/v1/plans/{plan.pk}/activities"


# --- Plans -------------------------------------------------------------------------------------


def test_plans_are_those_of_the_callers_clusters(client, setup):
    rows = get(client, setup["representative"], "/api/v1/plans").json()
    assert [row["id"] for row in rows] == [setup["plan"].pk]
    assert rows[0]["cluster"] == "transport"
    assert rows[0]["activity_count"] == 3
    assert rows[0]["window_start"] == "2023-09-01"
    assert (rows[0]["kind"], rows[0]["status"]) == ("work_plan", "approved")


def test_plans_filtered_by_cluster(client, setup):
    admin = UserFactory(is_superuser=True)
    assert len(get(client, admin, "/api/v1/plans").json()) == 2
    rows = get(client, admin, "/api/v1/plans", cluster="agro").json()
    assert [row["id"] for row in rows] == [setup["other_plan"].pk]
    assert get(client, setup["representative"], "/api/v1/plans", cluster="agro").json() == []


def test_plan_editions_and_objectives(client, setup):
    plan = setup["plan"]
    plan_row = get(client, setup["observer"], f"/api/v1/plans/{plan.pk}").json()
    assert plan_row["title"] == plan.title
    editions = get(client, setup["observer"], f"/api/v1/plans/{plan.pk}/editions").json()
    assert [edition["number"] for edition in editions] == [1]
    objectives = get(client, setup["observer"], f"/api/v1/plans/{plan.pk}/objectives").json()
    assert [(o["number"], o["title"]) for o in objectives] == [
        ("1", "Задача номер 1"),
        ("2", "Задача номер 2"),
    ]


def test_representative_cannot_read_another_clusters_plan(client, setup):
    """The issue: a representative's token reads its cluster, not another cluster's plan (404)."""
    other = setup["other_plan"]
    representative = setup["representative"]
    activity = other.activities.first()
    for url in [
        f"/api/v1/plans/{other.pk}",
        f"/api/v1/plans/{other.pk}/editions",
        f"/api/v1/plans/{other.pk}/objectives",
        f"/api/v1/plans/{other.pk}/activities",
        f"/api/v1/activities/{activity.pk}",
        f"/api/v1/activities/{activity.pk}/obligations",
    ]:
        response = get(client, representative, url)
        assert response.status_code == 404, url
        assert response.json()["error"]["code"] == "not_found"
    response = get(client, representative, "/api/v1/obligations", plan=other.pk)
    assert response.status_code == 404
    assert get(client, representative, f"/api/v1/plans/{setup['plan'].pk}").status_code == 200


def test_representative_and_observer_cannot_write(client, setup):
    """The issue: a representative's token cannot write anything (403)."""
    plan = setup["plan"]
    activity = plan.activities.get(number="1.1")
    objective = plan.objectives.get(number="1")
    for user in (setup["representative"], setup["observer"]):
        headers = bearer(user)
        response = client.post(
            activities_url(plan),
            {"objective": objective.pk, "title": "Новое", "number": "1.9"},
            content_type="application/json",
            headers=headers,
        )
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "forbidden"
        assert "координатор" in response.json()["error"]["message"]
        response = client.patch(
            f"/api/v1/activities/{activity.pk}",
            {"title": "Другое"},
            content_type="application/json",
            headers=headers,
        )
        assert response.status_code == 403
    activity.refresh_from_db()
    assert activity.title == "Мероприятие 1.1"
    assert plan.activities.count() == 3


def test_coordinator_of_another_cluster_cannot_write_here(client, setup):
    activity = setup["plan"].activities.get(number="1.1")
    response = client.patch(
        f"/api/v1/activities/{activity.pk}",
        {"title": "Чужое"},
        content_type="application/json",
        headers=bearer(setup["other_coordinator"]),
    )
    assert response.status_code == 404


# --- Activity list -----------------------------------------------------------------------------


@time_machine.travel(date(2023, 10, 20))
def test_activity_list_rows(client, setup):
    body = get(client, setup["representative"], activities_url(setup["plan"])).json()
    assert body["count"] == 3
    first = body["items"][0]
    assert first["number"] == "1.1"
    assert first["objective"]["number"] == "1"
    assert first["deadline"] == {
        "text": "октябрь 2023 года",
        "kind": "interval",
        "start": "2023-10-01",
        "end": "2023-10-31",
        "every": None,
        "reason": None,
    }
    assert first["state"] == "due_soon"
    assert first["state_label"] == "скоро срок"
    assert first["due"] == "2023-10-31"
    [group] = first["executors"]
    assert group["phrase"] == "Руководители ПОО"
    assert {org["short_name"] for org in group["organizations"]} == {
        "ОГБПОУ «ТТВТС»",
        "ОГБПОУ «ТКГТ»",
    }


def test_activity_list_pages(client, setup):
    url = activities_url(setup["plan"])
    body = get(client, setup["coordinator"], url, limit=2, offset=0).json()
    assert body["count"] == 3
    assert [row["number"] for row in body["items"]] == ["1.1", "1.2"]
    body = get(client, setup["coordinator"], url, limit=2, offset=2).json()
    assert [row["number"] for row in body["items"]] == ["2.1"]
    assert get(client, setup["coordinator"], url, limit=500).status_code == 200
    response = get(client, setup["coordinator"], url, limit=501)
    assert response.status_code == 400
    assert response.json()["error"]["details"][0]["field"] == "limit"


def test_activity_list_filters(client, setup):
    plan, user = setup["plan"], setup["coordinator"]
    url = activities_url(plan)

    def numbers(**params):
        response = get(client, user, url, **params)
        assert response.status_code == 200, response.content
        return [row["number"] for row in response.json()["items"]]

    assert numbers(q="мероприятие 1.2") == ["1.2"]
    assert numbers(objective=plan.objectives.get(number="2").pk) == ["2.1"]
    only_ttvts = plan.activities.get(number="1.2")
    Obligation.objects.filter(activity=only_ttvts, organization=setup["tkgt"]).delete()
    assert numbers(organization=setup["tkgt"].pk) == ["1.1", "2.1"]
    Activity.objects.filter(pk=only_ttvts.pk).update(
        deadline_start=date(2023, 12, 1), deadline_end=date(2023, 12, 31)
    )
    assert numbers(due_from="2023-11-01") == ["1.2"]
    assert numbers(due_to="2023-11-01") == ["1.1", "2.1"]
    assert numbers(due_from="2023-10-31", due_to="2023-10-31") == ["1.1", "2.1"]
    assert numbers(ordering="-deadline_end") == ["1.2", "1.1", "2.1"]
    assert numbers(ordering="deadline_end") == ["1.1", "2.1", "1.2"]
    with time_machine.travel(date(2023, 11, 15)):
        assert numbers(state="overdue") == ["1.1", "2.1"]
        assert numbers(state="not_started") == ["1.2"]


def test_activity_list_orders_numbers_as_numbers(client, setup):
    plan = setup["plan"]
    services.activity_update(
        activity=plan.activities.get(number="1.1"), actor=setup["coordinator"], number="1.10"
    )
    response = get(client, setup["coordinator"], activities_url(plan), ordering="number")
    assert [row["number"] for row in response.json()["items"]] == ["1.2", "1.10", "2.1"]


@pytest.mark.parametrize(
    "params",
    [
        {"state": "late"},
        {"ordering": "title"},
        {"due_from": "31.12.2023"},
        {"due_to": "0"},
        {"organization": "abc"},
        {"organization": 2**63},
        {"offset": -1},
        {"limit": 0},
        {"q": "я" * 201},
    ],
)
def test_activity_list_refuses_bad_parameters_with_400(client, setup, params):
    response = get(client, setup["coordinator"], activities_url(setup["plan"]), **params)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_error"


def test_a_wrong_date_is_explained_in_russian(client, setup):
    response = get(client, setup["coordinator"], activities_url(setup["plan"]), due_to="31.12.2023")
    error = response.json()["error"]
    assert error["message"] == "Неверные данные запроса: due_to."
    assert error["details"][0]["message"] == "Ожидается дата в виде ГГГГ-ММ-ДД."


def test_activity_list_refuses_an_organization_of_another_cluster(client, setup):
    stranger = member(ClusterFactory())
    response = get(
        client, setup["coordinator"], activities_url(setup["plan"]), organization=stranger.pk
    )
    assert response.status_code == 404
    assert response.json()["error"]["message"] == "Организация не найдена в кластере этого плана."


def test_activity_list_queries_do_not_grow_with_rows(client, django_assert_num_queries):
    cluster = ClusterFactory()
    member(cluster)
    member(cluster)
    small = plan_import(cluster=cluster, document=plan_document((2, 1)), actor=None)
    large = plan_import(
        cluster=cluster, document=plan_document((30, 30), year="2024-2025"), actor=None
    )
    headers = bearer(user_with_role(cluster, UserRole.Kind.COORDINATOR))
    client.get(activities_url(small), headers=headers)  # the key's first use is written once
    # key, plan, roles, matching ids, the page's activities, their obligations
    with django_assert_num_queries(6):
        assert client.get(activities_url(small), headers=headers).json()["count"] == 3
    with django_assert_num_queries(6):
        body = client.get(activities_url(large), {"limit": 500}, headers=headers).json()
    assert body["count"] == 60
    assert len(body["items"]) == 60
    # ordering and due-date filters happen in the same narrow query, whatever the number of rows
    for params in ({"ordering": "-deadline_end"}, {"ordering": "number", "due_from": "2023-10-01"}):
        with django_assert_num_queries(6):
            client.get(activities_url(small), params, headers=headers)
        with django_assert_num_queries(6):
            client.get(activities_url(large), params, headers=headers)


# --- One activity and obligations --------------------------------------------------------------


def test_activity_detail_and_obligations(client, setup):
    activity = setup["plan"].activities.get(number="1.1")
    body = get(client, setup["representative"], f"/api/v1/activities/{activity.pk}").json()
    assert body["title"] == "Мероприятие 1.1"
    assert body["occurrences"] == ["2023-10-31"]
    rows = get(
        client, setup["representative"], f"/api/v1/activities/{activity.pk}/obligations"
    ).json()
    assert {(row["organization"]["short_name"], row["role"]) for row in rows} == {
        ("ОГБПОУ «ТТВТС»", "lead"),
        ("ОГБПОУ «ТКГТ»", "lead"),
    }
    assert rows[0]["role_label"] == "ответственный"


def test_obligation_list_by_organization_and_plan(client, setup):
    user, plan, ttvts = setup["representative"], setup["plan"], setup["ttvts"]
    body = get(client, user, "/api/v1/obligations", organization=ttvts.pk).json()
    assert body["count"] == 3
    assert {row["organization"]["id"] for row in body["items"]} == {ttvts.pk}
    assert body["items"][0]["activity"]["number"] == "1.1"
    assert body["items"][0]["activity"]["plan_id"] == plan.pk
    body = get(client, user, "/api/v1/obligations", plan=plan.pk).json()
    assert body["count"] == 6
    # the other cluster's obligations are never listed, with or without filters
    assert get(client, setup["other_coordinator"], "/api/v1/obligations").json()["count"] == 1
    response = get(client, user, "/api/v1/obligations", organization=9_999_999)
    assert response.status_code == 404


def test_obligation_list_queries_do_not_grow_with_rows(client, django_assert_num_queries):
    cluster = ClusterFactory()
    college = member(cluster)
    plan_import(cluster=cluster, document=plan_document((2, 1)), actor=None)
    headers = bearer(user_with_role(cluster, UserRole.Kind.OBSERVER))
    url = "/api/v1/obligations"
    client.get(url, headers=headers)
    # key, roles, organization check, obligations page (with activities), count
    with django_assert_num_queries(5):
        assert client.get(url, {"organization": college.pk}, headers=headers).json()["count"] == 3
    plan_import(cluster=cluster, document=plan_document((30, 27), year="2024-2025"), actor=None)
    with django_assert_num_queries(5):
        body = client.get(url, {"organization": college.pk, "limit": 500}, headers=headers).json()
    assert body["count"] == 60
    assert len(body["items"]) == 60


# --- Writes (through plans.services.activity_create / activity_update) -------------------------


def test_coordinator_creates_an_activity_in_a_new_edition(client, setup):
    plan = setup["plan"]
    objective = plan.objectives.get(number="1")
    response = client.post(
        activities_url(plan),
        {
            "objective": objective.pk,
            "number": "1.3",
            "title": "Профессиональные пробы для школьников",
            "executors_text": "ОГБПОУ «ТТВТС»",
            "deadline_text": "IV квартал 2023 года",
            "note": "Решение совета, протокол № 3",
        },
        content_type="application/json",
        headers=bearer(setup["coordinator"]),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["number"] == "1.3"
    assert body["deadline"]["end"] == "2023-12-31"
    assert [g["organizations"][0]["short_name"] for g in body["executors"]] == ["ОГБПОУ «ТТВТС»"]
    assert plan.activities.count() == 4
    assert PlanEdition.objects.filter(plan=plan).count() == 2


def test_coordinator_changes_an_activity(client, setup):
    activity = setup["plan"].activities.get(number="1.1")
    response = client.patch(
        f"/api/v1/activities/{activity.pk}",
        {"deadline_text": "до 15 декабря 2023 г.", "note": "Перенос срока"},
        content_type="application/json",
        headers=bearer(setup["coordinator"]),
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["title"] == "Мероприятие 1.1"
    assert body["deadline"]["text"] == "до 15 декабря 2023 г."
    assert body["deadline"]["end"] == "2023-12-15"
    activity.refresh_from_db()
    assert activity.deadline_end == date(2023, 12, 15)


def test_writes_refuse_bad_data_with_russian_messages(client, setup):
    plan = setup["plan"]
    headers = bearer(setup["coordinator"])
    foreign_objective = setup["other_plan"].objectives.first()
    response = client.post(
        activities_url(plan),
        {"objective": foreign_objective.pk, "title": "Чужая задача"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 400
    assert response.json()["error"]["details"][0]["field"] == "objective"
    response = client.post(
        activities_url(plan),
        {"title": "Без задачи"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 400
    activity = plan.activities.get(number="1.1")
    response = client.patch(
        f"/api/v1/activities/{activity.pk}",
        {"executors_text": "Неизвестная организация"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_error"
    assert "Неизвестная организация" in response.json()["error"]["message"]
    activity.refresh_from_db()
    assert activity.executors_text == "Руководители ПОО"


@pytest.mark.parametrize("body", ["[null, null]", "[]", '"x"', "5", '{"titel": "Опечатка"}'])
def test_patch_refuses_a_body_that_is_not_an_object_of_known_fields(client, setup, body):
    activity = setup["plan"].activities.get(number="1.1")
    response = client.patch(
        f"/api/v1/activities/{activity.pk}",
        body,
        content_type="application/json",
        headers=bearer(setup["coordinator"]),
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_error"


# --- Deadlines ---------------------------------------------------------------------------------


def test_parse_deadlines_gives_the_deadline_shape(client, setup):
    phrases = ["IV квартал 2023 года", "ежемесячно", "по мере необходимости", "когда-нибудь"]
    response = client.post(
        "/api/v1/deadlines/parse",
        {"phrases": phrases, "plan_year": "2023-2024"},
        content_type="application/json",
        headers=bearer(setup["representative"]),
    )
    assert response.status_code == 200
    window = PlanWindow.from_label("2023-2024")
    assert response.json() == [parse_deadline(phrase, window).as_dict() for phrase in phrases]


def test_parse_deadlines_needs_a_caller(setup):
    response = Client().post(
        "/api/v1/deadlines/parse",
        {"phrases": ["май"], "plan_year": "2024"},
        content_type="application/json",
    )
    assert response.status_code == 401


def test_database_outage_is_a_clean_503(client, monkeypatch):
    """A database restart answers every API call with the one error shape, never a traceback."""
    from django.db import OperationalError

    from core.services import api_token_create
    from orgs.tests.factories import UserFactory

    _, key = api_token_create(user=UserFactory(), name="test")

    def down(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("orgs.api.clusters_for", down)
    response = client.get("/api/v1/clusters", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "unavailable"
    assert "недоступна" in response.json()["error"]["message"]
