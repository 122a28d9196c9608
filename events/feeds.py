"""The public ICS feed of a cluster's events: one VEVENT per time slot, no personal data.

Public like the calendar page (no sign-in, no key): only public events, from 30 days back on, with
what the calendar page shows — kind, title, host, place, audience, profession, the page's address.
Groups, teachers and counts of registrations are never in it. A cancelled event stays in the feed
with STATUS:CANCELLED, so calendars that subscribed drop it instead of keeping a stale entry.

UID: `event-slot-<slot id>@<host>`, stable while the slot exists.
"""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from events.access import public_cluster
from events.models import Event, TimeSlot

PRODID = "-//ClusterPlan//Мероприятия кластера//RU"
PAST_DAYS = 30
STATUS = {
    Event.Status.CANCELLED: "CANCELLED",
    Event.Status.PLANNED: "TENTATIVE",
}


def _description(event: Event, url: str) -> str:
    lines = [
        event.kind.name,
        f"Организатор: {event.host.short_name}",
        f"Для кого: {event.audience_label}",
    ]
    if event.profession:
        lines.append(f"Профессия: {event.profession}")
    if event.online_url:
        lines.append(f"Онлайн: {event.online_url}")
    if event.status == Event.Status.OPEN:
        lines.append("Идёт запись групп — на странице мероприятия.")
    lines.append(url)
    return "\n".join(lines)


@require_GET
def public_events_feed(request, slug: str):
    cluster = public_cluster(slug)
    since = timezone.now() - timedelta(days=PAST_DAYS)
    slots = (
        TimeSlot.objects.filter(event__cluster=cluster, event__is_public=True, ends_at__gte=since)
        .select_related("event__kind", "event__host")
        .order_by("starts_at", "pk")
    )
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    name = f"Мероприятия: {cluster.short_name}"
    calendar.add("x-wr-calname", name)
    calendar.add("name", name)
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    host = request.get_host().split(":")[0] or "clusterplan"
    stamp = timezone.now()
    for slot in slots:
        event = slot.event
        url = request.build_absolute_uri(
            reverse("events:event_public", args=[cluster.slug, event.pk])
        )
        item = CalendarEvent()
        item.add("uid", f"event-slot-{slot.pk}@{host}")
        item.add("dtstamp", stamp)
        item.add("dtstart", slot.starts_at)
        item.add("dtend", slot.ends_at)
        item.add("summary", f"{event.title} ({event.kind.name.lower()})")
        item.add("description", _description(event, url))
        item.add("location", event.place or event.online_url or "")
        item.add("url", url)
        item.add("status", STATUS.get(event.status, "CONFIRMED"))
        calendar.add_component(item)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="events-{cluster.slug}.ics"'
    response["Cache-Control"] = "public, max-age=300"
    return response
