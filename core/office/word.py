"""Word documents (python-docx) in the look every official paper of the cluster shares.

A4 with margins within ГОСТ Р 7.0.97-2016 (at least 20 mm left, 10 mm right, 20 mm top and bottom):
2.5 cm left for binding, 1.5 cm right, 2 cm top and bottom; portrait, or landscape for wide tables.
Times New Roman for every script (Cyrillic included) with Russian proofing and no extra spacing;
tables with a fixed layout, single ½ pt borders on every cell, the header row repeated on every page
and no row split across pages; «стр. N из M» centred in the footer as PAGE and NUMPAGES fields.

    document = new_document(page=A4_LANDSCAPE, body_pt=12, title="Отчёт …")
    paragraph(document, "Отчёт …", bold=True, align=CENTER, size=14)
    grid = table(document, [1.3, 7.2, 3.9], header=["№ п/п", "Мероприятие", "Срок"])
    for values in rows:
        fill_row(add_row(grid), values)
    footer_page_numbers(document)
    data = save(document)

Every text goes through `write`, which drops the characters XML cannot hold, keeps a line break as
a line break and a tab as a tab, so no user text can make a document fail to render.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from core.office.text import clean

FONT = "Times New Roman"
FOOTER_PT = 10
CORE_PROPERTY_CHARS = 255  # the longest title python-docx (and Word) takes in the file's properties
CENTER = WD_ALIGN_PARAGRAPH.CENTER
LEFT = WD_ALIGN_PARAGRAPH.LEFT
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
HEADER_FILL = "F2F2F2"  # the header row of a report table
SECTION_FILL = "E7E6E6"  # a row across the table: «Задача 1. …»
# Cell padding in twips (top, left, bottom, right): a little air, as the plan export has it.
CELL_PADDING = (28, 85, 28, 85)
# The children of w:tblPr in schema order (ECMA-376 CT_TblPr): Word refuses another order.
TABLE_PROPERTY_ORDER = tuple(
    f"w:{name}"
    for name in (
        "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
        "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption "
        "tblDescription"
    ).split()
)


@dataclass(frozen=True)
class PageSetup:
    """An A4 page with ГОСТ margins (centimetres)."""

    landscape: bool = False
    margins_cm: dict[str, float] = field(
        default_factory=lambda: {"left": 2.5, "right": 1.5, "top": 2.0, "bottom": 2.0}
    )
    footer_distance_cm: float = 1.0

    @property
    def width_cm(self) -> float:
        return 29.7 if self.landscape else 21.0

    @property
    def height_cm(self) -> float:
        return 21.0 if self.landscape else 29.7

    @property
    def text_width_cm(self) -> float:
        return self.width_cm - self.margins_cm["left"] - self.margins_cm["right"]


A4_PORTRAIT = PageSetup()
A4_LANDSCAPE = PageSetup(landscape=True)


def new_document(
    *, page: PageSetup = A4_PORTRAIT, body_pt: float = 12, title: str = ""
) -> DocxDocument:
    """An empty document on the page, in the house styles, with its title, author and language."""
    document = Document()
    set_up_page(document, page)
    set_up_styles(document, body_pt=body_pt)
    document.core_properties.title = clean(title)[:CORE_PROPERTY_CHARS]
    document.core_properties.author = "ClusterPlan"
    document.core_properties.language = "ru-RU"
    return document


def save(document: DocxDocument) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def set_up_page(document: DocxDocument, page: PageSetup = A4_PORTRAIT) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if page.landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(page.width_cm), Cm(page.height_cm)
    for side, size in page.margins_cm.items():
        setattr(section, f"{side}_margin", Cm(size))
    section.footer_distance = Cm(page.footer_distance_cm)


def set_up_styles(document: DocxDocument, *, body_pt: float = 12) -> None:
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
    normal.font.size = Pt(body_pt)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0


def write(
    paragraph: Paragraph,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    color: RGBColor | None = None,
) -> Run | None:
    """Text into a paragraph; a line break stays a line break, a tab a tab. Returns the last run."""
    run = None
    for index, part in enumerate(clean(text).split("\n")):
        run = paragraph.add_run()
        run.bold = bold or None
        run.italic = italic or None
        if size:
            run.font.size = Pt(size)
        if color is not None:
            run.font.color.rgb = color
        if index:
            run.add_break()
        for tab_index, piece in enumerate(part.split("\t")):
            if tab_index:
                run.add_tab()  # a w:tab element: a literal tab in w:t is a space to LibreOffice
            run.add_text(piece)
    return run


def paragraph(
    container,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    align=None,
    space_before: float | None = None,
    space_after: float | None = None,
    first_line_indent_cm: float | None = None,
    left_indent_cm: float | None = None,
    keep_with_next: bool = False,
) -> Paragraph:
    """A new paragraph of a document or a cell, with its text (spacing in points)."""
    result = container.add_paragraph()
    if align is not None:
        result.alignment = align
    fmt = result.paragraph_format
    if space_before is not None:
        fmt.space_before = Pt(space_before)
    if space_after is not None:
        fmt.space_after = Pt(space_after)
    if first_line_indent_cm is not None:
        fmt.first_line_indent = Cm(first_line_indent_cm)
    if left_indent_cm is not None:
        fmt.left_indent = Cm(left_indent_cm)
    if keep_with_next:
        fmt.keep_with_next = True
    if text:
        write(result, text, bold=bold, italic=italic, size=size)
    return result


def table(
    document: DocxDocument,
    widths_cm: Sequence[float],
    *,
    header: Sequence[str] = (),
    header_fill: str | None = None,
    header_size: float | None = None,
    borders: bool = True,
    padding: tuple[int, int, int, int] | None = CELL_PADDING,
    align=WD_TABLE_ALIGNMENT.CENTER,
) -> Table:
    """A fixed-layout table as wide as its columns, bordered on every cell; `header` adds a bold
    centred header row that repeats on every page."""
    grid = document.add_table(rows=0, cols=len(widths_cm))
    grid.alignment = align
    grid.autofit = False
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(round(Cm(sum(widths_cm)).twips)))
    width.set(qn("w:type"), "dxa")
    set_table_property(grid, width)
    set_borders(grid, visible=borders)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    set_table_property(grid, layout)
    if padding is not None:
        margins = OxmlElement("w:tblCellMar")
        for edge, twips in zip(("top", "left", "bottom", "right"), padding, strict=True):
            margin = OxmlElement(f"w:{edge}")
            margin.set(qn("w:w"), str(twips))
            margin.set(qn("w:type"), "dxa")
            margins.append(margin)
        set_table_property(grid, margins)
    for column, column_width in zip(grid.columns, widths_cm, strict=True):
        column.width = Cm(column_width)
    if header:
        row = add_row(grid, header=True)
        for cell, text in zip(row.cells, header, strict=True):
            cell_text(cell, text, bold=True, align=CENTER, size=header_size)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            if header_fill:
                shade(cell, header_fill)
    return grid


def set_borders(grid: Table, *, visible: bool = True) -> None:
    """Single ½ pt borders on every cell, or none at all (a layout table: signatures)."""
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = OxmlElement(f"w:{edge}")
        if visible:
            border.set(qn("w:val"), "single")
            border.set(qn("w:sz"), "4")  # eighths of a point: a ½ pt line
            border.set(qn("w:space"), "0")
            border.set(qn("w:color"), "000000")
        else:
            border.set(qn("w:val"), "nil")
        borders.append(border)
    set_table_property(grid, borders)


def set_table_property(grid: Table, element: BaseOxmlElement) -> None:
    """Put the element into w:tblPr in the order the schema demands (Word refuses another)."""
    properties = grid._tbl.tblPr
    for old in properties.findall(element.tag):
        properties.remove(old)
    tags = [qn(tag) for tag in TABLE_PROPERTY_ORDER]
    later = TABLE_PROPERTY_ORDER[tags.index(element.tag) + 1 :]
    properties.insert_element_before(element, *later)


def add_row(grid: Table, *, header: bool = False, can_split: bool = False) -> _Row:
    """A new row with the table's column widths that never breaks across pages (unless
    `can_split`); a header row also repeats on each page."""
    row = grid.add_row()
    row_properties = row._tr.get_or_add_trPr()
    if not can_split:
        row_properties.append(OxmlElement("w:cantSplit"))
    if header:
        row_properties.append(OxmlElement("w:tblHeader"))
    for cell, column in zip(row.cells, grid.columns, strict=True):
        cell.width = column.width
    return row


def merged_row(grid: Table, text: str, *, fill: str | None = None, size: float | None = None):
    """A row that is one bold cell across the table («Задача 1. …») and keeps with the next."""
    cells = add_row(grid).cells
    merged = cells[0].merge(cells[-1])
    first = cell_text(merged, text, bold=True, align=LEFT, size=size)
    first.paragraph_format.keep_with_next = True
    if fill:
        shade(merged, fill)
    return merged


def cell_text(
    cell: _Cell,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    align=None,
    lines_as_paragraphs: bool = False,
) -> Paragraph:
    """Text into a cell's first paragraph (a line break stays one; with `lines_as_paragraphs`
    each line is a paragraph of its own). Returns the first paragraph."""
    first = cell.paragraphs[0]
    first.alignment = align
    if not lines_as_paragraphs:
        write(first, text, bold=bold, italic=italic, size=size)
        return first
    target = first
    for index, part in enumerate(clean(text).split("\n")):
        if index:
            target = cell.add_paragraph()
            target.alignment = align
        write(target, part, bold=bold, italic=italic, size=size)
    return first


def shade(cell: _Cell, fill: str) -> None:
    """A cell's background («F2F2F2»)."""
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def hyperlink(paragraph: Paragraph, text: str, url: str, *, size: float | None = None) -> None:
    """An external hyperlink, blue and underlined, as Word writes one."""
    relation = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relation)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), "1F4E99")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    properties.append(colour)
    if size:
        points = OxmlElement("w:sz")
        points.set(qn("w:val"), str(round(size * 2)))
        properties.append(points)
    properties.append(underline)
    text_element = OxmlElement("w:t")
    text_element.set(qn("xml:space"), "preserve")
    text_element.text = clean(text)
    run.append(properties)
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def footer_page_numbers(document: DocxDocument, *, size: float = FOOTER_PT) -> None:
    """«стр. N из M», centred, as PAGE and NUMPAGES fields the word processor fills in."""
    footer = document.sections[0].footer
    line = footer.paragraphs[0]
    line.alignment = CENTER
    write(line, "стр. ", size=size)
    _field(line, "PAGE", size)
    write(line, " из ", size=size)
    _field(line, "NUMPAGES", size)


def _field(line: Paragraph, instruction: str, size: float) -> None:
    """A complex field (begin, instruction, separator, shown value, end), as Word writes one."""

    def run_with(element) -> None:
        run = line.add_run()
        run.font.size = Pt(size)
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
    line.add_run("1").font.size = Pt(size)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)
