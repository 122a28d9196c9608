"""The council's pages through the test client: the secretary's whole flow, bad input refused in
Russian with nothing written, and a fixed number of queries on the list pages."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import docx
import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from council.models import Assignment, Attendance, Decision, Meeting
from council.services import (
    assignment_create,
    attendance_mark,
    decision_record,
    item_create,
    meeting_close,
    meeting_create,
    meeting_hold,
)
from council.tests.conftest import local, marks
from council.tests.test_meeting_flow import PDF
from plans.models import Activity, Plan, PlanEdition

TOMSK = ZoneInfo("Asia/Tomsk")
ALL_BUT_ONE = {
    "Ю.В. Дроздов",
    "Демо: Е.А. Смирнова",
    "Демо: А.П. Ковалёв",
    "Демо: О.Н. Белова",
    "Демо: С.В. Морозов",
}


@pytest.fixture
def secretary_client(client, users):
    client.force_login(users["secretary"])
    return client


@pytest.fixture
def meeting_with_quorum(council, users):
    secretary = users["secretary"]
    with time_machine.travel(datetime(2023, 11, 15, 12, 0, tzinfo=TOMSK), tick=False):
        meeting = meeting_create(
            council=council, actor=secretary, starts_at=local(2023, 11, 15, 10, 0), place="Зал"
        )
        item = item_create(meeting=meeting, actor=secretary, title="О плане работы")
        attendance_mark(meeting=meeting, actor=secretary, marks=marks(council, ALL_BUT_ONE))
        decision = decision_record(
            item=item, actor=secretary, kind="assignments", text="Дать поручения:"
        )
    return meeting, item, decision


@time_machine.travel(datetime(2023, 11, 10, 9, 0, tzinfo=TOMSK), tick=False)
def test_secretary_plans_and_holds_a_meeting(secretary_client, council, orgs):
    client = secretary_client
    response = client.get(reverse("council:council_home", args=[council.cluster.slug]))
    assert response.status_code == 200
    assert "Предстоящих заседаний нет" in response.text
    assert "Демо: Е.А. Смирнова" in response.text

    response = client.post(
        reverse("council:council_meeting_new", args=[council.cluster.slug]),
        {
            "day": "2023-11-15",
            "time": "10:00",
            "duration_minutes": "120",
            "format": "in_person",
            "place": "ОГБПОУ «ТТВТС», актовый зал",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "council:council_meeting", args=[meeting.pk]
    )
    assert meeting.number == 1 and meeting.secretary.full_name == "Демо: Е.А. Смирнова"

    page = client.get(response.url)
    assert "В повестке ещё нет вопросов" in page.text
    assert "На контроле к заседанию" in page.text  # an upcoming meeting lists what is late

    plan_activity = Activity.objects.get(plan__kind=Plan.Kind.WORK_PLAN, number="2.1")
    response = client.post(
        reverse("council:council_item_new", args=[meeting.pk]),
        {
            "title": "О профпробах",
            "speaker": "Демо: А.П. Ковалёв",
            "activities": [plan_activity.pk],
        },
    )
    assert response.status_code == 302
    item = meeting.items.get()
    assert list(item.activities.all()) == [plan_activity]

    response = client.post(reverse("council:council_meeting_invite", args=[meeting.pk]))
    assert response.status_code == 302
    assert len(mail.outbox) == 7  # every member has an address in the demo
    invitation = mail.outbox[0]
    assert "Заседание Координационного совета № 1" in invitation.subject
    name, content, mimetype = invitation.attachments[0]
    assert name == "zasedanie-1.ics" and mimetype.startswith("text/calendar")
    assert "BEGIN:VEVENT" in content.decode() if isinstance(content, bytes) else content
    assert "/public/rsvp/" in invitation.body

    with time_machine.travel(datetime(2023, 11, 15, 10, 30, tzinfo=TOMSK), tick=False):
        form = {
            f"member_{attendance.member_id}": (
                "present" if attendance.member.person.full_name in ALL_BUT_ONE else "absent"
            )
            for attendance in Attendance.objects.filter(meeting=meeting).select_related(
                "member__person"
            )
        }
        preview = client.post(reverse("council:council_quorum", args=[meeting.pk]), form)
        assert "Кворум есть: присутствуют 5 из 7 членов совета" in preview.text
        assert (
            client.post(reverse("council:council_attendance", args=[meeting.pk]), form).status_code
            == 302
        )

        response = client.post(
            reverse("council:council_decision_new", args=[item.pk]),
            {
                "kind": "vote",
                "text": "Одобрить план профпроб.",
                "votes_for": "4",
                "votes_against": "0",
                "votes_abstained": "1",
            },
        )
        assert response.status_code == 302
        assert Decision.objects.get().adopted

        response = client.post(reverse("council:council_meeting_hold", args=[meeting.pk]))
        assert response.status_code == 302
        meeting.refresh_from_db()
        assert meeting.status == Meeting.Status.HELD

        download = client.get(reverse("council:council_protocol_docx", args=[meeting.pk]))
        assert (
            download["Content-Disposition"] == 'attachment; filename="protokol-1-2023-11-15.docx"'
        )
        text = [p.text for p in docx.Document(io.BytesIO(download.content)).paragraphs]
        assert "1.1. Одобрить план профпроб." in text
        pdf = client.get(reverse("council:council_protocol_pdf", args=[meeting.pk]))
        assert pdf.content.startswith(b"%PDF")


def test_rsvp_link_records_the_answer_without_signing_in(client, council, users):
    from council.services import rsvp_token

    with time_machine.travel(datetime(2023, 11, 10, 9, 0, tzinfo=TOMSK), tick=False):
        meeting = meeting_create(
            council=council,
            actor=users["secretary"],
            starts_at=local(2023, 11, 15, 10, 0),
            place="Зал",
        )
        attendance = meeting.attendances.select_related("member__person").first()
        url = reverse("council:council_rsvp", args=[rsvp_token(attendance)])
        page = client.get(url)
        assert page.status_code == 200 and attendance.member.person.full_name in page.text
        response = client.post(url, {"response": "yes"})
        assert "Спасибо, ответ записан: будет." in response.text
        attendance.refresh_from_db()
        assert attendance.response == Attendance.Response.YES
        forged = client.get(url[:-3] + "xyz/")
        assert forged.status_code == 404 and "Ссылка недействительна" in forged.text


def test_forged_organization_id_is_refused_and_nothing_written(
    secretary_client, meeting_with_quorum
):
    from orgs.tests.factories import OrganizationFactory

    _, _, decision = meeting_with_quorum
    outsider = OrganizationFactory()  # exists, but not in this cluster
    activities, editions = Activity.all_objects.count(), PlanEdition.objects.count()
    with time_machine.travel(datetime(2023, 11, 15, 12, 0, tzinfo=TOMSK), tick=False):
        response = secretary_client.post(
            reverse("council:council_assignment_new", args=[decision.pk]),
            {"text": "Поручение", "lead": outsider.pk, "deadline_text": "до 15 декабря 2023 года"},
        )
    assert response.status_code == 400
    assert "Выберите корректный вариант" in response.text
    assert not Assignment.objects.exists()
    assert (Activity.all_objects.count(), PlanEdition.objects.count()) == (activities, editions)


def test_unreadable_deadline_is_refused_and_nothing_written(
    secretary_client, meeting_with_quorum, orgs
):
    _, _, decision = meeting_with_quorum
    activities, editions = Activity.all_objects.count(), PlanEdition.objects.count()
    plans = Plan.objects.count()
    with time_machine.travel(datetime(2023, 11, 15, 12, 0, tzinfo=TOMSK), tick=False):
        response = secretary_client.post(
            reverse("council:council_assignment_new", args=[decision.pk]),
            {
                "text": "Подготовить положение",
                "lead": orgs["ОГБПОУ «ТТВТС»"].pk,
                "deadline_text": "когда получится",
            },
        )
    assert response.status_code == 400
    assert "Срок «когда получится» не удалось прочитать" in response.text
    assert not Assignment.objects.exists()
    assert (Activity.all_objects.count(), PlanEdition.objects.count()) == (activities, editions)
    assert Plan.objects.count() == plans  # not even the assignments plan was made


def test_decision_on_a_closed_meeting_is_refused(secretary_client, meeting_with_quorum, users):
    meeting, item, _ = meeting_with_quorum
    with time_machine.travel(datetime(2023, 11, 15, 12, 0, tzinfo=TOMSK), tick=False):
        meeting_hold(meeting=meeting, actor=users["secretary"])
        meeting_close(meeting=meeting, actor=users["secretary"], filename="p.pdf", data=PDF)
        page = secretary_client.get(reverse("council:council_meeting", args=[meeting.pk]))
        assert "Записать решение" not in page.text and "Добавить вопрос" not in page.text
        response = secretary_client.post(
            reverse("council:council_decision_new", args=[item.pk]),
            {"kind": "info", "text": "Принять к сведению."},
            follow=True,
        )
    assert "Заседание закрыто" in response.text
    assert Decision.objects.count() == 1


def test_no_quorum_decision_is_refused_on_the_page(secretary_client, council, users):
    with time_machine.travel(datetime(2023, 11, 15, 12, 0, tzinfo=TOMSK), tick=False):
        meeting = meeting_create(
            council=council,
            actor=users["secretary"],
            starts_at=local(2023, 11, 15, 10, 0),
            place="Зал",
        )
        item = item_create(meeting=meeting, actor=users["secretary"], title="Вопрос")
        response = secretary_client.post(
            reverse("council:council_decision_new", args=[item.pk]),
            {"kind": "info", "text": "Принять."},
        )
    assert response.status_code == 400
    assert "Решение нельзя записать как принятое без кворума." in response.text
    assert not Decision.objects.exists()


def test_bad_scan_is_refused(secretary_client, meeting_with_quorum, users):
    meeting, _, _ = meeting_with_quorum
    with time_machine.travel(datetime(2023, 11, 15, 12, 0, tzinfo=TOMSK), tick=False):
        meeting_hold(meeting=meeting, actor=users["secretary"])
        from django.core.files.uploadedfile import SimpleUploadedFile

        fake = SimpleUploadedFile("скан.pdf", b"not a pdf at all", content_type="application/pdf")
        response = secretary_client.post(
            reverse("council:council_meeting_close", args=[meeting.pk]), {"file": fake}, follow=True
        )
    assert "не принят" in response.text and "это не PDF" in response.text
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD and not meeting.scan


def add_meeting(council, secretary, orgs, day: int) -> Meeting:
    """A held meeting with an item, a decision and two assignments with a co-executor each."""
    with time_machine.travel(datetime(2023, 12, 20, 12, 0, tzinfo=TOMSK), tick=False):
        meeting = meeting_create(
            council=council, actor=secretary, starts_at=local(2023, 11, day, 10), place="Зал"
        )
        item = item_create(meeting=meeting, actor=secretary, title="Вопрос")
        attendance_mark(meeting=meeting, actor=secretary, marks=marks(council, ALL_BUT_ONE))
        decision = decision_record(item=item, actor=secretary, kind="assignments", text="Поручить:")
        for lead in ("ОГБПОУ «ТТВТС»", "ОГБПОУ «ТКГТ»"):
            assignment_create(
                decision=decision,
                actor=secretary,
                text="Сделать",
                lead=orgs[lead],
                co_executors=[orgs["Демо: колледж 1"]],
                deadline_text="до 15 декабря 2023 года",
            )
        meeting_hold(meeting=meeting, actor=secretary)
    return meeting


def queries_for(client, url) -> int:
    client.get(url)  # warm up: the session, the council made on first use
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("name", ["council_home", "council_assignments", "council_discipline"])
def test_list_pages_cost_a_fixed_number_of_queries(client, council, users, orgs, name):
    client.force_login(users["coordinator"])
    url = reverse(f"council:{name}", args=[council.cluster.slug])
    add_meeting(council, users["secretary"], orgs, 10)
    one = queries_for(client, url)
    for day in (15, 20, 25):
        add_meeting(council, users["secretary"], orgs, day)
    assert queries_for(client, url) == one <= 10


def test_meeting_page_costs_a_fixed_number_of_queries(client, council, users, orgs):
    client.force_login(users["coordinator"])
    small = add_meeting(council, users["secretary"], orgs, 10)
    big = add_meeting(council, users["secretary"], orgs, 15)
    for item in big.items.all():
        decision = item.decisions.get()
        with time_machine.travel(datetime(2023, 12, 20, 12, 0, tzinfo=TOMSK), tick=False):
            for lead in ("Демо: ЦОПП", "Демо: колледж 1", "ОГБПОУ «ТТВТС»"):
                assignment_create(
                    decision=decision,
                    actor=users["secretary"],
                    text="Ещё поручение",
                    lead=orgs[lead],
                    deadline_text="до 15 декабря 2023 года",
                )
    one = queries_for(client, reverse("council:council_meeting", args=[small.pk]))
    many = queries_for(client, reverse("council:council_meeting", args=[big.pk]))
    assert many == one <= 14
    page = client.get(reverse("council:council_meeting", args=[big.pk]))
    assert "Поручение 2.5" in page.text


def test_coordinator_adds_a_member_and_sets_the_quorum(client, council, users, orgs):
    from council.models import CouncilMember
    from orgs.models import Person
    from orgs.tests.factories import OrganizationFactory

    client.force_login(users["coordinator"])
    url = reverse("council:council_member_add", args=[council.cluster.slug])
    response = client.post(
        url,
        {
            "new_full_name": "Р.Р. Новиков",
            "new_position": "Директор",
            "new_email": "novikov@example.org",
            "organization": orgs["Демо: колледж 1"].pk,
            "role": "member",
            "term_start": "2023-09-01",
        },
    )
    assert response.status_code == 302
    member = CouncilMember.objects.get(person__full_name="Р.Р. Новиков")
    assert member.organization == orgs["Демо: колледж 1"] and member.person.email

    stranger = Person.objects.create(
        organization=OrganizationFactory(),
        full_name="Чужой человек",
    )
    people = Person.objects.count()
    response = client.post(
        url, {"person": stranger.pk, "role": "member", "term_start": "2023-09-01"}
    )
    assert response.status_code == 400 and "Выберите корректный вариант" in response.text
    response = client.post(url, {"role": "member", "term_start": "2023-09-01"})
    assert "Выберите человека или впишите ФИО" in response.text
    assert Person.objects.count() == people

    response = client.post(
        reverse("council:council_settings", args=[council.cluster.slug]),
        {
            "name_genitive": council.name_genitive,
            "city": "Томск",
            "quorum_percent": "66",
            "quorum_strict": "on",
        },
    )
    assert response.status_code == 302
    council.refresh_from_db()
    assert (council.quorum_percent, council.quorum_strict) == (66, True)
    page = client.get(reverse("council:council_home", args=[council.cluster.slug]))
    assert "кворум: больше 66 % членов совета" in page.text


def test_empty_council_says_what_to_do(client, users):
    from orgs.models import UserRole
    from orgs.tests.factories import ClusterFactory

    cluster = ClusterFactory()
    UserRole.objects.create(user=users["coordinator"], cluster=cluster, kind="coordinator")
    client.force_login(users["coordinator"])
    page = client.get(reverse("council:council_home", args=[cluster.slug]))
    assert "В совете пока нет ни одного члена" in page.text
    assert "Добавьте членов совета" in page.text
    assert "Предстоящих заседаний нет" in page.text
    assignments = client.get(reverse("council:council_assignments", args=[cluster.slug]))
    assert "Поручений на контроле нет" in assignments.text
    report = client.get(reverse("council:council_discipline", args=[cluster.slug]))
    assert "Поручений на контроле нет — показывать пока нечего" in report.text


def test_a_refused_membership_keeps_no_new_person(client, council, users, orgs):
    """The person typed into the form is created only if the membership is saved with it."""
    from orgs.models import Person

    client.force_login(users["coordinator"])
    people = Person.objects.count()
    response = client.post(
        reverse("council:council_member_add", args=[council.cluster.slug]),
        {
            "new_full_name": "Р.Р. Временный",
            "new_position": "Директор",
            "organization": orgs["Демо: колледж 1"].pk,
            "role": "member",
            "term_start": "2024-09-01",
            "term_end": "2024-01-01",
        },
    )
    assert response.status_code == 400 and "Конец срока раньше его начала" in response.text
    assert Person.objects.count() == people
