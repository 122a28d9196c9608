from datetime import date

import pytest
from django.core.exceptions import ValidationError

from documents.demo import demo_load
from plans.models import Plan
from reporting.models import ReportingPeriod
from reporting.services import (
    period_create,
    period_delete,
    period_update,
    periods_generate,
    report_save,
    scheme_spans,
)

pytestmark = pytest.mark.django_db
Kind = ReportingPeriod.Kind


def test_quarters_of_an_academic_year_are_cut_to_the_plan_window():
    demo_load()
    plan = Plan.objects.get()
    periods = periods_generate(plan=plan, kind=Kind.QUARTER, actor=None)
    assert [(p.title, p.start, p.end, p.due_date) for p in periods] == [
        (
            "III квартал 2023 года (с 01.09 по 30.09.2023)",
            date(2023, 9, 1),
            date(2023, 9, 30),
            date(2023, 10, 6),
        ),
        ("IV квартал 2023 года", date(2023, 10, 1), date(2023, 12, 31), date(2024, 1, 15)),
        ("I квартал 2024 года", date(2024, 1, 1), date(2024, 3, 31), date(2024, 4, 5)),
        ("II квартал 2024 года", date(2024, 4, 1), date(2024, 6, 30), date(2024, 7, 5)),
        (
            "III квартал 2024 года (с 01.07 по 31.08.2024)",
            date(2024, 7, 1),
            date(2024, 8, 31),
            date(2024, 9, 6),
        ),
    ]


def test_half_years_and_the_whole_year(world):
    plan = world["plan"]
    assert [title for title, _, _ in scheme_spans(plan, Kind.HALF_YEAR)] == [
        "I полугодие 2024 года",
        "II полугодие 2024 года",
    ]
    assert scheme_spans(plan, Kind.YEAR) == [("2024 год", date(2024, 1, 1), date(2024, 12, 31))]


def test_generating_twice_is_refused_with_a_message(world):
    with pytest.raises(ValidationError, match="уже есть отчётные периоды"):
        periods_generate(plan=world["plan"], kind=Kind.QUARTER, actor=world["coordinator"])


def test_custom_period_inside_the_window_without_overlap(world):
    plan = world["plan"]
    ReportingPeriod.objects.filter(plan=plan).exclude(pk=world["q1"].pk).delete()
    period = period_create(
        plan=plan, title="Лето", start=date(2024, 6, 1), end=date(2024, 8, 31), actor=None
    )
    assert period.due_date == date(2024, 9, 6)
    assert period.phrase == "за период «Лето» (01.06.2024 – 31.08.2024)"
    with pytest.raises(ValidationError, match="пересекается с периодом «I квартал 2024 года»"):
        period_create(
            plan=plan, title="", start=date(2024, 3, 1), end=date(2024, 4, 30), actor=None
        )
    with pytest.raises(ValidationError, match="в пределах плана"):
        period_create(
            plan=plan, title="", start=date(2024, 12, 1), end=date(2025, 1, 31), actor=None
        )
    with pytest.raises(ValidationError, match="раньше конца периода"):
        period_create(
            plan=plan,
            title="",
            start=date(2024, 9, 1),
            end=date(2024, 9, 30),
            due_date=date(2024, 9, 1),
            actor=None,
        )


def test_a_period_with_reports_cannot_be_deleted_but_its_due_date_can_move(world):
    q1 = world["q1"]
    report_save(
        obligation=world["ob_quarter_ttvts"],
        period=q1,
        actor=world["rep_ttvts"],
        version=0,
        text="x",
    )
    with pytest.raises(ValidationError, match="уже есть отчёты"):
        period_delete(period=q1, actor=None)
    period_update(period=q1, title="I квартал", due_date=date(2024, 4, 10), actor=None)
    q1.refresh_from_db()
    assert (q1.title, q1.due_date) == ("I квартал", date(2024, 4, 10))
    period_delete(period=world["periods"][3], actor=None)
    assert ReportingPeriod.objects.filter(plan=world["plan"]).count() == 3


def test_a_period_says_its_dates_once():
    """Generated titles carry their dates; a typed title gets them added, never twice."""
    quarter = ReportingPeriod(
        title="III квартал 2023 года (с 01.09 по 30.09.2023)",
        start=date(2023, 9, 1),
        end=date(2023, 9, 30),
    )
    assert quarter.title_with_dates == "III квартал 2023 года (с 01.09 по 30.09.2023)"
    typed = ReportingPeriod(title="Осенний этап", start=date(2023, 9, 1), end=date(2023, 11, 30))
    assert typed.title_with_dates == "Осенний этап (01.09.2023 – 30.11.2023)"
