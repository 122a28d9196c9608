"""Russian answers for requests Django refuses before any view runs.

A body over DATA_UPLOAD_MAX_MEMORY_SIZE (RequestDataTooBig) is a 413 «слишком большой запрос»;
any other refused request (too many fields or files, a forged Host, a broken multipart body) is a
400 — both in Russian instead of Django's English «Bad Request (400)», as JSON under /api/, and
with `data-error` text the htmx error handler (static/js/htmx-errors.js) shows where the request
was going (the report's autosave status, for one). A form refused by the CSRF check gets the
same kind of Russian answer (403).
"""

from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

TOO_BIG = (
    "Запрос слишком большой: сервер принимает не больше {limit} МБ за раз. Ничего не сохранено — "
    "сократите текст или загрузите файлы по одному."
)
BAD = "Сервер не смог прочитать запрос. Ничего не сохранено — обновите страницу и повторите."
FORGED = (
    "Форма устарела или отправлена не с этой страницы (проверка CSRF). Ничего не сохранено — "
    "обновите страницу и отправьте форму ещё раз."
)


def bad_request(request, exception=None):
    from django.conf import settings

    if isinstance(exception, RequestDataTooBig):
        limit = max(1, settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 2**20)
        status, code, message = 413, "request_too_large", TOO_BIG.format(limit=limit)
    else:
        status, code, message = 400, "bad_request", BAD
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"error": {"code": code, "message": message, "details": []}},
            status=status,
            json_dumps_params={"ensure_ascii": False},
        )
    template = "413.html" if status == 413 else "400.html"
    return HttpResponse(render_to_string(template, {"message": message}), status=status)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a form without its token (an old tab, another site's page) gets a
    Russian 403 saying nothing was saved, not Django's English «Forbidden (403) CSRF verification
    failed»; the reason stays in the log only."""
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"error": {"code": "csrf_failed", "message": FORGED, "details": []}},
            status=403,
            json_dumps_params={"ensure_ascii": False},
        )
    return HttpResponse(render_to_string("403_csrf.html", {"message": FORGED}), status=403)
