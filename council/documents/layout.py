"""What the council's documents add to the office toolkit (`core.office.word`, which gives them
the page, the styles, the tables and «стр. N из M»): the protocol's paragraphs — justified text
with a 1.25 cm first-line indent, and «СЛУШАЛИ: …» with its label in bold. Protocols are set in
14 pt, as such documents customarily are.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.text.paragraph import Paragraph

from core.office import word

PAGE = word.A4_PORTRAIT
TEXT_WIDTH_CM = PAGE.text_width_cm
FIRST_LINE_INDENT_CM = 1.25


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
    """A paragraph of a council document; `indent` gives it the customary first-line indent."""
    return word.paragraph(
        document,
        text,
        bold=bold,
        align=align,
        first_line_indent_cm=FIRST_LINE_INDENT_CM if indent else None,
        space_before=space_before or None,
        keep_with_next=keep_with_next,
    )


def labelled(document: DocxDocument, label: str, text: str, *, indent: bool = True) -> Paragraph:
    """«СЛУШАЛИ: text» — the label in bold, justified, first line indented."""
    result = paragraph(document, align=word.JUSTIFY, indent=indent)
    word.write(result, label, bold=True)
    if text:
        word.write(result, " " + text)
    return result
