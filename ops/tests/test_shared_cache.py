"""Two processes share the rate limit: it counts across both and per client address.

Each process is a fresh Python with the production cache settings (Redis with REDIS_URL, the
database cache otherwise) and CLIENT_IP_HEADER=X-Real-IP, as behind nginx; requests alternate
between them. With a per-process cache (LocMem) the same test fails: each counts on its own.
"""

import os
import socket
import subprocess
import sys
import uuid
from urllib.parse import urlsplit

import pytest

from ops.tests.cli import ROOT, cli_env

LIMIT = 3


def redis_url() -> str | None:
    """REDIS_URL, or the machine's Redis on 127.0.0.1:6379 if it answers; None if neither."""
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=2) as s:
            s.sendall(b"PING\r\n")
            if not s.recv(16).startswith(b"+PONG"):
                raise OSError("no PONG")
    except OSError:
        if os.environ.get("REDIS_URL"):
            pytest.fail(f"REDIS_URL is set ({url}) but Redis does not answer")
        return None
    return url


class Worker:
    def __init__(self, env):
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "ops/tests/ratelimit_worker.py")],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        line = self.process.stdout.readline()
        assert line.startswith("ready"), line + self.process.stderr.read()

    def hit(self, address: str) -> tuple[int, bool]:
        self.process.stdin.write(address + "\n")
        self.process.stdin.flush()
        hits, exceeded = self.process.stdout.readline().split()
        return int(hits), exceeded == "1"

    def stop(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


def run_two(env) -> dict[str, list[tuple[int, bool]]]:
    first, second = Worker(env), Worker(env)
    try:
        seen: dict[str, list[tuple[int, bool]]] = {"a": [], "b": []}
        for n in range(LIMIT + 1):
            worker = first if n % 2 == 0 else second
            seen["a"].append(worker.hit("203.0.113.7"))
        seen["b"].append(second.hit("198.51.100.9"))
        seen["b"].append(first.hit("198.51.100.9"))
        return seen
    finally:
        first.stop()
        second.stop()


def environment(installation, **extra):
    url, _, media = installation
    return {
        **cli_env(url, media),
        "CLIENT_IP_HEADER": "X-Real-IP",
        "TEST_RATE_LIMIT": str(LIMIT),
        "CACHE_KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        **extra,
    }


def assert_shared(seen):
    # Client A's four posts went 1st, 2nd, 1st, 2nd process: one count, refused past the limit.
    assert seen["a"] == [(1, False), (2, False), (3, False), (4, True)]
    # Client B has a count of its own, also shared by both processes.
    assert seen["b"] == [(1, False), (2, False)]


def test_the_limit_counts_across_two_processes_on_redis(installation):
    url = redis_url()
    if url is None:
        pytest.skip("REDIS_URL is not set and no Redis answers on 127.0.0.1:6379")
    env = environment(installation)
    env["REDIS_URL"] = url
    assert_shared(run_two(env))


def test_the_limit_counts_across_two_processes_on_the_database_cache(installation):
    env = environment(installation)
    env.pop("REDIS_URL", None)
    assert_shared(run_two(env))
