"""The protocol as a Word document, in the customary layout (see `protocol.py` for the wording).

Times New Roman 14 pt, single spacing, justified text with a 1.25 cm first-line indent; the title
«ПРОТОКОЛ № N» and «заседания …» centred in bold; the date on the left and the city on the right
of one line (a right tab stop at the text edge); the agenda and the «РЕШИЛИ» lists numbered as
written («1.», «1.1.»), never as Word's automatic numbering, so the numbers survive copying into
another document; signature lines in a borderless table that keeps with the last decision.
A draft (a meeting not yet held) says «ПРОЕКТ» at the top right.
"""

from __future__ import annotations

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.shared import Cm, Pt

from core.office import word
from core.office.word import write
from council.documents.layout import PAGE, TEXT_WIDTH_CM, labelled, paragraph
from council.documents.protocol import SIGNATURE_BLANK, Protocol, ProtocolItem

BODY_PT = 14
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
CENTER = WD_ALIGN_PARAGRAPH.CENTER


def protocol_to_docx(protocol: Protocol) -> bytes:
    document = word.new_document(
        page=PAGE, body_pt=BODY_PT, title=f"{protocol.title} {protocol.subtitle}"
    )

    if protocol.is_draft:
        paragraph(document, "ПРОЕКТ", bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
    paragraph(document, protocol.title, bold=True, align=CENTER)
    paragraph(document, protocol.subtitle, bold=True, align=CENTER)
    _date_line(document, protocol)
    _attendance(document, protocol)
    _agenda(document, protocol)
    for item in protocol.items:
        _item(document, item)
    _signatures(document, protocol)
    word.footer_page_numbers(document)

    return word.save(document)


def _date_line(document, protocol: Protocol) -> None:
    line = paragraph(document, space_before=12)
    # Just inside the right margin: LibreOffice ignores a tab stop placed exactly on it.
    line.paragraph_format.tab_stops.add_tab_stop(Cm(TEXT_WIDTH_CM - 0.05), WD_TAB_ALIGNMENT.RIGHT)
    write(line, f"{protocol.date_text}\t{protocol.city}")
    time = paragraph(document, f"Время начала: {protocol.time}")
    time.paragraph_format.space_after = Pt(12)
    paragraph(document, protocol.format_line, align=JUSTIFY)


def _attendance(document, protocol: Protocol) -> None:
    chair = protocol.chair + (f", {protocol.chair_position}" if protocol.chair_position else "")
    secretary = protocol.secretary + (
        f", {protocol.secretary_position}" if protocol.secretary_position else ""
    )
    labelled(
        document, "Председатель:", chair or "—", indent=False
    ).paragraph_format.space_before = Pt(12)
    labelled(document, "Секретарь:", secretary or "—", indent=False)
    heading = labelled(document, protocol.present_heading, "", indent=False)
    heading.paragraph_format.space_before = Pt(6)
    for number, person in enumerate(protocol.present, start=1):
        paragraph(document, f"{number}. {person.line}")
    paragraph(document, protocol.quorum_line, align=JUSTIFY)
    if protocol.invited:
        labelled(document, "Приглашённые:", "", indent=False).paragraph_format.space_before = Pt(6)
        for number, line in enumerate(protocol.invited, start=1):
            paragraph(document, f"{number}. {line}")


def _agenda(document, protocol: Protocol) -> None:
    paragraph(
        document, "ПОВЕСТКА ДНЯ:", bold=True, align=CENTER, space_before=12, keep_with_next=True
    )
    if not protocol.items:
        paragraph(document, "Вопросы повестки не внесены.", align=JUSTIFY)
    for item in protocol.items:
        paragraph(document, f"{item.number}. {item.agenda_line}", align=JUSTIFY, indent=True)


def _item(document, item: ProtocolItem) -> None:
    first = labelled(document, f"{item.number}. СЛУШАЛИ:", item.heard_text)
    first.paragraph_format.space_before = Pt(12)
    if item.spoke:
        labelled(document, "ВЫСТУПИЛИ:", item.spoke)
    labelled(
        document, "РЕШИЛИ:", "" if item.decisions else "решения не приняты."
    ).paragraph_format.keep_with_next = bool(item.decisions)
    for decision in item.decisions:
        paragraph(document, f"{decision.number}. {decision.text}", align=JUSTIFY, indent=True)
        for number, assignment in enumerate(decision.assignments, start=1):
            line = paragraph(document, align=JUSTIFY, indent=True)
            write(line, f"{decision.number}.{number}. {assignment.text}")
            control = paragraph(document, align=JUSTIFY, indent=True)
            write(control, assignment.control_line, italic=False)
            if assignment.plan_note:
                paragraph(document, assignment.plan_note, align=JUSTIFY, indent=True)
        if decision.votes:
            votes = paragraph(document, align=JUSTIFY, indent=True)
            write(votes, f"{decision.votes}. {decision.result}".strip())


def _signatures(document, protocol: Protocol) -> None:
    document.add_paragraph().paragraph_format.keep_with_next = True
    table = word.table(
        document, (5.0, 6.0, 6.0), borders=False, padding=None, align=WD_TABLE_ALIGNMENT.LEFT
    )
    rows = (("Председатель", protocol.chair), ("Секретарь", protocol.secretary))
    for label, name in rows:
        row = word.add_row(table, can_split=True)
        for cell, text in zip(row.cells, (label, SIGNATURE_BLANK, name), strict=True):
            target = cell.paragraphs[0]
            target.paragraph_format.space_before = Pt(18)
            target.paragraph_format.keep_with_next = True
            if text == SIGNATURE_BLANK:
                target.alignment = CENTER
            write(target, text)
