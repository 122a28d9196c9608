"""List pages cost the same number of queries for 3 events as for 30."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import Event
from events.services import attendance_mark, professional_class_create
from events.tests.factories import make_event, register, world

pytestmark = pytest.mark.django_db


def count(client, url, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


def add_events(w, n: int) -> None:
    for i in range(n):
        event = make_event(
            cluster=w["cluster"],
            host=w["college"] if i % 2 else w["other"],
            title=f"Событие {i}",
            slots=((5 + i % 3, 10, 30), (5 + i % 3, 14, 30)),
            partners=[w["enterprise"]],
        )
        slot = event.slots.first()
        registration = register(slot, pupils=5)
        if i % 3 == 0:
            attendance_mark(event=event, counts={registration.pk: 4}, actor=None, now=slot.ends_at)


def add_classes(w, n: int) -> None:
    for i in range(n):
        event = make_event(cluster=w["cluster"], host=w["college"], kind_code="prof_class")
        item = professional_class_create(
            cluster=w["cluster"],
            actor=None,
            school_name=f"СОШ № {i}",
            municipality="г. Томск",
            grade=9,
            academic_year="2023-2024",
            college=w["college"],
            enterprise=w["enterprise"],
            profile="Транспорт",
            pupils=20,
            sessions_planned=4,
        )
        Event.objects.filter(pk=event.pk).update(professional_class=item)


PAGES = [
    ("events_public", True),
    ("event_list", False),
    ("professional_classes", False),
    ("events_coverage", False),
]


@pytest.mark.parametrize(("name", "public"), PAGES)
def test_list_pages_cost_the_same_queries_for_3_and_30_events(client, name, public):
    small, big = world(), world()
    add_events(small, 2)  # + the event world() makes: 3
    add_events(big, 29)  # 30
    add_classes(small, 3)
    add_classes(big, 30)
    counts = []
    for w in (small, big):
        if not public:
            client.force_login(w["observer"])
        url = reverse(f"events:{name}", args=[w["cluster"].slug])
        counts.append(
            count(client, url, start="2000-01-01", end="2100-12-31")
            if name == "events_coverage"
            else count(client, url)
        )
    assert counts[0] == counts[1]
    assert counts[0] <= 15


def test_the_activity_events_page_costs_the_same_for_more_events(client):
    from plans.services import plan_import
    from plans.tests.factories import plan_document

    counts = []
    for n in (3, 30):
        w = world()
        plan = plan_import(cluster=w["cluster"], document=plan_document((1,)), actor=None)
        activity = plan.activities.get()
        for _ in range(n):
            make_event(cluster=w["cluster"], host=w["college"], activity=activity)
        client.force_login(w["observer"])
        counts.append(count(client, reverse("events:activity_events", args=[activity.pk])))
    assert counts[0] == counts[1]
