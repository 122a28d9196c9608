"""Every document of ClusterPlan renders, in every format it has, from the worst input a user can
give: a title with control characters (pasted from another program), cells far longer than a page,
and nothing at all to list. Each case is opened again with the format's own reader, and the
control characters are gone from what it reads.

A new document is added to DOCUMENTS below (see docs/architecture.md, «Adding a document»).
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import docx
import openpyxl
import pdfplumber
import pytest

from council.documents.discipline import discipline_to_docx, discipline_to_xlsx
from council.documents.protocol import (
    Protocol,
    ProtocolAssignment,
    ProtocolDecision,
    ProtocolItem,
    ProtocolPerson,
)
from council.documents.protocol_docx import protocol_to_docx
from council.documents.protocol_pdf import protocol_to_pdf
from council.models import Assignment, Meeting
from council.selectors.assignments import (
    AssignmentRow,
    Discipline,
    DisciplineRow,
    ExecutorStanding,
    Standing,
)
from events.exports import coverage_docx, coverage_xlsx, registrations_xlsx
from events.selectors.coverage import Coverage, Line
from orgs.models import Cluster, Organization
from plans.documents import (
    ExportActivity,
    ExportObjective,
    ExportPlan,
    plan_to_docx,
    plan_to_pdf,
    plan_to_xlsx,
)
from reporting.consolidated import (
    consolidated_to_docx,
    consolidated_to_pdf,
    consolidated_to_xlsx,
)
from reporting.consolidated.model import (
    ConsolidatedReport,
    IndicatorLine,
    NoteEntry,
    OrganizationNote,
    OverdueLine,
    ReportRow,
    ReportSection,
)

CONTROL = "План\x00\x01\x08\x0b\x0c\x1f\ufffe\uffff работы\tкластера\nна год"
SHOWN = "План работы"  # what a reader must find of it
LONG = (
    "Сверхдлинноеслово" * 40 + " "
) + "очень длинная ячейка " * 300  # ≈ 7 000 characters, pages of it
NAME = '=HYPERLINK("http://x")\x07 ОГБПОУ «ТТВТС»'


def plan(rows: bool) -> ExportPlan:
    activities = (ExportActivity("1.1", LONG, NAME, CONTROL), ExportActivity("", "", "", ""))
    return ExportPlan(
        title=CONTROL,
        approver_position=CONTROL,
        approver_name=NAME,
        edition_date=date(2023, 6, 2),
        objectives=(ExportObjective("1", LONG, activities),) if rows else (),
        subtitle=CONTROL,
    )


def consolidated(rows: bool) -> ConsolidatedReport:
    entry = NoteEntry(
        period_label=CONTROL,
        status="done",
        status_label="выполнено",
        text=LONG,
        reason=CONTROL,
        values=(CONTROL,),
        evidence=((CONTROL, "https://example.org/" + "a" * 2000),),
    )
    row = ReportRow("1.1", LONG, NAME, CONTROL, (OrganizationNote(NAME, (entry,)),), (NAME,))
    return ConsolidatedReport(
        title_lines=(CONTROL, LONG[:300]),
        period_line=CONTROL,
        scope_line=CONTROL,
        generated_line=CONTROL,
        sections=(ReportSection(CONTROL, (row,)),) if rows else (),
        status_counts=(("выполнено", 1),) if rows else (),
        expected_total=1 if rows else 0,
        indicators=(IndicatorLine(CONTROL, CONTROL, "1", "2", "200 %"),) if rows else (),
        overdue=(OverdueLine("1.1", LONG, CONTROL, (NAME,)),) if rows else (),
        signature_position=CONTROL,
        signature_name=NAME,
        filename_stem="otchet",
    )


def protocol(rows: bool) -> Protocol:
    assignment = ProtocolAssignment(LONG, NAME, CONTROL, CONTROL)
    decision = ProtocolDecision("1.1", LONG, CONTROL, CONTROL, (assignment,))
    return Protocol(
        number=1,
        day=date(2023, 11, 15),
        time="10:00",
        city=CONTROL,
        council_name=CONTROL,
        format_line=CONTROL,
        chair=NAME,
        chair_position=CONTROL,
        secretary=NAME,
        secretary_position=CONTROL,
        present=(ProtocolPerson(NAME, CONTROL, CONTROL),) if rows else (),
        members_total=1,
        quorum_line=CONTROL,
        invited=(CONTROL,) if rows else (),
        items=(ProtocolItem(1, CONTROL, NAME, LONG, LONG, (decision,)),) if rows else (),
        is_draft=True,
    )


def discipline(rows: bool) -> tuple[Discipline, list[AssignmentRow]]:
    meeting = Meeting(number=1, starts_at=datetime(2023, 11, 15, 3, tzinfo=UTC))
    assignment = Assignment(number=1, text=CONTROL + LONG, deadline_text=CONTROL, meeting=meeting)
    standing = ExecutorStanding(1, NAME, "lead", Standing.OVERDUE, None)
    counts = dict.fromkeys(Standing, 0) | {Standing.OVERDUE: 1}
    line = DisciplineRow(1, NAME, counts)
    report = Discipline(today=date(2024, 1, 10), rows=[line] if rows else [], total=line)
    return report, ([AssignmentRow(assignment, None, [standing])] if rows else [])


def coverage(rows: bool) -> Coverage:
    lines = [Line(CONTROL, 1, 2, 3, NAME), Line(LONG, 0, 0, 0, LONG)] if rows else []
    return Coverage(
        cluster=Cluster(name=CONTROL, slug="x"),
        start=date(2023, 9, 1),
        end=date(2024, 8, 31),
        organization=Organization(short_name=CONTROL),
        by_kind=lines,
        by_grade=lines,
        by_municipality=lines,
        by_school=lines,
        trials_by_profession=lines,
        by_host=lines,
    )


COUNCIL = "Координационного совета\x01"
DOCUMENTS = {
    "plan.docx": lambda rows: plan_to_docx(plan(rows)),
    "plan.xlsx": lambda rows: plan_to_xlsx(plan(rows)),
    "plan.pdf": lambda rows: plan_to_pdf(plan(rows)),
    "consolidated.docx": lambda rows: consolidated_to_docx(consolidated(rows)),
    "consolidated.xlsx": lambda rows: consolidated_to_xlsx(consolidated(rows)),
    "consolidated.pdf": lambda rows: consolidated_to_pdf(consolidated(rows)),
    "protocol.docx": lambda rows: protocol_to_docx(protocol(rows)),
    "protocol.pdf": lambda rows: protocol_to_pdf(protocol(rows)),
    "discipline.docx": lambda rows: discipline_to_docx(*discipline(rows), council_name=COUNCIL),
    "discipline.xlsx": lambda rows: discipline_to_xlsx(*discipline(rows), council_name=COUNCIL),
    "coverage.docx": lambda rows: coverage_docx(coverage(rows)),
    "coverage.xlsx": lambda rows: coverage_xlsx(coverage(rows)),
    "registrations.xlsx": lambda rows: registrations_xlsx(None, []),
}


def read_back(data: bytes, kind: str) -> str:
    """Every text of the file, as its format's own reader sees it."""
    if kind == "docx":
        document = docx.Document(io.BytesIO(data))
        parts = [p.text for p in document.paragraphs]
        parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
        parts += [document.core_properties.title or ""]
        return "\n".join(parts)
    if kind == "xlsx":
        workbook = openpyxl.load_workbook(io.BytesIO(data))
        return "\n".join(
            str(cell.value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if cell.value is not None
        )
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages[:3])


@pytest.mark.parametrize("rows", [True, False], ids=["long-rows", "no-rows"])
@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_a_broken_input_still_renders(name, rows):
    kind = name.rsplit(".", 1)[1]
    data = DOCUMENTS[name](rows)
    text = read_back(data, kind)
    assert text.strip()
    for char in "\x00\x01\x08\x0b\x0c\x1f\ufffe\uffff":
        assert char not in text
    if name.startswith(("plan", "consolidated", "protocol", "coverage")):
        assert SHOWN in " ".join(text.split())
