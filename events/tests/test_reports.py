"""Coverage for a period (tables, SVG chart, XLSX, DOCX) and an activity's events with its figures."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from events.models import ParticipantTally
from events.selectors.coverage import coverage
from events.services import attendance_mark, event_outcome_save
from events.tests.factories import make_event, register, world
from plans.services import plan_import
from plans.tests.factories import plan_document
from reporting.models import Indicator, ReportingPeriod

pytestmark = pytest.mark.django_db


def held(event, groups, *, tallies=None):
    """Register groups (school, municipality, grade, pupils, came) and close the event."""
    slot = event.slots.first()
    counts = {}
    for school, municipality, grade, pupils, came in groups:
        registration = register(
            slot, school=school, municipality=municipality, grade=grade, pupils=pupils
        )
        counts[registration.pk] = came
    attendance_mark(event=event, counts=counts, actor=None, now=slot.ends_at)
    if tallies:
        event_outcome_save(event=event, results="", tallies=tallies, actor=None, now=slot.ends_at)
    return event


@pytest.fixture
def w():
    w = world()
    trial = w["event"]  # профпроба, Машинист локомотива, 8–10
    held(
        trial,
        [
            ("МАОУ СОШ № 5", "г. Томск", 8, 10, 9),
            ("МАОУ СОШ №5", "г. Томск", 9, 10, 10),
            ("Зональненская СОШ", "Томский район", 8, 8, 0),
        ],
    )
    game = make_event(
        cluster=w["cluster"],
        host=w["other"],
        kind_code="game_program",
        title="Игра",
        grade_min=5,
        grade_max=7,
        profession="",
    )
    held(
        game,
        [("Зональненская СОШ", "Томский район", 6, 20, 18)],
        tallies={ParticipantTally.Category.PARENTS: 5},
    )
    make_event(
        cluster=w["cluster"], host=w["college"], title="Ещё не было"
    )  # not held: not counted
    return w


def test_coverage_counts_people_schools_grades_and_trials(w):
    start = timezone.localdate()
    report = coverage(cluster=w["cluster"], start=start, end=start + timedelta(days=30))
    assert (report.events_held, report.participants, report.pupils) == (2, 42, 37)
    assert (
        report.schools == 2
    )  # «СОШ № 5» and «СОШ №5» are one school; a group that did not come is not coverage
    assert report.trials == 1
    assert [(line.label, line.participants) for line in report.by_grade] == [
        ("6 класс", 18),
        ("8 класс", 9),
        ("9 класс", 10),
    ]
    assert [(line.label, line.schools, line.participants) for line in report.by_municipality] == [
        ("г. Томск", 1, 19),
        ("Томский район", 1, 18),
    ]
    assert [(line.label, line.events) for line in report.trials_by_profession] == [
        ("Машинист локомотива", 1)
    ]
    only_other = coverage(
        cluster=w["cluster"], start=start, end=start + timedelta(days=30), organization=w["other"]
    )
    assert (only_other.events_held, only_other.participants) == (1, 23)
    before = coverage(cluster=w["cluster"], start=start - timedelta(days=30), end=start)
    assert before.is_empty


def test_the_coverage_page_has_tables_an_svg_chart_and_exports(client, w):
    client.force_login(w["observer"])
    slug = w["cluster"].slug
    start = timezone.localdate()
    query = {"start": start.isoformat(), "end": (start + timedelta(days=30)).isoformat()}
    page = client.get(reverse("events:events_coverage", args=[slug]), query).content.decode()
    assert "<svg" in page and "Школьники по классам" in page and "Машинист локомотива" in page
    xlsx = client.get(reverse("events:events_coverage_export", args=[slug, "xlsx"]), query)
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames[0] == "Итоги" and "По муниципалитетам" in book.sheetnames
    summary = {row[0]: row[1] for row in book["Итоги"].iter_rows(min_row=4, values_only=True)}
    assert summary["Участников всего"] == 42 and summary["Школ охвачено"] == 2
    docx = client.get(reverse("events:events_coverage_export", args=[slug, "docx"]), query)
    document = Document(io.BytesIO(docx.content))
    assert document.paragraphs[0].text.startswith("Охват профориентационными мероприятиями")
    assert any(
        cell.text == "Томский район"
        for table in document.tables
        for row in table.rows
        for cell in row.cells
    )


def test_a_bad_period_is_explained(client, w):
    client.force_login(w["observer"])
    response = client.get(
        reverse("events:events_coverage", args=[w["cluster"].slug]),
        {"start": "2024-05-01", "end": "2024-01-01"},
    )
    assert response.status_code == 400
    assert "Конец периода раньше начала." in response.content.decode()
    assert (
        client.get(
            reverse("events:events_coverage_export", args=[w["cluster"].slug, "xlsx"]),
            {"start": "нет"},
        ).status_code
        == 404
    )


def test_an_empty_period_says_what_to_do(client, w):
    client.force_login(w["observer"])
    response = client.get(
        reverse("events:events_coverage", args=[w["cluster"].slug]),
        {"start": "2001-01-01", "end": "2001-02-01"},
    )
    assert "проведённых мероприятий нет" in response.content.decode()


def test_the_activity_page_of_events_shows_figures_and_indicator_values(client):
    w = world()
    plan = plan_import(
        cluster=w["cluster"],
        document=plan_document((1,), executors=w["college"].short_name),
        actor=None,
    )
    activity = plan.activities.get()
    event = make_event(cluster=w["cluster"], host=w["college"], activity=activity)
    held(event, [("МАОУ СОШ № 5", "г. Томск", 8, 10, 7)])
    day = event.slots.first().starts_at.date()
    ReportingPeriod.objects.create(
        plan=plan,
        title="Текущий период",
        start=day - timedelta(days=5),
        end=day + timedelta(days=5),
        due_date=day + timedelta(days=10),
    )
    Indicator.objects.create(
        plan=plan,
        activity=activity,
        name="Участников профпроб",
        source="events.participants",
        target=Decimal(50),
    )
    client.force_login(w["observer"])
    response = client.get(reverse("events:activity_events", args=[activity.pk]))
    page = response.content.decode()
    assert response.context["figures"]["participants"] == 7
    assert response.context["indicator_rows"][0]["values"] == ["7"]
    assert "Участников профпроб" in page and "Текущий период" in page
    assert reverse("events:event_detail", args=[event.pk]) in page
    # The panel for the activity's own page renders the same figures.
    from django.template import Context, Template

    panel = Template("{% load events_ui %}{% activity_events_panel activity %}").render(
        Context({"activity": activity})
    )
    assert "Участников: <strong>7</strong>" in panel
    other = plan_import(
        cluster=w["cluster"], document=plan_document((1,), year="2024-2025"), actor=None
    ).activities.get()
    include = Template('{% include "events/_activity_events.html" %}')
    quiet = include.render(Context({"activity": other}))
    assert "События с участниками (профпробы" in quiet and "<section" not in quiet
    assert client.get(reverse("events:activity_events", args=[10**6])).status_code == 404


def test_every_bulk_source_gives_what_the_one_value_source_gives(w):
    """Dashboards and the activity page ask the bulk answers; they must match value by value."""
    from events.sources import BULK, FUNCTIONS

    plan = plan_import(cluster=w["cluster"], document=plan_document((1,)), actor=None)
    day = w["slot"].starts_at.date()
    periods = [
        ReportingPeriod.objects.create(
            plan=plan, title=title, start=start, end=end, due_date=end + timedelta(days=5)
        )
        for title, start, end in [
            ("до", day - timedelta(days=60), day - timedelta(days=31)),
            ("вокруг", day - timedelta(days=30), day + timedelta(days=30)),
            ("по день события", day - timedelta(days=10), day),
            ("с дня события", day, day + timedelta(days=10)),
            ("год", day - timedelta(days=200), day + timedelta(days=150)),
        ]
    ]
    organizations = [w["college"], w["other"], w["enterprise"]]
    seen = set()
    for key, one in FUNCTIONS.items():
        indicator = Indicator.objects.create(plan=plan, name=key, source=key)
        bulk = BULK[key](indicator, organizations, periods)
        for organization in organizations:
            for period in periods:
                expected = one(indicator, organization, period)
                assert bulk[organization.pk, period.pk] == expected, (key, organization, period)
                seen.add(expected is not None)
    assert seen == {True, False}  # both answers occur, so the comparison means something


def test_the_activity_indicator_table_costs_the_same_for_more_organizations_and_periods(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from events.sources import SOURCES

    counts = []
    for organizations, periods in ((1, 1), (3, 6)):
        w = world()
        executors = ", ".join(
            org.short_name for org in [w["college"], w["other"], w["enterprise"]][:organizations]
        )
        plan = plan_import(
            cluster=w["cluster"], document=plan_document((1,), executors=executors), actor=None
        )
        activity = plan.activities.get()
        day = w["slot"].starts_at.date()
        for i in range(periods):
            ReportingPeriod.objects.create(
                plan=plan,
                title=f"Период {i}",
                start=day + timedelta(days=30 * i - 5),
                end=day + timedelta(days=30 * i + 24),
                due_date=day + timedelta(days=30 * i + 30),
            )
        for key in SOURCES:
            Indicator.objects.create(plan=plan, activity=activity, name=key, source=key)
        client.force_login(w["observer"])
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("events:activity_events", args=[activity.pk]))
        assert response.status_code == 200
        assert len(response.context["indicator_rows"]) == periods
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [("0001-01-01", "2024-08-31", "start"), ("2023-09-01", "9999-12-31", "end")],
)
def test_a_coverage_period_at_the_ends_of_the_calendar_is_a_russian_message(
    client, w, start, end, field
):
    client.force_login(w["coordinator"])
    slug = w["cluster"].slug
    query = {"start": start, "end": end}
    page = client.get(reverse("events:events_coverage", args=[slug]), query)
    assert page.status_code == 400
    assert "Укажите дату с 2000 по 2100 год." in page.content.decode()
    assert field in page.context["form"].errors
    export = client.get(reverse("events:events_coverage_export", args=[slug, "xlsx"]), query)
    assert export.status_code == 404
