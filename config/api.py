"""The REST API root: `/api/v1/`, documented at `/api/docs` (schema: `/api/v1/openapi.json`).

Every operation needs a signed-in caller: an API token (`Authorization: Bearer <key>`, made on the
profile page) or the browser session (then unsafe methods must carry the CSRF token). Every error,
whatever raised it, is answered in one shape with a Russian message:

    {"error": {"code": "not_found", "message": "План не найден.", "details": []}}

The routers live in the apps (`orgs.api`, `plans.api`, `documents.api`) and stay thin: the access
layer, selectors and services do the work. See docs/api.md.
"""

import json
import logging
from functools import wraps

from django.core.exceptions import PermissionDenied, SuspiciousOperation, ValidationError
from django.db import OperationalError as DatabaseOperationalError
from django.http import Http404, HttpResponse, JsonResponse
from django.urls import URLPattern
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.renderers import JSONRenderer
from ninja.security import HttpBearer, SessionAuth
from ninja.utils import check_csrf

from core.services import api_token_check
from documents.api import router as documents_router
from orgs.api import router as orgs_router
from plans.api import router as plans_router

logger = logging.getLogger(__name__)

ERROR_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    500: "server_error",
    503: "unavailable",
}
ERROR_MESSAGES = {
    "bad_request": "Неверный запрос.",
    "unauthorized": (
        "Нужна авторизация: передайте ключ API в заголовке «Authorization: Bearer <ключ>» "
        "(ключ создаётся на странице «Профиль») или войдите в систему."
    ),
    "forbidden": "Недостаточно прав для этого действия.",
    "not_found": "Не найдено.",
    "method_not_allowed": "Этот метод не поддерживается по этому адресу.",
    "server_error": "Внутренняя ошибка сервера. Попробуйте позже или сообщите администратору.",
    "unavailable": "База данных временно недоступна. Повторите запрос через минуту.",
    "validation_error": "Неверные данные запроса.",
}
CSRF_MESSAGE = (
    "Запрос из браузера без CSRF-токена отклонён: передайте заголовок X-CSRFToken "
    "или используйте ключ API."
)

# Pydantic's error types in Russian; anything else keeps pydantic's own (English) text.
PYDANTIC_MESSAGES = {
    "missing": "Обязательное поле.",
    "int_parsing": "Ожидается целое число.",
    "int_type": "Ожидается целое число.",
    "int_from_float": "Ожидается целое число.",
    "float_parsing": "Ожидается число.",
    "bool_parsing": "Ожидается true или false.",
    "string_type": "Ожидается строка.",
    "string_too_long": "Слишком длинная строка.",
    "string_too_short": "Слишком короткая строка.",
    "too_long": "Слишком много элементов.",
    "too_short": "Слишком мало элементов.",
    "list_type": "Ожидается список.",
    "dict_type": "Ожидается объект.",
    "model_attributes_type": "Ожидается объект.",
    "date_from_datetime_parsing": "Ожидается дата в виде ГГГГ-ММ-ДД.",
    "date_parsing": "Ожидается дата в виде ГГГГ-ММ-ДД.",
    "date_type": "Ожидается дата в виде ГГГГ-ММ-ДД.",
    "enum": "Недопустимое значение.",
    "literal_error": "Недопустимое значение.",
    "greater_than_equal": "Слишком маленькое значение.",
    "greater_than": "Слишком маленькое значение.",
    "less_than_equal": "Слишком большое значение.",
    "less_than": "Слишком большое значение.",
    "json_invalid": "Тело запроса — не JSON.",
    "extra_forbidden": "Лишнее поле.",
}


def error_body(code: str, message: str = "", details=()) -> dict:
    return {
        "error": {
            "code": code,
            "message": message or ERROR_MESSAGES[code],
            "details": list(details),
        }
    }


class RussianJSONRenderer(JSONRenderer):
    """JSON in UTF-8 with Cyrillic as is, not as \\u escapes (escaped only if text can't be UTF-8)."""

    def render(self, request, data, *, response_status):
        text = json.dumps(data, cls=self.encoder_class, ensure_ascii=False)
        try:
            return text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate echoed from the request
            return json.dumps(data, cls=self.encoder_class).encode("ascii")


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <key>` with a key from the profile page."""

    def authenticate(self, request, token):
        return api_token_check(raw_key=token)


class BrowserSessionAuth(SessionAuth):
    """The signed-in browser; POST/PATCH/… must also carry the CSRF token.

    Unlike ninja's SessionAuth, a caller with no session is answered 401 rather than a CSRF 403,
    and a failed CSRF check is a 403 in our error shape.
    """

    def __call__(self, request):
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)

    def _get_key(self, request):
        if self.csrf and not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise PermissionDenied(CSRF_MESSAGE)
        return request.COOKIES.get(self.param_name)


ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "details"],
            "properties": {
                "code": {
                    "type": "string",
                    "enum": [
                        "bad_request",
                        "validation_error",
                        "unauthorized",
                        "forbidden",
                        "not_found",
                        "method_not_allowed",
                        "server_error",
                        "unavailable",
                    ],
                },
                "message": {"type": "string", "description": "Понятное человеку описание."},
                "details": {
                    "type": "array",
                    "items": {"type": "object"},
                    "description": "Для validation_error — ошибки по полям: loc, field, message.",
                },
            },
        }
    },
}
ERROR_RESPONSES = {
    400: "Неверный запрос или данные (code: bad_request, validation_error)",
    401: "Нет ключа API или входа в систему (code: unauthorized)",
    403: "Недостаточно прав или нет CSRF-токена (code: forbidden)",
    404: "Не найдено или нет доступа к кластеру (code: not_found)",
}


class ClusterPlanAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """Ninja's schema, plus the error responses every operation may give, in one shape."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        for path_item in schema["paths"].values():
            for operation in path_item.values():
                responses = operation.setdefault("responses", {})
                for status, description in ERROR_RESPONSES.items():
                    if status not in responses and str(status) not in responses:
                        responses[status] = {"description": description, "content": reference}
        return schema


api = ClusterPlanAPI(
    title="ClusterPlan API",
    version="1",
    description=(
        "Планы работы кластеров: кластеры, организации, планы, мероприятия, обязательства; "
        "разбор сроков и предварительный просмотр документа плана. Авторизация: ключ API "
        "(`Authorization: Bearer <ключ>`, создаётся на странице «Профиль») или вход в систему "
        "(для POST/PATCH из браузера нужен CSRF-токен). Ошибки: "
        '`{"error": {"code": …, "message": …, "details": […]}}`.'
    ),
    auth=[TokenAuth(), BrowserSessionAuth()],
    urls_namespace="api",
    renderer=RussianJSONRenderer(),
    docs_url="/docs",
)
api.add_router("", orgs_router)
api.add_router("", plans_router)
api.add_router("", documents_router)


def respond(request, status: int, code: str, message: str = "", details=()) -> HttpResponse:
    response = api.create_response(request, error_body(code, message, details), status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


def message_of(error: Exception, code: str) -> str:
    """The Russian message an access check or service raised with, else the default."""
    text = str(error.args[0]) if error.args and isinstance(error.args[0], str) else ""
    return text or ERROR_MESSAGES[code]


@api.exception_handler(Http404)
def not_found(request, error):
    return respond(request, 404, "not_found", message_of(error, "not_found"))


@api.exception_handler(PermissionDenied)
def forbidden(request, error):
    return respond(request, 403, "forbidden", message_of(error, "forbidden"))


@api.exception_handler(ValidationError)
def invalid(request, error):
    """A service refused the data: the Russian messages, per field where the service named one."""
    details = []
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            for message in messages:
                details.append({"field": None if field == "__all__" else field, "message": message})
    else:
        details = [{"field": None, "message": message} for message in error.messages]
    message = " ".join(detail["message"] for detail in details)
    return respond(request, 400, "validation_error", message, details)


def pydantic_message(item: dict) -> str:
    """Our own validators raise Russian messages; pydantic's types are looked up."""
    kind = item.get("type", "")
    if kind == "value_error" and "error" in item.get("ctx", {}):
        return str(item["ctx"]["error"])
    return PYDANTIC_MESSAGES.get(kind, item.get("msg", ""))


@api.exception_handler(NinjaValidationError)
def invalid_request(request, error):
    """Parameters or body did not match the schema: which ones and why, in Russian."""
    details = []
    for item in error.errors:
        location = [str(part) for part in item.get("loc", ())]
        field = location[-1] if len(location) > 1 else None
        details.append(
            {
                "loc": location,
                "field": field,
                "message": pydantic_message(item),
                "type": item.get("type", ""),
            }
        )
    fields = ", ".join(dict.fromkeys(d["field"] for d in details if d["field"]))
    message = ERROR_MESSAGES["validation_error"]
    if fields:
        message = f"Неверные данные запроса: {fields}."
    return respond(request, 400, "validation_error", message, details)


@api.exception_handler(AuthenticationError)
def unauthorized(request, error):
    return respond(request, 401, "unauthorized")


@api.exception_handler(HttpError)
def http_error(request, error):
    """Ours carry a Russian message; ninja's own (English) ones are replaced by ours."""
    code = ERROR_CODES.get(error.status_code, "bad_request")
    message = str(error)
    if message.startswith("Cannot parse request body"):
        message = "Тело запроса не удалось прочитать: ожидается JSON."
    elif "CSRF" in message:
        message = CSRF_MESSAGE
    elif not any("а" <= letter <= "я" for letter in message.lower()):
        message = ""
    return respond(request, error.status_code, code, message)


@api.exception_handler(SuspiciousOperation)
def suspicious(request, error):
    """Too many fields, a body over the size limit, a malformed multipart body…"""
    return respond(request, 400, "bad_request", "Запрос слишком большой или повреждён.")


@api.exception_handler(DatabaseOperationalError)
def database_unavailable(request, error):
    """The database restarting or out of reach: a clean 503 the client may retry."""
    logger.warning("API: database unavailable on %s %s: %r", request.method, request.path, error)
    return respond(request, 503, "unavailable")


@api.exception_handler(Exception)
def server_error(request, error):
    logger.exception("API error on %s %s", request.method, request.path, exc_info=error)
    return respond(request, 500, "server_error")


def json_error(status: int, code: str, message: str = "") -> JsonResponse:
    """An error answered outside any operation (no request.auth, no ninja renderer)."""
    return JsonResponse(
        error_body(code, message), status=status, json_dumps_params={"ensure_ascii": False}
    )


def json_errors(view):
    """Wrap a view of the API's URLconf so a 404 or 405 outside any operation is JSON too."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            return json_error(404, "not_found")
        if response.status_code == 405 and not response.get("Content-Type", "").startswith(
            "application/json"
        ):
            allowed = response.get("Allow", "")
            error = json_error(405, "method_not_allowed")
            error["Allow"] = allowed
            return error
        return response

    return wrapper


def api_urls():
    """`api.urls` with every view wrapped by `json_errors`; include at `api/v1/`."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = json_errors(pattern.callback)
    return patterns, app_name, namespace


@csrf_exempt
def api_docs(request):
    """Swagger UI at `/api/docs` (also at `/api/v1/docs`), reading `/api/v1/openapi.json`."""
    return api.docs.render_page(request, api)


@csrf_exempt
def api_not_found(request, *args, **kwargs):
    """Any other address under `/api/` answers a JSON 404, never an HTML page."""
    return json_error(404, "not_found", "Такого адреса в API нет. Список операций: /api/docs.")
