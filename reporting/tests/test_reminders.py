"""Reminders go once, only to organizations that have not submitted, escalating by the calendar."""

import io
from datetime import date

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from documents.demo import demo_load
from orgs.models import Person, UserRole
from orgs.tests.factories import user_with_role
from plans.models import Plan
from reporting.models import ReportingPeriod, SentReminder
from reporting.services import (
    notification_preference_set,
    periods_generate,
    reminders_send,
    report_submit,
)

pytestmark = pytest.mark.django_db


def sent() -> list[tuple[str, str]]:
    """(recipient, first words of the subject) of every e-mail sent so far, then clear."""
    result = sorted((message.to[0], message.subject.split(":")[0]) for message in mail.outbox)
    mail.outbox.clear()
    return result


@pytest.fixture
def people(world):
    for user, email in (("rep_ttvts", "ttvts@college.test"), ("rep_tkgt", "tkgt@college.test")):
        world[user].email = email
        world[user].save()
    quiet = user_with_role(world["cluster"], UserRole.Kind.REPRESENTATIVE, world["tkgt"])
    quiet.email = "quiet@college.test"
    quiet.save()
    notification_preference_set(user=quiet, report_reminders=False)
    Person.objects.create(
        organization=world["tkgt"],
        full_name="П.П. Петров",
        position="Директор",
        email="director@tkgt.test",
    )
    Person.objects.create(
        organization=world["tkgt"],
        full_name="С.С. Сидоров",
        position="Мастер п/о",
        email="master@tkgt.test",
    )
    # ТТВТС submits both of its first-quarter reports; ТКГТ submits nothing.
    for obligation, status in (("ob_quarter_ttvts", "done"), ("ob_as_needed", "nothing")):
        report_submit(
            obligation=world[obligation],
            period=world["q1"],
            actor=world["rep_ttvts"],
            version=0,
            status=status,
            text="Проведено.",
        )
    return world


def run(day: date) -> list[tuple[str, str]]:
    with time_machine.travel(day, tick=False):
        call_command("send_reminders", stdout=io.StringIO())
    return sent()


def test_exactly_the_right_people_get_exactly_one_email_each(people):
    # Q1 2024 ends 31.03, reports are due 05.04 (the 5th working day).
    assert run(date(2024, 4, 1)) == [("coordinator@cluster.test", "Сводка за неделю с 01.04.2024")]
    assert run(date(2024, 4, 2)) == [("tkgt@college.test", "Срок отчёта 05.04.2024")]
    assert run(date(2024, 4, 2)) == []  # a second run the same day sends nothing
    assert run(date(2024, 4, 3)) == []  # the stage was sent already
    assert run(date(2024, 4, 5)) == [("tkgt@college.test", "Сегодня срок отчёта")]
    assert run(date(2024, 4, 8)) == [
        ("coordinator@cluster.test", "Сводка за неделю с 08.04.2024"),
        ("director@tkgt.test", "Просрочены отчёты по плану кластера"),
    ]
    assert run(date(2024, 4, 12)) == [
        ("coordinator@cluster.test", "Не сдали отчёты за I квартал 2024 года")
    ]
    assert run(date(2024, 4, 13)) == []
    assert SentReminder.objects.count() == 6


def test_the_escalation_e_mails_say_what_is_missing(people):
    with time_machine.travel(date(2024, 4, 12), tick=False):
        reminders_send(today=date(2024, 4, 12))
    [escalation] = [m for m in mail.outbox if m.subject.startswith("Не сдали")]
    assert "ОГБПОУ «ТКГТ»: отчётов не отправлено — 1" in escalation.body
    assert "ТТВТС" not in escalation.body
    assert "http://localhost:8000/clusters/transport/execution/" in escalation.body


def test_without_a_head_the_representatives_hear_of_the_overdue_report(world):
    world["rep_ttvts"].email = "ttvts@college.test"
    world["rep_ttvts"].save()
    notification_preference_set(user=world["coordinator"], weekly_digest=False)
    assert run(date(2024, 4, 8)) == [("ttvts@college.test", "Просрочены отчёты по плану кластера")]


def test_holidays_shift_the_reminders_of_the_new_year_quarter():
    demo_load()
    plan = Plan.objects.get()
    for username in ("ttvts", "tkgt", "coordinator"):
        role = UserRole.objects.get(user__username=username)
        role.user.email = f"{username}@demo.test"
        role.user.save()
        notification_preference_set(user=role.user, weekly_digest=False)
    periods_generate(plan=plan, kind=ReportingPeriod.Kind.QUARTER, actor=None)
    q4 = ReportingPeriod.objects.get(plan=plan, start=date(2023, 10, 1))
    assert q4.due_date == date(2024, 1, 15)  # New Year holidays 1–8 January, then 9–15
    assert [m for m in run(date(2024, 1, 11)) if "IV квартал" in m[1]] == []
    assert run(date(2024, 1, 12)) == [
        ("tkgt@demo.test", "Срок отчёта 15.01.2024"),
        ("ttvts@demo.test", "Срок отчёта 15.01.2024"),
    ]
    assert run(date(2024, 1, 15)) == [
        ("tkgt@demo.test", "Сегодня срок отчёта"),
        ("ttvts@demo.test", "Сегодня срок отчёта"),
    ]


def test_the_task_sends_the_same_reminders(people, immediate_tasks):
    from reporting.tasks import send_reminders

    result = send_reminders.enqueue("2024-04-02")
    assert result.return_value == 2
    assert sent() == [
        ("coordinator@cluster.test", "Сводка за неделю с 01.04.2024"),
        ("tkgt@college.test", "Срок отчёта 05.04.2024"),
    ]
    assert send_reminders.enqueue("2024-04-02").return_value == 0
