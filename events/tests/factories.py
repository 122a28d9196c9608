"""Events made through the services, as the pages make them."""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import count

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from events.models import Event, EventKind, GroupRegistration, TimeSlot
from events.services import SlotData, event_create, event_kinds_ensure, registration_create
from orgs.models import Organization, UserRole
from orgs.tests.factories import ClusterFactory, UserFactory, member, user_with_role

_schools = count(1)


def kind(cluster, code: str = "trial") -> EventKind:
    return next(k for k in event_kinds_ensure(cluster=cluster) if k.code == code)


def at(days: int, hour: int = 10) -> datetime:
    """A moment `days` from today at `hour` o'clock, in the site's time zone."""
    day = timezone.localdate() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, tzinfo=timezone.get_current_timezone())


def make_event(
    *,
    cluster,
    host: Organization,
    kind_code: str = "trial",
    slots=((7, 10, 30),),
    status: str = Event.Status.OPEN,
    title: str = "Профпроба «Помощник машиниста»",
    actor=None,
    **fields,
) -> Event:
    """An event with slots given as (days from today, hour, capacity)."""
    fields.setdefault("place", "ОГБПОУ «ТТВТС», ул. Пушкина, 1")
    fields.setdefault("municipality", "г. Томск")
    fields.setdefault("profession", "Машинист локомотива")
    fields.setdefault("grade_min", 8)
    fields.setdefault("grade_max", 10)
    return event_create(
        cluster=cluster,
        kind=kind(cluster, kind_code),
        title=title,
        host=host,
        actor=actor,
        status=status,
        slots=[
            SlotData(
                starts_at=at(days, hour),
                ends_at=at(days, hour) + timedelta(hours=2),
                capacity=capacity,
            )
            for days, hour, capacity in slots
        ],
        **fields,
    )


def register(
    slot: TimeSlot,
    *,
    pupils: int = 10,
    grade: int | None = 8,
    school: str | None = None,
    municipality: str = "г. Томск",
    source: str = GroupRegistration.Source.PUBLIC,
    **fields,
) -> GroupRegistration:
    fields.setdefault("teacher_name", "Иванова Мария Петровна")
    fields.setdefault("teacher_email", "teacher@example.ru")
    fields.setdefault("consent", True)
    return registration_create(
        slot=slot,
        school_name=school or f"МАОУ СОШ № {next(_schools)}",
        municipality=municipality,
        grade=grade,
        pupils=pupils,
        source=source,
        **fields,
    )


def world() -> dict:
    """A cluster with two colleges, every role, and an open event hosted by the first college."""
    cluster = ClusterFactory()
    college = member(cluster)
    other = member(cluster)
    enterprise = member(cluster, kind=Organization.Kind.ENTERPRISE)
    representative = user_with_role(cluster, UserRole.Kind.REPRESENTATIVE, college)
    event = make_event(cluster=cluster, host=college, actor=representative)
    return {
        "cluster": cluster,
        "college": college,
        "other": other,
        "enterprise": enterprise,
        "event": event,
        "slot": event.slots.get(),
        "admin": UserFactory(is_superuser=True, is_staff=True),
        "coordinator": user_with_role(cluster, UserRole.Kind.COORDINATOR),
        "representative": representative,
        "other_representative": user_with_role(cluster, UserRole.Kind.REPRESENTATIVE, other),
        "observer": user_with_role(cluster, UserRole.Kind.OBSERVER),
        "outsider": user_with_role(ClusterFactory(), UserRole.Kind.COORDINATOR),
        "anonymous": AnonymousUser(),
    }


def form_token(event, *, seconds_ago: int = 60, challenge: bool = False) -> str:
    """A public form token issued `seconds_ago` (as if a person had spent that long filling it)."""
    import time

    from events.forms import guard

    return guard.issue(event_id=event.pk, issued=time.time() - seconds_ago, challenge=challenge)
