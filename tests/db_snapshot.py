"""Build a set of rows once per test process, then put it back for each test in a few queries.

Tests that need the whole demo (council's, about a hundred) used to load it for each test: a few
hundred ORM calls every time. `restore_or_build("demo", build)` runs `build` in the first test that
asks, copies every row of every table it produced, and in later tests inserts those rows again with
one bulk INSERT per table, primary keys included (only rows the build added: those the
migrations made are there already) (then moves PostgreSQL's sequences past them).
The rows go into the test's own transaction, so they vanish with it as usual.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection

_SNAPSHOTS: dict[str, list[tuple[type, list]]] = {}


def _models() -> list[type]:
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]


def _keys() -> dict[type, set]:
    return {model: set(model._base_manager.values_list("pk", flat=True)) for model in _models()}


def _take(before: dict[type, set]) -> list[tuple[type, list]]:
    """The rows added since `before` (migrations' own rows, such as permissions, stay out)."""
    taken = []
    for model in _models():
        rows = [row for row in model._base_manager.order_by("pk") if row.pk not in before[model]]
        if rows:
            taken.append((model, rows))
    return taken


def restore_or_build(name: str, build: Callable[[], None]) -> None:
    """The rows `build` makes, in an empty test database: built the first time, restored after."""
    snapshot = _SNAPSHOTS.get(name)
    if snapshot is None:
        before = _keys()
        build()
        _SNAPSHOTS[name] = _take(before)
        return
    for model, rows in snapshot:
        model._base_manager.bulk_create([copy.copy(row) for row in rows])
    statements = connection.ops.sequence_reset_sql(no_style(), [model for model, _ in snapshot])
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
