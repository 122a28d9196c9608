"""`clusterplan recover_tasks`: settle background tasks whose worker died while running them.

django-tasks-db marks a task RUNNING when a worker claims it and SUCCESSFUL or FAILED when the task
returns or raises. A worker killed outright (SIGKILL, out of memory, power loss) does neither: the
row stays RUNNING forever and no other worker takes it. Whatever the task wrote in its own
transaction was rolled back by the database; whatever it committed stays (tasks here write in one
`transaction.atomic`, so that is all or nothing).

This command finds such tasks — RUNNING and last claimed by the given worker id (run it just before
that worker starts: deploy/clusterplan-worker.service does), or RUNNING for longer than
--older-than minutes — and marks them FAILED, or with --requeue makes them READY again so a worker
runs them once more (only for tasks that are safe to repeat).
"""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

KILLED = "ops.recover_tasks.WorkerLost"
MESSAGE = "Процесс, выполнявший задачу, был остановлен аварийно (worker lost); задача не завершена."


class Command(BaseCommand):
    help = "Задачи, чей процесс-исполнитель погиб: отметить как неудачные или вернуть в очередь."

    def add_arguments(self, parser):
        parser.add_argument("--worker-id", help="Задачи, последним взятые этим исполнителем.")
        parser.add_argument(
            "--older-than", type=int, help="Задачи, выполняющиеся дольше стольких минут."
        )
        parser.add_argument(
            "--requeue", action="store_true", help="Вернуть в очередь вместо отметки об ошибке."
        )

    def handle(self, *args, worker_id=None, older_than=None, requeue=False, **options):
        if not worker_id and older_than is None:
            raise CommandError("Укажите --worker-id или --older-than.")
        with transaction.atomic():
            running = DBTaskResult.objects.select_for_update().filter(
                status=TaskResultStatus.RUNNING
            )
            if older_than is not None:
                cutoff = timezone.now() - timedelta(minutes=older_than)
                running = running.filter(started_at__lt=cutoff)
            stale = [
                task
                for task in running
                if not worker_id or (task.worker_ids and task.worker_ids[-1] == worker_id)
            ]
            for task in stale:
                if requeue:
                    task.status = TaskResultStatus.READY
                    task.started_at = None
                    task.save(update_fields=["status", "started_at"])
                else:
                    task.status = TaskResultStatus.FAILED
                    task.finished_at = timezone.now()
                    task.exception_class_path = KILLED
                    task.traceback = MESSAGE
                    task.save(
                        update_fields=["status", "finished_at", "exception_class_path", "traceback"]
                    )
        verb = "возвращено в очередь" if requeue else "отмечено как неудачные"
        self.stdout.write(f"Задач без исполнителя: {len(stale)}, {verb}.")
