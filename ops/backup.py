"""Backup archives: one tar.gz with the database, the uploaded files and a manifest.

    manifest.json      format, time, database vendor, row count of every table, SHA-256 and size
                       of the database dump and of every file
    database.sqlite3   SQLite: a copy made with SQLite's online backup API (consistent while the
                       application keeps writing)
    database.pgdump    PostgreSQL: `pg_dump -Fc` of one snapshot; the row counts are taken in the
                       very same snapshot (`pg_export_snapshot` + `pg_dump --snapshot`)
    media/…            MEDIA_ROOT (evidence files, generated reports)

The database is dumped before the files are copied, so every file a database row names is in the
archive (a file deleted in between is the only exception, and the manifest would show it missing).

Restoring goes into an EMPTY installation only (no rows beyond what `migrate` itself creates), unless
forced; every hash is checked before anything is written, and the row counts after.
"""

from __future__ import annotations

import glob
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connection, connections
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
DUMPS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
MEDIA_PREFIX = "media/"
# Tables `migrate` fills by itself: an installation with rows only there is still empty.
MIGRATE_TABLES = {"django_migrations", "django_content_type", "auth_permission", "django_site"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore refused or failed; the message is shown to the operator as is."""


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        while block := source.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def pg_tool(name: str) -> str:
    """pg_dump / pg_restore: PG_BIN_DIR, else PATH, else the newest /usr/lib/postgresql/*/bin."""
    folder = os.environ.get("PG_BIN_DIR")
    if folder:
        return str(Path(folder) / name)
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda path: int(Path(path).parts[-3]) if Path(path).parts[-3].isdigit() else 0,
    )
    if not candidates:
        raise BackupError(f"{name} не найден: установите клиент PostgreSQL или задайте PG_BIN_DIR.")
    return candidates[-1]


def pg_environment(alias: str = "default") -> tuple[dict[str, str], str]:
    """Environment for the PostgreSQL tools (PGHOST, PGPASSWORD…) and the database name."""
    params = connections[alias].get_connection_params()
    env = dict(os.environ)
    mapping = {"host": "PGHOST", "port": "PGPORT", "user": "PGUSER", "password": "PGPASSWORD"}
    for key, variable in mapping.items():
        if params.get(key):
            env[variable] = str(params[key])
    return env, params.get("dbname") or connections[alias].settings_dict["NAME"]


def vendor() -> str:
    if connection.vendor not in DUMPS:
        raise BackupError(
            f"База данных {connection.vendor} не поддерживается (SQLite, PostgreSQL)."
        )
    return connection.vendor


def quote(table: str) -> str:
    return connection.ops.quote_name(table)


def table_counts(cursor, tables) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
        counts[table] = cursor.fetchone()[0]
    return counts


def current_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        return table_counts(cursor, tables)


def media_files(root: Path) -> Iterator[Path]:
    if not root.exists():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path


# --- backup -----------------------------------------------------------------------------------


@dataclass
class BackupResult:
    path: Path
    tables: int
    rows: int
    files: int
    size: int


def dump_sqlite(target: Path) -> dict[str, int]:
    """Copy the live SQLite database with the online backup API; count rows in the copy."""
    connection.ensure_connection()
    source = connection.connection
    with sqlite3.connect(target) as copy:
        source.backup(copy)
    with sqlite3.connect(target) as copy:
        cursor = copy.cursor()
        tables = [
            row[0]
            for row in cursor.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        counts = {}
        for table in sorted(tables):
            counts[table] = cursor.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
    return counts


def dump_postgresql(target: Path) -> dict[str, int]:
    """pg_dump of one exported snapshot, the row counts read in the same snapshot."""
    env, name = pg_environment()
    with connection.cursor() as cursor:
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            tables = connection.introspection.table_names(cursor)
            counts = table_counts(cursor, tables)
            result = subprocess.run(
                [
                    pg_tool("pg_dump"),
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={target}",
                    name,
                ],
                env=env,
                capture_output=True,
                text=True,
            )
        finally:
            cursor.execute("COMMIT")
    if result.returncode != 0:
        raise BackupError(f"pg_dump завершился с ошибкой: {result.stderr.strip()}")
    return counts


def create_backup(output: Path) -> BackupResult:
    kind = vendor()
    media_root = Path(settings.MEDIA_ROOT)
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    with tempfile.TemporaryDirectory(prefix="clusterplan-backup-") as workdir:
        dump = Path(workdir) / DUMPS[kind]
        counts = dump_sqlite(dump) if kind == "sqlite" else dump_postgresql(dump)
        files = {}
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(dump, arcname=DUMPS[kind])
            for path in media_files(media_root):
                relative = path.relative_to(media_root).as_posix()
                files[relative] = {"sha256": sha256_file(path), "size": path.stat().st_size}
                archive.add(path, arcname=MEDIA_PREFIX + relative, recursive=False)
            manifest = {
                "format": FORMAT,
                "created_at": timezone.now().isoformat(),
                "database": {
                    "vendor": kind,
                    "file": DUMPS[kind],
                    "sha256": sha256_file(dump),
                    "size": dump.stat().st_size,
                },
                "tables": counts,
                "files": files,
            }
            data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(timezone.now().timestamp())
            archive.addfile(info, io.BytesIO(data))
    os.replace(partial, output)
    return BackupResult(
        path=output,
        tables=len(counts),
        rows=sum(counts.values()),
        files=len(files),
        size=output.stat().st_size,
    )


# --- restore ----------------------------------------------------------------------------------


@dataclass
class RestoreResult:
    tables: int
    rows: int
    files: int
    mismatches: list[str]


def safe_member_name(name: str) -> str:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(f"В архиве недопустимый путь: {name}")
    return path.as_posix()


@contextmanager
def unpacked(archive_path: Path) -> Iterator[tuple[dict, Path]]:
    """The archive unpacked into a temporary folder, every hash checked against the manifest."""
    if not archive_path.is_file():
        raise BackupError(f"Файл архива не найден: {archive_path}")
    with tempfile.TemporaryDirectory(prefix="clusterplan-restore-") as workdir:
        root = Path(workdir)
        try:
            with tarfile.open(archive_path, "r:gz") as archive:
                for member in archive.getmembers():
                    name = safe_member_name(member.name)
                    if member.isdir():
                        continue
                    if not member.isfile():
                        raise BackupError(f"В архиве недопустимый элемент: {member.name}")
                    target = root / name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with archive.extractfile(member) as source, open(target, "wb") as copy:
                        shutil.copyfileobj(source, copy, CHUNK)
        except (tarfile.TarError, EOFError, OSError) as error:
            raise BackupError(
                f"Архив повреждён или это не архив резервной копии: {error}"
            ) from None
        manifest_path = root / MANIFEST
        if not manifest_path.is_file():
            raise BackupError("В архиве нет manifest.json: это не резервная копия ClusterPlan.")
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT:
            raise BackupError(f"Неизвестный формат архива: {manifest.get('format')}.")
        problems = []
        database = manifest["database"]
        dump = root / database["file"]
        if not dump.is_file() or sha256_file(dump) != database["sha256"]:
            problems.append(f"{database['file']}: контрольная сумма не совпадает")
        for relative, meta in manifest["files"].items():
            path = root / MEDIA_PREFIX / safe_member_name(relative)
            if not path.is_file():
                problems.append(f"{relative}: файла нет в архиве")
            elif sha256_file(path) != meta["sha256"]:
                problems.append(f"{relative}: контрольная сумма не совпадает")
        if problems:
            raise BackupError("Архив повреждён, ничего не восстановлено:\n" + "\n".join(problems))
        yield manifest, root


def installation_contents() -> list[str]:
    """What is already there: tables with rows (beyond migrate's own) and files in MEDIA_ROOT."""
    found = [
        f"{table}: {count}"
        for table, count in current_counts().items()
        if count and table not in MIGRATE_TABLES
    ]
    found += [f"файл {path}" for path in list(media_files(Path(settings.MEDIA_ROOT)))[:5]]
    return found


def restore_sqlite(dump: Path) -> None:
    connection.ensure_connection()
    with sqlite3.connect(dump) as source:
        source.backup(connection.connection)
    connection.close()


def restore_postgresql(dump: Path) -> None:
    env, name = pg_environment()
    with connection.cursor() as cursor:
        has_tables = bool(connection.introspection.table_names(cursor))
    connection.close()
    command = [
        pg_tool("pg_restore"),
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        f"--dbname={name}",
    ]
    if has_tables:
        command += ["--clean", "--if-exists"]
    result = subprocess.run([*command, str(dump)], env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(
            f"pg_restore завершился с ошибкой, база не изменилась: {result.stderr.strip()}"
        )


def restore_backup(archive_path: Path, *, force: bool = False) -> RestoreResult:
    kind = vendor()
    with unpacked(archive_path) as (manifest, root):
        source_kind = manifest["database"]["vendor"]
        if source_kind != kind:
            raise BackupError(
                f"Архив сделан из базы {source_kind}, а эта установка работает на {kind}: "
                "восстановите в базу того же вида (перенос между видами — docs/backup.md)."
            )
        present = installation_contents()
        if present and not force:
            raise BackupError(
                "Установка не пустая — восстановление отменено, чтобы ничего не затереть "
                "(--force восстановит поверх):\n" + "\n".join(present[:10])
            )
        dump = root / manifest["database"]["file"]
        if kind == "sqlite":
            restore_sqlite(dump)
        else:
            restore_postgresql(dump)
        media_root = Path(settings.MEDIA_ROOT)
        for relative in manifest["files"]:
            target = media_root / safe_member_name(relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(root / MEDIA_PREFIX / relative, target)
    return verify(manifest)


def verify(manifest: dict) -> RestoreResult:
    """Compare the installation with the manifest: every table's rows, every file's hash."""
    counts = current_counts()
    mismatches = []
    for table, expected in manifest["tables"].items():
        actual = counts.get(table)
        if actual != expected:
            mismatches.append(f"таблица {table}: в архиве {expected}, восстановлено {actual}")
    media_root = Path(settings.MEDIA_ROOT)
    for relative, meta in manifest["files"].items():
        path = media_root / relative
        if not path.is_file() or sha256_file(path) != meta["sha256"]:
            mismatches.append(f"файл {relative}: не совпадает с архивом")
    return RestoreResult(
        tables=len(manifest["tables"]),
        rows=sum(manifest["tables"].values()),
        files=len(manifest["files"]),
        mismatches=mismatches,
    )
