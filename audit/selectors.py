"""Reads of the audit trail: an object's history, the administrators' search, entries for display."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time

from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone

ACTIONS = {
    LogEntry.Action.CREATE: "создание",
    LogEntry.Action.UPDATE: "изменение",
    LogEntry.Action.DELETE: "удаление",
    LogEntry.Action.ACCESS: "просмотр",
}
VALUE_SHOWN = 500  # characters of a value shown on the page

# The history of a plan or an activity also lists what happened to its parts.
RELATED = {
    "plans.plan": [
        ("plans.planedition", "plan"),
        ("plans.objective", "plan"),
        ("plans.activity", "plan"),
        ("plans.obligation", "activity__plan"),
        ("reporting.reportingperiod", "plan"),
        ("reporting.indicator", "plan"),
    ],
    "plans.activity": [
        ("plans.obligation", "activity"),
        ("reporting.report", "obligation__activity"),
        ("reporting.indicator", "activity"),
    ],
}


def object_entries(model: type[models.Model], pk: str) -> QuerySet[LogEntry]:
    """The entries about one object and, for a plan or an activity, about its parts."""
    condition = Q(content_type=ContentType.objects.get_for_model(model), object_pk=str(pk))
    if str(pk).isdigit():
        for related_label, path in RELATED.get(model._meta.label_lower, []):
            try:
                related = apps.get_model(related_label)
            except LookupError:
                continue
            ids = related._base_manager.filter(**{path: int(pk)}).values("pk")
            condition |= Q(
                content_type=ContentType.objects.get_for_model(related), object_id__in=ids
            )
    return (
        LogEntry.objects.filter(condition)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )


@dataclass(frozen=True)
class SearchFilters:
    actor_id: int | None = None
    content_type_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    text: str = ""


def entry_search(filters: SearchFilters) -> QuerySet[LogEntry]:
    entries = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-pk")
    if filters.actor_id:
        entries = entries.filter(actor_id=filters.actor_id)
    if filters.content_type_id:
        entries = entries.filter(content_type_id=filters.content_type_id)
    if filters.date_from:
        start = timezone.make_aware(datetime.combine(filters.date_from, time.min))
        entries = entries.filter(timestamp__gte=start)
    if filters.date_to:
        end = timezone.make_aware(datetime.combine(filters.date_to, time.max))
        entries = entries.filter(timestamp__lte=end)
    if filters.text:
        entries = entries.filter(text_condition(filters.text))
    return entries


def text_condition(text: str) -> Q:
    """The words in the object's name or in a changed value. JSON may keep Cyrillic as \\u escapes
    (SQLite), so the escaped spelling is searched too; SQLite folds the case of Latin letters only,
    so the usual capitalisations of the words are tried."""
    condition = Q()
    for variant in {text, text.lower(), text.capitalize(), text.upper()}:
        escaped = json.dumps(variant)[1:-1]
        condition |= Q(object_repr__icontains=variant) | Q(changes__icontains=variant)
        if escaped != variant:
            condition |= Q(changes__icontains=escaped)
    return condition


@dataclass
class Change:
    field: str
    before: str = ""
    after: str = ""
    note: str = ""  # for many-to-many changes: what was added or removed


@dataclass
class EntryRow:
    entry: LogEntry
    action: str
    model_name: str
    changes: list[Change] = field(default_factory=list)


def entry_rows(entries) -> list[EntryRow]:
    return [entry_row(entry) for entry in entries]


def entry_row(entry: LogEntry) -> EntryRow:
    model = entry.content_type.model_class()
    model_name = str(model._meta.verbose_name) if model else entry.content_type.model
    changes = []
    for name, value in (entry.changes_dict or {}).items():
        model_field = get_field(model, name)
        label = str(getattr(model_field, "verbose_name", name))
        if isinstance(value, dict) and value.get("type") == "m2m":
            verb = "добавлено" if value.get("operation") == "add" else "убрано"
            note = f"{verb}: {', '.join(str(item) for item in value.get('objects', []))}"
            changes.append(Change(field=label, note=note))
            continue
        before, after = [*value, None, None][:2] if isinstance(value, list) else (None, value)
        changes.append(
            Change(field=label, before=shown(model_field, before), after=shown(model_field, after))
        )
    return EntryRow(
        entry=entry,
        action=ACTIONS.get(entry.action, str(entry.action)),
        model_name=model_name,
        changes=changes,
    )


def get_field(model, name):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def shown(model_field, value) -> str:
    """A value as a person reads it: choice labels, «да/нет», «—» for nothing, ids of links."""
    if value is None or value == "None" or value == "":
        return "—"
    if model_field is not None and model_field.choices:
        labels = {str(key): str(label) for key, label in model_field.flatchoices}
        if str(value) in labels:
            return labels[str(value)]
    if isinstance(value, bool) or value in ("True", "False"):
        return "да" if value in (True, "True") else "нет"
    if model_field is not None and model_field.is_relation:
        return f"№ {value}"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= VALUE_SHOWN else text[:VALUE_SHOWN] + "…"


def entry_clusters(entries: QuerySet[LogEntry]) -> set[int]:
    """The clusters recorded on entries (they outlive the object)."""
    found: set[int] = set()
    for data in entries.values_list("additional_data", flat=True):
        if isinstance(data, dict):
            found.update(int(cluster) for cluster in data.get("clusters", []))
    return found
