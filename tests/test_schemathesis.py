"""Schemathesis against our own OpenAPI schema, in process, as the demo coordinator.

Every operation gets generated requests (valid and invalid); each answer must be no 5xx and must
conform to the schema: a documented status code and content type, a body matching its schema, and
invalid input refused with a 4xx. Generated ids and slugs are sometimes swapped for those of the
demo data, so the happy paths (200, 201) are exercised too, not only 404s.
"""

import re

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.specs.openapi.checks import positive_data_acceptance

from config.wsgi import application
from core.services import api_token_create
from documents.demo import demo_load
from orgs.models import Cluster, Organization
from plans.models import Activity, Objective, Plan

MAX_EXAMPLES = 20
MAX_ID = 2**63 - 1
# Operations where a request the schema allows may still be refused (400) by a rule the schema
# cannot state: an executor phrase naming no organization, an objective of another plan, a plan
# year that is not two consecutive years, a file that is not a readable plan. Every other check
# (no 5xx, documented status and content type, response bodies, invalid input refused) still runs.
BUSINESS_RULES = {
    "POST /api/v1/plans/{plan_id}/activities",
    "PATCH /api/v1/activities/{activity_id}",
    "POST /api/v1/deadlines/parse",
    "POST /api/v1/plans/preview",
}
REAL_IDS = {
    "plan_id": lambda: list(Plan.objects.values_list("pk", flat=True)),
    "activity_id": lambda: list(Activity.objects.values_list("pk", flat=True)[:20]),
    "plan": lambda: list(Plan.objects.values_list("pk", flat=True)),
    "organization": lambda: list(Organization.objects.values_list("pk", flat=True)),
    "objective": lambda: list(Objective.objects.values_list("pk", flat=True)),
    "slug": lambda: list(Cluster.objects.values_list("slug", flat=True)),
    "cluster": lambda: list(Cluster.objects.values_list("slug", flat=True)),
}
# No 2xx is required where generated input can hardly satisfy the business rules: a generated file
# is never a readable plan, and a created activity needs an objective id from the request body
# (ids differ between databases) and executors that name organizations of the cluster. Their happy
# paths are tested with real data in documents/tests/test_api_preview.py and plans/tests/test_api.py.
NO_HAPPY_PATH = {"POST /api/v1/plans/preview", "POST /api/v1/plans/{plan_id}/activities"}


def schema_valid(value) -> bool:
    """Within the schema's bounds for ids (1..2**63-1) and slugs (`[-a-zA-Z0-9_]`, ≤ 50).

    Only such values are swapped: a schema-valid value for another schema-valid one never turns
    a deliberately invalid request (negative case) into a valid one.
    """
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return 1 <= value <= MAX_ID
    return isinstance(value, str) and re.fullmatch(r"[-a-zA-Z0-9_]{1,50}", value) is not None


def with_real_values(values: dict | None, real: dict) -> st.SearchStrategy:
    """The generated values, or the same with valid ids of the demo data in place."""
    if not values:
        return st.just(values)
    choices = {
        name: st.sampled_from([value, *real[name]])
        for name, value in values.items()
        if real.get(name) and schema_valid(value)
    }
    if not choices:
        return st.just(values)
    return st.fixed_dictionaries(choices).map(lambda chosen: {**values, **chosen})


# Valid ids of the demo data, read for each test (ids differ between databases and runs).
REAL: dict[str, list] = {}

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    return with_real_values(path_parameters, REAL)


@schema.hook
def flatmap_query(context, query):
    return with_real_values(query, REAL)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Calls go straight to the WSGI app, so Django's request signals fire and would close the
    test's database connection after each call (on PostgreSQL the next query then finds it closed).
    Django's own test client switches this off the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def demo(db):
    """The demo installation and its coordinator's API token; checks a happy path was reached."""
    demo_load()
    REAL.clear()
    REAL.update({name: read() for name, read in REAL_IDS.items()})
    coordinator = Cluster.objects.get(slug="transport").user_roles.get(kind="coordinator").user
    _, key = api_token_create(user=coordinator, name="schemathesis")
    run = {"key": key, "label": None, "statuses": set()}
    yield run
    if run["label"] not in NO_HAPPY_PATH:
        assert any(200 <= status < 300 for status in run["statuses"]), (
            f"{run['label']}: no request succeeded ({sorted(run['statuses'])})"
        )


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema(case, demo):
    label = case.operation.label
    demo["label"] = label
    excluded = [positive_data_acceptance] if label in BUSINESS_RULES else []
    response = case.call_and_validate(
        headers={"Authorization": f"Bearer {demo['key']}"}, excluded_checks=excluded
    )
    demo["statuses"].add(response.status_code)
