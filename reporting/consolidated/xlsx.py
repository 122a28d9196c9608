"""The consolidated report as an Excel workbook, in the look of the plan's XLSX (plans.documents).

Sheet «Отчёт»: the title, then the plan table with a fifth column «Отметка о выполнении» (each
organization's accepted report as text, evidence as addresses), objective rows merged across in
bold on grey; the header frozen and repeated on every printed page; A4 landscape, one page wide.
Sheet «Итоги»: marks by status, indicators against target, overdue activities. Every value is
written as text (no formula is ever taken from user text); row heights are estimated from the text
as the plan export does.
"""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from core.office import sheet as xl
from core.office.sheet import (
    BODY,
    BOLD,
    BOX,
    CENTER,
    HEADER_FILL,
    SECTION_FILL,
    TITLE,
    TOP_CENTER,
    TOP_LEFT,
    fit_height,
    put,
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
    workbook = xl.new_workbook(title=" ".join(report.title_lines))
    sheet = workbook.worksheets[0]
    sheet.title = "Отчёт"
    _report_sheet(sheet, report, progress)
    _summary_sheet(workbook.create_sheet("Итоги"), report)
    return xl.save(workbook)


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
        cell = put(sheet, row, 1, text)
        cell.font, cell.alignment = font, CENTER
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_column)
        fit_height(sheet, row, [(text, width / 1.2)])
        row += 1
    return row + 1


def _report_sheet(sheet: Worksheet, report: ConsolidatedReport, progress: Progress | None) -> None:
    widths = [width for _, width in COLUMNS]
    xl.set_widths(sheet, widths)
    header_row = _title_rows(sheet, report, len(COLUMNS), sum(widths))
    for column, (text, _) in enumerate(COLUMNS, start=1):
        cell = put(sheet, header_row, column, text)
        cell.font, cell.alignment, cell.border, cell.fill = BOLD, CENTER, BOX, HEADER_FILL
    row = header_row
    total, done = max(len(report.rows), 1), 0
    for section in report.sections:
        row += 1
        put(sheet, row, 1, section.heading)
        for column in range(1, len(COLUMNS) + 1):
            cell = sheet.cell(row, column)
            cell.font, cell.alignment, cell.border, cell.fill = BOLD, TOP_LEFT, BOX, SECTION_FILL
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(COLUMNS))
        fit_height(sheet, row, [(section.heading, sum(widths) * 0.95)])
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
                cell = put(sheet, row, column, text)
                cell.font, cell.alignment, cell.border = BODY, align, BOX
            fit_height(sheet, row, list(zip(values, widths, strict=True)))
            done += 1
            if progress and done % 25 == 0:
                progress(0.3 + 0.65 * done / total)
    xl.print_setup(sheet, header_row=header_row, landscape=True)


def _summary_sheet(sheet: Worksheet, report: ConsolidatedReport) -> None:
    widths = (48, 14, 16, 16, 14)
    xl.set_widths(sheet, widths)
    row = _title_rows(sheet, report, len(widths), sum(widths))

    def header(values: tuple[str, ...]) -> None:
        for column, text in enumerate(values, start=1):
            cell = put(sheet, row, column, text)
            cell.font, cell.alignment, cell.border, cell.fill = BOLD, CENTER, BOX, HEADER_FILL

    def line(values: tuple[str, ...], *, bold: bool = False) -> None:
        for column, text in enumerate(values, start=1):
            cell = put(sheet, row, column, text)
            cell.font = BOLD if bold else BODY
            cell.alignment, cell.border = (TOP_LEFT if column == 1 else TOP_CENTER), BOX
        fit_height(sheet, row, list(zip(values, widths, strict=False)))

    def heading(text: str) -> None:
        cell = put(sheet, row, 1, text)
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
        put(sheet, row, 1, "Показатели для плана не заданы.").font = BODY
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
            fit_height(
                sheet, row, [(f"{item.number} {item.title}", widths[0]), ("\n".join(item.who), 46)]
            )
    else:
        put(sheet, row, 1, "Таких мероприятий нет.").font = BODY
    xl.print_setup(sheet, landscape=True)
