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

import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

from core.office.model import (
    COLUMNS,
    ExportPlan,
    approval_lines,
    clean,
    objective_heading,
    title_lines,
)

FONT = "Times New Roman"
BODY_PT = 12
TITLE_PT = 14
FOOTER_PT = 10
PAGE_WIDTH_CM, PAGE_HEIGHT_CM = 21.0, 29.7
MARGINS_CM = {"left": 2.5, "right": 1.5, "top": 2.0, "bottom": 2.0}
TEXT_WIDTH_CM = PAGE_WIDTH_CM - MARGINS_CM["left"] - MARGINS_CM["right"]
COLUMN_WIDTHS_CM = (1.4, 8.2, 4.0, 3.4)  # 8 / 48 / 24 / 20 % of 17 cm
APPROVAL_INDENT_CM = 9.5  # the block takes the right 7.5 cm of the page
# The children of w:tblPr in schema order (ECMA-376 CT_TblPr).
TABLE_PROPERTY_ORDER = tuple(
    f"w:{name}"
    for name in (
        "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
        "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption "
        "tblDescription"
    ).split()
)
ALIGN = (
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.LEFT,
    WD_ALIGN_PARAGRAPH.LEFT,
    WD_ALIGN_PARAGRAPH.CENTER,
)


def plan_to_docx(plan: ExportPlan) -> bytes:
    """The plan as a DOCX file."""
    document = Document()
    _set_up_page(document)
    _set_up_styles(document)
    document.core_properties.title = clean(plan.title)
    document.core_properties.author = "ClusterPlan"
    document.core_properties.language = "ru-RU"

    _approval_block(document, plan)
    _title_block(document, plan)
    _plan_table(document, plan)
    _footer(document)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _set_up_page(document: DocxDocument) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(PAGE_WIDTH_CM), Cm(PAGE_HEIGHT_CM)
    for side, size in MARGINS_CM.items():
        setattr(section, f"{side}_margin", Cm(size))
    section.footer_distance = Cm(1.0)


def _set_up_styles(document: DocxDocument) -> None:
    """Times New Roman for every script (Cyrillic included), Russian proofing, no extra spacing."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    for tag in ("w:rFonts", "w:lang"):
        old = run_defaults.find(qn(tag))
        if old is not None:
            run_defaults.remove(old)
    fonts = OxmlElement("w:rFonts")
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    run_defaults.insert(0, fonts)
    language = OxmlElement("w:lang")
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        language.set(qn(attribute), "ru-RU")
    run_defaults.append(language)

    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0


def _write(paragraph: Paragraph, text: str, *, bold: bool = False, size: int | None = None) -> None:
    """Text into a paragraph; a line break in the text stays a line break in the paragraph."""
    for index, part in enumerate(clean(text).split("\n")):
        run = paragraph.add_run()
        if bold:
            run.bold = True
        if size:
            run.font.size = Pt(size)
        if index:
            run.add_break()
        run.add_text(part)


def _approval_block(document: DocxDocument, plan: ExportPlan) -> None:
    lines = approval_lines(plan)
    for index, line in enumerate(lines):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.left_indent = Cm(APPROVAL_INDENT_CM)
        if index == 0:
            paragraph.paragraph_format.space_after = Pt(6)
        elif line.startswith("_"):
            paragraph.paragraph_format.space_before = Pt(12)  # room to sign
        _write(paragraph, line)
    if lines:
        document.add_paragraph()


def _title_block(document: DocxDocument, plan: ExportPlan) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before = Pt(6)
    _write(paragraph, "\n".join(title_lines(plan.title)), bold=True, size=TITLE_PT)
    if plan.subtitle:
        # An empty paragraph ends the title for a reader; the selection is a line of its own.
        document.add_paragraph().paragraph_format.line_spacing = Pt(6)
        subtitle = document.add_paragraph()
        subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _write(subtitle, plan.subtitle)
    document.add_paragraph()


def _plan_table(document: DocxDocument, plan: ExportPlan) -> Table:
    table = document.add_table(rows=0, cols=len(COLUMNS))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _table_properties(table)
    for column, width in zip(table.columns, COLUMN_WIDTHS_CM, strict=True):
        column.width = Cm(width)

    header = _add_row(table, header=True)
    for cell, text in zip(header.cells, COLUMNS, strict=True):
        _fill(cell, text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER

    for objective in plan.objectives:
        row = _add_row(table)
        cells = row.cells
        merged = cells[0].merge(cells[-1])
        _fill(merged, objective_heading(objective), bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)
        merged.paragraphs[0].paragraph_format.keep_with_next = True
        for activity in objective.activities:
            values = (activity.number, activity.title, activity.executors, activity.deadline_text)
            for cell, text, align in zip(_add_row(table).cells, values, ALIGN, strict=True):
                _fill(cell, text, align=align)
    return table


def _table_properties(table: Table) -> None:
    """A fixed layout as wide as the text, single borders on every cell, a little air in cells."""
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(round(Cm(TEXT_WIDTH_CM).twips)))
    width.set(qn("w:type"), "dxa")
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = OxmlElement(f"w:{edge}")
        border.set(qn("w:val"), "single")
        border.set(qn("w:sz"), "4")  # eighths of a point: a ½ pt line
        border.set(qn("w:space"), "0")
        border.set(qn("w:color"), "000000")
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


def _set_table_property(table: Table, element: BaseOxmlElement) -> None:
    """Put the element into w:tblPr in the order the schema demands (Word refuses another)."""
    properties = table._tbl.tblPr
    for old in properties.findall(element.tag):
        properties.remove(old)
    tags = [qn(tag) for tag in TABLE_PROPERTY_ORDER]
    later = TABLE_PROPERTY_ORDER[tags.index(element.tag) + 1 :]
    properties.insert_element_before(element, *later)


def _add_row(table: Table, *, header: bool = False) -> _Row:
    """A new row that never breaks across pages; the header row also repeats on each page."""
    row = table.add_row()
    row_properties = row._tr.get_or_add_trPr()
    row_properties.append(OxmlElement("w:cantSplit"))
    if header:
        row_properties.append(OxmlElement("w:tblHeader"))
    for cell, width in zip(row.cells, COLUMN_WIDTHS_CM, strict=True):
        cell.width = Cm(width)
    return row


def _fill(cell: _Cell, text: str, *, bold: bool = False, align: int | None = None) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    _write(paragraph, text, bold=bold)


def _footer(document: DocxDocument) -> None:
    """«стр. N из M», centred, as PAGE and NUMPAGES fields the word processor fills in."""
    footer = document.sections[0].footer
    paragraph = footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _write(paragraph, "стр. ", size=FOOTER_PT)
    _field(paragraph, "PAGE")
    _write(paragraph, " из ", size=FOOTER_PT)
    _field(paragraph, "NUMPAGES")


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A complex field (begin, instruction, separator, shown value, end), as Word writes one."""

    def run_with(element) -> None:
        run = paragraph.add_run()
        run.font.size = Pt(FOOTER_PT)
        run._r.append(element)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    run_with(code)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    paragraph.add_run("1").font.size = Pt(FOOTER_PT)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)
