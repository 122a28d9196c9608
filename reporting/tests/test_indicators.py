"""Indicators: aggregation, the value-source registry (with a fake module), actual vs target."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from reporting.indicators import (
    Point,
    aggregate,
    format_value,
    register_value_source,
    unregister_value_source,
    value_source_choices,
)
from reporting.models import Report
from reporting.selectors import indicator_progress, plan_grid
from reporting.selectors.indicators import objective_completion
from reporting.services import indicator_create, report_accept, report_submit

POINTS = [
    Point(1, date(2024, 3, 31), Decimal(10)),
    Point(1, date(2024, 6, 30), Decimal(4)),
    Point(2, date(2024, 3, 31), Decimal(7)),
]


@pytest.mark.parametrize(
    ("aggregation", "expected"),
    [("sum", Decimal(21)), ("latest", Decimal(11)), ("max", Decimal(10))],
)
def test_aggregation(aggregation, expected):
    assert aggregate(aggregation, POINTS) == expected
    assert aggregate(aggregation, []) is None


@pytest.mark.parametrize(
    ("value", "shown"),
    [(Decimal("1234.50"), "1 234,5"), (Decimal("12.00"), "12"), (Decimal(100), "100"), (None, "—")],
)
def test_values_are_shown_the_russian_way(value, shown):
    assert format_value(value) == shown


@pytest.fixture
def fake_source():
    """A module (say, events) that counts schoolchildren at trials: 5 per organization a quarter."""
    calls = []

    def trial_participants(indicator, organization, period):
        calls.append((organization.short_name, period.title))
        return Decimal(5) if organization.short_name == "ОГБПОУ «ТТВТС»" else None

    register_value_source("fake.trials", trial_participants, label="Профпробы (тестовый модуль)")
    yield calls
    unregister_value_source("fake.trials")


@pytest.mark.django_db
def test_a_module_registers_a_source_without_changing_reporting(world, fake_source):
    assert ("fake.trials", "Профпробы (тестовый модуль)") in value_source_choices()
    automatic = indicator_create(
        plan=world["plan"],
        actor=None,
        name="Школьников на профпробах",
        unit="чел.",
        target=Decimal(40),
        source="fake.trials",
        activity=world["quarter"],
    )
    plan_level = indicator_create(
        plan=world["plan"],
        actor=None,
        name="Всего участников",
        target=Decimal(100),
        source="fake.trials",
    )
    grid = plan_grid(plan=world["plan"])
    progress = {
        item.indicator.pk: item for item in indicator_progress(grid=grid, until=world["periods"][1])
    }
    # two quarters so far, ТТВТС answers 5 a quarter, ТКГТ has nothing
    assert progress[automatic.pk].actual == Decimal(10)
    assert progress[automatic.pk].percent == 25
    assert progress[automatic.pk].by_organization == {world["ttvts"].pk: Decimal(10)}
    assert progress[plan_level.pk].actual == Decimal(10)

    # the report form shows the automatic value instead of an input
    from reporting.services import report_save

    report_save(
        obligation=world["ob_quarter_ttvts"],
        period=world["q1"],
        actor=world["rep_ttvts"],
        version=0,
    )
    from django.test import Client

    client = Client()
    client.force_login(world["rep_ttvts"])
    page = client.get(
        reverse("reporting:report_page", args=[world["ob_quarter_ttvts"].pk, world["q1"].pk])
    ).content.decode()
    assert "заполняется автоматически" in page
    assert f'name="indicator_{automatic.pk}"' not in page


@pytest.mark.django_db
def test_manual_values_count_from_accepted_reports_only(world):
    indicator = indicator_create(
        plan=world["plan"],
        actor=None,
        name="Участников проб",
        unit="чел.",
        target=Decimal(100),
        activity=world["quarter"],
        aggregation="sum",
    )
    for obligation, user, value in (
        ("ob_quarter_ttvts", "rep_ttvts", 30),
        ("ob_quarter_tkgt", "rep_tkgt", 20),
    ):
        report = report_submit(
            obligation=world[obligation],
            period=world["q1"],
            actor=world[user],
            version=0,
            status="done",
            text="Проведены.",
            values={indicator.pk: Decimal(value)},
        )
        if obligation == "ob_quarter_ttvts":
            report_accept(report=report, actor=world["coordinator"])
    grid = plan_grid(plan=world["plan"])
    [item] = indicator_progress(grid=grid, until=world["q1"])
    assert item.actual == Decimal(30)  # ТКГТ's is still on review
    assert item.percent == 30
    assert objective_completion([item]) == {world["quarter"].objective_id: 30}
    [mine] = indicator_progress(grid=grid, until=world["q1"], organization_id=world["tkgt"].pk)
    assert mine.actual is None
    Report.objects.update(state="accepted")
    [item] = indicator_progress(grid=grid, until=world["q1"])
    assert item.actual == Decimal(50)


@pytest.mark.django_db
def test_a_plan_level_indicator_must_be_automatic(world):
    with pytest.raises(ValidationError, match="только автоматически"):
        indicator_create(plan=world["plan"], actor=None, name="Всего", target=Decimal(1))
    with pytest.raises(ValidationError, match="Такого источника значений нет"):
        indicator_create(plan=world["plan"], actor=None, name="Всего", source="nope")


@pytest.mark.django_db
def test_indicators_page_shows_actual_against_target(client, world):
    indicator = indicator_create(
        plan=world["plan"],
        actor=None,
        name="Участников проб",
        unit="чел.",
        target=Decimal(100),
        activity=world["quarter"],
    )
    report = report_submit(
        obligation=world["ob_quarter_ttvts"],
        period=world["q1"],
        actor=world["rep_ttvts"],
        version=0,
        status="done",
        text="Проведены.",
        values={indicator.pk: Decimal(30)},
    )
    report_accept(report=report, actor=world["coordinator"])
    client.force_login(world["observer"])
    page = client.get(
        reverse("reporting:plan_indicators", args=[world["plan"].pk])
    ).content.decode()
    assert "Участников проб, чел." in page
    assert "30 из 100 · 30 %" in page
    assert "<svg" in page
    assert "ОГБПОУ «ТТВТС»: 30" in page
    assert "Добавить показатель" not in page  # observers read only
    client.force_login(world["coordinator"])
    response = client.post(
        reverse("reporting:plan_indicators", args=[world["plan"].pk]),
        {
            "name": "Публикаций",
            "unit": "шт.",
            "target": "12",
            "aggregation": "sum",
            "activity": world["as_needed"].pk,
            "source": "",
        },
    )
    assert response.status_code == 302
    assert world["plan"].indicators.filter(name="Публикаций").exists()
