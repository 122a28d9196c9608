"""The council's services on the database: each refusal says what is wrong in Russian and writes
nothing; the edges of numbering, attendance, votes, executors and deadlines."""

from datetime import date, datetime

import pytest
import time_machine
from django.db import transaction

from council.models import AgendaMaterial, Attendance, CouncilMember, Decision, Meeting
from council.services import (
    attendance_mark,
    attendance_respond,
    council_update,
    decision_record,
    decision_remove,
    item_create,
    item_move,
    item_remove,
    material_add,
    meeting_create,
    meeting_delete,
    meeting_hold,
    meeting_update,
    member_add,
)
from council.tests.conftest import QUORUM, TOMSK, local, marks, refused
from orgs.models import Person
from orgs.tests.factories import OrganizationFactory


def test_numbers_run_within_a_year_and_clash_is_refused(council, secretary, meeting):
    second = meeting_create(
        council=council, actor=secretary, starts_at=local(2023, 12, 1, 10), place="Зал"
    )
    assert (meeting.number, second.number) == (1, 2)
    next_year = meeting_create(
        council=council, actor=secretary, starts_at=local(2024, 1, 20, 10), place="Зал"
    )
    assert next_year.number == 1
    refused(
        lambda: meeting_create(
            council=council,
            actor=secretary,
            starts_at=local(2023, 12, 5, 10),
            place="Зал",
            number=2,
        ),
        "протоколом № 2 в 2023 году уже есть",
        "Следующий свободный номер — 3",
    )
    assert Meeting.objects.count() == 3


def test_meeting_defaults_and_form_rules(council, secretary, meeting):
    assert meeting.chair.full_name == "Ю.В. Дроздов"
    assert meeting.secretary.full_name == "Демо: Е.А. Смирнова"
    assert meeting.attendances.count() == 7
    refused(
        lambda: meeting_create(
            council=council, actor=secretary, starts_at=local(2023, 12, 1, 10), format="online"
        ),
        "Укажите ссылку на видеоконференцию.",
    )
    refused(
        lambda: meeting_create(council=council, actor=secretary, starts_at=local(2023, 12, 1, 10)),
        "Укажите место проведения очного заседания.",
    )
    outsider = Person.objects.create(organization=OrganizationFactory(), full_name="Чужой")
    refused(
        lambda: meeting_update(
            meeting=meeting,
            actor=secretary,
            number=1,
            starts_at=meeting.starts_at,
            format="correspondence",
            chair=outsider,
        ),
        "Чужой не входит в состав совета.",
    )


def test_attendance_refuses_a_forged_member_and_writes_nothing(meeting, council, secretary):
    stranger = CouncilMember.objects.create(
        council=council,
        person=Person.objects.create(organization=OrganizationFactory(), full_name="Х"),
        organization=OrganizationFactory(),
        term_start=date(2030, 1, 1),  # not on the council on the meeting date
    )
    good = marks(council, QUORUM)
    good[stranger.pk] = Attendance.Presence.PRESENT
    refused(
        lambda: attendance_mark(meeting=meeting, actor=secretary, marks=good),
        "не входит в совет на дату заседания",
    )
    assert not Attendance.objects.filter(meeting=meeting, presence="present").exists()
    member = council.members.get(person__full_name="Демо: О.Н. Белова")
    refused(
        lambda: attendance_mark(
            meeting=meeting, actor=secretary, marks={member.pk: Attendance.Presence.SUBSTITUTE}
        ),
        "не указан замещающий",
    )
    refused(
        lambda: attendance_mark(meeting=meeting, actor=secretary, marks={member.pk: "maybe"}),
        "неизвестная отметка",
    )


def test_the_quorum_cannot_be_taken_from_recorded_decisions(quorate, item, council, secretary):
    decision_record(item=item, actor=secretary, kind="info", text="Принять к сведению.")
    refused(
        lambda: attendance_mark(
            meeting=quorate, actor=secretary, marks=marks(council, {"Ю.В. Дроздов"})
        ),
        "решения без кворума не принимаются",
    )
    assert Attendance.objects.filter(meeting=quorate, presence="present").count() == 5


def test_votes_are_checked(quorate, item, secretary):
    refused(
        lambda: decision_record(
            item=item,
            actor=secretary,
            kind="vote",
            text="Т",
            votes_for=4,
            votes_against=2,
            votes_abstained=0,
        ),
        "Голосов (6) больше, чем присутствующих членов совета (5)",
    )
    refused(
        lambda: decision_record(item=item, actor=secretary, kind="vote", text="Т", votes_for=3),
        "«за», «против» и «воздержались»",
    )
    refused(
        lambda: decision_record(
            item=item,
            actor=secretary,
            kind="info",
            text="Т",
            votes_for=1,
            votes_against=0,
            votes_abstained=0,
        ),
        "не голосуется",
    )
    refused(lambda: decision_record(item=item, actor=secretary, kind="info", text=" "), "текст")
    assert not Decision.objects.exists()
    failed = decision_record(
        item=item,
        actor=secretary,
        kind="vote",
        text="Т",
        votes_for=2,
        votes_against=2,
        votes_abstained=1,
    )
    assert not failed.adopted  # 2 of 5 present is not more than half


def test_hold_needs_a_quorum_and_a_start(council, meeting, secretary):
    refused(lambda: meeting_hold(meeting=meeting, actor=secretary), "Кворума нет", "не считается")
    later = meeting_create(
        council=council, actor=secretary, starts_at=local(2023, 11, 20, 10), place="Зал"
    )
    attendance_mark(meeting=later, actor=secretary, marks=marks(council, QUORUM))
    refused(lambda: meeting_hold(meeting=later, actor=secretary), "после начала")
    assert Meeting.objects.filter(status=Meeting.Status.HELD).count() == 0


def test_items_move_and_leave_only_without_decisions(quorate, item, secretary):
    second = item_create(meeting=quorate, actor=secretary, title="Второй")
    item_move(item=second, actor=secretary, up=True)
    assert list(quorate.items.order_by("position").values_list("title", flat=True)) == [
        "Второй",
        "О плане",
    ]
    decision = decision_record(item=second, actor=secretary, kind="info", text="Принять.")
    refused(lambda: item_remove(item=second, actor=secretary), "уже записаны решения")
    decision_remove(decision=decision, actor=secretary)
    item_remove(item=second, actor=secretary)
    assert list(quorate.items.values_list("position", flat=True)) == [1]


def test_materials_are_checked_by_content(item, secretary, settings):
    refused(
        lambda: material_add(item=item, actor=secretary, filename="доклад.pdf", data=b"MZ\x90"),
        "это не PDF",
    )
    refused(
        lambda: material_add(item=item, actor=secretary, filename="вирус.exe", data=b"MZ"),
        "Этот тип файла не принимается",
    )
    settings.REPORT_EVIDENCE_MAX_BYTES = 10
    refused(
        lambda: material_add(item=item, actor=secretary, filename="a.png", data=b"\x89PNG" * 5),
        "слишком большой",
    )
    assert not AgendaMaterial.objects.exists()
    stored = settings.MEDIA_ROOT / "council"
    assert not stored.exists() or not any(path.is_file() for path in stored.rglob("*"))


def test_a_material_reaches_its_folder_only_when_its_transaction_commits(
    item, secretary, settings, django_capture_on_commit_callbacks
):
    """Staged inside the transaction, moved on commit; a failed caller leaves only the staged copy,
    which files_cleanup removes (core.files)."""
    pdf = b"%PDF-1.4 report"

    def stored():
        return sorted(
            p.relative_to(settings.MEDIA_ROOT).as_posix()
            for p in settings.MEDIA_ROOT.rglob("*")
            if p.is_file()
        )

    with django_capture_on_commit_callbacks(execute=True):
        material = material_add(item=item, actor=secretary, filename="доклад.pdf", data=pdf)
    assert stored() == [material.file.name]
    assert material.file.name.startswith("council/materials/")
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        material_add(item=item, actor=secretary, filename="второй.pdf", data=pdf)
        raise RuntimeError("the caller fails after the material")
    assert AgendaMaterial.objects.count() == 1
    assert [name for name in stored() if name.startswith("council/")] == [material.file.name]


def test_a_planned_meeting_without_decisions_can_be_deleted(meeting, secretary, quorate, item):
    decision_record(item=item, actor=secretary, kind="info", text="Принять.")
    refused(lambda: meeting_delete(meeting=meeting, actor=secretary), "уже записаны решения")
    Decision.objects.all().delete()
    meeting_delete(meeting=meeting, actor=secretary)
    assert not Meeting.objects.exists()


def test_answers_to_invitations(meeting, secretary):
    attendance = meeting.attendances.first()
    with time_machine.travel(datetime(2023, 11, 1, 9, 0, tzinfo=TOMSK), tick=False):
        refused(
            lambda: attendance_respond(attendance=attendance, response="unknown"),
            "Выберите ответ",
        )
        attendance_respond(attendance=attendance, response="no")
    attendance.refresh_from_db()
    assert attendance.response == "no" and attendance.responded_at
    refused(lambda: attendance_respond(attendance=attendance, response="yes"), "уже прошло")


def test_council_rules(council, users, orgs):
    coordinator = users["coordinator"]
    refused(
        lambda: council_update(
            council=council,
            actor=coordinator,
            name_genitive="Совета",
            quorum_percent=100,
            quorum_strict=True,
        ),
        "недостижимо",
    )
    council_update(
        council=council,
        actor=coordinator,
        name_genitive="Совета",
        city="Томск",
        quorum_percent=66,
        quorum_strict=True,
    )
    council.refresh_from_db()
    assert council.quorum_percent == 66
    person = Person.objects.get(full_name="Демо: О.Н. Белова")
    refused(
        lambda: member_add(
            council=council,
            actor=coordinator,
            person=person,
            role="member",
            term_start=date(2024, 1, 1),
        ),
        "уже в совете в эти даты",
    )
    refused(
        lambda: member_add(
            council=council,
            actor=coordinator,
            person=person,
            role="member",
            term_start=date(2020, 1, 1),
            term_end=date(2021, 1, 1),
            organization=OrganizationFactory(),
        ),
        "не входит в кластер",
    )
    earlier = member_add(
        council=council,
        actor=coordinator,
        person=person,
        role="member",
        term_start=date(2020, 1, 1),
        term_end=date(2021, 1, 1),
    )
    assert earlier.organization == orgs["ОГБПОУ «ТКГТ»"]
