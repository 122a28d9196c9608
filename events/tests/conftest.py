import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """The public form's per-address counters live in the cache; every test starts from zero."""
    cache.clear()
    yield
    cache.clear()
