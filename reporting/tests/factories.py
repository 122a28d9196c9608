"""Factories for execution: periods, reports, indicators, and a whole generated cluster."""

from datetime import date
from decimal import Decimal

import factory

from orgs.models import Cluster, Membership, Organization, UserRole
from orgs.tests.factories import UserFactory
from plans.models import Activity, Objective, Obligation, Plan, PlanEdition
from plans.tests.factories import ActivityFactory, ObligationFactory, PlanFactory
from reporting.models import Indicator, IndicatorValue, Report, ReportingPeriod
from reporting.services import periods_generate


class PeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportingPeriod

    plan = factory.SubFactory(PlanFactory)
    kind = ReportingPeriod.Kind.QUARTER
    title = "I квартал 2024 года"
    start = date(2024, 1, 1)
    end = date(2024, 3, 31)
    due_date = date(2024, 4, 5)


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    obligation = factory.SubFactory(ObligationFactory)
    period = factory.SubFactory(PeriodFactory)
    state = Report.State.DRAFT
    status = Report.Status.IN_PROGRESS
    text = "Проведено два занятия."


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    plan = factory.LazyAttribute(lambda i: i.activity.plan)
    activity = factory.SubFactory(ActivityFactory)
    name = factory.Sequence(lambda n: f"Показатель {n + 1}")
    unit = "чел."
    target = Decimal(100)


DEADLINES = [
    # text, kind, start, end
    ("I квартал 2024 года", "interval", date(2024, 1, 1), date(2024, 3, 31)),
    ("В течение года", "interval", date(2024, 1, 1), date(2024, 12, 31)),
    ("ежеквартально", "recurring", date(2024, 1, 1), date(2024, 12, 31)),
    ("По мере необходимости", "as_needed", None, None),
    ("II полугодие 2024 года", "interval", date(2024, 7, 1), date(2024, 12, 31)),
]


def build_cluster(
    *, organizations: int = 30, activities: int = 200, with_reports: bool = True, slug: str = ""
) -> dict:
    """A calendar-year plan with generated activities, obligations (1–4 organizations each), four
    quarters and reports in every state; bulk inserts, so 200 × 30 takes well under a second."""
    cluster = Cluster.objects.create(
        name=f"Кластер {slug or organizations}",
        short_name=f"Кластер {slug or organizations}",
        slug=slug or f"generated-{organizations}-{activities}",
    )
    orgs = Organization.objects.bulk_create(
        Organization(
            short_name=f"{cluster.slug}: колледж {n:02d}",
            full_name=f"{cluster.slug}: колледж {n:02d}",
            kind=Organization.Kind.COLLEGE,
        )
        for n in range(1, organizations + 1)
    )
    Membership.objects.bulk_create(Membership(cluster=cluster, organization=o) for o in orgs)
    plan = Plan.objects.create(
        cluster=cluster,
        title=f"План работы кластера {cluster.slug} на 2024 год",
        year_label="2024",
        window_start=date(2024, 1, 1),
        window_end=date(2024, 12, 31),
        approver_position="Председатель Координационного совета",
        approver_name="И.И. Иванов",
    )
    PlanEdition.objects.create(plan=plan, number=1)
    objectives = Objective.objects.bulk_create(
        Objective(plan=plan, number=str(n), title=f"Задача номер {n}", position=n)
        for n in range(1, 11)
    )
    per_objective = max(1, activities // len(objectives))
    rows = []
    for n in range(activities):
        text, kind, start, end = DEADLINES[n % len(DEADLINES)]
        objective = objectives[min(n // per_objective, len(objectives) - 1)]
        rows.append(
            Activity(
                plan=plan,
                objective=objective,
                number=f"{objective.number}.{n + 1}",
                title=f"Мероприятие {n + 1}: организация и проведение работы с партнёрами",
                executors_text="Руководители ПОО",
                deadline_text=text,
                deadline_kind=kind,
                deadline_start=start,
                deadline_end=end,
                deadline_every="quarter" if kind == "recurring" else "",
                position=n + 1,
            )
        )
    created = Activity.objects.bulk_create(rows)
    Obligation.objects.bulk_create(
        Obligation(
            activity=activity,
            organization=orgs[(index * 7 + k) % len(orgs)],
            role=Obligation.Role.LEAD if k == 0 else Obligation.Role.CO_EXECUTOR,
        )
        for index, activity in enumerate(created)
        for k in range(1 + index % min(4, len(orgs)))
    )
    coordinator = UserFactory(username=f"coordinator-{cluster.slug}")
    UserRole.objects.create(user=coordinator, cluster=cluster, kind=UserRole.Kind.COORDINATOR)
    periods = periods_generate(plan=plan, kind=ReportingPeriod.Kind.QUARTER, actor=coordinator)
    indicators = Indicator.objects.bulk_create(
        Indicator(
            plan=plan,
            activity=activity,
            name=f"Участников мероприятия {activity.number}",
            unit="чел.",
            target=Decimal(500),
            position=n,
        )
        for n, activity in enumerate(created[:: max(1, activities // 20)])
    )
    if with_reports:
        _fill_reports(plan, periods, indicators)
    return {
        "cluster": cluster,
        "plan": plan,
        "organizations": orgs,
        "periods": periods,
        "coordinator": coordinator,
    }


STATES = [
    (Report.State.ACCEPTED, Report.Status.DONE),
    (Report.State.ACCEPTED, Report.Status.IN_PROGRESS),
    (Report.State.SUBMITTED, Report.Status.IN_PROGRESS),
    (Report.State.DRAFT, Report.Status.IN_PROGRESS),
    (Report.State.RETURNED, Report.Status.NOT_DONE),
    (None, None),  # not started
]


def _fill_reports(plan, periods, indicators) -> None:
    from reporting.selectors import plan_grid

    grid = plan_grid(plan=plan, periods=periods)
    reports = []
    for period in periods:
        for n, slot in enumerate(grid.slots(period)):
            state, status = STATES[n % len(STATES)]
            if state is None:
                continue
            reports.append(
                Report(
                    obligation_id=slot.obligation.id,
                    period=period,
                    state=state,
                    status=status,
                    reason="Не хватило площадки." if status == Report.Status.NOT_DONE else "",
                    text=f"Отчёт {n}: проведено мероприятие, участников {n % 40 + 5}.",
                )
            )
    Report.objects.bulk_create(reports, batch_size=500)
    by_activity = {indicator.activity_id: indicator for indicator in indicators}
    rows = Report.objects.filter(
        period__plan=plan, obligation__activity_id__in=list(by_activity)
    ).values_list("pk", "obligation__activity_id")
    values = [
        IndicatorValue(report_id=pk, indicator=by_activity[activity_id], value=Decimal(10))
        for pk, activity_id in rows
    ]
    IndicatorValue.objects.bulk_create(values, batch_size=500)
