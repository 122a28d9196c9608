"""The public calendar: no sign-in, filters, paging, and the schools' registration form."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from events.models import Event, GroupRegistration
from events.services import event_status_set
from events.tests.factories import form_token, make_event, register, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return world()


def listed(client, cluster, **params) -> list[str]:
    response = client.get(reverse("events:events_public", args=[cluster.slug]), params)
    assert response.status_code == 200
    return [event.title for event in response.context["page"].object_list]


def test_the_calendar_shows_upcoming_public_events_of_the_cluster_only(client, w):
    cluster, college = w["cluster"], w["college"]
    make_event(cluster=cluster, host=college, title="Закрытое совещание", is_public=False)
    make_event(cluster=cluster, host=college, title="Прошедшее", slots=((-3, 10, 20),))
    cancelled = make_event(cluster=cluster, host=college, title="Отменённое")
    event_status_set(event=cancelled, status=Event.Status.CANCELLED, actor=None)
    stranger = world()
    make_event(cluster=stranger["cluster"], host=stranger["college"], title="Чужой кластер")
    make_event(
        cluster=cluster,
        host=college,
        title="Игровая программа",
        kind_code="game_program",
        slots=((2, 10, 20),),
        status=Event.Status.PLANNED,
    )
    assert listed(client, cluster) == ["Игровая программа", "Профпроба «Помощник машиниста»"]


def test_the_calendar_filters_by_kind_grade_profession_municipality_and_date(client, w):
    cluster, college = w["cluster"], w["college"]
    game = make_event(
        cluster=cluster,
        host=college,
        kind_code="game_program",
        title="Игра «Юный железнодорожник»",
        grade_min=5,
        grade_max=7,
        profession="Проводник",
        municipality="Томский район",
        slots=((20, 10, 40),),
    )
    parents = make_event(
        cluster=cluster,
        host=college,
        kind_code="parents_meeting",
        title="Собрание о целевом обучении",
        audience=Event.Audience.PARENTS,
        profession="",
        slots=((30, 18, None),),
    )
    trial = "Профпроба «Помощник машиниста»"  # grades 8–10, Томск, in 7 days
    assert listed(client, cluster, kind=game.kind_id) == [game.title]
    assert listed(client, cluster, grade=6) == [game.title]
    assert listed(client, cluster, grade=9) == [trial]
    assert listed(client, cluster, profession="Проводник") == [game.title]
    assert listed(client, cluster, municipality="г. Томск") == [trial, parents.title]
    today = w["slot"].starts_at.date()
    assert listed(client, cluster, date_from=today + timedelta(days=10)) == [
        game.title,
        parents.title,
    ]
    assert listed(client, cluster, date_to=today) == [trial]
    # Unknown values are ignored, not a server error.
    assert len(listed(client, cluster, grade="abc", kind="999999", date_from="вчера")) == 3


def test_the_calendar_pages_and_says_what_to_do_when_empty(client, w):
    cluster = w["cluster"]
    for n in range(21):
        make_event(
            cluster=cluster, host=w["college"], title=f"Экскурсия {n:02d}", slots=((10, 9, 10),)
        )
    response = client.get(reverse("events:events_public", args=[cluster.slug]), {"page": 2})
    assert len(response.context["page"].object_list) == 2
    assert "Страница 2 из 2" in response.content.decode()
    empty = client.get(
        reverse("events:events_public", args=[cluster.slug]), {"grade": 1}
    ).content.decode()
    assert "По этим условиям мероприятий не нашлось" in empty
    lonely = world()["cluster"]
    Event.objects.filter(cluster=lonely).delete()
    text = client.get(reverse("events:events_public", args=[lonely.slug])).content.decode()
    assert "Ближайших мероприятий пока нет" in text


def form_data(timeslot, **changes):
    data = {
        "form_token": form_token(timeslot.event),
        "slot": timeslot.pk,
        "school_name": "МАОУ СОШ № 5",
        "municipality": "г. Томск",
        "grade": 8,
        "pupils": 12,
        "teacher_name": "Иванова Мария Петровна",
        "teacher_email": "ivanova@school5.ru",
        "teacher_phone": "+7 900 000-00-00",
        "consent": "on",
        "website": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def post(client, w, **changes):
    url = reverse("events:event_public", args=[w["cluster"].slug, w["event"].pk])
    return client.post(url, form_data(w["slot"], **changes))


def test_a_school_registers_a_group_without_signing_in(
    client, w, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, w)
    registration = GroupRegistration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "events:event_registration_status", args=[registration.token]
    )
    page = client.get(response["Location"]).content.decode()
    assert "ждёт подтверждения" in page and "Отменить заявку" in page
    assert registration.source == GroupRegistration.Source.PUBLIC
    assert (registration.pupils, registration.grade) == (12, 8)
    assert mail.outbox[0].to == ["ivanova@school5.ru"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"pupils": -3}, "Учеников должно быть не меньше 1."),
        ({"pupils": 0}, "Учеников должно быть не меньше 1."),
        ({"pupils": 5000}, "не больше 300"),
        ({"pupils": "двадцать"}, "Укажите число учеников цифрами."),
        ({"pupils": 31}, "Группа больше, чем всего мест на это время (30)"),
        ({"grade": 5}, "Мероприятие рассчитано на 8–10 классы."),
        ({"consent": None}, "Без согласия на обработку ваших контактов заявку не принять."),
        ({"teacher_email": "ivanova@"}, "Проверьте e-mail: в нём есть ошибка."),
        ({"school_name": ""}, "Обязательное поле."),
        ({"slot": 999999}, "Выберите корректный вариант."),
    ],
)
def test_bad_input_gets_a_russian_message_and_writes_nothing(client, w, changes, message):
    response = post(client, w, **changes)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not GroupRegistration.objects.exists()


def test_a_slot_of_another_event_cannot_be_smuggled_in(client, w):
    other = make_event(cluster=w["cluster"], host=w["college"])
    response = post(client, w, slot=other.slots.get().pk)
    assert response.status_code == 400
    assert not GroupRegistration.objects.exists()


def test_the_honeypot_catches_robots_silently(client, w):
    response = post(client, w, website="http://spam.example")
    assert response.status_code == 302
    assert not GroupRegistration.objects.exists()


def test_the_form_is_csrf_protected():
    w = world()
    client = Client(enforce_csrf_checks=True)
    url = reverse("events:event_public", args=[w["cluster"].slug, w["event"].pk])
    assert client.post(url, form_data(w["slot"])).status_code == 403
    assert not GroupRegistration.objects.exists()


def test_too_many_posts_from_one_address_are_refused(client, w, settings):
    settings.EVENT_REGISTRATION_RATE = 2
    assert post(client, w, grade=8).status_code == 302
    assert post(client, w, grade=9).status_code == 302
    response = post(client, w, grade=10)
    assert response.status_code == 429
    assert "Слишком много заявок" in response.content.decode()
    assert GroupRegistration.objects.count() == 2


def test_registration_closed_or_over_says_so(client, w):
    event_status_set(event=w["event"], status=Event.Status.PLANNED, actor=None)
    page = client.get(
        reverse("events:event_public", args=[w["cluster"].slug, w["event"].pk])
    ).content.decode()
    assert "Запись ещё не открыта" in page and "Отправить заявку" not in page
    assert post(client, w).status_code == 400
    assert not GroupRegistration.objects.exists()


def test_the_school_cancels_by_its_link_and_the_waiting_group_moves_up(client, w):
    first = register(w["slot"], pupils=30)
    waiting = register(w["slot"], pupils=5)
    status_url = reverse("events:event_registration_status", args=[waiting.token])
    assert "в листе ожидания" in client.get(status_url).content.decode()
    response = client.post(reverse("events:event_registration_status", args=[first.token]))
    assert response.status_code == 302
    first.refresh_from_db()
    waiting.refresh_from_db()
    assert first.status == GroupRegistration.Status.CANCELLED
    assert waiting.status == GroupRegistration.Status.PENDING
    assert (
        client.get("/events/registration/00000000-0000-0000-0000-000000000000/").status_code == 404
    )


def test_the_status_page_never_shows_the_teacher_contact_to_the_link_holder_beyond_the_name(
    client, w
):
    registration = register(w["slot"], teacher_phone="+7 900 111-22-33")
    page = client.get(reverse("events:event_registration_status", args=[registration.token]))
    assert page["X-Robots-Tag"] == "noindex"
    assert "+7 900 111-22-33" not in page.content.decode()
