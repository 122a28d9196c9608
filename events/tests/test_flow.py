"""The whole way on the seed plan: an event for activity 2.1 → groups → waiting list → attendance →
indicator values of 2.1 that nobody typed."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from documents.demo import demo_load
from events.models import Event, GroupRegistration
from events.services import (
    SlotData,
    attendance_mark,
    event_create,
    registration_cancel,
    registration_confirm,
)
from events.tests.factories import at, kind, register
from orgs.models import Cluster, Organization
from plans.models import Activity
from reporting.indicators import source_value, value_source
from reporting.models import Indicator, ReportingPeriod

pytestmark = pytest.mark.django_db

Status = GroupRegistration.Status


@pytest.fixture
def seed():
    demo_load()
    cluster = Cluster.objects.get(slug="transport")
    activity = Activity.objects.get(plan__cluster=cluster, number="2.1")
    assert activity.title.startswith("Создание игровых программ со школьниками 5-7-ых классов")
    return {
        "cluster": cluster,
        "activity": activity,
        "ttvts": Organization.objects.get(short_name="ОГБПОУ «ТТВТС»"),
    }


def test_event_of_2_1_feeds_its_indicators_from_registrations_and_attendance(seed):
    cluster, activity, ttvts = seed["cluster"], seed["activity"], seed["ttvts"]
    # An event linked to 2.1 with two time slots of 25 places each.
    event = event_create(
        cluster=cluster,
        kind=kind(cluster, "trial"),
        title="Профессиональная проба «Проводник пассажирского вагона»",
        host=ttvts,
        activity=activity,
        place="ОГБПОУ «ТТВТС», учебный вагон",
        profession="Проводник на железнодорожном транспорте",
        municipality="г. Томск",
        grade_min=8,
        grade_max=10,
        status=Event.Status.OPEN,
        actor=None,
        slots=[
            SlotData(at(3, 10), at(3, 12), 25),
            SlotData(at(3, 14), at(3, 16), 25),
        ],
    )
    morning, afternoon = event.slots.order_by("starts_at")

    # Three schools register groups; the third does not fit the morning and waits.
    first = register(morning, school="МАОУ СОШ № 5", pupils=15, grade=8)
    second = register(morning, school="МАОУ СОШ № 40", pupils=10, grade=9)
    third = register(
        morning, school="МБОУ Зональненская СОШ", municipality="Томский район", pupils=8, grade=8
    )
    assert (first.status, second.status, third.status) == (
        Status.PENDING,
        Status.PENDING,
        Status.WAITLISTED,
    )
    also = register(afternoon, school="МАОУ СОШ № 5", pupils=12, grade=9)

    # The second school cancels: the waiting group moves up into its places.
    registration_cancel(registration=second, actor=None)
    third.refresh_from_db()
    assert third.status == Status.PENDING
    for registration in (first, third, also):
        registration_confirm(registration=registration, actor=None)

    # After the event the host marks who came.
    attendance_mark(
        event=event,
        counts={first.pk: 14, third.pk: 8, also.pk: 12},
        actor=None,
        now=at(3, 17),
    )
    event.refresh_from_db()
    assert event.status == Event.Status.HELD

    # The coordinator declares indicators of 2.1 with sources from the events module.
    plan = activity.plan
    day = timezone.localdate() + timedelta(days=3)
    period = ReportingPeriod.objects.create(
        plan=plan,
        title="Период мероприятия",
        start=day.replace(day=1),
        end=day + timedelta(days=1),
        due_date=day + timedelta(days=10),
    )
    participants = Indicator.objects.create(
        plan=plan,
        activity=activity,
        name="Школьники на профпробах",
        unit="чел.",
        target=Decimal(100),
        source="events.participants",
    )
    schools = Indicator.objects.create(
        plan=plan, activity=activity, name="Охвачено школ", unit="шк.", source="events.schools"
    )
    trials = Indicator.objects.create(
        plan=plan, activity=activity, name="Профпроб проведено", source="events.trials"
    )
    held = Indicator.objects.create(
        plan=plan, activity=activity, name="Мероприятий проведено", source="events.held"
    )

    assert value_source("events.participants") is not None
    assert source_value(participants, ttvts, period) == Decimal(34)
    assert source_value(schools, ttvts, period) == Decimal(2)
    assert source_value(trials, ttvts, period) == Decimal(1)
    assert source_value(held, ttvts, period) == Decimal(1)
    # Another organization owing 2.1 hosted nothing: no value rather than a false zero.
    other = Organization.objects.get(short_name="ОГБПОУ «ТКГТ»")
    assert source_value(participants, other, period) is None
    # A period that ended before the event has nothing either.
    earlier = ReportingPeriod.objects.create(
        plan=plan,
        title="Раньше",
        start=period.start - timedelta(days=60),
        end=period.start - timedelta(days=1),
        due_date=period.start + timedelta(days=5),
    )
    assert source_value(participants, ttvts, earlier) is None

    # Reporting's own indicator progress (what its dashboard and consolidated report use) shows it.
    from reporting.selectors import indicator_progress, plan_grid

    progress = {
        item.indicator.pk: item
        for item in indicator_progress(grid=plan_grid(plan=plan), until=period)
    }
    assert progress[participants.pk].actual == Decimal(34)
    assert progress[participants.pk].by_organization[ttvts.pk] == Decimal(34)
    assert progress[schools.pk].actual == Decimal(2)

    # And the consolidated report («Отчёт о выполнении плана») carries the same figures.
    from reporting.consolidated import RENDERERS, build_consolidated

    report = build_consolidated(plan=plan, period=period)
    lines = {line.name: line for line in report.indicators}
    assert lines["Школьники на профпробах"].actual == "34"
    assert lines["Школьники на профпробах"].percent.startswith("34")
    assert lines["Охвачено школ"].actual == "2"
    assert lines["Профпроб проведено"].actual == "1"
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(RENDERERS["xlsx"](report)))
    cells = [
        str(v)
        for s in book.worksheets
        for row in s.iter_rows(values_only=True)
        for v in row
        if v is not None
    ]
    assert any("Школьники на профпробах" in cell for cell in cells)
    assert "34" in cells
