"""Who may see and change the council's records: every page and action, for every role.

Readers: everyone with a role in the cluster and the council's own members. Meetings are managed by
coordinators, the chair and the secretary; the council itself and taking assignments off control by
coordinators. Another cluster's people get 404; the anonymous are sent to sign in.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse

from council.access import can_manage_meetings, can_read_council
from council.models import Meeting
from council.services import (
    assignment_create,
    attendance_mark,
    decision_record,
    item_create,
    material_add,
    meeting_create,
)
from council.tests.conftest import local, marks
from orgs.models import Person, UserRole
from orgs.tests.factories import ClusterFactory, user_with_role

TOMSK = ZoneInfo("Asia/Tomsk")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EVERYONE = {
    "Ю.В. Дроздов",
    "Демо: Е.А. Смирнова",
    "Демо: А.П. Ковалёв",
    "Демо: О.Н. Белова",
    "Демо: С.В. Морозов",
}


@pytest.fixture
def records(council, users, orgs):
    secretary = users["secretary"]
    with time_machine.travel(datetime(2023, 11, 15, 12, 0, tzinfo=TOMSK), tick=False):
        meeting = meeting_create(
            council=council, actor=secretary, starts_at=local(2023, 11, 15, 10), place="Зал"
        )
        item = item_create(meeting=meeting, actor=secretary, title="Вопрос")
        material = material_add(item=item, actor=secretary, filename="схема.png", data=PNG)
        attendance_mark(meeting=meeting, actor=secretary, marks=marks(council, EVERYONE))
        decision = decision_record(item=item, actor=secretary, kind="assignments", text="Поручить")
        assignment = assignment_create(
            decision=decision,
            actor=secretary,
            text="Сделать",
            lead=orgs["ОГБПОУ «ТТВТС»"],
            deadline_text="до 15 декабря 2023 года",
        )
    member = council.members.select_related("person").get(person__full_name="Демо: А.П. Ковалёв")
    return {
        "slug": council.cluster.slug,
        "meeting": meeting,
        "item": item,
        "material": material,
        "decision": decision,
        "assignment": assignment,
        "member": member,
    }


@pytest.fixture
def people(users, council):
    User = get_user_model()
    member_only = User.objects.create_user("member-only", password="password-for-tests")
    Person.objects.filter(full_name="Демо: О.Н. Белова").update(user=member_only)
    return {
        "admin": users["admin"],
        "coordinator": users["coordinator"],
        "chair": users["chair"],
        "secretary": users["secretary"],
        "representative": users["ttvts"],
        "observer": users["observer"],
        "member_only": member_only,  # on the council, no role in the cluster
        "outsider": user_with_role(ClusterFactory(), UserRole.Kind.COORDINATOR),
    }


def url_of(records, name):
    args = {
        "council_home": [records["slug"]],
        "council_assignments": [records["slug"]],
        "council_discipline": [records["slug"]],
        "council_settings": [records["slug"]],
        "council_member_add": [records["slug"]],
        "council_meeting_new": [records["slug"]],
        "council_member_edit": [records["member"].pk],
        "council_meeting": [records["meeting"].pk],
        "council_meeting_edit": [records["meeting"].pk],
        "council_attendance": [records["meeting"].pk],
        "council_protocol_docx": [records["meeting"].pk],
        "council_protocol_pdf": [records["meeting"].pk],
        "council_item_new": [records["meeting"].pk],
        "council_meeting_hold": [records["meeting"].pk],
        "council_meeting_invite": [records["meeting"].pk],
        "council_meeting_close": [records["meeting"].pk],
        "council_meeting_delete": [records["meeting"].pk],
        "council_quorum": [records["meeting"].pk],
        "council_item_edit": [records["item"].pk],
        "council_item_remove": [records["item"].pk],
        "council_decision_new": [records["item"].pk],
        "council_material_upload": [records["item"].pk],
        "council_material": [records["material"].pk],
        "council_material_remove": [records["material"].pk],
        "council_decision_remove": [records["decision"].pk],
        "council_assignment_new": [records["decision"].pk],
        "council_assignment": [records["assignment"].pk],
        "council_assignment_remove": [records["assignment"].pk],
    }[name]
    return reverse(f"council:{name}", args=args)


READ = [
    "council_home",
    "council_meeting",
    "council_protocol_docx",
    "council_protocol_pdf",
    "council_material",
    "council_assignments",
    "council_assignment",
    "council_discipline",
]
MANAGE_MEETINGS_GET = [
    "council_meeting_new",
    "council_meeting_edit",
    "council_item_new",
    "council_item_edit",
    "council_attendance",
    "council_decision_new",
    "council_assignment_new",
]
MANAGE_MEETINGS_POST = [
    "council_meeting_hold",
    "council_meeting_invite",
    "council_meeting_close",
    "council_meeting_delete",
    "council_quorum",
    "council_item_remove",
    "council_material_upload",
    "council_material_remove",
    "council_decision_remove",
]
MANAGE_COUNCIL_GET = ["council_settings", "council_member_add", "council_member_edit"]

READERS = [
    "admin",
    "coordinator",
    "chair",
    "secretary",
    "representative",
    "observer",
    "member_only",
]
MEETING_MANAGERS = ["admin", "coordinator", "chair", "secretary"]
NOT_MEETING_MANAGERS = ["representative", "observer", "member_only"]
COUNCIL_MANAGERS = ["admin", "coordinator"]
NOT_COUNCIL_MANAGERS = ["chair", "secretary", "representative", "observer", "member_only"]


def get(client, user, url):
    if user is not None:
        client.force_login(user)
    with time_machine.travel(datetime(2023, 11, 15, 12, 0, tzinfo=TOMSK), tick=False):
        return client.get(url)


def post(client, user, url, data=None):
    if user is not None:
        client.force_login(user)
    with time_machine.travel(datetime(2023, 11, 15, 12, 0, tzinfo=TOMSK), tick=False):
        return client.post(url, data or {})


def expected_get(role: str, name: str) -> int:
    """What a GET of the page answers to the role (one table for every page)."""
    if role == "outsider":
        return 404
    if name in MANAGE_COUNCIL_GET:
        return 200 if role in COUNCIL_MANAGERS else 403
    if name in MANAGE_MEETINGS_GET:
        return 200 if role in MEETING_MANAGERS else 403
    return 200


# One test per role walks every page, so the demo cluster is built nine times, not two hundred.
@pytest.mark.parametrize("role", [*READERS, "outsider"])
def test_every_page_for_every_role(client, records, people, role):
    answers = {
        name: get(client, people[role], url_of(records, name)).status_code
        for name in READ + MANAGE_MEETINGS_GET + MANAGE_COUNCIL_GET
    }
    expected = {name: expected_get(role, name) for name in answers}
    assert answers == expected


@pytest.mark.parametrize("role", [*NOT_MEETING_MANAGERS, "outsider"])
def test_others_may_not_act_on_meetings(client, records, people, role):
    answers = {
        name: post(client, people[role], url_of(records, name)).status_code
        for name in MANAGE_MEETINGS_POST
    }
    refusal = 404 if role == "outsider" else 403
    assert answers == dict.fromkeys(MANAGE_MEETINGS_POST, refusal)
    assert Meeting.objects.get().status == Meeting.Status.PLANNED
    assert records["item"].materials.count() == 1 and records["item"].decisions.count() == 1


def test_anonymous_is_sent_to_sign_in(client, records):
    for name in READ + MANAGE_MEETINGS_GET + MANAGE_COUNCIL_GET:
        response = get(client, None, url_of(records, name))
        assert response.status_code == 302, name
        assert response.url.startswith(reverse("login")), name


def test_only_coordinators_take_assignments_off_control(client, records, people):
    url = url_of(records, "council_assignment_remove")
    for role in NOT_COUNCIL_MANAGERS:
        assert post(client, people[role], url, {"note": "Выполнено"}).status_code == 403, role
    assert post(client, people["outsider"], url, {"note": "Выполнено"}).status_code == 404
    records["assignment"].refresh_from_db()
    assert records["assignment"].on_control


def test_coordinator_takes_an_assignment_off_control(client, records, people):
    url = url_of(records, "council_assignment_remove")
    response = post(client, people["coordinator"], url, {"note": "Выполнено досрочно"})
    assert response.status_code == 302
    assignment = records["assignment"]
    assignment.refresh_from_db()
    assert not assignment.on_control and assignment.removal_note == "Выполнено досрочно"
    assert assignment.removed_by == people["coordinator"]
    assert assignment.activity.__class__.objects.filter(pk=assignment.activity_id).count() == 0
    edition = assignment.activity.plan.editions.order_by("-number").first()
    assert "снято с контроля: Выполнено досрочно" in edition.note


def test_taking_off_control_needs_a_note(client, records, people):
    url = url_of(records, "council_assignment_remove")
    response = post(client, people["coordinator"], url, {"note": "  "})
    assert response.status_code == 400
    records["assignment"].refresh_from_db()
    assert records["assignment"].on_control


def test_detail_pages_show_no_edit_controls_to_readers(client, records, people):
    page = get(client, people["observer"], url_of(records, "council_meeting"))
    assert "Записать решение" not in page.text and "Добавить вопрос" not in page.text
    assert "Протокол DOCX" in page.text
    page = get(client, people["secretary"], url_of(records, "council_meeting"))
    assert "Записать решение" in page.text and "Добавить вопрос" in page.text
    page = get(client, people["secretary"], url_of(records, "council_assignment"))
    assert "Снять с контроля" not in page.text
    page = get(client, people["coordinator"], url_of(records, "council_assignment"))
    assert "Снять с контроля" in page.text


def test_an_observer_on_the_council_still_only_reads(records, people, council):
    observer = people["observer"]
    Person.objects.filter(full_name="Демо: Е.А. Смирнова").update(user=None)
    secretary = Person.objects.get(full_name="Демо: Е.А. Смирнова")
    secretary.user = observer
    secretary.save()
    observer = get_user_model().objects.get(pk=observer.pk)  # no cached roles
    assert can_read_council(observer, council.cluster)
    assert not can_manage_meetings(observer, council.cluster)


def test_a_chair_whose_term_ended_no_longer_manages(records, people, council):
    from datetime import date

    chair = council.members.get(person__full_name="Ю.В. Дроздов")
    chair.term_end = date(2023, 10, 1)
    chair.save()
    user = get_user_model().objects.get(pk=people["chair"].pk)
    with time_machine.travel(datetime(2023, 11, 15, 12, 0, tzinfo=TOMSK), tick=False):
        # still a representative of the council organization, so still a reader
        assert can_read_council(user, council.cluster)
        assert not can_manage_meetings(user, council.cluster)


def test_a_member_of_another_clusters_council_cannot_see_the_meeting(client, records):
    from council.tests.factories import CouncilMemberFactory

    other_secretary = CouncilMemberFactory(role="secretary")
    user = get_user_model().objects.create_user("other-secretary", password="password-for-tests")
    other_secretary.person.user = user
    other_secretary.person.save()
    UserRole.objects.create(
        user=user,
        cluster=other_secretary.council.cluster,
        kind=UserRole.Kind.REPRESENTATIVE,
        organization=other_secretary.organization,
    )
    other_home = reverse("council:council_home", args=[other_secretary.council.cluster.slug])
    assert get(client, user, other_home).status_code == 200  # their own council
    for name in ("council_meeting", "council_protocol_docx", "council_material", "council_home"):
        assert get(client, user, url_of(records, name)).status_code == 404, name
    assert post(client, user, url_of(records, "council_meeting_hold")).status_code == 404
