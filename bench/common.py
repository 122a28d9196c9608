"""What every benchmark here shares: a throwaway installation and one way to measure and print.

Each measurement is the median wall time over several runs, the peak Python memory of one more run
(tracemalloc: C libraries such as lxml and WeasyPrint's are not traced, so scripts print the
process peak at the end) and the ratio to a baseline measured in the same run on the same machine.
"""

import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django(prefix: str) -> Path:
    """Production-like settings (DEBUG off) on a throwaway SQLite database unless DATABASE_URL is
    set; returns the scratch folder. Call before importing anything of the project."""
    sys.path.insert(0, str(ROOT))
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-0123456789-abcdefghijklmnop")
    os.environ["SECURE_SSL_REDIRECT"] = "0"
    os.environ["STATIC_ROOT"] = str(workdir / "static")
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("SITE_URL", "https://plan.example.ru")
    import django

    django.setup()
    return workdir


def measure(function, repeat):
    """Median seconds over `repeat` runs and the peak traced memory (MiB) of one more run."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    tracemalloc.start()
    function()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(times), peak / 2**20


def row(name, seconds, peak, baseline=None, note=""):
    ratio = f"{seconds / baseline:7.1f}×" if baseline else "       "
    print(f"{name:58} {seconds * 1000:9.1f} ms {peak:8.1f} MiB {ratio}  {note}")
