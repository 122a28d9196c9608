"""Rate limits per client address, counted in the shared cache.

The address is the one the audit trail and the sign-in lockout use (core.client_ip: the peer, or
behind the reverse proxy the header it overwrites), so behind nginx each visitor has a bucket of
their own instead of all sharing the proxy's. The count lives in the cache every process shares
(Redis or the database table, config/settings.py), so it holds across workers and servers and
survives a worker's restart. The address is hashed into the key and never stored.

Windows are fixed: `limit` hits per `window` seconds, counted from the start of the window.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest

from core.client_ip import client_ip

UNKNOWN = "unknown"


def address_key(request: HttpRequest) -> str:
    address = client_ip(request) or UNKNOWN
    return hashlib.sha256(address.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Count:
    hits: int
    limit: int

    @property
    def exceeded(self) -> bool:
        return self.hits > self.limit


def _key(scope: str, request: HttpRequest, window: int, now: float | None) -> str:
    bucket = int((time.time() if now is None else now) // window)
    return f"ratelimit:{scope}:{address_key(request)}:{window}:{bucket}"


def hit(
    scope: str, request: HttpRequest, *, limit: int, window: int = 3600, now: float | None = None
) -> Count:
    """Count one attempt from the request's client address; `exceeded` once past `limit`."""
    key = _key(scope, request, window, now)
    cache.add(key, 0, timeout=window)
    try:
        hits = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        hits = 1
    return Count(hits=hits, limit=limit)


def peek(scope: str, request: HttpRequest, *, window: int = 3600, now: float | None = None) -> int:
    """How many attempts this window has counted so far (without counting one)."""
    return int(cache.get(_key(scope, request, window, now), 0))
