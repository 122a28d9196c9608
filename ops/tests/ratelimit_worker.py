"""A process of its own that counts rate-limit hits: reads client addresses on stdin, one a line,
and answers «hits exceeded» for each (ops/tests/test_shared_cache.py starts two of these)."""

import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.test import RequestFactory  # noqa: E402

from core import ratelimit  # noqa: E402

LIMIT = int(os.environ["TEST_RATE_LIMIT"])
factory = RequestFactory()
print("ready", os.getpid(), flush=True)
for line in sys.stdin:
    address = line.strip()
    request = factory.post("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP=address)
    count = ratelimit.hit("test:shared", request, limit=LIMIT)
    print(count.hits, int(count.exceeded), flush=True)
