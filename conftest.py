import pytest


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """Uploads go to the test's own folder; a fast hasher, since tests create many users."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
