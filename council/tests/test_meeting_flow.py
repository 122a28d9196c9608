"""A meeting held end to end through the services: agenda, quorum, three decisions, two assignments
(one added to the work plan), the protocol read back, and the assignments on the to-do lists."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import docx
import pytest
import time_machine
from django.core.exceptions import ValidationError

from council.documents.protocol import protocol_from_meeting
from council.documents.protocol_docx import protocol_to_docx
from council.models import Assignment, Decision, Meeting
from council.services import (
    assignment_create,
    attendance_mark,
    decision_record,
    item_create,
    item_update,
    meeting_close,
    meeting_create,
    meeting_hold,
)
from council.sources import MEETINGS_HELD
from council.tests.conftest import local, marks
from plans.models import Activity, Objective, Obligation, Plan
from plans.selectors import organization_obligation_list
from plans.services import edition_snapshot
from reporting.models import Indicator

TOMSK = ZoneInfo("Asia/Tomsk")
MEETING_DAY = datetime(2023, 11, 15, 12, 0, tzinfo=TOMSK)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def docx_lines(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += [cell.text for row in table.rows for cell in row.cells]
    return lines


@pytest.fixture
def held_meeting(council, users, orgs):
    secretary = users["secretary"]
    work_plan = Plan.objects.get(cluster=council.cluster, kind=Plan.Kind.WORK_PLAN)
    editions_before = work_plan.editions.count()
    with time_machine.travel(MEETING_DAY, tick=False):
        meeting = meeting_create(
            council=council,
            actor=secretary,
            starts_at=local(2023, 11, 15, 10, 0),
            place="ОГБПОУ «ТТВТС», актовый зал",
            invited_text="П.П. Сидоров, начальник отдела департамента",
        )
        first = item_create(
            meeting=meeting,
            actor=secretary,
            title="О ходе выполнения плана работы кластера",
            speaker="Ю.В. Дроздов",
            activity_ids=[Activity.objects.get(plan=work_plan, number="2.1").pk],
        )
        second = item_create(
            meeting=meeting, actor=secretary, title="О чемпионате профессионального мастерства"
        )
        item_update(
            item=first,
            actor=secretary,
            title=first.title,
            speaker=first.speaker,
            activity_ids=[],
            heard="О выполнении мероприятий I квартала.",
            spoke="Демо: А.П. Ковалёв — о профпробах.",
        )

        # Three of seven present: no quorum, and no decision can be written.
        attendance_mark(
            meeting=meeting,
            actor=secretary,
            marks=marks(council, {"Ю.В. Дроздов", "Демо: Е.А. Смирнова", "Демо: О.Н. Белова"}),
        )
        with pytest.raises(ValidationError) as refused:
            decision_record(item=first, actor=secretary, kind="info", text="Принять к сведению.")
        assert "Кворума нет: присутствуют 3 из 7 членов совета" in str(refused.value)
        assert "без кворума" in str(refused.value)
        assert not Decision.objects.exists()

        # Five in person and one substitute: a quorum.
        attendance_mark(
            meeting=meeting,
            actor=secretary,
            marks=marks(
                council,
                {
                    "Ю.В. Дроздов",
                    "Демо: Е.А. Смирнова",
                    "Демо: О.Н. Белова",
                    "Демо: А.П. Ковалёв",
                    "Демо: С.В. Морозов",
                },
                substitute_for={"Демо: Д.И. Лебедев"},
            ),
        )
        info = decision_record(
            item=first, actor=secretary, kind="info", text="Информацию принять к сведению."
        )
        vote = decision_record(
            item=second,
            actor=secretary,
            kind="vote",
            text="Провести отраслевой чемпионат в ноябре 2023 года.",
            votes_for=5,
            votes_against=0,
            votes_abstained=1,
        )
        orders = decision_record(
            item=second, actor=secretary, kind="assignments", text="Дать поручения:"
        )
        in_control_plan = assignment_create(
            decision=orders,
            actor=secretary,
            text="Подготовить положение о чемпионате.",
            lead=orgs["ОГБПОУ «ТТВТС»"],
            co_executors=[orgs["ОГБПОУ «ТКГТ»"]],
            deadline_text="до 15 декабря 2023 года",
        )
        in_work_plan = assignment_create(
            decision=orders,
            actor=secretary,
            text="Организовать короткие программы для работников предприятий-партнёров.",
            lead=orgs["Демо: ЦОПП"],
            due_date=date(2024, 3, 1),
            plan_objective=Objective.objects.get(plan=work_plan, number="2"),
        )
        meeting_hold(meeting=meeting, actor=secretary)
    meeting.refresh_from_db()
    return {
        "meeting": meeting,
        "decisions": (info, vote, orders),
        "assignments": (in_control_plan, in_work_plan),
        "work_plan": work_plan,
        "editions_before": editions_before,
    }


def test_meeting_held_end_to_end(held_meeting, council, orgs):
    meeting = held_meeting["meeting"]
    info, vote, orders = held_meeting["decisions"]
    in_control_plan, in_work_plan = held_meeting["assignments"]
    assert meeting.status == Meeting.Status.HELD
    assert (info.number, vote.number, orders.number) == ("1.1", "2.1", "2.2")
    assert vote.adopted and vote.present_count == 6

    # The first assignment is an activity of the assignments plan, in the meeting's section.
    control_plan = in_control_plan.activity.plan
    assert control_plan.kind == Plan.Kind.ASSIGNMENTS
    assert control_plan.title == "Поручения Координационного совета на 2023-2024"
    assert in_control_plan.activity.objective.title == "Протокол № 1 от 15.11.2023"
    assert in_control_plan.activity.number == "1.1"
    assert in_control_plan.activity.deadline_end == date(2023, 12, 15)

    # The second is a new activity of the work plan, in a new edition.
    work_plan = held_meeting["work_plan"]
    activity = in_work_plan.activity
    assert activity.plan == work_plan and in_work_plan.in_work_plan
    assert activity.number == "2.14"  # after 2.1 … 2.13 of the seed
    assert work_plan.editions.count() == held_meeting["editions_before"] + 1
    last = work_plan.editions.order_by("-number").first()
    assert [change["activity_id"] for change in last.changes] == [activity.pk]
    assert "протокол № 1 от 15.11.2023" in last.note
    snapshot = edition_snapshot(last)
    assert any(a["id"] == activity.pk for o in snapshot["objectives"] for a in o["activities"])

    # Both are on the responsible organizations' to-do lists.
    today = date(2023, 11, 20)
    for organization, assignment in (
        (orgs["ОГБПОУ «ТТВТС»"], in_control_plan),
        (orgs["ОГБПОУ «ТКГТ»"], in_control_plan),
        (orgs["Демо: ЦОПП"], in_work_plan),
    ):
        owed = set(
            organization_obligation_list(
                cluster=council.cluster, organization=organization, today=today
            ).values_list("activity_id", flat=True)
        )
        assert assignment.activity_id in owed, organization
    lead = Obligation.objects.get(activity=in_control_plan.activity, role=Obligation.Role.LEAD)
    assert lead.organization == orgs["ОГБПОУ «ТТВТС»"]
    assert Obligation.objects.filter(activity=in_work_plan.activity).count() == 1

    # Activity 1.1 is fed by meetings held.
    indicator = Indicator.objects.get(source=MEETINGS_HELD)
    assert indicator.activity.number == "1.1" and indicator.activity.plan == work_plan


def test_protocol_docx_lists_every_decision_in_order(held_meeting):
    lines = docx_lines(protocol_to_docx(protocol_from_meeting(held_meeting["meeting"])))
    text = "\n".join(lines)
    assert lines[0] == "ПРОТОКОЛ № 1"
    assert lines[1] == (
        "заседания Координационного совета образовательно-отраслевого кластера транспорта"
    )
    assert "15.11.2023\tг. Томск" in lines
    assert "Председатель: Ю.В. Дроздов, председатель Координационного совета" in lines
    assert "Присутствовали члены Координационного совета (6 из 7):" in lines
    assert any(
        "Демо: К.Р. Егоров — Демо: предприятие-партнёр 1 (замещает члена совета: Демо: Д.И. Лебедев)"
        in li
        for li in lines
    )
    assert "1. П.П. Сидоров, начальник отдела департамента" in lines
    expected_in_order = [
        "ПОВЕСТКА ДНЯ:",
        "1. О ходе выполнения плана работы кластера (докладчик — Ю.В. Дроздов)",
        "2. О чемпионате профессионального мастерства",
        "1. СЛУШАЛИ: Ю.В. Дроздов — О выполнении мероприятий I квартала.",
        "ВЫСТУПИЛИ: Демо: А.П. Ковалёв — о профпробах.",
        "РЕШИЛИ:",
        "1.1. Информацию принять к сведению.",
        "2. СЛУШАЛИ: —",
        "РЕШИЛИ:",
        "2.1. Провести отраслевой чемпионат в ноябре 2023 года.",
        "Голосовали: «за» — 5, «против» — 0, «воздержались» — 1. Решение принято.",
        "2.2. Дать поручения:",
        "2.2.1. Подготовить положение о чемпионате.",
        "Ответственные: ОГБПОУ «ТТВТС» (ответственный исполнитель), ОГБПОУ «ТКГТ»; "
        "срок: до 15 декабря 2023 года.",
        "2.2.2. Организовать короткие программы для работников предприятий-партнёров.",
        "Ответственные: Демо: ЦОПП; срок: до 01.03.2024.",
        "Включено в план работы: мероприятие 2.14.",
    ]
    cursor = 0
    for line in expected_in_order:
        assert line in lines[cursor:], f"{line!r} not found after line {cursor}:\n{text}"
        cursor = lines.index(line, cursor) + 1
    assert "Председатель" in lines and "Ю.В. Дроздов" in lines and "Демо: Е.А. Смирнова" in lines
    assert "ПРОЕКТ" not in lines  # the meeting was held


def test_closed_meeting_refuses_every_edit(held_meeting, users, orgs):
    meeting = held_meeting["meeting"]
    secretary = users["secretary"]
    meeting_close(meeting=meeting, actor=secretary, filename="протокол.pdf", data=PDF)
    meeting.refresh_from_db()
    assert meeting.is_closed and meeting.scan_name == "протокол.pdf"
    item = meeting.items.get(position=1)
    orders = held_meeting["decisions"][2]
    attempts = [
        lambda: item_create(meeting=meeting, actor=secretary, title="Ещё вопрос"),
        lambda: item_update(item=item, actor=secretary, title="Новый текст"),
        lambda: decision_record(item=item, actor=secretary, kind="info", text="Принять."),
        lambda: attendance_mark(meeting=meeting, actor=secretary, marks={}),
        lambda: assignment_create(
            decision=orders,
            actor=secretary,
            text="Поручение после закрытия",
            lead=orgs["ОГБПОУ «ТТВТС»"],
            deadline_text="до 15 декабря 2023 года",
        ),
        lambda: meeting_close(meeting=meeting, actor=secretary, filename="x.pdf", data=PDF),
    ]
    decisions_before = Decision.objects.count()
    assignments_before = Assignment.objects.count()
    for attempt in attempts:
        with pytest.raises(ValidationError) as refused:
            attempt()
        assert "закрыто: подписанный протокол прикреплён" in str(refused.value)
    assert Decision.objects.count() == decisions_before
    assert Assignment.objects.count() == assignments_before
    assert meeting.items.count() == 2
