"""Concurrent writers get queued, not refused: 20 schools registering for 2 seats at once and 8
reports saved at once give no «нет связи с базой данных» (an OperationalError, the 503) and never
more groups holding places than there are places — on a SQLite file (IMMEDIATE transactions, WAL,
a busy timeout: config/settings.py) and on PostgreSQL (row locks).

Each race runs in a child process against a real database file or server: the suite's own SQLite
test database is in memory, where locking works differently. Threads have their own connections
and start together at a barrier.
"""

import json
import subprocess
import sys

import pytest

from ops.tests import pg
from ops.tests.cli import ROOT, cli, cli_env


def race(scenario: str, database_url: str, media) -> dict:
    result = subprocess.run(
        [sys.executable, str(ROOT / "ops/tests/race_worker.py"), scenario],
        cwd=ROOT,
        env=cli_env(database_url, media),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def assert_registrations_queued(found: dict) -> None:
    outcomes = found["outcomes"]
    assert not [o for o in outcomes if o.startswith("operational_error")], outcomes
    assert found["held"] == found["capacity"] == 2
    assert outcomes == {"pending": 2, "waitlisted": 18}


def assert_saves_queued(found: dict) -> None:
    assert found["outcomes"] == {"saved": 8}
    assert found["saved"] == 8


@pytest.fixture(scope="module")
def postgres_database(tmp_path_factory):
    media = tmp_path_factory.mktemp("pg-media")
    with pg.throwaway_databases(1, prefix="clusterplan_race") as (name,):
        cli("migrate", "--noinput", database_url=pg.url(name), media_root=media)
        yield pg.url(name), media


def test_sqlite_queues_20_registrations_for_2_seats(installation):
    url, _, media = installation
    assert_registrations_queued(race("registrations", url, media))


def test_sqlite_queues_8_simultaneous_saves(installation):
    url, _, media = installation
    assert_saves_queued(race("saves", url, media))


def test_postgresql_queues_20_registrations_for_2_seats(postgres_database):
    assert_registrations_queued(race("registrations", *postgres_database))


def test_postgresql_queues_8_simultaneous_saves(postgres_database):
    assert_saves_queued(race("saves", *postgres_database))
