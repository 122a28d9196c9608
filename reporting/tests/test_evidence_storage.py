"""No orphan files: evidence bytes are staged inside the transaction and moved into place on commit,
so a failed transaction or a killed worker leaves no file without a row and no row without a file
(after `files_cleanup`, which removes staged leftovers and completes committed moves)."""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from reporting.models import Evidence
from reporting.services import evidence_add_file

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
ROOT = Path(settings.BASE_DIR)


def media_files() -> list[str]:
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return []
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def add(world):
    return evidence_add_file(
        obligation=world["ob_quarter_ttvts"],
        period=world["q1"],
        actor=world["rep_ttvts"],
        filename="приказ.pdf",
        data=PDF,
    )


def cleanup(*args) -> str:
    out = StringIO()
    call_command("files_cleanup", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_a_committed_upload_is_moved_into_place(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        evidence = add(world)
        assert media_files() == [f"staging/{evidence.file.name}"]
    assert media_files() == [evidence.file.name]
    assert evidence.file.name.startswith(f"evidence/{evidence.report_id}/")


@pytest.mark.django_db
def test_a_service_transaction_that_fails_after_the_file_step_leaves_no_file(world, monkeypatch):
    def constraint_fails(self, *args, **kwargs):
        raise IntegrityError("CHECK constraint failed")

    monkeypatch.setattr(Evidence, "save", constraint_fails)
    with pytest.raises(IntegrityError):
        add(world)
    assert media_files() == []


@pytest.mark.django_db
def test_an_outer_transaction_that_fails_leaves_only_a_staged_file_for_the_cleanup(
    world, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        add(world)
        raise RuntimeError("a later step of the caller fails")
    assert callbacks == [] and not Evidence.objects.exists()
    [staged] = media_files()
    assert staged.startswith("staging/evidence/")
    assert "kept" in cleanup("--delete")  # younger than an hour: an upload may be under way
    old = time.time() - 2 * 3600
    os.utime(Path(settings.MEDIA_ROOT) / staged, (old, old))
    assert "staged leftover → removed" in cleanup("--delete")
    assert media_files() == []


@pytest.mark.django_db
def test_a_row_whose_move_did_not_happen_is_served_and_completed(world, client):
    """Committed, but the worker died before the move: the download finds the staged bytes and
    moves them; the row never points at nothing."""
    evidence = add(world)  # the test's transaction never commits: the file stays staged
    assert media_files() == [f"staging/{evidence.file.name}"]
    client.force_login(world["rep_ttvts"])
    response = client.get(reverse("reporting:evidence_download", args=[evidence.pk]))
    assert b"".join(response.streaming_content) == PDF
    assert media_files() == [evidence.file.name]


@pytest.mark.django_db
def test_the_cleanup_is_a_dry_run_unless_told(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        kept = add(world)
    stray = Path(settings.MEDIA_ROOT) / "evidence" / "999" / "stray.pdf"
    stray.parent.mkdir(parents=True)
    stray.write_bytes(PDF)
    report = cleanup()
    assert "no row refers to it → would remove: evidence/999/stray.pdf" in report
    assert "dry run" in report and stray.exists()
    cleanup("--delete")
    assert media_files() == [kept.file.name]


# --- a worker killed mid-upload -----------------------------------------------------------------


def env_for(database: Path, media: Path) -> dict[str, str]:
    return {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DATABASE_URL": f"sqlite:///{database}",
        "MEDIA_ROOT": str(media),
        "DEBUG": "1",
        "PYTHONUNBUFFERED": "1",
    }


def manage(*args, database: Path, media: Path) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env_for(database, media),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("migrated")
    manage("migrate", "--noinput", database=folder / "db.sqlite3", media=folder / "media")
    return folder / "db.sqlite3"


def rows_and_files(database: Path, media: Path) -> tuple[set[str], set[str]]:
    with sqlite3.connect(database) as connection:
        rows = {name for (name,) in connection.execute("select file from reporting_evidence")}
    stored = {p.relative_to(media).as_posix() for p in media.rglob("*") if p.is_file()}
    return rows, stored


@pytest.mark.parametrize("point", ["staged", "committed"])
def test_a_worker_killed_mid_upload_leaves_no_file_without_a_row_and_no_row_without_a_file(
    migrated, tmp_path, point
):
    database, media = tmp_path / "db.sqlite3", tmp_path / "media"
    shutil.copyfile(migrated, database)
    worker = subprocess.Popen(
        [sys.executable, "-m", "reporting.tests.upload_worker", point],
        cwd=ROOT,
        env=env_for(database, media),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    line = worker.stdout.readline()  # the handshake: the worker is at the point, waiting
    assert line.startswith(f"AT {point} "), line
    name = line.split()[2]
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=60)
    worker.stdout.close()
    worker.stdin.close()

    rows, stored = rows_and_files(database, media)
    assert stored == {f"staging/{name}"}  # nothing ever reached the upload folders
    assert rows == ({name} if point == "committed" else set())

    old = time.time() - 2 * 3600
    os.utime(media / "staging" / name, (old, old))
    print(manage("files_cleanup", database=database, media=media))
    print(manage("files_cleanup", "--delete", database=database, media=media))
    rows, stored = rows_and_files(database, media)
    assert rows == stored  # every row has its file, every file its row
    assert stored == ({name} if point == "committed" else set())


@pytest.mark.django_db
def test_temporary_uploads_a_dead_worker_left_are_removed_after_an_hour(settings, tmp_path):
    """Django spools a big upload to `tmp….upload.pdf` before any view runs (even before the CSRF
    check); a killed worker leaves it. The cleanup removes those older than an hour."""
    import tempfile

    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    with tempfile.NamedTemporaryFile(suffix=".upload.pdf", dir=tmp_path, delete=False) as spooled:
        spooled.write(PDF)  # named as Django's TemporaryUploadedFile names it
    left = Path(spooled.name)
    shutil.copyfile(left, tmp_path / "tmpkept.upload.pdf")  # a live upload, a minute old
    old = time.time() - 2 * 3600
    os.utime(left, (old, old))
    report = cleanup("--delete")
    assert f"temporary upload of a dead worker → removed: {left}" in report
    assert not left.exists() and (tmp_path / "tmpkept.upload.pdf").exists()
