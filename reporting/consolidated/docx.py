"""The consolidated report as a Word document, in the look of the official plan (plans.documents).

Landscape A4 (the plan's four columns plus a wide «Отметка о выполнении»), margins within ГОСТ Р
7.0.97-2016: 2.5 cm left, 1.5 cm right, 2 cm top and bottom. Times New Roman, the title 14 pt bold,
text 12 pt, tables 11 pt. First the summary («1. Сводные итоги»: marks by status, indicators against
target, overdue activities), then on a new page the plan table («2. Выполнение мероприятий плана»)
with objective rows across it, the bold header repeated on every page, no row split across pages,
and in the last column each organization's accepted report: status, what was done, indicator values
and links to evidence. «стр. N из M» in the footer; the approver's signature line at the end.
"""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

from core.office import word
from reporting.consolidated.model import ConsolidatedReport, NoteEntry, Progress, ReportRow

TITLE_PT, BODY_PT, TABLE_PT = 14, 12, 11
PAGE = word.A4_LANDSCAPE
TEXT_WIDTH_CM = PAGE.text_width_cm  # 25.7
PLAN_COLUMNS = (
    ("№ п/п", 1.3),
    ("Наименование мероприятия", 7.2),
    ("Исполнители", 3.9),
    ("Срок исполнения", 3.1),
    ("Отметка о выполнении", 10.2),
)
MUTED = RGBColor(0x55, 0x55, 0x55)


def consolidated_to_docx(report: ConsolidatedReport, progress: Progress | None = None) -> bytes:
    document = word.new_document(page=PAGE, body_pt=BODY_PT, title=" ".join(report.title_lines))

    _title(document, report)
    _summary(document, report)
    breaker = document.add_paragraph()
    breaker.add_run().add_break(WD_BREAK.PAGE)
    _heading(document, "2. Выполнение мероприятий плана")
    _plan_table(document, report, progress)
    _signature(document, report)
    word.footer_page_numbers(document)

    return word.save(document)


def _run(paragraph: Paragraph, text: str, *, bold=False, italic=False, size=None, muted=False):
    return word.write(
        paragraph, text, bold=bold, italic=italic, size=size, color=MUTED if muted else None
    )


def _paragraph(container, text: str = "", *, align=None, bold=False, size=None, after=0, before=0):
    return word.paragraph(
        container, text, align=align, bold=bold, size=size, space_after=after, space_before=before
    )


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
    return word.table(
        document,
        [width for _, width in columns],
        header=[text for text, _ in columns],
        header_fill=word.HEADER_FILL,
        header_size=TABLE_PT,
    )


def _row(table: Table, columns: Sequence[tuple[str, float]]) -> _Row:
    return word.add_row(table)


def _cell_text(cell: _Cell, text: str, *, bold=False, align=None, italic=False) -> Paragraph:
    return word.cell_text(
        cell, text, bold=bold, italic=italic, align=align, size=TABLE_PT, lines_as_paragraphs=True
    )


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
        word.merged_row(table, section.heading, fill=word.SECTION_FILL, size=TABLE_PT)
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
            word.hyperlink(line, label, url, size=TABLE_PT)


def _signature(document: DocxDocument, report: ConsolidatedReport) -> None:
    if not report.signature_position and not report.signature_name:
        return
    _paragraph(document, before=18)
    paragraph = _paragraph(document)
    paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT)
    _run(paragraph, report.signature_position or "")
    _run(paragraph, f"\t_____________ {report.signature_name}")
