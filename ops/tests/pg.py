"""Throwaway PostgreSQL databases on the machine's server, for tests that need real PostgreSQL even
when the suite itself runs on SQLite (CI's first pass): created with createdb, dropped after."""

import os
import shutil
import subprocess
import uuid
from contextlib import contextmanager

PG_HOST = os.environ.get("TEST_PGHOST", "127.0.0.1")
PG_PORT = os.environ.get("TEST_PGPORT", "5432")
PG_USER = os.environ.get("TEST_PGUSER", "postgres")


def pg_env() -> dict[str, str]:
    return {**os.environ, "PGHOST": PG_HOST, "PGPORT": PG_PORT, "PGUSER": PG_USER}


def require_server() -> None:
    ready = shutil.which("pg_isready")
    result = subprocess.run([ready or "pg_isready", "-q"], env=pg_env(), check=False)
    if result.returncode != 0:
        raise RuntimeError(
            f"PostgreSQL is not running on {PG_HOST}:{PG_PORT} (user {PG_USER}); start it with "
            "`make postgres` (pg_ctlcluster … main start) — these tests need it."
        )


def url(name: str) -> str:
    return f"postgres://{PG_USER}@{PG_HOST}:{PG_PORT}/{name}"


@contextmanager
def throwaway_databases(count: int, prefix: str = "clusterplan_test"):
    require_server()
    names = [f"{prefix}_{uuid.uuid4().hex[:10]}" for _ in range(count)]
    try:
        for name in names:
            subprocess.run(["createdb", name], env=pg_env(), check=True)
        yield names
    finally:
        for name in names:
            subprocess.run(["dropdb", "--if-exists", "--force", name], env=pg_env(), check=False)


def psql_rows(name: str, sql: str) -> list[list[str]]:
    result = subprocess.run(
        ["psql", "-X", "-A", "-t", "-F", "\t", "-d", name, "-c", sql],
        env=pg_env(),
        check=True,
        capture_output=True,
        text=True,
    )
    return [line.split("\t") for line in result.stdout.splitlines() if line]


def table_counts(name: str) -> dict[str, int]:
    tables = [
        row[0]
        for row in psql_rows(
            name, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
        )
    ]
    if not tables:
        return {}
    union = " UNION ALL ".join(f"SELECT '{t}', COUNT(*) FROM \"{t}\"" for t in tables)
    return {table: int(count) for table, count in psql_rows(name, union)}
