"""Reminders before the event: confirmed groups only, once, by command or task."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from events.models import GroupRegistration
from events.services import event_reminders_send, registration_confirm
from events.tasks import send_event_reminders
from events.tests.factories import register, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    w = world()
    w["confirmed"] = register(w["slot"], teacher_email="confirmed@school.ru")
    registration_confirm(registration=w["confirmed"], actor=None)
    register(w["slot"], teacher_email="pending@school.ru")  # not confirmed: no reminder
    mail.outbox.clear()
    return w


def test_a_confirmed_group_is_reminded_once_within_the_window(w):
    slot = w["slot"]
    assert event_reminders_send(now=slot.starts_at - timedelta(days=3)) == []
    sent = event_reminders_send(now=slot.starts_at - timedelta(hours=30))
    assert [r.pk for r in sent] == [w["confirmed"].pk]
    assert [m.to for m in mail.outbox] == [["confirmed@school.ru"]]
    assert mail.outbox[0].subject.startswith("Напоминание:")
    assert event_reminders_send(now=slot.starts_at - timedelta(hours=2)) == []
    assert len(mail.outbox) == 1
    assert event_reminders_send(now=slot.starts_at + timedelta(minutes=1)) == []


def test_a_failed_send_is_retried_on_the_next_run(w, monkeypatch):
    now = w["slot"].starts_at - timedelta(hours=10)

    def broken(*args, **kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr("events.services.mail.send_mail", broken)
    assert event_reminders_send(now=now) == []
    assert GroupRegistration.objects.get(pk=w["confirmed"].pk).reminder_sent_at is None
    monkeypatch.undo()
    assert len(event_reminders_send(now=now)) == 1


def test_the_command_and_the_task(w, settings):
    out = StringIO()
    moment = (w["slot"].starts_at - timedelta(hours=5)).isoformat()
    call_command("send_event_reminders", "--now", moment, stdout=out)
    assert "Отправлено напоминаний: 1" in out.getvalue()
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    result = send_event_reminders.enqueue(moment)
    assert result.return_value == 0  # already sent by the command
