"""The consolidated report as a Word document, in the look of the official plan (documents.export).

Landscape A4 (the plan's four columns plus a wide «Отметка о выполнении»), margins within ГОСТ Р
7.0.97-2016: 2.5 cm left, 1.5 cm right, 2 cm top and bottom. Times New Roman, the title 14 pt bold,
text 12 pt, tables 11 pt. First the summary («1. Сводные итоги»: marks by status, indicators against
target, overdue activities), then on a new page the plan table («2. Выполнение мероприятий плана»)
with objective rows across it, the bold header repeated on every page, no row split across pages,
and in the last column each organization's accepted report: status, what was done, indicator values
and links to evidence. «стр. N из M» in the footer; the approver's signature line at the end.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

from core.office.docx import _footer, _set_table_property, _set_up_styles
from core.office.model import clean
from reporting.consolidated.model import ConsolidatedReport, NoteEntry, Progress, ReportRow

TITLE_PT, BODY_PT, TABLE_PT = 14, 12, 11
PAGE_WIDTH_CM, PAGE_HEIGHT_CM = 29.7, 21.0
MARGINS_CM = {"left": 2.5, "right": 1.5, "top": 2.0, "bottom": 2.0}
TEXT_WIDTH_CM = PAGE_WIDTH_CM - MARGINS_CM["left"] - MARGINS_CM["right"]  # 25.7
PLAN_COLUMNS = (
    ("№ п/п", 1.3),
    ("Наименование мероприятия", 7.2),
    ("Исполнители", 3.9),
    ("Срок исполнения", 3.1),
    ("Отметка о выполнении", 10.2),
)
LINK_COLOUR = "1F4E99"
MUTED = RGBColor(0x55, 0x55, 0x55)


def consolidated_to_docx(report: ConsolidatedReport, progress: Progress | None = None) -> bytes:
    document = Document()
    _set_up_page(document)
    _set_up_styles(document)
    document.core_properties.title = clean(" ".join(report.title_lines))
    document.core_properties.author = "ClusterPlan"
    document.core_properties.language = "ru-RU"

    _title(document, report)
    _summary(document, report)
    breaker = document.add_paragraph()
    breaker.add_run().add_break(WD_BREAK.PAGE)
    _heading(document, "2. Выполнение мероприятий плана")
    _plan_table(document, report, progress)
    _signature(document, report)
    _footer(document)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _set_up_page(document: DocxDocument) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(PAGE_WIDTH_CM), Cm(PAGE_HEIGHT_CM)
    for side, size in MARGINS_CM.items():
        setattr(section, f"{side}_margin", Cm(size))
    section.footer_distance = Cm(1.0)


def _run(
    paragraph: Paragraph, text: str, *, bold=False, italic=False, size=None, muted=False, br=False
):
    run = paragraph.add_run()
    if br:
        run.add_break()
    run.add_text(clean(text))
    run.bold = bold or None
    run.italic = italic or None
    if size:
        run.font.size = Pt(size)
    if muted:
        run.font.color.rgb = MUTED
    return run


def _paragraph(container, text: str = "", *, align=None, bold=False, size=None, after=0, before=0):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(after)
    paragraph.paragraph_format.space_before = Pt(before)
    if text:
        for index, part in enumerate(clean(text).split("\n")):
            _run(paragraph, part, bold=bold, size=size, br=bool(index))
    return paragraph


def _title(document: DocxDocument, report: ConsolidatedReport) -> None:
    centre = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph(document, "\n".join(report.title_lines), align=centre, bold=True, size=TITLE_PT)
    _paragraph(document, report.period_line, align=centre, bold=True, size=TITLE_PT, after=6)
    _paragraph(document, report.scope_line, align=centre)
    note = _paragraph(document, align=centre, after=12)
    _run(note, report.generated_line, italic=True, size=TABLE_PT, muted=True)


def _heading(document: DocxDocument, text: str) -> None:
    paragraph = _paragraph(document, text, bold=True, before=6, after=6)
    paragraph.paragraph_format.keep_with_next = True


def _table(document: DocxDocument, columns: Sequence[tuple[str, float]]) -> Table:
    """A bordered fixed-layout table with a bold header row repeated on every page."""
    table = document.add_table(rows=0, cols=len(columns))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(round(Cm(sum(w for _, w in columns)).twips)))
    width.set(qn("w:type"), "dxa")
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = OxmlElement(f"w:{edge}")
        for name, value in (("val", "single"), ("sz", "4"), ("space", "0"), ("color", "000000")):
            border.set(qn(f"w:{name}"), value)
        borders.append(border)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    margins = OxmlElement("w:tblCellMar")
    for edge, twips in (("top", 28), ("left", 85), ("bottom", 28), ("right", 85)):
        margin = OxmlElement(f"w:{edge}")
        margin.set(qn("w:w"), str(twips))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    for element in (width, borders, layout, margins):
        _set_table_property(table, element)
    for column, (_, column_width) in zip(table.columns, columns, strict=True):
        column.width = Cm(column_width)
    header = _row(table, columns, header=True)
    for cell, (text, _) in zip(header.cells, columns, strict=True):
        _cell_text(cell, text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        _shade(cell, "F2F2F2")
    return table


def _row(table: Table, columns: Sequence[tuple[str, float]], *, header: bool = False) -> _Row:
    row = table.add_row()
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    if header:
        properties.append(OxmlElement("w:tblHeader"))
    for cell, (_, width) in zip(row.cells, columns, strict=True):
        cell.width = Cm(width)
    return row


def _shade(cell: _Cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _cell_text(cell: _Cell, text: str, *, bold=False, align=None, italic=False) -> Paragraph:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    for index, part in enumerate(clean(text).split("\n")):
        if index:
            paragraph = cell.add_paragraph()
            paragraph.alignment = align
        _run(paragraph, part, bold=bold, italic=italic, size=TABLE_PT)
    return paragraph


def _summary(document: DocxDocument, report: ConsolidatedReport) -> None:
    _heading(document, "1. Сводные итоги")
    activities = len(report.rows)
    _paragraph(
        document,
        f"Мероприятий в отчёте: {activities}. Отметок организаций о выполнении ожидалось: "
        f"{report.expected_total}.",
        after=6,
    )
    columns = (("Отметка о выполнении", 9.0), ("Количество отметок", 4.0), ("Доля", 3.0))
    table = _table(document, columns)
    total = report.expected_total or 1
    for label, count in (*report.status_counts, ("Всего", report.expected_total)):
        cells = _row(table, columns).cells
        bold = label == "Всего"
        _cell_text(cells[0], label, bold=bold)
        _cell_text(cells[1], str(count), bold=bold, align=WD_ALIGN_PARAGRAPH.CENTER)
        _cell_text(
            cells[2], f"{round(100 * count / total)} %", bold=bold, align=WD_ALIGN_PARAGRAPH.CENTER
        )

    _heading(document, "Показатели: план на год и факт с начала года")
    if report.indicators:
        columns = (
            ("Показатель", 11.7),
            ("Ед. изм.", 3.0),
            ("План на год", 3.5),
            ("Факт", 3.5),
            ("Выполнение", 4.0),
        )
        table = _table(document, columns)
        for line in report.indicators:
            cells = _row(table, columns).cells
            centre = WD_ALIGN_PARAGRAPH.CENTER
            _cell_text(cells[0], line.name)
            for cell, text in zip(
                cells[1:], (line.unit, line.target, line.actual, line.percent), strict=True
            ):
                _cell_text(cell, text, align=centre)
    else:
        _paragraph(document, "Показатели для плана не заданы.")

    _heading(document, "Мероприятия, срок которых истёк, без отметки «выполнено»")
    if report.overdue:
        columns = (
            ("№ п/п", 1.3),
            ("Мероприятие", 10.4),
            ("Срок исполнения", 4.0),
            ("Исполнители без отметки «выполнено»", 10.0),
        )
        table = _table(document, columns)
        for line in report.overdue:
            cells = _row(table, columns).cells
            _cell_text(cells[0], line.number, align=WD_ALIGN_PARAGRAPH.CENTER)
            _cell_text(cells[1], line.title)
            _cell_text(cells[2], line.deadline_text, align=WD_ALIGN_PARAGRAPH.CENTER)
            _cell_text(cells[3], "\n".join(line.who))
    else:
        _paragraph(document, "Таких мероприятий нет.")


def _plan_table(
    document: DocxDocument, report: ConsolidatedReport, progress: Progress | None
) -> None:
    table = _table(document, PLAN_COLUMNS)
    total = max(len(report.rows), 1)
    done = 0
    for section in report.sections:
        row = _row(table, PLAN_COLUMNS)
        merged = row.cells[0].merge(row.cells[-1])
        paragraph = _cell_text(merged, section.heading, bold=True)
        paragraph.paragraph_format.keep_with_next = True
        _shade(merged, "E7E6E6")
        for item in section.rows:
            cells = _row(table, PLAN_COLUMNS).cells
            centre = WD_ALIGN_PARAGRAPH.CENTER
            _cell_text(cells[0], item.number, align=centre)
            _cell_text(cells[1], item.title)
            _cell_text(cells[2], item.executors)
            _cell_text(cells[3], item.deadline_text, align=centre)
            _note_cell(cells[4], item)
            done += 1
            if progress and done % 25 == 0:
                progress(0.3 + 0.65 * done / total)


def _note_cell(cell: _Cell, row: ReportRow) -> None:
    if row.note_fallback:
        _cell_text(cell, row.note_fallback, italic=True)
        return
    first = True
    for note in row.notes:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        if not first:
            paragraph.paragraph_format.space_before = Pt(4)
        first = False
        _run(paragraph, note.organization, bold=True, size=TABLE_PT)
        for index, entry in enumerate(note.entries):
            if index:
                paragraph = cell.add_paragraph()
            _entry(cell, paragraph, entry, continues=index == 0)
    if row.missing:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        if not first:
            paragraph.paragraph_format.space_before = Pt(4)
        _run(paragraph, row.missing_line, italic=True, size=TABLE_PT, muted=True)


def _entry(cell: _Cell, paragraph: Paragraph, entry: NoteEntry, *, continues: bool) -> None:
    lead = " — " if continues else ""
    if entry.period_label:
        _run(paragraph, f"{lead}{entry.period_label}: ", size=TABLE_PT)
        lead = ""
    _run(paragraph, f"{lead}{entry.status_label}.", italic=True, size=TABLE_PT)
    if entry.text:
        _run(cell.add_paragraph(), entry.text, size=TABLE_PT)
    if entry.reason:
        line = cell.add_paragraph()
        _run(line, "Причина: ", italic=True, size=TABLE_PT)
        _run(line, entry.reason, size=TABLE_PT)
    if entry.values:
        line = cell.add_paragraph()
        _run(line, "Показатели: ", italic=True, size=TABLE_PT)
        _run(line, entry.values_line, size=TABLE_PT)
    if entry.evidence:
        line = cell.add_paragraph()
        _run(line, "Подтверждение: ", italic=True, size=TABLE_PT)
        for index, (label, url) in enumerate(entry.evidence):
            if index:
                _run(line, "; ", size=TABLE_PT)
            _hyperlink(line, label, url)


def _hyperlink(paragraph: Paragraph, text: str, url: str) -> None:
    """An external hyperlink, blue and underlined, as Word writes one."""
    relation = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relation)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), LINK_COLOUR)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), str(TABLE_PT * 2))
    for element in (colour, size, underline):
        properties.append(element)
    text_element = OxmlElement("w:t")
    text_element.set(qn("xml:space"), "preserve")
    text_element.text = clean(text)
    run.append(properties)
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def _signature(document: DocxDocument, report: ConsolidatedReport) -> None:
    if not report.signature_position and not report.signature_name:
        return
    _paragraph(document, before=18)
    paragraph = _paragraph(document)
    paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT)
    _run(paragraph, report.signature_position or "")
    _run(paragraph, f"\t_____________ {report.signature_name}")
