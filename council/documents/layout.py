"""The page every council document shares, in the look of the plan export and the consolidated
report (`core.office`, whose page, style and footer helpers it reuses): portrait A4, margins within
ГОСТ Р 7.0.97-2016 (2.5 cm left for binding, 1.5 cm right, 2 cm top and bottom), Times New Roman
for every script with Russian proofing, and «стр. N из M» in the footer as PAGE and NUMPAGES
fields. Protocols are set in 14 pt, as such documents customarily are.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from core.office.docx import _footer as office_footer
from core.office.docx import _set_up_styles as office_styles
from core.office.model import clean

PAGE_WIDTH_CM, PAGE_HEIGHT_CM = 21.0, 29.7
MARGINS_CM = {"left": 2.5, "right": 1.5, "top": 2.0, "bottom": 2.0}
TEXT_WIDTH_CM = PAGE_WIDTH_CM - MARGINS_CM["left"] - MARGINS_CM["right"]


def set_up_page(document: DocxDocument, *, landscape: bool = False) -> None:
    section = document.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(PAGE_HEIGHT_CM), Cm(PAGE_WIDTH_CM)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(PAGE_WIDTH_CM), Cm(PAGE_HEIGHT_CM)
    for side, size in MARGINS_CM.items():
        setattr(section, f"{side}_margin", Cm(size))
    section.footer_distance = Cm(1.0)


def set_up_styles(document: DocxDocument, *, size: int) -> None:
    """core.office's styles (Times New Roman everywhere, Russian proofing, no extra spacing) at the
    body size the document needs."""
    office_styles(document)
    document.styles["Normal"].font.size = Pt(size)


def write(
    paragraph: Paragraph,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: int | None = None,
) -> None:
    """Text into a paragraph; a line break in the text stays a line break."""
    for index, part in enumerate(clean(text).split("\n")):
        run = paragraph.add_run()
        run.bold = bold or None
        run.italic = italic or None
        if size:
            run.font.size = Pt(size)
        if index:
            run.add_break()
        for tab_index, piece in enumerate(part.split("\t")):
            if tab_index:
                run.add_tab()  # a w:tab element: a literal tab in w:t is a space to LibreOffice
            run.add_text(piece)


def paragraph(
    document: DocxDocument,
    text: str = "",
    *,
    bold: bool = False,
    align=None,
    indent: bool = False,
    space_before: int = 0,
    keep_with_next: bool = False,
) -> Paragraph:
    result = document.add_paragraph()
    if align is not None:
        result.alignment = align
    if indent:
        result.paragraph_format.first_line_indent = Cm(1.25)
    if space_before:
        result.paragraph_format.space_before = Pt(space_before)
    if keep_with_next:
        result.paragraph_format.keep_with_next = True
    if text:
        write(result, text, bold=bold)
    return result


def labelled(document: DocxDocument, label: str, text: str, *, indent: bool = True) -> Paragraph:
    """«СЛУШАЛИ: text» — the label in bold, justified, first line indented."""
    result = paragraph(document, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=indent)
    write(result, label, bold=True)
    if text:
        write(result, " " + text)
    return result


def no_borders(table: Table) -> None:
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = OxmlElement(f"w:{edge}")
        border.set(qn("w:val"), "nil")
        borders.append(border)
    for old in properties.findall(qn("w:tblBorders")):
        properties.remove(old)
    properties.append(borders)


def all_borders(table: Table) -> None:
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = OxmlElement(f"w:{edge}")
        border.set(qn("w:val"), "single")
        border.set(qn("w:sz"), "4")
        border.set(qn("w:space"), "0")
        border.set(qn("w:color"), "000000")
        borders.append(border)
    for old in properties.findall(qn("w:tblBorders")):
        properties.remove(old)
    properties.append(borders)


def repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:tblHeader"))
    properties.append(OxmlElement("w:cantSplit"))


def footer_page_numbers(document: DocxDocument) -> None:
    """«стр. N из M», centred, as PAGE and NUMPAGES fields (core.office's footer)."""
    office_footer(document)
