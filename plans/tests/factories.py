"""Factories for plans: plans, objectives, activities, obligations, and plan documents."""

from datetime import date

import factory

from orgs.tests.factories import ClusterFactory, OrganizationFactory
from parsing.documents import ActivityRow, ObjectiveRow, PlanDocument
from plans.models import Activity, Objective, Obligation, Plan
from plans.selectors import number_sort_key


def plan_document(
    activities_per_objective=(2, 1),
    *,
    executors="Руководители ПОО",
    deadline="октябрь 2023 года",
    year="2023-2024",
):
    """A small plan document as a reader would return it."""
    objectives = []
    for objective_number, count in enumerate(activities_per_objective, start=1):
        rows = tuple(
            ActivityRow(
                number=f"{objective_number}.{n}",
                title=f"Мероприятие {objective_number}.{n}",
                executors=executors,
                deadline_text=deadline,
            )
            for n in range(1, count + 1)
        )
        objectives.append(
            ObjectiveRow(str(objective_number), f"Задача номер {objective_number}", rows)
        )
    return PlanDocument(
        title=f"План работы кластера на {year} учебный год",
        approved_by="Председатель Координационного совета И.И. Иванов",
        edition_date=date(2023, 6, 2),
        plan_year=year,
        objectives=tuple(objectives),
        approver_position="Председатель Координационного совета",
        approver_name="И.И. Иванов",
    )


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    cluster = factory.SubFactory(ClusterFactory)
    title = factory.Sequence(lambda n: f"План работы кластера {n} на 2024 год")
    year_label = "2024"
    window_start = date(2024, 1, 1)
    window_end = date(2024, 12, 31)
    approver_position = "Председатель Координационного совета"
    approver_name = "И.И. Иванов"


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    title = factory.Sequence(lambda n: f"Задача номер {n + 1}")
    position = factory.Sequence(lambda n: n + 1)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    plan = factory.LazyAttribute(lambda a: a.objective.plan)
    objective = factory.SubFactory(ObjectiveFactory)
    number = factory.Sequence(lambda n: f"1.{n + 1}")
    title = factory.Sequence(lambda n: f"Мероприятие {n + 1}")
    executors_text = "Руководители ПОО"
    deadline_text = "В течение года"
    deadline_kind = Activity.DeadlineKind.INTERVAL
    deadline_start = date(2024, 1, 1)
    deadline_end = date(2024, 12, 31)
    position = factory.Sequence(lambda n: n + 1)
    number_sort = factory.LazyAttribute(lambda a: number_sort_key(a.number))


class ObligationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Obligation

    activity = factory.SubFactory(ActivityFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Obligation.Role.LEAD
