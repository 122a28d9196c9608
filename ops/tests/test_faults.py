"""Faults: the database gone, the disk full, the background worker killed mid-task.

The database restarted under real load is in bench/load.py (`make load`); here each fault is shown
on one request or one task, quickly.
"""

import errno
import signal
import sqlite3
import time
import uuid
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client
from django.urls import reverse

from documents.models import PlanUpload
from ops.tests.cli import cli, start_cli

SEED = Path("seed/plan-transport-cluster-2023-2024.txt")


@pytest.fixture
def coordinator_client(world):
    client = Client(raise_request_exception=False)
    client.force_login(world.users["coordinator"])
    return client


def test_database_down_is_a_russian_503_with_retry_after(coordinator_client, world, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")

    url = reverse("plans:plan_detail", args=[world.plan.pk])
    with monkeypatch.context() as patch:
        patch.setattr(CursorWrapper, "execute", refuse)
        response = coordinator_client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"]
    assert "Сервис временно недоступен" in response.text
    assert "Traceback" not in response.text and "OperationalError" not in response.text


def test_database_down_under_the_api_is_json(coordinator_client, world, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    with monkeypatch.context() as patch:
        patch.setattr(CursorWrapper, "execute", refuse)
        response = coordinator_client.get("/api/v1/plans")
    assert response.status_code == 503 and response["Retry-After"]
    assert response.json()["error"]["message"]


def test_disk_full_upload_gets_a_russian_507_and_stores_nothing(world, monkeypatch):
    """An evidence file cannot be written: the user is told so, no evidence row appears."""
    from reporting.models import Evidence, Report

    Report.objects.filter(pk=world.extra["report"].pk).update(state=Report.State.RETURNED)

    def disk_full(self, name, content):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", disk_full)
    client = Client(raise_request_exception=False)
    client.force_login(world.users["rep_own"])
    before = Evidence.objects.count()
    response = client.post(
        reverse("reporting:evidence_upload", args=[world.obligation.pk, world.extra["period"].pk]),
        {"file": SimpleUploadedFile("protocol.pdf", b"%PDF-1.4 protocol", "application/pdf")},
    )
    assert response.status_code == 507
    assert "закончилось место" in response.text
    assert Evidence.objects.count() == before


def test_database_disk_full_on_plan_upload_is_507(coordinator_client, world, monkeypatch):
    def disk_full(self, *args, **kwargs):
        raise OperationalError('could not extend file "base/16384/2619": No space left on device')

    monkeypatch.setattr(PlanUpload, "save", disk_full)
    before = PlanUpload.objects.count()
    response = coordinator_client.post(
        reverse("documents:plan_upload", args=[world.cluster.slug]),
        {"file": SimpleUploadedFile("plan.txt", SEED.read_bytes()), "year_label": "2024-2025"},
    )
    assert response.status_code == 507
    assert "ничего не сохранено" in response.text
    assert PlanUpload.objects.count() == before


def test_an_ordinary_error_is_the_russian_500_page(coordinator_client, world, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("plans.views.timeline", broken)
    response = coordinator_client.get(reverse("plans:plan_timeline", args=[world.plan.pk]))
    assert response.status_code == 500
    assert "Ошибка на сервере" in response.text
    assert "boom" not in response.text and "Traceback" not in response.text


# --- the worker killed mid-task ---------------------------------------------------------------


def query(path: Path, sql: str, *args):
    with sqlite3.connect(path, timeout=10) as db:
        return db.execute(sql, args).fetchall()


def enqueue(url, media, tag, started_file):
    command = (
        "from ops.tests.tasks import slow_write; "
        f"print(slow_write.enqueue(tag={tag!r}, rows=5, pause=0.4, started_file={started_file!r}).id)"
    )
    return (
        cli("shell", "-c", command, database_url=url, media_root=media)
        .stdout.strip()
        .splitlines()[-1]
    )


def kill_mid_task(url, path, media, tmp_path, worker_id):
    tag = uuid.uuid4().hex[:8]
    started = tmp_path / f"started-{tag}"
    task_id = enqueue(url, media, tag, str(started))
    worker = start_cli(
        "db_worker",
        "--worker-id",
        worker_id,
        "--interval",
        "0.1",
        "--no-startup-delay",
        "--no-reload",  # one process: the autoreloader would run the worker in a child
        database_url=url,
        media_root=media,
    )
    try:
        deadline = time.monotonic() + 30
        while not started.exists():
            assert worker.poll() is None, worker.stdout.read()
            assert time.monotonic() < deadline, "the task never started"
            time.sleep(0.05)
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
    return tag, task_id.replace("-", "")


def task_status(path, task_id):
    rows = query(
        path,
        "SELECT status FROM django_tasks_database_dbtaskresult WHERE replace(id, '-', '') = ?",
        task_id,
    )
    return rows[0][0]


def probe_rows(path, tag):
    return query(
        path, "SELECT COUNT(*) FROM orgs_organization WHERE short_name LIKE ?", f"%{tag}-%"
    )[0][0]


def test_a_killed_worker_leaves_nothing_half_written(installation, tmp_path):
    url, path, media = installation
    tag, task_id = kill_mid_task(url, path, media, tmp_path, "worker-a")
    assert probe_rows(path, tag) == 0  # the task's transaction died with it
    assert task_status(path, task_id) == "RUNNING"  # and django-tasks-db cannot know

    result = cli("recover_tasks", "--worker-id", "worker-a", database_url=url, media_root=media)
    assert "1" in result.stdout
    assert task_status(path, task_id) == "FAILED"
    assert probe_rows(path, tag) == 0


def test_a_requeued_task_runs_again_in_full(installation, tmp_path):
    url, path, media = installation
    tag, task_id = kill_mid_task(url, path, media, tmp_path, "worker-b")
    cli("recover_tasks", "--worker-id", "worker-b", "--requeue", database_url=url, media_root=media)
    assert task_status(path, task_id) == "READY"
    cli(
        "db_worker",
        "--batch",
        "--no-startup-delay",
        "--no-reload",
        database_url=url,
        media_root=media,
    )
    assert task_status(path, task_id) == "SUCCESSFUL"
    assert probe_rows(path, tag) == 5
