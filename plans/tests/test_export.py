"""The plan exported as DOCX, XLSX and PDF: the official layout, filtered exports, the database side.

Round trips through the plan reader are in test_export_roundtrip.py; here each format is opened with
its own library and checked for what a person sees: the «УТВЕРЖДАЮ» block, the title, a header
row repeated on each page, objective rows across the table, page numbers.
"""

import io
import re
from datetime import date
from pathlib import Path

import openpyxl
import pdfplumber
import pytest
from django.conf import settings
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm

from documents.demo import demo_load
from parsing.documents import read_plan
from parsing.documents.text import join_lines
from plans.documents import (
    ExportActivity,
    ExportObjective,
    ExportPlan,
    export_plan_from_db,
    export_plan_from_document,
    plan_to_docx,
    plan_to_pdf,
    plan_to_xlsx,
)
from plans.documents.model import edition_line, title_lines
from plans.documents.pdf import plan_to_html
from plans.models import Plan

SEED_TXT = Path(settings.BASE_DIR) / "seed" / "plan-transport-cluster-2023-2024.txt"
TITLE = "План работы образовательно-отраслевого кластера транспорта на 2023 – 2024 учебный год"
TITLE_2_8 = (
    "Повышение уровня информированности работодателей и работников о чемпионатном движении через "
    "организацию и проведение отраслевого чемпионата профессионального мастерства с участием "
    "ведущих отраслевых предприятий – партнеров."
)
SUBTITLE = "Отбор: ОГБПОУ «ТТВТС»; IV квартал 2023"


@pytest.fixture(scope="module")
def seed() -> ExportPlan:
    return export_plan_from_document(read_plan(SEED_TXT.read_bytes(), SEED_TXT.name))


@pytest.fixture(scope="module")
def filtered(seed) -> ExportPlan:
    """Only the activities of ОГБПОУ «ТТВТС»: 2.1 of objective 2; objectives 1 and 3 drop out."""
    objectives = tuple(
        ExportObjective(o.number, o.title, kept)
        for o in seed.objectives
        if (kept := tuple(a for a in o.activities if "ТТВТС" in a.executors))
    )
    return ExportPlan(
        seed.title,
        seed.approver_position,
        seed.approver_name,
        seed.edition_date,
        objectives,
        subtitle=SUBTITLE,
    )


def words(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------------------- shared wording


def test_edition_line_is_the_customary_one():
    assert edition_line(date(2023, 6, 2)) == "(в редакции от «02» июня 2023 г.)"
    assert edition_line(date(2024, 12, 15)) == "(в редакции от «15» декабря 2024 г.)"


@pytest.mark.parametrize(
    ("title", "lines"),
    [
        pytest.param(
            TITLE,
            [
                "План работы",
                "образовательно-отраслевого кластера транспорта",
                "на 2023 – 2024 учебный год",
            ],
            id="seed",
        ),
        pytest.param(
            "План работы кластера на 2024 год", ["План работы кластера на 2024 год"], id="short"
        ),
        pytest.param("Дорожная карта кластера", ["Дорожная карта кластера"], id="other"),
    ],
)
def test_title_is_set_in_lines(title, lines):
    assert title_lines(title) == lines


# ---------------------------------------------------------------------------- DOCX


@pytest.fixture(scope="module")
def seed_docx(seed):
    return Document(io.BytesIO(plan_to_docx(seed)))


def test_docx_page_is_portrait_a4_in_times_new_roman(seed_docx):
    section = seed_docx.sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    normal = seed_docx.styles["Normal"].font
    assert (normal.name, normal.size.pt) == ("Times New Roman", 12)
    defaults = seed_docx.styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    assert fonts.get(qn("w:hAnsi")) == fonts.get(qn("w:cs")) == "Times New Roman"


def test_docx_opens_with_the_approval_block_on_the_right(seed_docx):
    paragraphs = [p for p in seed_docx.paragraphs if p.text.strip()]
    texts = [p.text for p in paragraphs[:4]]
    assert texts == [
        "УТВЕРЖДАЮ",
        "Председатель Координационного совета образовательно-отраслевого кластера транспорта",
        "_____________ Ю.В. Дроздов",
        "(в редакции от «02» июня 2023 г.)",
    ]
    assert all(p.paragraph_format.left_indent >= Cm(8) for p in paragraphs[:4])
    title = paragraphs[4]
    assert title.text.split("\n") == title_lines(TITLE)
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert all(run.bold and run.font.size.pt == 14 for run in title.runs if run.text)


def test_docx_table_has_a_repeated_header_and_rows_that_do_not_split(seed_docx, seed):
    (table,) = seed_docx.tables
    header = table.rows[0]
    assert [cell.text for cell in header.cells] == [
        "№ п/п",
        "Наименование мероприятия",
        "Исполнители",
        "Срок исполнения",
    ]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(run.bold for cell in header.cells for run in cell.paragraphs[0].runs)
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    assert len(table.rows) == 1 + len(seed.objectives) + len(seed.activities)
    widths = [round(column.width.cm, 1) for column in table.columns]
    assert [round(w / sum(widths) * 100) for w in widths] == [8, 48, 24, 20]


def test_docx_objective_rows_are_one_bold_cell_across_the_table(seed_docx):
    (table,) = seed_docx.tables
    objective_rows = [row for row in table.rows if len(row._tr.findall(qn("w:tc"))) == 1]
    assert [row.cells[0].text[:9] for row in objective_rows] == [
        "Задача 1.",
        "Задача 2.",
        "Задача 3.",
    ]
    for row in objective_rows:
        (tc,) = row._tr.findall(qn("w:tc"))
        assert tc.tcPr.find(qn("w:gridSpan")).get(qn("w:val")) == "4"
        assert all(run.bold for run in row.cells[0].paragraphs[0].runs)


def test_docx_every_cell_has_borders(seed_docx):
    borders = seed_docx.tables[0]._tbl.tblPr.find(qn("w:tblBorders"))
    edges = {child.tag.split("}")[1]: child.get(qn("w:val")) for child in borders}
    assert edges == dict.fromkeys(
        ("top", "left", "bottom", "right", "insideH", "insideV"), "single"
    )


def test_docx_footer_numbers_the_pages(seed_docx):
    footer = seed_docx.sections[0].footer.paragraphs[0]
    instructions = [node.text.strip() for node in footer._p.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert footer.text.startswith("стр. ")


# ---------------------------------------------------------------------------- XLSX


@pytest.fixture(scope="module")
def seed_sheet(seed):
    workbook = openpyxl.load_workbook(io.BytesIO(plan_to_xlsx(seed)))
    assert workbook.sheetnames == ["План"]
    return workbook["План"]


def header_row(sheet) -> int:
    return next(row[0].row for row in sheet.iter_rows() if row[0].value == "№ п/п")


def test_xlsx_has_the_approval_block_and_title_above_the_table(seed_sheet):
    assert [seed_sheet.cell(row, 3).value for row in range(1, 5)] == [
        "УТВЕРЖДАЮ",
        "Председатель Координационного совета образовательно-отраслевого кластера транспорта",
        "_____________ Ю.В. Дроздов",
        "(в редакции от «02» июня 2023 г.)",
    ]
    title = next(
        row[0] for row in seed_sheet.iter_rows() if (row[0].value or "").startswith("План")
    )
    assert title.value.split("\n") == title_lines(TITLE)
    assert title.font.b and title.font.sz == 14
    assert f"A{title.row}:D{title.row}" in {str(r) for r in seed_sheet.merged_cells.ranges}


def test_xlsx_header_is_frozen_and_printed_on_every_page(seed_sheet):
    header = header_row(seed_sheet)
    assert [cell.value for cell in seed_sheet[header]] == [
        "№ п/п",
        "Наименование мероприятия",
        "Исполнители",
        "Срок исполнения",
    ]
    assert all(cell.font.b and cell.border.left.style == "thin" for cell in seed_sheet[header])
    assert seed_sheet.freeze_panes == f"A{header + 1}"
    assert seed_sheet.print_title_rows == f"${header}:${header}"
    setup = seed_sheet.page_setup
    assert (str(setup.paperSize), setup.orientation) == (seed_sheet.PAPERSIZE_A4, "portrait")
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    assert seed_sheet.sheet_properties.pageSetUpPr.fitToPage
    assert "&P" in seed_sheet.oddFooter.center.text


def test_xlsx_objective_rows_are_merged_bold_and_filled(seed_sheet, seed):
    merged = {str(r) for r in seed_sheet.merged_cells.ranges}
    objective_cells = [
        row[0]
        for row in seed_sheet.iter_rows(min_row=header_row(seed_sheet) + 1)
        if (row[0].value or "").startswith("Задача")
    ]
    assert len(objective_cells) == len(seed.objectives) == 3
    for cell in objective_cells:
        assert f"A{cell.row}:D{cell.row}" in merged
        assert cell.font.b
        assert cell.fill.fgColor.rgb.endswith("E7E6E6")
        assert seed_sheet.cell(cell.row, 4).border.right.style == "thin"


def test_xlsx_body_cells_wrap_with_widths_and_heights(seed_sheet):
    widths = [seed_sheet.column_dimensions[letter].width for letter in "ABCD"]
    assert widths[1] > widths[2] > widths[0]
    row = next(r for r in seed_sheet.iter_rows() if r[0].value == "2.13")
    assert all(cell.alignment.wrap_text and cell.border.bottom.style == "thin" for cell in row)
    assert seed_sheet.row_dimensions[row[0].row].height > 4 * 14  # a long title, several lines


def test_xlsx_keeps_text_as_text():
    plan = ExportPlan(
        "План работы кластера на 2024 год",
        "Председатель совета",
        "А.Б. Петрова",
        None,
        (
            ExportObjective(
                "1",
                "Кадры",
                (ExportActivity("2.10", '=HYPERLINK("http://x")\x07 ярмарка', "ЦЗН", "2024"),),
            ),
        ),
    )
    sheet = openpyxl.load_workbook(io.BytesIO(plan_to_xlsx(plan)))["План"]
    row = next(r for r in sheet.iter_rows() if r[0].value == "2.10")
    assert [cell.data_type for cell in row] == ["s"] * 4
    assert row[1].value == '=HYPERLINK("http://x") ярмарка'  # a string, the bell character gone
    assert row[3].value == "2024"


# ---------------------------------------------------------------------------- PDF


def test_pdf_of_the_seed(seed):
    """The one slow test: WeasyPrint renders the seed, pdfplumber reads it back."""
    data = plan_to_pdf(seed)
    assert data.startswith(b"%PDF")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert 1 <= len(pdf.pages) <= 3
        first = pdf.pages[0].extract_text()
        tables = [table for page in pdf.pages for table in page.extract_tables()]
        footers = [words(page.extract_text().splitlines()[-1]) for page in pdf.pages]
    assert "УТВЕРЖДАЮ" in first
    assert "_____________ Ю.В. Дроздов" in first
    assert "(в редакции от «02» июня 2023 г.)" in first
    assert TITLE in words(first)
    pages = len(footers)
    assert footers == [f"стр. {n} из {pages}" for n in range(1, pages + 1)]
    # Every page's table starts with the header row; 2.8 has its whole title in one cell.
    assert all(words(table[0][1] or "") == "Наименование мероприятия" for table in tables)
    rows = {row[0]: row for table in tables for row in table if row[0]}
    assert join_lines(rows["2.8"][1]) == TITLE_2_8
    assert join_lines(rows["2.8"][3]) == "октябрь-ноябрь 2023 года"
    # The reader reads the PDF back to the same plan.
    assert export_plan_from_document(read_plan(data, "plan.pdf")) == seed


def test_pdf_html_has_no_external_resources(seed):
    html = plan_to_html(seed)
    assert not re.search(r"(src|href)=|url\(|@import", html)
    assert "@page" in html and "counter(pages)" in html
    assert "<thead>" in html and "break-inside: avoid" in html


def test_pdf_html_escapes_plan_text():
    plan = ExportPlan(
        "План <b>работы</b>",
        "",
        "",
        None,
        (ExportObjective("1", "Кадры", (ExportActivity("1.1", "<img src=x>", "ЦЗН", "2024"),)),),
    )
    html = plan_to_html(plan)
    assert "<img src=x>" not in html and "&lt;img src=x&gt;" in html
    assert "УТВЕРЖДАЮ" not in html  # no approver, no approval block


# ---------------------------------------------------------------------------- filtered export


def test_filtered_docx_has_the_selection_line_and_only_its_rows(filtered):
    data = plan_to_docx(filtered)
    document = Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    assert SUBTITLE in texts
    (table,) = document.tables
    assert [row.cells[0].text for row in table.rows][1:] == [
        "Задача 2. Повышение качества обучения на основе интеграции образования и производства, "
        "экспертизы проектов, образовательных программ, учебных планов и методических документов",
        "2.1",
    ]
    back = read_plan(data, "plan.docx")
    assert back.title == TITLE  # the selection line is not taken into the title
    assert [a.number for a in back.activities] == ["2.1"]


def test_filtered_xlsx_has_the_selection_line_and_only_its_rows(filtered):
    data = plan_to_xlsx(filtered)
    sheet = openpyxl.load_workbook(io.BytesIO(data))["План"]
    values = [row[0].value for row in sheet.iter_rows() if row[0].value]
    assert SUBTITLE in values
    assert values[values.index("№ п/п") + 1 :][1:] == ["2.1"]
    back = read_plan(data, "plan.xlsx")
    assert back.title == TITLE
    assert [a.number for a in back.activities] == ["2.1"]


def test_filtered_pdf_html_has_the_selection_line_and_only_its_rows(filtered):
    html = plan_to_html(filtered)
    assert f'<p class="subtitle">{SUBTITLE}</p>' in html
    numbers = re.findall(r'<td class="number">([^<]*)</td>', html)
    assert numbers == ["2.1"]
    assert html.count('class="objective"') == 1


def test_plan_without_approver_or_edition():
    plan = ExportPlan(
        "План работы кластера на 2024 год",
        "",
        "",
        None,
        (ExportObjective("", "Без задачи", (ExportActivity("1", "Отчёт.", "ЦОПП", "май"),)),),
    )
    document = Document(io.BytesIO(plan_to_docx(plan)))
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts == ["План работы кластера на 2024 год"]
    assert document.tables[0].rows[1].cells[0].text == "Без задачи"


# ---------------------------------------------------------------------------- from the database


@pytest.mark.django_db
def test_export_plan_from_db_costs_two_queries(django_assert_num_queries):
    demo_load()
    plan = Plan.objects.get()
    with django_assert_num_queries(2):
        exported = export_plan_from_db(plan)
    assert exported.title == TITLE
    assert (exported.approver_name, exported.edition_date) == ("Ю.В. Дроздов", date(2023, 6, 2))
    assert [o.number for o in exported.objectives] == ["1", "2", "3"]
    assert len(exported.activities) == 17
    activity = next(a for a in exported.activities if a.number == "2.8")
    assert activity == ExportActivity(
        "2.8", TITLE_2_8, "Руководители ПОО Предприятия-партнеры", "октябрь-ноябрь 2023 года"
    )


@pytest.mark.django_db
def test_export_plan_from_db_filtered(django_assert_num_queries):
    demo_load()
    plan = Plan.objects.get()
    chosen = (
        plan.activities.filter(number__in=["3.2", "1.1"])
        .select_related("objective")
        .order_by("position")
    )
    with django_assert_num_queries(2):
        exported = export_plan_from_db(plan, chosen, subtitle="Отбор: 1.1 и 3.2")
    assert exported.subtitle == "Отбор: 1.1 и 3.2"
    assert [o.number for o in exported.objectives] == ["1", "3"]
    assert [a.number for a in exported.activities] == ["1.1", "3.2"]
