"""The project's settings with the benchmark's floor views added under /bench/ (bench/urls.py)."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
