import uuid

import pytest


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings):
    """The public form's per-address counters and used form tokens live in the shared cache; each
    test counts in a key space of its own (no clearing: with Redis that would empty the whole
    database, other tests' and processes' keys included)."""
    settings.CACHES = {
        name: {**config, "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}
        for name, config in settings.CACHES.items()
    }
