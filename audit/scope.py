"""Which clusters an audited object belongs to: who besides administrators may read its history.

Most records reach their cluster through a chain of foreign keys (a report → its obligation → the
activity → the plan → the cluster). The chains of the known models are written out below; a model
added later (a new module's record) is followed along its foreign keys to the nearest cluster. An
organization belongs to every cluster it is a member of; users and their keys belong to none
(only administrators see their history).

Each lookup costs at most one query: the first link is read from the object itself (`plan_id`), the
rest of the chain in one `values_list` on the first link's model, which works for a deleted object
as long as its parent is still there (children are deleted before their parents).
"""

from __future__ import annotations

from collections import deque
from functools import cache

from django.db import models

from orgs.models import Cluster, Membership, Organization, Person

# The chain from a model to its cluster, as a lookup path ending in the cluster.
KNOWN_PATHS = {
    "orgs.cluster": "",
    "orgs.membership": "cluster",
    "orgs.userrole": "cluster",
    "orgs.executoralias": "cluster",
    "plans.plan": "cluster",
    "plans.planedition": "plan__cluster",
    "plans.objective": "plan__cluster",
    "plans.activity": "plan__cluster",
    "plans.obligation": "activity__plan__cluster",
    "documents.planupload": "cluster",
}
MAX_DEPTH = 5


def cluster_path(model: type[models.Model]) -> str | None:
    """The lookup path from `model` to its cluster; "" for a cluster itself; None if there is none."""
    return _cluster_path(model._meta.label_lower)


@cache
def _cluster_path(model_label: str) -> str | None:
    from django.apps import apps

    if model_label in KNOWN_PATHS:
        return KNOWN_PATHS[model_label]
    model = apps.get_model(model_label)
    # Breadth-first along forward foreign keys: the shortest chain wins.
    queue = deque([(model, [])])
    seen = {model}
    while queue:
        current, path = queue.popleft()
        if len(path) >= MAX_DEPTH:
            continue
        for field in current._meta.concrete_fields:
            if not (field.many_to_one or field.one_to_one) or field.related_model is None:
                continue
            target = field.related_model
            if target is Cluster:
                return "__".join([*path, field.name])
            if target not in seen:
                seen.add(target)
                queue.append((target, [*path, field.name]))
    return None


def organization_clusters(organization_id: int | None) -> set[int]:
    if organization_id is None:
        return set()
    return set(
        Membership.objects.filter(organization_id=organization_id).values_list(
            "cluster_id", flat=True
        )
    )


def clusters_of(instance: models.Model) -> set[int]:
    """The ids of the clusters `instance` belongs to (empty: administrators only)."""
    if isinstance(instance, Organization):
        return organization_clusters(instance.pk)
    if isinstance(instance, Person):
        return organization_clusters(instance.organization_id)
    path = cluster_path(type(instance))
    if path is None:
        return set()
    if path == "":
        return {instance.pk} if instance.pk is not None else set()
    first, _, rest = path.partition("__")
    field = instance._meta.get_field(first)
    value = getattr(instance, field.attname, None)
    if value is None:
        return set()
    if not rest:
        return {value}
    related = field.related_model._base_manager.filter(pk=value)
    cluster_id = related.values_list(rest, flat=True).first()
    return {cluster_id} if cluster_id is not None else set()
