"""Documents and mail: the protocol PDF, the discipline DOCX/XLSX read back, the .ics invitation
and the signed link."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import docx
import openpyxl
import pdfplumber
import pytest
import time_machine
from django.core import mail, signing
from django.core.exceptions import ValidationError
from icalendar import Calendar

from council.documents.discipline import discipline_to_docx, discipline_to_xlsx
from council.documents.protocol import protocol_from_meeting
from council.documents.protocol_docx import protocol_to_docx
from council.documents.protocol_pdf import protocol_to_html, protocol_to_pdf
from council.selectors.assignments import assignment_rows, discipline
from council.services import (
    assignment_create,
    attendance_mark,
    decision_record,
    item_create,
    meeting_create,
    meeting_invite,
    rsvp_attendance,
    rsvp_token,
)
from council.services.invitations import RSVP_SALT, meeting_ics
from council.tests.conftest import local, marks
from orgs.models import Person

TOMSK = ZoneInfo("Asia/Tomsk")
QUORUM = {
    "Ю.В. Дроздов",
    "Демо: Е.А. Смирнова",
    "Демо: А.П. Ковалёв",
    "Демо: О.Н. Белова",
    "Демо: С.В. Морозов",
}


@pytest.fixture
def meeting(council, users, orgs):
    secretary = users["secretary"]
    with time_machine.travel(datetime(2023, 11, 15, 12, tzinfo=TOMSK), tick=False):
        meeting = meeting_create(
            council=council,
            actor=secretary,
            starts_at=local(2023, 11, 15, 10),
            place="Зал",
        )
        item = item_create(
            meeting=meeting, actor=secretary, title="О плане <script>alert(1)</script>"
        )
        attendance_mark(meeting=meeting, actor=secretary, marks=marks(council, QUORUM))
        decision_record(
            item=item,
            actor=secretary,
            kind="vote",
            text="Утвердить план.",
            votes_for=5,
            votes_against=0,
            votes_abstained=0,
        )
        orders = decision_record(item=item, actor=secretary, kind="assignments", text="Поручить:")
        assignment_create(
            decision=orders,
            actor=secretary,
            text='=HYPERLINK("http://x")',
            lead=orgs["ОГБПОУ «ТТВТС»"],
            deadline_text="до 15 декабря 2023 года",
        )
    return meeting


def test_protocol_pdf_reads_as_a_protocol(meeting):
    pdf = protocol_to_pdf(protocol_from_meeting(meeting))
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        text = " ".join(" ".join(page.extract_text() for page in document.pages).split())
    for line in (
        "ПРОЕКТ",
        "ПРОТОКОЛ № 1",
        "заседания Координационного совета образовательно-отраслевого кластера транспорта",
        "ПОВЕСТКА ДНЯ:",
        "1.1. Утвердить план.",
        "Голосовали: «за» — 5, «против» — 0, «воздержались» — 0. Решение принято.",
        "Ответственные: ОГБПОУ «ТТВТС»; срок: до 15 декабря 2023 года.",
        "Председатель _______________ Ю.В. Дроздов",
        "стр. 1 из 1",
    ):
        assert line in text, line
    html = protocol_to_html(protocol_from_meeting(meeting))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "http://" not in html.split("<body>")[0]  # nothing to fetch in the page's head


def test_protocol_docx_is_set_in_times_new_roman_with_page_numbers(meeting):
    document = docx.Document(io.BytesIO(protocol_to_docx(protocol_from_meeting(meeting))))
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert document.paragraphs[0].text == "ПРОЕКТ"  # the meeting is not held yet
    footer = document.sections[0].footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
    assert document.core_properties.language == "ru-RU"


def test_discipline_docx_and_xlsx(meeting, council):
    today = date(2024, 1, 10)
    rows = assignment_rows(council=council, today=today)
    report = discipline(council=council, today=today, rows=rows)
    name = council.name_genitive
    document = docx.Document(io.BytesIO(discipline_to_docx(report, rows, council_name=name)))
    cells = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert cells[0] == [
        "Организация",
        "Всего",
        "В срок",
        "С опозданием",
        "Просрочено",
        "В работе",
        "В срок, %",
    ]
    assert cells[1] == ["ОГБПОУ «ТТВТС»", "1", "0", "0", "1", "0", "0"]
    assert cells[-1][0] == "Всего"
    assert "на 10.01.2024" in document.paragraphs[1].text

    workbook = openpyxl.load_workbook(
        io.BytesIO(discipline_to_xlsx(report, rows, council_name=name))
    )
    summary, detail = workbook["По организациям"], workbook["Поручения"]
    assert [cell.value for cell in summary[4]] == ["ОГБПОУ «ТТВТС»", 1, 0, 0, 1, 0, 0]
    assert detail["B4"].value == '=HYPERLINK("http://x")' and detail["B4"].data_type == "s"
    assert detail["F4"].value == "просрочено"


def test_ics_invitation(meeting):
    ics = meeting_ics(meeting, list(meeting.items.all()), url="https://example.org/m/1")
    event = next(c for c in Calendar.from_ical(ics).walk() if c.name == "VEVENT")
    assert str(event["summary"]) == "Заседание Координационного совета № 1"
    assert event.decoded("dtstart") == local(2023, 11, 15, 10)
    assert (event.decoded("dtend") - event.decoded("dtstart")).seconds == 2 * 3600
    assert str(event["location"]) == "Зал"
    assert "1. О плане" in str(event["description"])
    assert str(event["uid"]) == f"council-meeting-{meeting.pk}@clusterplan"


def test_invitations_go_to_members_with_an_address(meeting, users):
    Person.objects.filter(full_name="Демо: О.Н. Белова").update(email="")
    with time_machine.travel(datetime(2023, 11, 1, 9, tzinfo=TOMSK), tick=False):
        result = meeting_invite(
            meeting=meeting, actor=users["secretary"], base_url="https://cp.example/"
        )
        assert (result.sent, result.without_email, result.failed) == (6, 1, 0)
        again = meeting_invite(
            meeting=meeting, actor=users["secretary"], base_url="https://cp.example"
        )
        assert again.sent == 0  # already invited
        assert (
            meeting_invite(
                meeting=meeting,
                actor=users["secretary"],
                base_url="https://cp.example",
                resend=True,
            ).sent
            == 6
        )
    assert len(mail.outbox) == 12
    assert "https://cp.example/public/rsvp/" in mail.outbox[0].body
    with pytest.raises(ValidationError, match="только на предстоящее заседание"):
        meeting_invite(meeting=meeting, actor=users["secretary"], base_url="https://cp.example")


def test_signed_links_cannot_be_forged(meeting):
    attendance = meeting.attendances.first()
    token = rsvp_token(attendance)
    assert rsvp_attendance(token) == attendance
    assert rsvp_attendance(token + "x") is None
    other_meeting = signing.dumps({"a": attendance.pk, "m": meeting.pk + 1}, salt=RSVP_SALT)
    assert rsvp_attendance(other_meeting) is None
    unsalted = signing.dumps({"a": attendance.pk, "m": meeting.pk})
    assert rsvp_attendance(unsalted) is None
