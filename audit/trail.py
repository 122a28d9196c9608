"""Two additions to django-auditlog, installed by `AuditConfig.ready()`.

1. Every entry is stamped with the clusters of its object (`additional_data["clusters"]`), so the
   history of an object stays readable to its cluster's coordinators after the object is deleted,
   and an entry about a private person is labelled by model and id, never by the person's name.

2. `QuerySet.update()` is audited too. django-auditlog listens to `save()` and `delete()` only, but
   services here change rows with `update()` where a condition must hold at the moment of the write
   (a report is accepted only if it is still submitted; an activity is marked removed). For a model
   the trail covers, and only when the update touches a field the trail records, the rows are read
   before and after the update, in the same transaction, and one entry per changed row is written,
   exactly like the one `save()` would have made. Any other `update()` runs untouched.
"""

from __future__ import annotations

from contextvars import ContextVar

from auditlog.context import auditlog_disabled
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from auditlog.signals import pre_log
from django.conf import settings
from django.db import models, transaction
from django.db.models.query import QuerySet
from django.db.models.signals import pre_save

from audit.registry import is_personal, left_out_fields
from audit.scope import clusters_of

# (model label, pk) → cluster ids of the object the next entry is about, set by pre_log.
_pending: ContextVar[tuple[str, str, list[int]] | None] = ContextVar("audit_pending", default=None)
_original_update = QuerySet.update


def remember_clusters(sender, instance, action, **kwargs):
    _pending.set((instance._meta.label_lower, str(instance.pk), sorted(clusters_of(instance))))


def stamp_entry(sender, instance: LogEntry, **kwargs):
    if not instance._state.adding:
        return
    model = instance.content_type.model_class()
    pending = _pending.get()
    key = (model._meta.label_lower if model else "", str(instance.object_pk))
    if pending is not None and pending[:2] == key:
        clusters = pending[2]
        _pending.set(None)
    else:
        obj = model._base_manager.filter(pk=instance.object_pk).first() if model else None
        clusters = sorted(clusters_of(obj)) if obj is not None else []
    data = dict(instance.additional_data or {})
    data["clusters"] = clusters
    instance.additional_data = data
    if is_personal(model):
        instance.object_repr = f"{model._meta.verbose_name} № {instance.object_pk}"


def tracked_fields(model: type[models.Model], names) -> list[str]:
    """The fields among `names` (names or attnames, as update() takes them) the trail records."""
    left_out = set(left_out_fields(model))
    by_name = {}
    for field in model._meta.concrete_fields:
        by_name[field.name] = field
        by_name[field.attname] = field
    return [
        by_name[name].name
        for name in names
        if name in by_name and by_name[name].name not in left_out
    ]


def audited_update(self: QuerySet, **kwargs):
    model = self.model
    if auditlog_disabled.get() or not auditlog.contains(model):
        return _original_update(self, **kwargs)
    fields = tracked_fields(model, kwargs)
    if not fields:
        return _original_update(self, **kwargs)
    with transaction.atomic(using=self.db):
        pks = list(self._chain().values_list("pk", flat=True))
        if not pks:
            return _original_update(self, **kwargs)
        manager = model._base_manager.using(self.db)
        before = manager.in_bulk(pks)
        count = _original_update(self, **kwargs)
        after = manager.in_bulk(pks)
        for pk, old in before.items():
            new = after.get(pk)
            if new is None:
                continue
            changes = model_instance_diff(
                old,
                new,
                fields_to_check=fields,
                use_json_for_changes=settings.AUDITLOG_STORE_JSON_CHANGES,
            )
            if changes:
                remember_clusters(model, new, LogEntry.Action.UPDATE)
                LogEntry.objects.log_create(new, action=LogEntry.Action.UPDATE, changes=changes)
    return count


def install() -> None:
    pre_log.connect(remember_clusters, dispatch_uid="audit_remember_clusters")
    pre_save.connect(stamp_entry, sender=LogEntry, dispatch_uid="audit_stamp_entry")
    if QuerySet.update is not audited_update:
        QuerySet.update = audited_update
