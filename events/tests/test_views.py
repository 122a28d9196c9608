"""Sign-in pages: creating and changing events, decisions, attendance, outcome, evidence, people."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from events.models import Competitor, Event, EventEvidence, GroupRegistration, ParticipantTally
from events.tests.factories import at, make_event, register, world
from orgs.models import UserRole
from orgs.tests.factories import user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return world()


def event_data(w, **changes):
    data = {
        "kind": w["event"].kind_id,
        "title": "Игровая программа «Я — машинист»",
        "host": w["college"].pk,
        "audience": "schoolchildren",
        "grade_min": 5,
        "grade_max": 7,
        "profession": "Машинист",
        "municipality": "г. Томск",
        "place": "Учебный полигон",
        "online_url": "",
        "description": "",
        "status": "open",
        "is_public": "on",
        "slots-TOTAL_FORMS": 3,
        "slots-INITIAL_FORMS": 1,
        "slots-MIN_NUM_FORMS": 1,
        "slots-MAX_NUM_FORMS": 20,
        "slots-0-day": at(10).date().isoformat(),
        "slots-0-start": "10:00",
        "slots-0-end": "11:30",
        "slots-0-capacity": 25,
        "slots-1-day": at(10).date().isoformat(),
        "slots-1-start": "14:00",
        "slots-1-end": "15:30",
        "slots-1-capacity": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_a_representative_creates_an_event_of_their_organization_with_two_slots(client, w):
    client.force_login(w["representative"])
    url = reverse("events:event_create", args=[w["cluster"].slug])
    form = client.get(url).context["form"]
    assert list(form.fields["host"].queryset) == [w["college"]]
    response = client.post(url, event_data(w))
    event = Event.objects.get(title="Игровая программа «Я — машинист»")
    assert response.status_code == 302
    assert response["Location"] == reverse("events:event_detail", args=[event.pk])
    assert event.host == w["college"] and event.status == Event.Status.OPEN
    assert [slot.capacity for slot in event.slots.order_by("starts_at")] == [25, None]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"host": "other"}, "только от имени своей организации"),
        ({"grade_min": 9, "grade_max": 5}, "«По класс» не может быть меньше «с класса»."),
        ({"place": "", "online_url": ""}, "Укажите место проведения или ссылку"),
        ({"slots-0-end": "09:00"}, "Время окончания должно быть позже начала."),
        ({"slots-0-capacity": -5}, "Мест — от 1 до 10000"),
        ({"slots-0-capacity": 10**9}, "Мест — от 1 до 10000"),
        (
            {
                "slots-0-day": "",
                "slots-0-start": "",
                "slots-0-end": "",
                "slots-0-capacity": "",
                "slots-1-day": "",
                "slots-1-start": "",
                "slots-1-end": "",
            },
            "Обязательное поле.",
        ),
        ({"kind": 999999}, "Выберите корректный вариант"),
    ],
)
def test_bad_events_get_a_russian_message_and_nothing_is_written(client, w, changes, message):
    client.force_login(w["representative"])
    if changes.get("host") == "other":
        changes["host"] = w["other"].pk  # a forged host: another organization's id
    response = client.post(
        reverse("events:event_create", args=[w["cluster"].slug]), event_data(w, **changes)
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Event.objects.count() == 1


def test_a_coordinator_may_name_any_member_as_host_but_not_an_outsider(client, w):
    client.force_login(w["coordinator"])
    url = reverse("events:event_create", args=[w["cluster"].slug])
    assert client.post(url, event_data(w, host=w["other"].pk)).status_code == 302
    stranger = world()["college"]
    assert client.post(url, event_data(w, host=stranger.pk, title="Чужой")).status_code == 400
    assert not Event.objects.filter(title="Чужой").exists()


def test_another_organizations_event_cannot_be_changed(client, w):
    client.force_login(w["other_representative"])
    pk = w["event"].pk
    response = client.get(reverse("events:event_edit", args=[pk]))
    assert response.status_code == 403
    assert "Изменять мероприятие может организатор" in response.content.decode()
    response = client.post(reverse("events:event_status", args=[pk]), {"status": "cancelled"})
    assert response.status_code == 403
    assert "Ничего не изменено." in response.content.decode()
    w["event"].refresh_from_db()
    assert w["event"].status == Event.Status.OPEN


def test_edit_and_state_changes(client, w):
    client.force_login(w["representative"])
    event = w["event"]
    data = event_data(w, title="Профпроба «Слесарь»")
    assert client.post(reverse("events:event_edit", args=[event.pk]), data).status_code == 302
    event.refresh_from_db()
    assert event.title == "Профпроба «Слесарь»" and event.host == w["college"]
    client.post(reverse("events:event_status", args=[event.pk]), {"status": "cancelled"})
    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED
    response = client.post(
        reverse("events:event_status", args=[event.pk]), {"status": "held"}, follow=True
    )
    assert "перевести его в состояние «проведено» нельзя" in response.content.decode()


def test_the_host_adds_a_group_by_hand_and_handles_it(client, w):
    client.force_login(w["representative"])
    event, slot = w["event"], w["slot"]
    response = client.post(
        reverse("events:event_group_add", args=[event.pk]),
        {
            "slot": slot.pk,
            "school_name": "МБОУ СОШ № 1",
            "municipality": "г. Северск",
            "grade": 9,
            "pupils": 20,
            "teacher_name": "Петрова А. А.",
            "teacher_phone": "+7 900",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    registration = GroupRegistration.objects.get()
    assert registration.source == GroupRegistration.Source.MANUAL
    client.post(
        reverse("events:event_group_action", args=[registration.pk, "decline"]),
        {"reason": "Нет мест"},
    )
    registration.refresh_from_db()
    assert registration.status == GroupRegistration.Status.DECLINED
    assert registration.decline_reason == "Нет мест"
    assert (
        client.post(
            reverse("events:event_group_action", args=[registration.pk, "explode"])
        ).status_code
        == 404
    )


def test_attendance_page_marks_held_and_refuses_bad_numbers(client, w, time_machine):
    client.force_login(w["representative"])
    event = w["event"]
    registration = register(w["slot"], pupils=20)
    url = reverse("events:event_attendance", args=[event.pk])
    time_machine.move_to(w["slot"].ends_at)
    client.force_login(w["representative"])  # sessions last 12 hours
    response = client.post(url, {f"attended_{registration.pk}": -4})
    assert response.status_code == 400
    assert "Пришло — число от 0 до 300." in response.content.decode()
    response = client.post(url, {f"attended_{registration.pk}": 18})
    assert response.status_code == 302
    registration.refresh_from_db()
    event.refresh_from_db()
    assert registration.attended == 18 and event.status == Event.Status.HELD


def test_outcome_records_participants_by_category(client, w, time_machine):
    client.force_login(w["coordinator"])
    event = w["event"]
    url = reverse("events:event_outcome", args=[event.pk])
    response = client.post(url, {"results": "Все справились", "tally_parents": 12})
    assert response.status_code == 400
    assert "после начала мероприятия" in response.content.decode()
    time_machine.move_to(w["slot"].ends_at)
    client.force_login(w["coordinator"])  # sessions last 12 hours
    response = client.post(
        url, {"results": "Все справились", "tally_parents": 12, "tally_teachers": 3}
    )
    assert response.status_code == 302
    assert dict(ParticipantTally.objects.values_list("category", "count")) == {
        "parents": 12,
        "teachers": 3,
    }
    page = client.get(reverse("events:event_detail", args=[event.pk])).content.decode()
    assert "Все справились" in page and "<strong>15</strong>" in page


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(out, "PNG")
    return out.getvalue()


def test_evidence_is_checked_by_content_and_served_only_after_an_access_check(client, w):
    event = w["event"]
    client.force_login(w["representative"])
    url = reverse("events:event_evidence_file", args=[event.pk])
    fake = SimpleUploadedFile("photo.jpg", b"MZ this is not a picture", content_type="image/jpeg")
    response = client.post(url, {"file": fake}, follow=True)
    assert "Содержимое файла не соответствует расширению .jpg" in response.content.decode()
    exe = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")
    assert (
        "Этот тип файла не принимается"
        in client.post(url, {"file": exe}, follow=True).content.decode()
    )
    assert not EventEvidence.objects.exists()
    photo = SimpleUploadedFile("Фото с пробы.png", png_bytes(), content_type="image/png")
    client.post(url, {"file": photo, "title": "Ученики в кабине"})
    evidence = EventEvidence.objects.get()
    assert "events/" in evidence.file.name and "Фото" not in evidence.file.name
    download = reverse("events:event_evidence", args=[evidence.pk])
    for who, status in [("observer", 200), ("other_representative", 200), ("outsider", 404)]:
        client.force_login(w[who])
        assert client.get(download).status_code == status
    client.logout()
    assert client.get(download).status_code == 302
    client.force_login(w["observer"])
    assert (
        client.post(reverse("events:event_evidence_remove", args=[evidence.pk])).status_code == 403
    )


def test_publication_links_must_be_web_addresses(client, w):
    client.force_login(w["representative"])
    url = reverse("events:event_evidence_link", args=[w["event"].pk])
    response = client.post(url, {"url": "javascript:alert(1)"}, follow=True)
    assert "начиная с http:// или https://" in response.content.decode()
    client.post(url, {"url": "https://vk.com/wall-1_2", "title": "Пост"})
    assert EventEvidence.objects.get().url == "https://vk.com/wall-1_2"


def test_named_competitors_with_consent_and_erasure_by_an_administrator(client, w):
    championship = make_event(cluster=w["cluster"], host=w["college"], kind_code="championship")
    client.force_login(w["representative"])
    add = reverse("events:event_competitor_add", args=[championship.pk])
    client.post(add, {"full_name": "Сидоров Иван", "organization_name": "ТТВТС"})
    assert not Competitor.objects.exists()  # no consent, no record
    client.post(
        add,
        {
            "full_name": "Сидоров Иван",
            "organization_name": "ТТВТС",
            "result": "1 место",
            "consent": "on",
        },
    )
    competitor = Competitor.objects.get()
    erase = reverse("events:event_competitor_erase", args=[competitor.pk])
    assert client.post(erase).status_code == 403
    client.force_login(w["admin"])
    assert client.post(erase).status_code == 302
    competitor.refresh_from_db()
    assert (competitor.full_name, competitor.organization_name) == ("", "")
    assert competitor.erased_at is not None and Competitor.objects.count() == 1
    # A kind without named participants takes no names at all.
    client.force_login(w["representative"])
    client.post(
        reverse("events:event_competitor_add", args=[w["event"].pk]),
        {"full_name": "Ребёнок Школьный", "consent": "on"},
    )
    assert Competitor.objects.count() == 1


def test_kinds_are_extended_by_coordinators_only(client, w):
    url = reverse("events:event_kinds", args=[w["cluster"].slug])
    client.force_login(w["representative"])
    assert client.post(url, {"name": "Билет в будущее"}).status_code == 403
    client.force_login(w["coordinator"])
    client.post(url, {"name": "Профпроба «Билет в будущее»", "is_trial": "on"})
    kind = w["cluster"].event_kinds.get(name="Профпроба «Билет в будущее»")
    assert kind.is_trial
    response = client.post(url, {"name": "профпроба «билет в будущее»"})
    assert "уже есть в кластере" in response.content.decode()


def test_a_cluster_made_after_the_migration_gets_the_usual_kinds(client):
    w = world()
    from orgs.tests.factories import ClusterFactory, member

    cluster = ClusterFactory()
    member(cluster)
    client.force_login(user_with_role(cluster, UserRole.Kind.COORDINATOR))
    response = client.get(reverse("events:event_create", args=[cluster.slug]))
    names = [kind.name for kind in response.context["form"].fields["kind"].queryset]
    assert "Профессиональная проба" in names and "Школа безопасности дорожного движения" in names
    assert w["cluster"].event_kinds.count() == len(names)


def test_the_cluster_page_links_to_events(client, w):
    client.force_login(w["observer"])
    page = client.get(reverse("orgs:cluster_detail", args=[w["cluster"].slug])).content.decode()
    assert reverse("events:event_list", args=[w["cluster"].slug]) in page
    assert "Мероприятия для школьников" in page
