"""`clusterplan check_production`: Russian/English lines, a summary, failure on a bad setting."""

import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ops.tests.cli import ROOT

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "production-check-4f1d8e2b7a9c3e5d1f7b9a2c4e6d8f0a1b3c5d7e9f1a",
    "ALLOWED_HOSTS": "plan.example.ru",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "CLIENT_IP_HEADER": "X-Real-IP",
    "SITE_URL": "https://plan.example.ru",
}


def test_a_production_configuration_passes_with_a_warning_for_sqlite(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        **PRODUCTION,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    migrated = subprocess.run(
        [sys.executable, "-m", "config.cli", "migrate", "--noinput"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert migrated.returncode == 0, migrated.stderr
    result = subprocess.run(
        [sys.executable, "-m", "config.cli", "check_production"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "DEBUG выключен / DEBUG is off" in result.stdout
    assert "база данных SQLite" in result.stdout and "[warning]" in result.stdout
    assert "MEDIA_ROOT доступен для записи" in result.stdout
    assert "ошибок 0" in result.stdout and "0 failed" in result.stdout
    assert "кэш общий для всех процессов (DatabaseCache)" in result.stdout
    assert "SITE_URL: https://plan.example.ru" in result.stdout


def test_development_settings_fail(settings, capsys):
    settings.DEBUG = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    with pytest.raises(CommandError, match=r"ошибок [1-9]"):
        call_command("check_production")
    out = capsys.readouterr().out
    assert "DEBUG включён / DEBUG is on" in out
    assert "EMAIL_BACKEND is the console" in out


def test_media_inside_static_fails(settings, tmp_path, capsys):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.MEDIA_ROOT = tmp_path / "static" / "media"
    with pytest.raises(CommandError):
        call_command("check_production")
    assert "пересекается с каталогами статики" in capsys.readouterr().out


@pytest.mark.django_db
@pytest.mark.parametrize(
    "backend",
    [
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.cache.backends.dummy.DummyCache",
        "django.core.cache.backends.filebased.FileBasedCache",
    ],
)
def test_a_per_process_cache_fails(settings, capsys, backend, tmp_path):
    settings.CACHES = {"default": {"BACKEND": backend, "LOCATION": str(tmp_path / "cache")}}
    with pytest.raises(CommandError):
        call_command("check_production")
    assert "не общий для процессов" in capsys.readouterr().out


@pytest.mark.django_db
def test_the_database_cache_passes(settings, capsys):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": settings.CACHE_TABLE,
        }
    }
    with pytest.raises(CommandError):  # DEBUG is on in tests: the command fails for that
        call_command("check_production")
    assert "кэш общий для всех процессов (DatabaseCache)" in capsys.readouterr().out


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["http://localhost:8000", "https://127.0.0.1", "http://[::1]:8000", "plan.example.ru", ""],
)
def test_site_url_on_this_computer_or_not_an_address_fails(settings, capsys, url):
    settings.SITE_URL = url
    with pytest.raises(CommandError):
        call_command("check_production")
    out = capsys.readouterr().out
    assert "SITE_URL" in out and "[   FAIL] SITE_URL" in out


def test_site_url_is_required_with_debug_off(tmp_path):
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "SITE_URL")
        },
        **{k: v for k, v in PRODUCTION.items() if k != "SITE_URL"},
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-m", "config.cli", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SITE_URL must be set when DEBUG is off" in result.stderr
