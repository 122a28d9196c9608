"""Who may see and change what in a cluster. Every view and API endpoint asks here first.

One condition per line, so each branch is visible and tested. A cluster the user has no role in is
answered with 404 (its existence is not disclosed); a visible object the user may not change, with 403.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from orgs.models import Cluster, Organization, UserRole

User = AbstractBaseUser | AnonymousUser


def is_administrator(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def user_roles(user: User) -> dict[int, UserRole]:
    """The user's roles by cluster id, read once per request and kept on the user object."""
    if not user.is_authenticated or not user.is_active:
        return {}
    cached = getattr(user, "_cluster_roles", None)
    if cached is None:
        cached = {role.cluster_id: role for role in UserRole.objects.filter(user=user)}
        user._cluster_roles = cached
    return cached


def role_in(user: User, cluster: Cluster) -> UserRole | None:
    return user_roles(user).get(cluster.pk)


def clusters_for(user: User) -> QuerySet[Cluster]:
    """The clusters the user may read."""
    if is_administrator(user):
        return Cluster.objects.all()
    return Cluster.objects.filter(pk__in=list(user_roles(user)))


def can_read_cluster(user: User, cluster: Cluster) -> bool:
    if is_administrator(user):
        return True
    return role_in(user, cluster) is not None


def can_manage_cluster(user: User, cluster: Cluster) -> bool:
    """Import and change plans, map executors: coordinators of the cluster and administrators."""
    if is_administrator(user):
        return True
    role = role_in(user, cluster)
    if role is None:
        return False
    return role.kind == UserRole.Kind.COORDINATOR


def own_organization_id(user: User, cluster: Cluster) -> int | None:
    """The organization a representative acts for in this cluster (None for other roles)."""
    role = role_in(user, cluster)
    if role is None or role.kind != UserRole.Kind.REPRESENTATIVE:
        return None
    return role.organization_id


def access_cluster(user: User, slug: str, *, for_change: bool = False) -> Cluster:
    try:
        cluster = Cluster.objects.get(slug=slug)
    except Cluster.DoesNotExist:
        raise Http404("Кластер не найден.") from None
    if not can_read_cluster(user, cluster):
        raise Http404("Кластер не найден.")
    if for_change and not can_manage_cluster(user, cluster):
        raise PermissionDenied("Изменять данные кластера может только координатор.")
    return cluster


def access_organization(user: User, cluster: Cluster, organization_id: int) -> Organization:
    """An organization of a cluster the user may read (every member of the cluster sees its members)."""
    organization = Organization.objects.filter(
        pk=organization_id, memberships__cluster=cluster
    ).first()
    if organization is None or not can_read_cluster(user, cluster):
        raise Http404("Организация не найдена.")
    return organization
