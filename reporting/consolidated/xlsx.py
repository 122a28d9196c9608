"""The consolidated report as an Excel workbook, in the look of the plan's XLSX (documents.export).

Sheet «Отчёт»: the title, then the plan table with a fifth column «Отметка о выполнении» (each
organization's accepted report as text, evidence as addresses), objective rows merged across in
bold on grey; the header frozen and repeated on every printed page; A4 landscape, one page wide.
Sheet «Итоги»: marks by status, indicators against target, overdue activities. Every value is
written as text (no formula is ever taken from user text); row heights are estimated from the text
as the plan export does.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from core.office.model import clean
from core.office.xlsx import (
    BODY,
    BOLD,
    BOX,
    CENTER,
    FONT_NAME,
    HEADER_FILL,
    OBJECTIVE_FILL,
    TITLE,
    TOP_CENTER,
    TOP_LEFT,
    _fit_height,
    _put,
)
from reporting.consolidated.model import ConsolidatedReport, Progress, ReportRow

COLUMNS = (
    ("№ п/п", 7),
    ("Наименование мероприятия", 42),
    ("Исполнители", 22),
    ("Срок исполнения", 17),
    ("Отметка о выполнении", 60),
)
ALIGN = (TOP_CENTER, TOP_LEFT, TOP_LEFT, TOP_CENTER, TOP_LEFT)


def note_text(row: ReportRow) -> str:
    """The «Отметка о выполнении» cell as plain text (the XLSX cell; also handy in tests)."""
    if row.note_fallback:
        return row.note_fallback
    blocks = []
    for note in row.notes:
        lines = []
        for index, entry in enumerate(note.entries):
            head = f"{entry.period_label}: " if entry.period_label else ""
            prefix = f"{note.organization} — " if index == 0 else ""
            lines.append(f"{prefix}{head}{entry.status_label}.")
            if entry.text:
                lines.append(entry.text)
            if entry.reason:
                lines.append(f"Причина: {entry.reason}")
            if entry.values:
                lines.append(f"Показатели: {entry.values_line}")
            if entry.evidence:
                lines.append(
                    "Подтверждение: "
                    + "; ".join(f"{label} ({url})" for label, url in entry.evidence)
                )
        blocks.append("\n".join(lines))
    if row.missing:
        blocks.append(row.missing_line)
    return "\n\n".join(blocks)


def consolidated_to_xlsx(report: ConsolidatedReport, progress: Progress | None = None) -> bytes:
    workbook = Workbook()
    sheet = workbook.worksheets[0]
    sheet.title = "Отчёт"
    workbook.properties.title = clean(" ".join(report.title_lines))
    workbook.properties.creator = "ClusterPlan"
    _report_sheet(sheet, report, progress)
    _summary_sheet(workbook.create_sheet("Итоги"), report)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _letter(column: int) -> str:
    return "ABCDEFGHIJ"[column - 1]


def _title_rows(
    sheet: Worksheet, report: ConsolidatedReport, last_column: int, width: float
) -> int:
    row = 1
    for text, font in (
        ("\n".join(report.title_lines), TITLE),
        (report.period_line, TITLE),
        (report.scope_line, BODY),
        (report.generated_line, BODY),
    ):
        cell = _put(sheet, row, 1, text)
        cell.font, cell.alignment = font, CENTER
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_column)
        _fit_height(sheet, row, [(text, width / 1.2)])
        row += 1
    return row + 1


def _report_sheet(sheet: Worksheet, report: ConsolidatedReport, progress: Progress | None) -> None:
    widths = [width for _, width in COLUMNS]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[_letter(index)].width = width
    header_row = _title_rows(sheet, report, len(COLUMNS), sum(widths))
    for column, (text, _) in enumerate(COLUMNS, start=1):
        cell = _put(sheet, header_row, column, text)
        cell.font, cell.alignment, cell.border, cell.fill = BOLD, CENTER, BOX, HEADER_FILL
    row = header_row
    total, done = max(len(report.rows), 1), 0
    for section in report.sections:
        row += 1
        _put(sheet, row, 1, section.heading)
        for column in range(1, len(COLUMNS) + 1):
            cell = sheet.cell(row, column)
            cell.font, cell.alignment, cell.border, cell.fill = BOLD, TOP_LEFT, BOX, OBJECTIVE_FILL
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(COLUMNS))
        _fit_height(sheet, row, [(section.heading, sum(widths) * 0.95)])
        for item in section.rows:
            row += 1
            values = (
                item.number,
                item.title,
                item.executors,
                item.deadline_text,
                note_text(item),
            )
            for column, (text, align) in enumerate(zip(values, ALIGN, strict=True), start=1):
                cell = _put(sheet, row, column, text)
                cell.font, cell.alignment, cell.border = BODY, align, BOX
            _fit_height(sheet, row, list(zip(values, widths, strict=True)))
            done += 1
            if progress and done % 25 == 0:
                progress(0.3 + 0.65 * done / total)
    _print_setup(sheet, header_row)


def _summary_sheet(sheet: Worksheet, report: ConsolidatedReport) -> None:
    widths = (48, 14, 16, 16, 14)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[_letter(index)].width = width
    row = _title_rows(sheet, report, len(widths), sum(widths))

    def header(values: tuple[str, ...]) -> None:
        for column, text in enumerate(values, start=1):
            cell = _put(sheet, row, column, text)
            cell.font, cell.alignment, cell.border, cell.fill = BOLD, CENTER, BOX, HEADER_FILL

    def line(values: tuple[str, ...], *, bold: bool = False) -> None:
        for column, text in enumerate(values, start=1):
            cell = _put(sheet, row, column, text)
            cell.font = BOLD if bold else BODY
            cell.alignment, cell.border = (TOP_LEFT if column == 1 else TOP_CENTER), BOX
        _fit_height(sheet, row, list(zip(values, widths, strict=False)))

    def heading(text: str) -> None:
        cell = _put(sheet, row, 1, text)
        cell.font = BOLD

    heading("Отметки организаций о выполнении")
    row += 1
    header(("Отметка о выполнении", "Количество", "Доля"))
    total = report.expected_total or 1
    for label, count in (*report.status_counts, ("Всего", report.expected_total)):
        row += 1
        line((label, str(count), f"{round(100 * count / total)} %"), bold=label == "Всего")
    row += 2
    heading("Показатели: план на год и факт с начала года")
    row += 1
    if report.indicators:
        header(("Показатель", "Ед. изм.", "План на год", "Факт", "Выполнение"))
        for item in report.indicators:
            row += 1
            line((item.name, item.unit, item.target, item.actual, item.percent))
    else:
        _put(sheet, row, 1, "Показатели для плана не заданы.").font = BODY
    row += 2
    heading("Мероприятия, срок которых истёк, без отметки «выполнено»")
    row += 1
    if report.overdue:
        header(("Мероприятие", "Срок исполнения", "Исполнители без отметки «выполнено»"))
        sheet.merge_cells(start_row=row, start_column=3, end_row=row, end_column=5)
        for item in report.overdue:
            row += 1
            line((f"{item.number} {item.title}", item.deadline_text, "\n".join(item.who)))
            sheet.merge_cells(start_row=row, start_column=3, end_row=row, end_column=5)
            _fit_height(
                sheet, row, [(f"{item.number} {item.title}", widths[0]), ("\n".join(item.who), 46)]
            )
    else:
        _put(sheet, row, 1, "Таких мероприятий нет.").font = BODY
    _print_setup(sheet, None)


def _print_setup(sheet: Worksheet, header_row: int | None) -> None:
    if header_row:
        sheet.freeze_panes = f"A{header_row + 1}"
        sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left, sheet.page_margins.right = 0.98, 0.59
    sheet.page_margins.top, sheet.page_margins.bottom = 0.79, 0.79
    sheet.oddFooter.center.text = "стр. &P из &N"
    sheet.oddFooter.center.size = 10
    sheet.oddFooter.center.font = FONT_NAME
