"""The public ICS feed parses with icalendar and carries events, never people."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from events.models import Event
from events.services import SlotData, event_slot_add, event_status_set
from events.tests.factories import at, make_event, register, world

pytestmark = pytest.mark.django_db


def test_the_feed_has_one_event_per_slot_of_public_events_and_no_personal_data(client):
    w = world()
    cluster, event = w["cluster"], w["event"]
    event_slot_add(event=event, slot=SlotData(at(9, 14), at(9, 16), 20), actor=None)
    register(w["slot"], teacher_name="Иванова Мария Петровна", teacher_email="ivanova@school.ru")
    make_event(cluster=cluster, host=w["college"], title="Внутреннее совещание", is_public=False)
    cancelled = make_event(cluster=cluster, host=w["college"], title="Отменённая экскурсия")
    event_status_set(event=cancelled, status=Event.Status.CANCELLED, actor=None)
    make_event(cluster=cluster, host=w["college"], title="Давнее", slots=((-60, 10, 5),))

    response = client.get(reverse("events:events_feed", args=[cluster.slug]))  # no sign-in
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    items = calendar.walk("VEVENT")
    summaries = sorted(str(item["SUMMARY"]) for item in items)
    assert summaries == [
        "Отменённая экскурсия (профессиональная проба)",
        "Профпроба «Помощник машиниста» (профессиональная проба)",
        "Профпроба «Помощник машиниста» (профессиональная проба)",
    ]
    by_summary = {str(item["SUMMARY"]): item for item in items}
    assert str(by_summary["Отменённая экскурсия (профессиональная проба)"]["STATUS"]) == "CANCELLED"
    first = min(items, key=lambda item: item.decoded("DTSTART"))
    assert first.decoded("DTSTART") == w["slot"].starts_at
    assert first.decoded("DTEND") == w["slot"].ends_at
    assert str(first["UID"]).startswith(f"event-slot-{w['slot'].pk}@")
    assert reverse("events:event_public", args=[cluster.slug, event.pk]) in str(first["URL"])
    text = response.content.decode()
    for private in ("Иванова", "ivanova@school.ru", "Внутреннее совещание", "Давнее"):
        assert private not in text
    assert str(calendar["X-WR-CALNAME"]) == f"Мероприятия: {cluster.short_name}"


def test_the_feed_of_an_unknown_cluster_is_404(client):
    assert client.get("/events/no-such-cluster/calendar.ics").status_code == 404
