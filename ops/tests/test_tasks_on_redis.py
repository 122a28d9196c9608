"""Background tasks run on Redis when TASKS_BACKEND=redis (django-tasks-rq): a task enqueued by one
process is run by `clusterplan rqworker default --burst` and its result read back."""

import subprocess
import sys
import uuid

import pytest

from ops.tests.cli import ROOT, cli_env
from ops.tests.test_shared_cache import redis_url


def run(args, env):
    result = subprocess.run(
        args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180, check=False
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    lines = result.stdout.strip().splitlines()
    return lines[-1] if lines else ""


def test_a_task_runs_through_redis(installation):
    url = redis_url()
    if url is None:
        pytest.skip("REDIS_URL is not set and no Redis answers on 127.0.0.1:6379")
    database_url, _, media = installation
    env = {**cli_env(database_url, media), "TASKS_BACKEND": "redis", "REDIS_URL": url}
    tag = uuid.uuid4().hex[:8]
    probe = str(ROOT / "ops/tests/rq_probe.py")
    backend, result_id = run([sys.executable, probe, "enqueue", tag], env).split()
    assert backend == "RQBackend"
    run([sys.executable, "-m", "config.cli", "rqworker", "default", "--burst"], env)
    checked = subprocess.run(
        [sys.executable, probe, "check", tag, result_id],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert checked.stdout.strip() == "SUCCESSFUL 2", checked.stderr[-3000:]
