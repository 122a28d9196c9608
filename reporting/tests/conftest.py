from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser

from orgs.models import UserRole
from orgs.tests.factories import ClusterFactory, UserFactory, member, user_with_role
from plans.models import Activity, Obligation
from plans.tests.factories import ActivityFactory, ObjectiveFactory, PlanFactory
from reporting.models import ReportingPeriod
from reporting.services import periods_generate


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def world(db):
    """A calendar-year plan of two colleges: one quarter activity both owe, one «as needed»
    activity of ТТВТС, one second-half activity of ТКГТ; four quarters; a user of every role."""
    cluster = ClusterFactory(slug="transport", short_name="Кластер транспорта")
    ttvts = member(cluster, short_name="ОГБПОУ «ТТВТС»")
    tkgt = member(cluster, short_name="ОГБПОУ «ТКГТ»")
    plan = PlanFactory(cluster=cluster, title="План работы кластера транспорта на 2024 год")
    objective = ObjectiveFactory(plan=plan, number="1", title="Профориентация", position=1)
    quarter = ActivityFactory(
        plan=plan,
        objective=objective,
        number="1.1",
        title="Профессиональные пробы для школьников",
        deadline_text="I квартал 2024 года",
        deadline_start=date(2024, 1, 1),
        deadline_end=date(2024, 3, 31),
        position=1,
    )
    as_needed = ActivityFactory(
        plan=plan,
        objective=objective,
        number="1.2",
        title="Заседания рабочей группы",
        deadline_text="По мере необходимости",
        deadline_kind=Activity.DeadlineKind.AS_NEEDED,
        deadline_start=None,
        deadline_end=None,
        position=2,
    )
    second_half = ActivityFactory(
        plan=plan,
        objective=objective,
        number="1.3",
        title="Школы безопасности дорожного движения",
        deadline_text="II полугодие 2024 года",
        deadline_start=date(2024, 7, 1),
        deadline_end=date(2024, 12, 31),
        position=3,
    )
    Obligation.objects.create(activity=quarter, organization=ttvts, role=Obligation.Role.LEAD)
    Obligation.objects.create(activity=quarter, organization=tkgt, role="co_executor")
    Obligation.objects.create(activity=as_needed, organization=ttvts, role=Obligation.Role.LEAD)
    Obligation.objects.create(activity=second_half, organization=tkgt, role=Obligation.Role.LEAD)
    coordinator = user_with_role(cluster, UserRole.Kind.COORDINATOR)
    coordinator.email = "coordinator@cluster.test"
    coordinator.save()
    periods = periods_generate(plan=plan, kind=ReportingPeriod.Kind.QUARTER, actor=coordinator)
    rep_ttvts = user_with_role(cluster, UserRole.Kind.REPRESENTATIVE, ttvts)
    rep_tkgt = user_with_role(cluster, UserRole.Kind.REPRESENTATIVE, tkgt)
    return {
        "cluster": cluster,
        "plan": plan,
        "ttvts": ttvts,
        "tkgt": tkgt,
        "quarter": quarter,
        "as_needed": as_needed,
        "second_half": second_half,
        "q1": periods[0],
        "q3": periods[2],
        "periods": periods,
        "ob_quarter_ttvts": quarter.obligations.get(organization=ttvts),
        "ob_quarter_tkgt": quarter.obligations.get(organization=tkgt),
        "ob_as_needed": as_needed.obligations.get(),
        "ob_second_half": second_half.obligations.get(),
        "admin": UserFactory(is_superuser=True, username="admin-user"),
        "coordinator": coordinator,
        "rep_ttvts": rep_ttvts,
        "rep_tkgt": rep_tkgt,
        "observer": user_with_role(cluster, UserRole.Kind.OBSERVER),
        "outsider": user_with_role(ClusterFactory(), UserRole.Kind.COORDINATOR),
        "anonymous": AnonymousUser(),
    }
