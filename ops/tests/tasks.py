"""A background task for the fault drills: several rows written in ONE transaction, slowly, so a
worker can be killed in the middle (ops/tests/test_faults.py, bench/load.py)."""

import time
from pathlib import Path

from django.db import transaction
from django_tasks import task

from orgs.models import Organization


@task()
def slow_write(*, tag: str, rows: int, pause: float, started_file: str = "") -> int:
    with transaction.atomic():
        for number in range(rows):
            Organization.objects.create(
                short_name=f"Проба воркера {tag}-{number}",
                full_name=f"Проба воркера {tag}-{number}",
                kind=Organization.Kind.OTHER,
                is_demo=True,
            )
            if number == 0 and started_file:
                Path(started_file).write_text("started")
            time.sleep(pause)
    return rows
