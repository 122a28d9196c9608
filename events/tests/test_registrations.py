"""Group registrations: places, the waiting list, decisions, attendance, and bad input refused."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.models import Event, GroupRegistration
from events.services import (
    SlotData,
    attendance_mark,
    event_slot_update,
    event_status_set,
    places_taken,
    registration_cancel,
    registration_confirm,
    registration_decline,
)
from events.tests.factories import at, make_event, register, world
from orgs.tests.factories import ClusterFactory, member

pytestmark = pytest.mark.django_db
Status = GroupRegistration.Status


@pytest.fixture
def w():
    return world()


def test_groups_hold_places_until_full_then_wait(w):
    slot = w["slot"]  # 30 places
    a = register(slot, pupils=20)
    b = register(slot, pupils=10)
    c = register(slot, pupils=1)
    assert [a.status, b.status, c.status] == [Status.PENDING, Status.PENDING, Status.WAITLISTED]
    assert places_taken(slot) == 30


def test_waiting_groups_move_up_in_order_as_far_as_places_go(w):
    slot = w["slot"]
    big = register(slot, pupils=25)
    register(slot, pupils=5)
    first_waiting = register(slot, pupils=20)
    small_waiting = register(slot, pupils=4)
    registration_cancel(registration=big, actor=None)
    first_waiting.refresh_from_db()
    small_waiting.refresh_from_db()
    assert first_waiting.status == Status.PENDING  # 5 + 20 = 25
    assert small_waiting.status == Status.PENDING  # 25 + 4 = 29 ≤ 30


def test_a_small_waiting_group_is_not_kept_behind_a_big_one_that_cannot_fit(w):
    slot = w["slot"]
    leaving = register(slot, pupils=6)
    register(slot, pupils=24)
    too_big = register(slot, pupils=25)
    small = register(slot, pupils=5)
    registration_decline(registration=leaving, actor=w["representative"], reason="Нет автобуса")
    too_big.refresh_from_db()
    small.refresh_from_db()
    assert too_big.status == Status.WAITLISTED
    assert small.status == Status.PENDING


def test_more_places_move_waiting_groups_up_and_fewer_than_taken_are_refused(w):
    slot = w["slot"]
    register(slot, pupils=30)
    waiting = register(slot, pupils=10)
    data = SlotData(slot.starts_at, slot.ends_at, 20)
    with pytest.raises(ValidationError, match="уже записано 30 учеников"):
        event_slot_update(slot=slot, data=data, actor=None)
    event_slot_update(slot=slot, data=SlotData(slot.starts_at, slot.ends_at, 40), actor=None)
    waiting.refresh_from_db()
    assert waiting.status == Status.PENDING


def test_the_teacher_gets_e_mails_with_the_school_link(w, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(w["slot"], pupils=10)
    with django_capture_on_commit_callbacks(execute=True):
        registration_confirm(registration=registration, actor=w["representative"])
    assert [m.subject.split(":")[0] for m in mail.outbox] == [
        "Заявка принята",
        "Заявка подтверждена",
    ]
    assert str(registration.token) in mail.outbox[0].body
    assert mail.outbox[0].to == ["teacher@example.ru"]


def test_a_promoted_group_is_told_by_e_mail(w, django_capture_on_commit_callbacks):
    slot = w["slot"]
    full = register(slot, pupils=30)
    waiting = register(slot, pupils=10)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=full, actor=None)
    subjects = [m.subject for m in mail.outbox]
    assert any(s.startswith("Освободилось место") for s in subjects)
    assert str(waiting.token) in mail.outbox[-1].body


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"pupils": 0}, "от 1 до 300"),
        ({"pupils": -5}, "от 1 до 300"),
        ({"pupils": 100_000}, "от 1 до 300"),
        ({"pupils": 31}, "больше, чем всего мест"),
        ({"grade": 5}, "рассчитано на 8–10 классы"),
        ({"grade": 12}, "от 1 до 11"),
        ({"grade": None}, "Укажите класс"),
        ({"consent": False}, "Без согласия"),
        ({"teacher_email": "", "teacher_phone": ""}, "e-mail или телефон"),
        ({"teacher_name": "   "}, "ФИО сопровождающего"),
        ({"school": " "}, "название школы"),
    ],
)
def test_bad_groups_are_refused_in_russian_and_nothing_is_written(w, fields, message):
    fields = {"pupils": 10, **fields}
    school = fields.pop("school", None)
    with pytest.raises(ValidationError) as error:
        register(w["slot"], **({"school": school} if school else {}), **fields)
    assert message in " ".join(error.value.messages)
    assert not GroupRegistration.objects.exists()


def test_the_same_school_and_grade_cannot_register_twice_on_one_slot(w):
    register(w["slot"], school="МАОУ СОШ № 5", grade=8)
    with pytest.raises(ValidationError, match="уже записала 8 класс"):
        register(w["slot"], school="мАоу «СОШ №5»", grade=8)
    register(w["slot"], school="МАОУ СОШ № 5", grade=9, pupils=5)  # another grade is fine
    register(w["slot"], school="МАОУ СОШ № 5", grade=8, municipality="г. Северск", pupils=5)


def test_public_registration_needs_an_open_event_and_a_future_slot(w):
    event = w["event"]
    event_status_set(event=event, status=Event.Status.PLANNED, actor=None)
    with pytest.raises(ValidationError, match="ещё не открыта"):
        register(w["slot"])
    # The host may still enter a group by hand while registration is closed.
    register(w["slot"], source=GroupRegistration.Source.MANUAL)
    past = make_event(cluster=w["cluster"], host=w["college"], slots=((-1, 10, 30),))
    with pytest.raises(ValidationError, match="уже прошло"):
        register(past.slots.get())


def test_cancelled_or_closed_registrations_cannot_be_changed_again(w):
    registration = register(w["slot"])
    registration_cancel(registration=registration, actor=None)
    with pytest.raises(ValidationError, match="уже отменена"):
        registration_cancel(registration=registration, actor=None)
    with pytest.raises(ValidationError, match="подтвердить можно только"):
        registration_confirm(registration=registration, actor=None)


def test_attendance_marks_the_event_held_and_refuses_bad_counts(w):
    event, slot = w["event"], w["slot"]
    registration = register(slot, pupils=10)
    stranger = make_event(cluster=w["cluster"], host=w["college"])
    foreign = register(stranger.slots.get())
    before = slot.starts_at - timedelta(hours=1)
    with pytest.raises(ValidationError, match="после начала"):
        attendance_mark(event=event, counts={registration.pk: 9}, actor=None, now=before)
    after = slot.ends_at
    with pytest.raises(ValidationError, match="не относится к этому мероприятию"):
        attendance_mark(event=event, counts={foreign.pk: 9}, actor=None, now=after)
    with pytest.raises(ValidationError, match="от 0 до 300"):
        attendance_mark(event=event, counts={registration.pk: -1}, actor=None, now=after)
    registration.refresh_from_db()
    event.refresh_from_db()
    assert registration.attended is None and event.status == Event.Status.OPEN
    attendance_mark(event=event, counts={registration.pk: 9}, actor=None, now=after)
    registration.refresh_from_db()
    event.refresh_from_db()
    assert registration.attended == 9 and event.status == Event.Status.HELD


def test_an_event_points_only_at_things_of_its_own_cluster(w):
    stranger = member(ClusterFactory())
    with pytest.raises(ValidationError) as error:
        make_event(cluster=w["cluster"], host=stranger)
    assert "не входит в кластер" in error.value.message_dict["host"][0]
    with pytest.raises(ValidationError) as error:
        make_event(cluster=w["cluster"], host=w["college"], partners=[stranger])
    assert "Не входят в кластер" in error.value.message_dict["partners"][0]
    with pytest.raises(ValidationError, match="хотя бы одно время"):
        make_event(cluster=w["cluster"], host=w["college"], slots=())
    assert Event.objects.count() == 1


def test_slot_times_and_places_are_checked():
    w = world()
    from events.services import event_slot_add

    with pytest.raises(ValidationError, match="позже начала"):
        event_slot_add(event=w["event"], slot=SlotData(at(5, 12), at(5, 10), 10), actor=None)
    with pytest.raises(ValidationError, match="от 1 до 10000"):
        event_slot_add(event=w["event"], slot=SlotData(at(5, 10), at(5, 12), 0), actor=None)
    assert w["event"].slots.count() == 1


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    steps=st.lists(
        st.one_of(
            st.tuples(st.just("register"), st.integers(min_value=1, max_value=20)),
            st.tuples(st.just("cancel"), st.integers(min_value=0, max_value=30)),
        ),
        max_size=25,
    )
)
def test_places_are_never_oversold_and_nobody_fitting_is_left_waiting(steps):
    cluster = ClusterFactory()
    slot = make_event(cluster=cluster, host=member(cluster)).slots.get()
    made = []
    for action, number in steps:
        if action == "register":
            made.append(register(slot, pupils=number, grade=8))
        elif made:
            target = made[number % len(made)]
            target.refresh_from_db()
            if target.status not in GroupRegistration.CLOSED:
                registration_cancel(registration=target, actor=None)
        taken = places_taken(slot)
        assert taken <= slot.capacity
        free = slot.capacity - taken
        waiting = GroupRegistration.objects.filter(slot=slot, status=Status.WAITLISTED)
        assert all(group.pupils > free for group in waiting)


def test_cancelling_an_event_tells_every_group_still_coming(w, django_capture_on_commit_callbacks):
    coming = register(w["slot"], pupils=10, teacher_email="coming@school.ru")
    waiting = register(w["slot"], pupils=25, teacher_email="waiting@school.ru")
    gone = register(w["slot"], pupils=5, teacher_email="gone@school.ru")
    registration_cancel(registration=gone, actor=None)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event_status_set(event=w["event"], status=Event.Status.CANCELLED, actor=None)
    told = sorted(m.to[0] for m in mail.outbox)
    assert told == ["coming@school.ru", "waiting@school.ru"]
    assert all(m.subject.startswith("Мероприятие отменено") for m in mail.outbox)
    assert coming.pk and waiting.pk
