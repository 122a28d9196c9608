"""Who may read the audit trail: administrators all of it; a coordinator the history of the objects
of the clusters they coordinate. Anyone else, or an object of another cluster, gets 404."""

from __future__ import annotations

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404

from audit.scope import clusters_of
from audit.selectors import entry_clusters
from orgs.access import User, is_administrator, user_roles
from orgs.models import UserRole

NOT_FOUND = "История изменений не найдена."


def coordinated_clusters(user: User) -> set[int]:
    return {
        cluster_id
        for cluster_id, role in user_roles(user).items()
        if role.kind == UserRole.Kind.COORDINATOR
    }


def can_search_trail(user: User) -> bool:
    return is_administrator(user)


def access_trail_search(user: User) -> None:
    if not can_search_trail(user):
        raise PermissionDenied("Журнал изменений доступен только администраторам.")


def access_object_history(
    user: User, app_label: str, model_name: str, pk: str
) -> tuple[type[models.Model], models.Model | None]:
    """The audited model and the object (None if deleted) whose history `user` may read."""
    try:
        model = apps.get_model(app_label, model_name)
    except (LookupError, ValueError):
        raise Http404(NOT_FOUND) from None
    if not auditlog.contains(model):
        raise Http404(NOT_FOUND)
    try:
        obj = model._base_manager.filter(pk=pk).first()
    except (ValueError, TypeError, ValidationError):
        raise Http404(NOT_FOUND) from None
    own_entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_pk=str(pk)
    )
    if obj is None and not own_entries.exists():
        raise Http404(NOT_FOUND)
    if is_administrator(user):
        return model, obj
    coordinated = coordinated_clusters(user)
    if not coordinated:
        raise Http404(NOT_FOUND)
    clusters = clusters_of(obj) if obj is not None else set()
    if not clusters & coordinated:
        clusters |= entry_clusters(own_entries)
    if not clusters & coordinated:
        raise Http404(NOT_FOUND)
    return model, obj
