import pytest

from ops.tests.world import build_world


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory):
    """A SQLite file with every migration applied and the demo loaded, made once per test run;
    tests copy it (`installation`) instead of migrating again."""
    from ops.tests.cli import cli

    folder = tmp_path_factory.mktemp("template")
    path = folder / "template.sqlite3"
    url = f"sqlite:///{path}"
    cli("migrate", "--noinput", database_url=url, media_root=folder / "media")
    cli("load_demo", database_url=url, media_root=folder / "media")
    return path


@pytest.fixture
def installation(migrated_sqlite, tmp_path):
    """A throwaway installation on SQLite: (database URL, database file, MEDIA_ROOT)."""
    import shutil

    path = tmp_path / "installation.sqlite3"
    shutil.copyfile(migrated_sqlite, path)
    media = tmp_path / "media"
    media.mkdir()
    return f"sqlite:///{path}", path, media
