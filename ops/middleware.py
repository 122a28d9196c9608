"""Clean answers when the server, not the request, is at fault.

- The database is down or restarting: 503 with Retry-After and a Russian page (JSON under /api/),
  instead of a generic 500. Kept database connections are checked before reuse
  (CONN_HEALTH_CHECKS), so service resumes with the first request after the database is back.
- The disk is full (an upload cannot be stored, or PostgreSQL cannot extend a table): 507 with a
  Russian page saying nothing was saved. Writes go through atomic services, so nothing is
  half-written.

The failure is noticed through Django's `got_request_exception` signal, which fires for an exception
raised anywhere inside the middleware chain or the view, before Django turns it into a 500; this
middleware, the outermost one, then replaces that 500. Anything else keeps Django's 500 page
(ops/templates/500.html). With DEBUG off no traceback ever reaches the browser.
"""

import errno
import logging
import sys

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

FAILURE = "_ops_failure"
DISK_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}
DISK_FULL_WORDS = (
    "no space left",
    "could not extend file",
    "disk full",
    "database or disk is full",
)
PAGES = {
    "database": (
        503,
        "ops/unavailable.html",
        "service_unavailable",
        "Сервис временно недоступен: нет связи с базой данных. Повторите через минуту.",
    ),
    "disk_full": (
        507,
        "ops/disk_full.html",
        "insufficient_storage",
        "На сервере закончилось место: ничего не сохранено. Сообщите администратору.",
    ),
}
RETRY_AFTER_SECONDS = 10


def classify(error: BaseException | None) -> str | None:
    """ "database", "disk_full" or None (an ordinary error: Django's 500)."""
    if isinstance(error, OSError) and error.errno in DISK_FULL_ERRNOS:
        return "disk_full"
    if isinstance(error, OperationalError | InterfaceError):
        text = str(error).lower()
        if any(word in text for word in DISK_FULL_WORDS):
            return "disk_full"
        return "database"
    return None


def remember_failure(sender, request=None, **kwargs):
    kind = classify(sys.exc_info()[1])
    if request is not None and kind is not None:
        setattr(request, FAILURE, kind)


def connect() -> None:
    got_request_exception.connect(remember_failure, dispatch_uid="ops_remember_failure")


def failure_response(request, kind: str) -> HttpResponse:
    status, template, code, message = PAGES[kind]
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"error": {"code": code, "message": message, "details": []}},
            status=status,
            json_dumps_params={"ensure_ascii": False},
        )
    else:
        response = HttpResponse(render_to_string(template, {"message": message}), status=status)
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class ServiceUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        kind = getattr(request, FAILURE, None)
        if kind is not None and response.status_code >= 500:
            logger.warning("%s %s answered %s: %s", request.method, request.path, kind, response)
            return failure_response(request, kind)
        return response
