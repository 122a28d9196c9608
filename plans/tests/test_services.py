from datetime import date

import pytest
from django.core.exceptions import ValidationError

from orgs.models import Organization
from orgs.tests.factories import ClusterFactory, member
from parsing.documents import ActivityRow, ObjectiveRow
from plans.models import Activity, Obligation, Plan, PlanEdition
from plans.services import plan_import, plan_preview
from plans.tests.factories import plan_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def cluster():
    cluster = ClusterFactory()
    member(cluster, short_name="ОГБПОУ «ТТВТС»")
    member(cluster, short_name="ОГБПОУ «ТКГТ»")
    return cluster


def test_import_saves_plan_edition_objectives_activities_and_obligations(cluster):
    plan = plan_import(cluster=cluster, document=plan_document((2, 1)), actor=None)

    assert plan.year_label == "2023-2024"
    assert (plan.window_start, plan.window_end) == (date(2023, 9, 1), date(2024, 8, 31))
    assert plan.approver_name == "И.И. Иванов"
    edition = PlanEdition.objects.get(plan=plan)
    assert (edition.number, edition.edition_date) == (1, date(2023, 6, 2))
    assert list(plan.objectives.values_list("number", flat=True)) == ["1", "2"]
    activities = list(plan.activities.order_by("position"))
    assert [a.number for a in activities] == ["1.1", "1.2", "2.1"]
    first = activities[0]
    assert (first.deadline_kind, first.deadline_start, first.deadline_end) == (
        "interval",
        date(2023, 10, 1),
        date(2023, 10, 31),
    )
    assert first.objective.number == "1"
    assert Obligation.objects.filter(activity=first).count() == 2
    assert set(Obligation.objects.values_list("role", flat=True)) == {"lead"}


def test_first_named_executor_leads_the_rest_co_execute(cluster):
    plan = plan_import(
        cluster=cluster,
        document=plan_document((1,), executors="ОГБПОУ «ТКГТ» Руководители ПОО"),
        actor=None,
    )
    roles = dict(
        Obligation.objects.filter(activity__plan=plan).values_list(
            "organization__short_name", "role"
        )
    )
    assert roles == {"ОГБПОУ «ТКГТ»": "lead", "ОГБПОУ «ТТВТС»": "co_executor"}


def test_unresolved_executor_refuses_the_whole_import(cluster):
    document = plan_document((1,), executors="Руководители ПОО, департамент образования")
    with pytest.raises(ValidationError, match="департамент образования"):
        plan_import(cluster=cluster, document=document, actor=None)
    assert not Plan.objects.exists()
    assert not Activity.objects.exists()


def test_same_plan_twice_is_refused(cluster):
    plan_import(cluster=cluster, document=plan_document(), actor=None)
    with pytest.raises(ValidationError, match="уже загружен"):
        plan_import(cluster=cluster, document=plan_document(), actor=None)
    assert Plan.objects.count() == 1


def test_plan_without_year_needs_one(cluster):
    document = plan_document()
    document = type(document)(**{**document.__dict__, "plan_year": None})
    with pytest.raises(ValidationError, match="не указан год плана"):
        plan_import(cluster=cluster, document=document, actor=None)
    plan = plan_import(cluster=cluster, document=document, actor=None, year_label="2024")
    assert (plan.window_start, plan.window_end) == (date(2024, 1, 1), date(2024, 12, 31))


def test_failure_midway_writes_nothing(cluster, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Obligation.objects, "bulk_create", explode)
    with pytest.raises(RuntimeError):
        plan_import(cluster=cluster, document=plan_document(), actor=None)
    assert not Plan.objects.exists()
    assert not Activity.objects.exists()


def test_preview_shows_unparsed_deadline_and_unresolved_executor_without_writing(cluster):
    document = plan_document((1,))
    odd = ActivityRow(
        "1.2", "Странная строка", "Неизвестные люди", "когда-нибудь", warnings=("Нет срока",)
    )
    document = type(document)(
        **{
            **document.__dict__,
            "objectives": (ObjectiveRow("1", "Задача", (*document.objectives[0].activities, odd)),),
        }
    )
    preview = plan_preview(cluster=cluster, document=document)
    assert preview.activity_count == 2
    assert preview.unparsed_count == 1
    assert preview.unresolved == ["Неизвестные люди"]
    assert preview.warning_count == 1
    assert not Plan.objects.exists()
    assert Organization.objects.count() == 2
