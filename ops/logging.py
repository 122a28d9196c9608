"""Calendar keys never reach a log whole.

A calendar feed's address carries its key (`/feeds/cpc_…/plans/1.ics`, core.services), and the
access log and Django's «Not Found: …» lines print addresses. `MaskCalendarKeys` rewrites any
record so only the key's public prefix stays (the part the profile page shows:
`cpc_AbC123…`); settings.LOGGING puts it on the console handler and on the request loggers, and
`GunicornLogger` (deploy/gunicorn.conf.py) applies the same to gunicorn's access log.
"""

import logging
import re

from gunicorn.glogging import Logger

KEY = re.compile(r"\b(cp[ac]_[A-Za-z0-9_-]{6})[A-Za-z0-9_-]+")


def mask(text: str) -> str:
    return KEY.sub(r"\1…", text)


class MaskCalendarKeys(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask(message)
        if masked != message:
            record.msg, record.args = masked, ()
        return True


class GunicornLogger(Logger):
    """gunicorn's logger with calendar keys masked in the access log's fields."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {k: mask(v) if isinstance(v, str) else v for k, v in atoms.items()}
