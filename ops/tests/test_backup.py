"""Backup → restore into an empty installation gives the same rows and the same files.

On PostgreSQL this always runs against two throwaway databases of the machine's server, whatever
database the suite itself uses, so CI's SQLite pass proves it too; on SQLite, against two files.
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from ops.backup import BackupError, unpacked
from ops.tests import pg
from ops.tests.cli import ROOT, cli, cli_env


def file_hashes(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def fill_media(root: Path) -> None:
    (root / "evidence" / "2024").mkdir(parents=True)
    (root / "evidence" / "2024" / "протокол №1.pdf").write_bytes(b"%PDF-1.4 " + os.urandom(20000))
    (root / "consolidated").mkdir()
    (root / "consolidated" / "job-1.docx").write_bytes(os.urandom(5000))


def sqlite_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as db:
        tables = [
            row[0]
            for row in db.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}


def roundtrip(tmp_path, source_url, target_url, *, migrated=False):
    source_media, target_media = tmp_path / "media-a", tmp_path / "media-b"
    source_media.mkdir()
    if not migrated:
        cli("migrate", "--noinput", database_url=source_url, media_root=source_media)
        cli("load_demo", database_url=source_url, media_root=source_media)
    fill_media(source_media)
    archive = tmp_path / "backup.tar.gz"
    made = cli("backup", "--output", str(archive), database_url=source_url, media_root=source_media)
    assert "Резервная копия" in made.stdout
    restored = cli("restore", str(archive), database_url=target_url, media_root=target_media)
    assert "совпадают с архивом" in restored.stdout
    assert file_hashes(target_media) == file_hashes(source_media)
    again = cli(
        "restore", str(archive), database_url=target_url, media_root=target_media, check=False
    )
    assert again.returncode != 0
    assert "не пустая" in again.stderr
    return archive


def test_postgresql_backup_restores_into_an_empty_database(tmp_path):
    with pg.throwaway_databases(2) as (source, target):
        archive = roundtrip(tmp_path, pg.url(source), pg.url(target))
        source_counts = pg.table_counts(source)
        assert source_counts["plans_activity"] >= 10
        assert source_counts["auditlog_logentry"] > 0
        assert pg.table_counts(target) == source_counts
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["database"]["vendor"] == "postgresql"
    assert manifest["tables"] == source_counts


def test_sqlite_backup_restores_into_an_empty_database(tmp_path, migrated_sqlite):
    source, target = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    shutil.copyfile(migrated_sqlite, source)
    roundtrip(tmp_path, f"sqlite:///{source}", f"sqlite:///{target}", migrated=True)
    assert sqlite_counts(target) == sqlite_counts(source)
    assert sqlite_counts(source)["plans_activity"] >= 10


def archive_with(tmp_path, members: dict[str, bytes], manifest: dict) -> Path:
    path = tmp_path / "crafted.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        for name, data in {**members, "manifest.json": json.dumps(manifest).encode()}.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def manifest_for(members: dict[str, bytes]) -> dict:
    def digest(data):
        return hashlib.sha256(data).hexdigest()

    return {
        "format": 1,
        "database": {
            "vendor": "sqlite",
            "file": "database.sqlite3",
            "sha256": digest(members.get("database.sqlite3", b"")),
        },
        "tables": {},
        "files": {
            name.removeprefix("media/"): {"sha256": digest(data), "size": len(data)}
            for name, data in members.items()
            if name.startswith("media/")
        },
    }


def test_a_changed_file_is_refused_before_anything_is_written(tmp_path):
    members = {"database.sqlite3": b"db", "media/a.txt": b"original"}
    manifest = manifest_for(members)
    path = archive_with(tmp_path, {**members, "media/a.txt": b"tampered"}, manifest)
    with (
        pytest.raises(BackupError, match=r"a\.txt: контрольная сумма не совпадает"),
        unpacked(path),
    ):
        pass


def test_paths_leaving_the_archive_are_refused(tmp_path):
    members = {"database.sqlite3": b"db", "../../etc/evil": b"x"}
    path = archive_with(tmp_path, members, manifest_for(members))
    with pytest.raises(BackupError, match="недопустимый путь"), unpacked(path):
        pass


def test_a_broken_archive_is_refused(tmp_path):
    path = tmp_path / "broken.tar.gz"
    path.write_bytes(b"not a tar at all")
    with pytest.raises(BackupError, match="повреждён"), unpacked(path):
        pass


# Tables that stay empty in a full installation, and why (a new table must be filled or listed).
EMPTY_BY_NATURE = {
    "axes_accessattemptexpiration": "used only with AXES_USE_ATTEMPT_EXPIRATION, which we do not set",
    "axes_accessfailurelog": "written only with AXES_ENABLE_ACCESS_FAILURE_LOG, which we do not set",
}


def pg_digests(name: str) -> dict[str, str]:
    """Per table: the row count and an md5 of every row's text, in a fixed order."""
    tables = [
        row[0]
        for row in pg.psql_rows(
            name, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
        )
    ]
    union = " UNION ALL ".join(
        f"SELECT '{t}', COUNT(*) || ':' || COALESCE(md5(string_agg(x::text, E'\\n' "
        f"ORDER BY x::text)), '') FROM \"{t}\" x"
        for t in tables
    )
    return dict(pg.psql_rows(name, union))


def test_a_full_installation_restores_table_by_table_with_its_files(tmp_path):
    """Every table filled (reports, evidence files, meetings, events, audit…) before the backup;
    after the restore each table has the same rows, byte for byte, and every file the same hash."""
    with pg.throwaway_databases(2) as (source, target):
        source_media, target_media = tmp_path / "media-a", tmp_path / "media-b"
        source_media.mkdir()
        cli("migrate", "--noinput", database_url=pg.url(source), media_root=source_media)
        fill = subprocess.run(
            [sys.executable, "-m", "ops.tests.fill_installation"],
            cwd=ROOT,
            env=cli_env(pg.url(source), source_media),
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert fill.returncode == 0, fill.stdout + fill.stderr
        counts = pg.table_counts(source)
        empty = {table for table, count in counts.items() if count == 0}
        assert empty <= set(EMPTY_BY_NATURE), (
            f"tables left empty: {sorted(empty - set(EMPTY_BY_NATURE))}"
        )
        files = file_hashes(source_media)
        folders = {name.split("/")[0] for name in files}
        assert {"consolidated", "council", "events"} <= folders, files

        archive = tmp_path / "full.tar.gz"
        cli(
            "backup", "--output", str(archive), database_url=pg.url(source), media_root=source_media
        )
        cli("restore", str(archive), database_url=pg.url(target), media_root=target_media)

        source_digests, target_digests = pg_digests(source), pg_digests(target)
        differing = [t for t in source_digests if source_digests[t] != target_digests.get(t)]
        assert differing == []
        assert file_hashes(target_media) == files
