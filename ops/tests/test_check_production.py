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
}


def test_a_production_configuration_passes_with_a_warning_for_sqlite(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        **PRODUCTION,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "STATIC_ROOT": str(tmp_path / "static"),
    }
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
