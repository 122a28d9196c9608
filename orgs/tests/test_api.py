"""The API root (auth, CSRF, one error shape, docs) and the cluster and organization endpoints."""

import pytest
from django.test import Client

from core.services import api_token_create, api_token_revoke
from orgs.models import Organization, UserRole
from orgs.tests.factories import ClusterFactory, UserFactory, member, user_with_role

pytestmark = pytest.mark.django_db


def bearer(user) -> dict:
    _, key = api_token_create(user=user, name="тест")
    return {"Authorization": f"Bearer {key}"}


def assert_error(response, status: int, code: str):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == code
    assert error["message"]
    assert any("а" <= letter <= "я" for letter in error["message"].lower()), error["message"]
    assert isinstance(error["details"], list)
    return error


@pytest.fixture
def world():
    transport = ClusterFactory(slug="transport", short_name="Транспорт")
    agro = ClusterFactory(slug="agro", short_name="Агро")
    ttvts = member(transport, short_name="ОГБПОУ «ТТВТС»")
    member(transport, short_name="Демо: ЦОПП", kind=Organization.Kind.COPP)
    member(agro, short_name="Агроколледж")
    return {
        "transport": transport,
        "agro": agro,
        "ttvts": ttvts,
        "representative": user_with_role(transport, UserRole.Kind.REPRESENTATIVE, ttvts),
        "coordinator": user_with_role(transport, UserRole.Kind.COORDINATOR),
        "admin": UserFactory(is_superuser=True),
    }


# --- Authentication ----------------------------------------------------------------------------


def test_no_credentials_is_401_in_the_error_shape(client):
    response = client.get("/api/v1/clusters")
    error = assert_error(response, 401, "unauthorized")
    assert "Authorization: Bearer" in error["message"]
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    "header",
    ["Bearer nonsense", "Bearer cpa_" + "x" * 43, "Token abc", "Bearer " + "a" * 5000, "Bearer"],
)
def test_a_wrong_key_is_401(client, header):
    response = client.get("/api/v1/clusters", headers={"Authorization": header})
    assert_error(response, 401, "unauthorized")


def test_a_revoked_key_is_401(client, world):
    token, key = api_token_create(user=world["coordinator"], name="скрипт")
    headers = {"Authorization": f"Bearer {key}"}
    assert client.get("/api/v1/clusters", headers=headers).status_code == 200
    api_token_revoke(token=token, actor=world["coordinator"])
    assert_error(client.get("/api/v1/clusters", headers=headers), 401, "unauthorized")


def test_a_key_of_a_deactivated_user_is_401(client, world):
    headers = bearer(world["coordinator"])
    world["coordinator"].is_active = False
    world["coordinator"].save()
    assert_error(client.get("/api/v1/clusters", headers=headers), 401, "unauthorized")


def test_session_reads_without_csrf_but_writes_need_it(world):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world["coordinator"])
    assert browser.get("/api/v1/clusters").status_code == 200

    body = {"phrases": ["IV квартал 2023 года"], "plan_year": "2023-2024"}
    response = browser.post("/api/v1/deadlines/parse", body, content_type="application/json")
    error = assert_error(response, 403, "forbidden")
    assert "CSRF" in error["message"]

    browser.get("/profile/")  # the page sets the CSRF cookie, as in a real browser
    token = browser.cookies["csrftoken"].value
    response = browser.post(
        "/api/v1/deadlines/parse",
        body,
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 200
    assert response.json()[0]["end"] == "2023-12-31"


def test_a_token_needs_no_csrf_for_writes(world):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(
        "/api/v1/deadlines/parse",
        {"phrases": ["ежеквартально"], "plan_year": "2024"},
        content_type="application/json",
        headers=bearer(world["representative"]),
    )
    assert response.status_code == 200
    assert response.json()[0]["kind"] == "recurring"


# --- One error shape ---------------------------------------------------------------------------


def test_unknown_api_address_is_a_json_404(client):
    assert_error(client.get("/api/v1/no-such-thing"), 404, "not_found")
    assert_error(client.get("/api/v2/clusters"), 404, "not_found")
    assert_error(client.get("/api/v1/plans/abc"), 404, "not_found")
    assert_error(client.get("/api/v1/"), 404, "not_found")
    assert_error(client.post("/api/v1/no-such-thing", {"a": 1}), 404, "not_found")


def test_wrong_method_is_a_json_405(client, world):
    response = client.delete("/api/v1/clusters", headers=bearer(world["coordinator"]))
    assert_error(response, 405, "method_not_allowed")
    assert "GET" in response["Allow"]


def test_bad_parameters_are_a_400_validation_error_in_russian(client, world):
    response = client.post(
        "/api/v1/deadlines/parse",
        {"phrases": "не список"},
        content_type="application/json",
        headers=bearer(world["coordinator"]),
    )
    error = assert_error(response, 400, "validation_error")
    fields = {detail["field"] for detail in error["details"]}
    assert {"phrases", "plan_year"} <= fields
    assert "Обязательное поле." in {detail["message"] for detail in error["details"]}


def test_broken_json_is_a_400(client, world):
    response = client.post(
        "/api/v1/deadlines/parse",
        "{not json",
        content_type="application/json",
        headers=bearer(world["coordinator"]),
    )
    error = assert_error(response, 400, "bad_request")
    assert "JSON" in error["message"]


def test_a_service_validation_error_keeps_its_russian_message(client, world):
    response = client.post(
        "/api/v1/deadlines/parse",
        {"phrases": ["май"], "plan_year": "двадцать третий"},
        content_type="application/json",
        headers=bearer(world["coordinator"]),
    )
    error = assert_error(response, 400, "validation_error")
    assert "Не удалось прочитать период плана" in error["message"]
    assert error["details"][0]["field"] == "plan_year"


def test_docs_and_schema_are_served(client):
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    assert b"swagger" in docs.content.lower()
    assert b"/api/v1/openapi.json" in docs.content
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "ClusterPlan API"
    operation = schema["paths"]["/api/v1/clusters"]["get"]
    assert {"200", "400", "401", "403", "404"} <= set(map(str, operation["responses"]))
    assert "Error" in schema["components"]["schemas"]
    schemes = schema["components"]["securitySchemes"]
    assert {scheme["type"] for scheme in schemes.values()} == {"http", "apiKey"}


def test_docs_load_no_files_from_the_internet(client):
    """Clusters run on closed networks (DESIGN §4): Swagger UI comes from ninja's static files."""
    page = client.get("/api/docs").content.decode()
    assert "cdn.jsdelivr.net" not in page
    assert "/static/ninja/swagger-ui-bundle.js" in page


# --- Clusters and organizations ----------------------------------------------------------------


def test_clusters_are_those_the_caller_has_a_role_in(client, world):
    response = client.get("/api/v1/clusters", headers=bearer(world["representative"]))
    assert response.status_code == 200
    assert [(c["slug"], c["role"]) for c in response.json()] == [("transport", "representative")]


def test_administrator_sees_every_cluster(client, world):
    response = client.get("/api/v1/clusters", headers=bearer(world["admin"]))
    assert [(c["slug"], c["role"]) for c in response.json()] == [
        ("agro", "administrator"),
        ("transport", "administrator"),
    ]


def test_cluster_of_another_cluster_is_404(client, world):
    headers = bearer(world["representative"])
    assert client.get("/api/v1/clusters/transport", headers=headers).json()["short_name"] == (
        "Транспорт"
    )
    error = assert_error(client.get("/api/v1/clusters/agro", headers=headers), 404, "not_found")
    assert error["message"] == "Кластер не найден."
    assert_error(
        client.get("/api/v1/clusters/agro/organizations", headers=headers), 404, "not_found"
    )


def test_organizations_of_a_cluster(client, world):
    response = client.get(
        "/api/v1/clusters/transport/organizations", headers=bearer(world["representative"])
    )
    assert response.status_code == 200
    rows = {row["short_name"]: row for row in response.json()}
    assert set(rows) == {"ОГБПОУ «ТТВТС»", "Демо: ЦОПП"}
    assert rows["Демо: ЦОПП"]["kind"] == "copp"
    assert rows["Демо: ЦОПП"]["kind_label"] == "ЦОПП"
    assert rows["ОГБПОУ «ТТВТС»"]["membership_role"] == "member"


def test_organization_list_costs_the_same_queries_for_3_and_30(
    client, world, django_assert_num_queries
):
    headers = bearer(world["coordinator"])
    url = "/api/v1/clusters/transport/organizations"
    client.get(url, headers=headers)  # the key's first use is written once
    with django_assert_num_queries(4):  # key, cluster, roles, memberships with organizations
        assert len(client.get(url, headers=headers).json()) == 2
    for _ in range(28):
        member(world["transport"])
    with django_assert_num_queries(4):
        assert len(client.get(url, headers=headers).json()) == 30
