"""The consolidated report: content, scope (period, year to date, one organization), formats,
background jobs with progress."""

import io
from decimal import Decimal

import docx
import openpyxl
import pytest
from django.urls import reverse

from reporting.consolidated import build_consolidated, consolidated_to_docx, note_text
from reporting.consolidated.pdf import consolidated_to_html, consolidated_to_pdf
from reporting.consolidated.xlsx import consolidated_to_xlsx
from reporting.models import Evidence, ReportJob
from reporting.services import (
    evidence_add_link,
    indicator_create,
    report_accept,
    report_job_create,
    report_job_run,
    report_submit,
)

pytestmark = pytest.mark.django_db


def accepted(world, obligation, user, period, text, status="done", **extra):
    report = report_submit(
        obligation=world[obligation],
        period=world[period],
        actor=world[user],
        version=extra.pop("version", 0),
        status=status,
        text=text,
        **extra,
    )
    return report_accept(report=report, actor=world["coordinator"])


@pytest.fixture
def reported(world):
    indicator = indicator_create(
        plan=world["plan"],
        actor=None,
        name="Школьников на профпробах",
        unit="чел.",
        target=Decimal(200),
        activity=world["quarter"],
    )
    evidence_add_link(
        obligation=world["ob_quarter_ttvts"],
        period=world["q1"],
        actor=world["rep_ttvts"],
        url="https://ttvts.example/news/1",
        title="Новость на сайте",
    )
    accepted(
        world,
        "ob_quarter_ttvts",
        "rep_ttvts",
        "q1",
        "Провели 4 пробы.",
        version=1,
        values={indicator.pk: Decimal(60)},
    )
    accepted(world, "ob_as_needed", "rep_ttvts", "q1", "", status="nothing")
    # ТКГТ's quarter report is still on review: it does not count.
    report_submit(
        obligation=world["ob_quarter_tkgt"],
        period=world["q1"],
        actor=world["rep_tkgt"],
        version=0,
        status="done",
        text="Не проверено.",
    )
    accepted(world, "ob_second_half", "rep_tkgt", "q3", "Школа ПДД открыта.", status="in_progress")
    return world


def test_the_report_of_a_quarter(reported, django_assert_max_num_queries):
    world = reported
    with django_assert_max_num_queries(10):
        report = build_consolidated(
            plan=world["plan"], period=world["q1"], base_url="https://cp.example"
        )
    assert report.title_lines == (
        "Отчёт о выполнении плана работы",
        "кластера транспорта на 2024 год",
    )
    assert report.period_line == "за I квартал 2024 года (01.01.2024 – 31.03.2024)"
    rows = {row.number: row for row in report.rows}
    quarter = note_text(rows["1.1"])
    assert "ОГБПОУ «ТТВТС» — выполнено." in quarter
    assert "Провели 4 пробы." in quarter
    assert "Показатели: Школьников на профпробах: 60 чел." in quarter
    assert "Новость на сайте (https://ttvts.example/news/1)" in quarter
    assert "Нет принятого отчёта: ОГБПОУ «ТКГТ»." in quarter
    assert "Не проверено." not in quarter
    assert note_text(rows["1.2"]) == "ОГБПОУ «ТТВТС» — нечего сообщить за период."
    assert note_text(rows["1.3"]) == "Срок исполнения не приходится на отчётный период."
    assert dict(report.status_counts) == {
        "выполнено": 1,
        "в работе": 0,
        "не начато": 0,
        "не выполнено": 0,
        "перенесено": 0,
        "нечего сообщить за период": 1,
        "нет принятого отчёта": 1,
    }
    assert report.expected_total == 3
    [indicator] = report.indicators
    assert (indicator.target, indicator.actual, indicator.percent) == ("200", "60", "30 %")
    [overdue] = report.overdue
    assert (overdue.number, overdue.who) == ("1.1", ("ОГБПОУ «ТКГТ» — нет принятого отчёта",))


def test_year_to_date_and_one_organization(reported):
    world = reported
    report = build_consolidated(
        plan=world["plan"], period=world["q3"], year_to_date=True, organization=world["tkgt"]
    )
    assert report.scope_line == "Организация: ОГБПОУ «ТКГТ»"
    assert report.period_line == "с 01.01.2024 по 30.09.2024 (нарастающим итогом)"
    assert [row.number for row in report.rows] == ["1.1", "1.3"]  # what ТКГТ owes only
    rows = {row.number: row for row in report.rows}
    assert (
        note_text(rows["1.3"])
        == "ОГБПОУ «ТКГТ» — III квартал 2024 года: в работе.\nШкола ПДД открыта."
    )
    assert "ТТВТС" not in note_text(rows["1.1"])
    assert (
        report.filename_stem
        == "Отчёт о выполнении плана — III квартал 2024 года, с начала года — ОГБПОУ ТКГТ"
    )


def test_every_format_prints_the_same_words(reported):
    report = build_consolidated(
        plan=reported["plan"], period=reported["q1"], base_url="https://cp.example"
    )
    document = docx.Document(io.BytesIO(consolidated_to_docx(report)))
    plan_table = document.tables[-1]
    assert [cell.text for cell in plan_table.rows[0].cells] == [
        "№ п/п",
        "Наименование мероприятия",
        "Исполнители",
        "Срок исполнения",
        "Отметка о выполнении",
    ]
    assert document.sections[0].page_width > document.sections[0].page_height  # landscape
    row = next(r for r in plan_table.rows if r.cells[0].text == "1.1")
    assert "Провели 4 пробы." in row.cells[4].text
    assert "https://ttvts.example/news/1" in {
        rel.target_ref for rel in document.part.rels.values() if rel.is_external
    }
    assert "Председатель Координационного совета" in document.paragraphs[-1].text

    workbook = openpyxl.load_workbook(io.BytesIO(consolidated_to_xlsx(report)))
    assert workbook.sheetnames == ["Отчёт", "Итоги"]
    values = [cell.value for row in workbook["Отчёт"].iter_rows() for cell in row if cell.value]
    assert any("Провели 4 пробы." in value for value in values)
    summary = [cell.value for row in workbook["Итоги"].iter_rows() for cell in row if cell.value]
    assert "нет принятого отчёта" in summary

    html = consolidated_to_html(report)
    assert "Провели 4 пробы." in html and 'href="https://ttvts.example/news/1"' in html
    assert consolidated_to_pdf(report).startswith(b"%PDF-")


def test_evidence_files_link_to_the_access_checked_view(reported):
    evidence = Evidence.objects.get()
    report = build_consolidated(
        plan=reported["plan"], period=reported["q1"], base_url="https://cp.example"
    )
    assert report.rows[0].notes[0].entries[0].evidence == (("Новость на сайте", evidence.url),)


def test_a_job_runs_in_the_background_with_progress_and_the_page_polls(
    client, reported, immediate_tasks, settings, django_capture_on_commit_callbacks
):
    settings.REPORT_IMMEDIATE_OBLIGATIONS = 0  # make even this plan go to the worker
    client.force_login(reported["observer"])
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(
            reverse("reporting:consolidated_new", args=[reported["plan"].pk]),
            {
                "period": reported["q1"].pk,
                "year_to_date": "1",
                "organization": "",
                "format": "xlsx",
            },
        )
    job = ReportJob.objects.get()
    assert job.state == "queued"  # the worker hears of it only once the job row is committed
    for callback in callbacks:
        callback()
    job.refresh_from_db()
    assert (job.state, job.progress, job.year_to_date) == ("done", 100, True)
    assert job.filename.endswith(".xlsx")
    fragment = client.get(response.url, HTTP_HX_REQUEST="true").content.decode()
    assert "Отчёт готов." in fragment and "every 2s" not in fragment
    download = client.get(reverse("reporting:report_job_download", args=[job.pk]))
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    client.force_login(reported["rep_ttvts"])  # someone else's job
    assert client.get(reverse("reporting:report_job_download", args=[job.pk])).status_code == 404


def test_a_queued_job_page_polls_every_two_seconds(client, reported):
    job = report_job_create(
        plan=reported["plan"], period=reported["q1"], actor=reported["coordinator"]
    )
    client.force_login(reported["coordinator"])
    page = client.get(reverse("reporting:report_job_detail", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in page
    assert "в очереди" in page
    assert client.get(reverse("reporting:report_job_download", args=[job.pk])).status_code == 404
    report_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.state == "done" and job.file


def test_a_failed_job_says_so(reported, monkeypatch):
    job = report_job_create(
        plan=reported["plan"], period=reported["q1"], actor=reported["coordinator"]
    )

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setitem(
        __import__("reporting.consolidated", fromlist=["RENDERERS"]).RENDERERS, "docx", broken
    )
    job = report_job_run(job_id=job.pk)
    assert job.state == "failed"
    assert "не удалось сформировать" in job.message
