"""Run `clusterplan …` in a child process against a throwaway database."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def cli_env(database_url: str, media_root) -> dict[str, str]:
    return {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
        "DEBUG": "1",
        "PYTHONUNBUFFERED": "1",
    }


def cli(*args, database_url: str, media_root, check: bool = True, timeout: int = 300):
    result = subprocess.run(
        [sys.executable, "-m", "config.cli", *args],
        cwd=ROOT,
        env=cli_env(database_url, media_root),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def start_cli(*args, database_url: str, media_root) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "config.cli", *args],
        cwd=ROOT,
        env=cli_env(database_url, media_root),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
