"""The machinery of the permission matrix test: every URL pattern and API operation, and how to call
it as each role. The matrix itself (what each role must get) is in test_permission_matrix.py.

A pattern is named by its URL name ("plan_detail"), namespaced names by "namespace:name"; the whole
admin site is one entry ("admin:*", Django's own permission system guards it); an API operation by
"api: METHOD /path" as ninja declares it. A pattern without a name is named by its regex.
"""

from __future__ import annotations

import inspect
import re
import uuid
from dataclasses import dataclass, field

from django.urls import URLPattern, URLResolver, get_resolver

MISSING = 999_999  # the id of an object nobody has: everybody signed in gets 404

# The object a `<int:pk>` stands for, by the path segment before it.
PK_OBJECTS = {
    "plans": "plan",
    "activities": "activity",
    "imports": "upload",
    "organizations": "own_org",
    "reports": "report",
    "evidence": "evidence",
    "deadline-requests": "deadline_request",
    "periods": "period",
    "indicators": "indicator",
    "report-jobs": "report_job",
    "tokens": "api_token",
    "events": "event",
    "obligations": "obligation",
}
# Event pages live under events/: their "<int:pk>" is the event unless a segment in between says
# otherwise (slots/, groups/, classes/…: world.extra["event_slots"] and so on).
EVENT_PARTS = {"slots", "groups", "classes", "competitors", "evidence"}
# Council pages: council/<part>/<int:pk>/.
COUNCIL_PARTS = {
    "meetings": "meeting",
    "members": "council_member",
    "items": "council_item",
    "materials": "council_material",
    "decisions": "council_decision",
    "assignments": "council_assignment",
}
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


@dataclass(frozen=True)
class Pattern:
    key: str
    route: str  # the whole path pattern, for messages and for building the URL
    params: tuple[str, ...]


def route_text(pattern) -> str:
    return str(pattern.pattern)


def walk(patterns, prefix="", namespace=""):
    for item in patterns:
        if isinstance(item, URLResolver):
            inner = ":".join(part for part in (namespace, item.namespace or "") if part)
            yield from walk(item.url_patterns, prefix + route_text(item), inner)
        elif isinstance(item, URLPattern):
            yield prefix + route_text(item), namespace, item


def url_patterns() -> dict[str, Pattern]:
    """Every URL pattern of the project by its matrix key (the API by its operations instead)."""
    found: dict[str, Pattern] = {}
    for route, namespace, item in walk(get_resolver().url_patterns):
        if namespace == "admin" or namespace.startswith("admin:"):
            found["admin:*"] = Pattern("admin:*", "admin/", ())
            continue
        if namespace == "api":
            continue  # listed operation by operation, see api_operations()
        name = f"{namespace}:{item.name}" if namespace and item.name else item.name
        key = name or f"unnamed:{route}"
        params = tuple(item.pattern.regex.groupindex)
        found[key] = Pattern(key, route, params)
    return found


def api_operations() -> dict[str, Pattern]:
    """Every operation of the REST API, as "api: METHOD /path"."""
    try:
        from config.api import api
    except ImportError:
        return {}
    found = {}
    for _, router in api._routers:
        for path, view in router.path_operations.items():
            for operation in view.operations:
                for method in operation.methods:
                    key = f"api: {method} {path}"
                    params = tuple(re.findall(r"\{(?:\w+:)?(\w+)\}", path))
                    found[key] = Pattern(key, "/api/v1" + path, params)
    # The schema and the docs page are not operations but are served under /api/ too.
    for key, route in [
        ("api:openapi-json", "/api/v1/openapi.json"),
        ("api:openapi-view", "/api/v1/docs"),
    ]:
        found[key] = Pattern(key, route, ())
    return found


def all_patterns() -> dict[str, Pattern]:
    return {**url_patterns(), **api_operations()}


# --- which methods a view takes ------------------------------------------------------------------


def _wrappers(view):
    while view is not None:
        yield view
        view = getattr(view, "__wrapped__", None)


def view_methods(view) -> frozenset[str]:
    """The methods a view answers with its own code: those of @require_POST /
    @require_http_methods when it has them; else GET, and POST too when the view's own code reads
    a POST (a form it binds to request.POST, `request.method == "POST"`, a class with post())."""
    for wrapper in _wrappers(view):
        cells = dict(
            zip(wrapper.__code__.co_freevars, wrapper.__closure__ or (), strict=False)
            if hasattr(wrapper, "__code__")
            else ()
        )
        if "request_method_list" in cells:
            return frozenset(cells["request_method_list"].cell_contents) - {"HEAD", "OPTIONS"}
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        return frozenset(
            method.upper()
            for method in ("get", "post")
            if method in view_class.http_method_names and hasattr(view_class, method)
        )
    inner = list(_wrappers(view))[-1]
    source = inspect.getsource(inner)
    return frozenset({"GET", "POST"} if "POST" in source else {"GET"})


def pattern_methods() -> dict[str, frozenset[str]]:
    """Every matrix key with the methods its view (or API operation) takes."""
    found: dict[str, frozenset[str]] = {}
    for route, namespace, item in walk(get_resolver().url_patterns):
        if namespace == "admin" or namespace.startswith("admin:") or namespace == "api":
            continue
        name = f"{namespace}:{item.name}" if namespace and item.name else item.name
        found[name or f"unnamed:{route}"] = view_methods(item.callback)
    for key in api_operations():
        method = key.split()[1] if key.startswith("api: ") else "GET"
        found[key] = frozenset({method})
    found["admin:*"] = frozenset({"GET"})
    return found


def post_views() -> dict[str, Pattern]:
    """Every URL pattern whose view takes a POST (the API's writes are operations, apart)."""
    methods = pattern_methods()
    return {
        key: pattern
        for key, pattern in url_patterns().items()
        if "POST" in methods.get(key, ()) and key != "admin:*"
    }


# --- what a request wrote -----------------------------------------------------------------------

WRITE = re.compile(r'^\s*(?:INSERT INTO|UPDATE|DELETE FROM|REPLACE INTO)\s+"?(\w+)"?', re.I)
# Bookkeeping a refused request may still do: its session (messages, the CSRF token) and the
# database cache (rate limits).
BOOKKEEPING = {"django_session", "django_cache", "cache_table"}


def written_tables(queries) -> list[str]:
    """The tables the captured queries wrote, bookkeeping left out."""
    tables = []
    for query in queries:
        match = WRITE.match(query["sql"])
        if match and match.group(1) not in BOOKKEEPING:
            tables.append(match.group(1))
    return tables


# --- building a request ------------------------------------------------------------------------


@dataclass
class Call:
    method: str = "GET"
    data: dict = field(default_factory=dict)
    json: dict | None = None
    kwargs: dict = field(default_factory=dict)  # overrides of the URL parameters
    follow_login: bool = True


def object_id(world, name: str) -> int:
    obj = getattr(world, name, None)
    if obj is None:
        obj = world.extra.get(name)
    return obj.pk if obj is not None else MISSING


def pk_for(world, route: str) -> int:
    parts = [part.lstrip("^") for part in re.split(r"/", route) if part]
    for index, part in enumerate(parts):
        if ("pk" in part and "<" in part) or part.startswith("(?P<pk>"):
            # The segment naming the object: the last one before it that is not a parameter.
            words = [word for word in parts[:index] if "<" not in word]
            before = words[-1] if words else ""
            if "events" in parts[:index] and before in EVENT_PARTS:
                return object_id(world, f"event_{before}")
            if parts[:1] == ["council"] and before in COUNCIL_PARTS:
                return object_id(world, COUNCIL_PARTS[before])
            return object_id(world, PK_OBJECTS.get(before, before))
    return MISSING


def token_for(world, route: str) -> str:
    """The secret in a public link: a school's registration, a council member's invitation."""
    if "registrations" in route:
        return str(world.extra["event_registration"].token)
    if "rsvp" in route:
        return world.extra["rsvp"]
    return uuid.uuid4().hex


def fill_route(world, pattern: Pattern, overrides: dict, role_key: str) -> str:
    """The path of `pattern` with every parameter filled from the world (or `overrides`)."""
    values = {}
    for param in pattern.params:
        if param in overrides:
            value = overrides[param]
            values[param] = value(world, role_key) if callable(value) else value
        elif param == "slug":
            values[param] = world.cluster.slug
        elif param == "pk":
            values[param] = pk_for(world, pattern.route)
        elif param in ("plan_id",):
            values[param] = world.plan.pk
        elif param in ("activity_id",):
            values[param] = world.activity.pk
        elif param in ("obligation_pk",):
            values[param] = world.obligation.pk
        elif param in ("period_pk",):
            values[param] = object_id(world, "period")
        elif param == "number":
            values[param] = 1
        elif param == "fmt":
            values[param] = "xlsx"
        elif param == "token":
            values[param] = token_for(world, pattern.route)
        elif param == "action":
            values[param] = "confirm"
        else:
            values[param] = MISSING
    return build_path(pattern.route, values)


def build_path(route: str, values: dict) -> str:
    path = route
    for name, value in values.items():
        path = re.sub(rf"\(\?P<{name}>[^)]*\)", str(value), path)
        path = re.sub(rf"<(?:\w+:)?{name}>", str(value), path)
        path = re.sub(rf"\{{(?:\w+:)?{name}\}}", str(value), path)
    path = path.lstrip("^").rstrip("$").replace("\\.", ".").replace("/?", "/")
    return path if path.startswith("/") else "/" + path
