"""Calendar keys never reach a log whole: Django's «Not Found» lines and gunicorn's access log
keep only the key's public prefix."""

import logging
from datetime import timedelta

import pytest
from gunicorn.config import Config

from ops.logging import GunicornLogger, mask

KEY = "cpc_Zx9yW8vU7tS6rQ5pO4nM3lK2jI1hG0fE9dC8bA7zY6x"
PATH = f"/feeds/{KEY}/plans/1.ics"


def test_mask_keeps_only_the_prefix():
    assert mask(f"GET {PATH} 404") == "GET /feeds/cpc_Zx9yW8…/plans/1.ics 404"
    assert mask("cpa_Ab12Cd34Ef56Gh78") == "cpa_Ab12Cd…"
    assert mask("nothing secret here") == "nothing secret here"


@pytest.mark.django_db
def test_a_not_found_feed_is_logged_without_its_key(client, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get(PATH).status_code == 404
    assert "Not Found" in caplog.text
    assert "cpc_Zx9yW8…" in caplog.text
    assert KEY not in caplog.text and KEY[10:] not in caplog.text


def test_gunicorn_access_log_masks_the_key():
    class Response:
        status = "404 Not Found"
        headers: list = []
        response_length = 0
        sent = 0

    class Request:
        headers: list = []

    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": PATH,
        "PATH_INFO": PATH,
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
    }
    atoms = GunicornLogger(Config()).atoms(Response(), Request(), environ, timedelta(seconds=1))
    line = Config().access_log_format % atoms
    assert "cpc_Zx9yW8…" in line
    assert KEY not in line and KEY not in " ".join(str(v) for v in atoms.values())
