"""The plan as a Word document, in the layout the council signs.

Portrait A4, margins within ГОСТ Р 7.0.97-2016 (at least 20 mm left, 10 mm right, 20 mm top and
bottom): 2.5 cm left for binding, 1.5 cm right, 2 cm top and bottom. Times New Roman 12 pt, the
title 14 pt bold. Top right, an «УТВЕРЖДАЮ» block: the approver's position, a signature line
«_____________ Ю.В. Дроздов», the edition date. Then the title centred in bold («План работы» on its
own line), an optional selection line for a filtered export, and the table «№ п/п | Наименование
мероприятия | Исполнители | Срок исполнения» with borders on every cell, its columns 8 / 48 / 24 /
20 % of the text width (the executors column is just wide enough for «Координационного» in one
piece). Its bold header row repeats on every page (`w:tblHeader`), no row breaks across a page
(`w:cantSplit`), and an objective row «Задача 1. …» is one bold cell merged across the table that
keeps with the first activity below it. The footer carries «стр. N из M» as PAGE and NUMPAGES
fields.

Portrait, as plans are filed and printed: the 8 cm title column takes even the longest activity in
eight lines, which reads well; landscape would only lengthen the lines and leave the executors and
deadline columns mostly empty.

Every paragraph is one line of the approval block or one cell, so `parsing.documents.read_plan`
reads the file back to the same plan.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from docx.table import Table

from core.office import word
from plans.documents.model import (
    COLUMNS,
    ExportPlan,
    approval_lines,
    objective_heading,
    title_lines,
)

BODY_PT = 12
TITLE_PT = 14
PAGE = word.A4_PORTRAIT
COLUMN_WIDTHS_CM = (1.4, 8.2, 4.0, 3.4)  # 8 / 48 / 24 / 20 % of 17 cm
APPROVAL_INDENT_CM = 9.5  # the block takes the right 7.5 cm of the page
ALIGN = (
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.LEFT,
    WD_ALIGN_PARAGRAPH.LEFT,
    WD_ALIGN_PARAGRAPH.CENTER,
)


def plan_to_docx(plan: ExportPlan) -> bytes:
    """The plan as a DOCX file."""
    document = word.new_document(page=PAGE, body_pt=BODY_PT, title=plan.title)

    _approval_block(document, plan)
    _title_block(document, plan)
    _plan_table(document, plan)
    word.footer_page_numbers(document)

    return word.save(document)


def _approval_block(document: DocxDocument, plan: ExportPlan) -> None:
    lines = approval_lines(plan)
    for index, line in enumerate(lines):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.left_indent = Cm(APPROVAL_INDENT_CM)
        if index == 0:
            paragraph.paragraph_format.space_after = Pt(6)
        elif line.startswith("_"):
            paragraph.paragraph_format.space_before = Pt(12)  # room to sign
        word.write(paragraph, line)
    if lines:
        document.add_paragraph()


def _title_block(document: DocxDocument, plan: ExportPlan) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before = Pt(6)
    word.write(paragraph, "\n".join(title_lines(plan.title)), bold=True, size=TITLE_PT)
    if plan.subtitle:
        # An empty paragraph ends the title for a reader; the selection is a line of its own.
        document.add_paragraph().paragraph_format.line_spacing = Pt(6)
        subtitle = document.add_paragraph()
        subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
        word.write(subtitle, plan.subtitle)
    document.add_paragraph()


def _plan_table(document: DocxDocument, plan: ExportPlan) -> Table:
    table = word.table(document, COLUMN_WIDTHS_CM, header=COLUMNS)
    for objective in plan.objectives:
        word.merged_row(table, objective_heading(objective))
        for activity in objective.activities:
            values = (activity.number, activity.title, activity.executors, activity.deadline_text)
            for cell, text, align in zip(word.add_row(table).cells, values, ALIGN, strict=True):
                word.cell_text(cell, text, align=align)
    return table
