"""Concurrent writers against one database, each thread with its own connection, started together
by a barrier. `python ops/tests/race_worker.py registrations|saves` prints one JSON line of what
happened (ops/tests/test_races.py runs it on a SQLite file and on PostgreSQL)."""

import json
import os
import sys
import threading
from collections import Counter

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.core.exceptions import ValidationError  # noqa: E402
from django.db import OperationalError, connection  # noqa: E402


def race(count: int, work) -> Counter:
    barrier = threading.Barrier(count)
    outcomes: Counter = Counter()
    lock = threading.Lock()

    def run(n: int) -> None:
        try:
            barrier.wait()
            result = work(n)
        except OperationalError as error:  # what the site answers with 503
            result = f"operational_error: {error}"
        except ValidationError as error:
            result = f"refused: {error.messages[0][:60]}"
        finally:
            connection.close()
        with lock:
            outcomes[result] += 1

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def registrations() -> dict:
    from events.models import GroupRegistration
    from events.services import registration_create
    from events.tests.factories import world

    w = world()
    slot = w["slot"]
    slot.capacity = 2
    slot.save(update_fields=["capacity"])
    connection.close()

    def register(n: int) -> str:
        registration = registration_create(
            slot=slot,
            school_name=f"МАОУ СОШ № {n + 1}",
            municipality="г. Томск",
            grade=8,
            pupils=1,
            teacher_name="Иванова Мария Петровна",
            teacher_email=f"teacher{n}@example.ru",
            consent=True,
            source=GroupRegistration.Source.PUBLIC,
            notify=False,
        )
        return registration.status

    outcomes = race(20, register)
    held = GroupRegistration.objects.filter(slot=slot, status__in=GroupRegistration.HOLDING)
    return {"outcomes": dict(outcomes), "held": held.count(), "capacity": slot.capacity}


def saves() -> dict:
    from documents.demo import demo_load
    from plans.models import Obligation, Plan
    from reporting.models import Report, ReportingPeriod
    from reporting.services import periods_generate, report_save

    if not Plan.objects.exists():
        demo_load()
    plan = Plan.objects.get()
    periods_generate(plan=plan, kind=ReportingPeriod.Kind.QUARTER, actor=None)
    period = ReportingPeriod.objects.filter(plan=plan).order_by("start").first()
    obligations = list(Obligation.objects.filter(activity__plan=plan).order_by("pk")[:8])
    connection.close()

    def save(n: int) -> str:
        report_save(
            obligation=obligations[n],
            period=period,
            actor=None,
            version=0,
            text=f"Проведено мероприятие {n}",
        )
        return "saved"

    outcomes = race(8, save)
    saved = Report.objects.filter(period=period, obligation__in=obligations).count()
    return {"outcomes": dict(outcomes), "saved": saved}


if __name__ == "__main__":
    print(json.dumps({"registrations": registrations, "saves": saves}[sys.argv[1]]()))
