"""`python ops/tests/rq_probe.py enqueue TAG` / `check TAG RESULT_ID`: a task through the Redis task
backend (TASKS_BACKEND=redis), for ops/tests/test_tasks_on_redis.py."""

import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django_tasks import task_backends  # noqa: E402

from ops.tests.tasks import slow_write  # noqa: E402
from orgs.models import Organization  # noqa: E402

if sys.argv[1] == "enqueue":
    result = slow_write.enqueue(tag=sys.argv[2], rows=2, pause=0)
    print(type(task_backends["default"]).__name__, result.id)
else:
    result = task_backends["default"].get_result(sys.argv[3])
    rows = Organization.objects.filter(short_name__startswith=f"Проба воркера {sys.argv[2]}-")
    for error in result.errors:
        print(error.traceback, file=sys.stderr)
    print(result.status, rows.count())
