"""Every access function, for every role: allowed and refused."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from orgs.access import (
    access_cluster,
    access_organization,
    can_manage_cluster,
    clusters_for,
    own_organization_id,
)
from orgs.models import UserRole
from orgs.tests.factories import ClusterFactory, UserFactory, member, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    cluster = ClusterFactory(slug="transport")
    other = ClusterFactory(slug="agro")
    college = member(cluster)
    foreign = member(other)
    return {
        "cluster": cluster,
        "other": other,
        "college": college,
        "foreign": foreign,
        "admin": UserFactory(is_superuser=True, is_staff=True),
        "coordinator": user_with_role(cluster, UserRole.Kind.COORDINATOR),
        "representative": user_with_role(cluster, UserRole.Kind.REPRESENTATIVE, college),
        "observer": user_with_role(cluster, UserRole.Kind.OBSERVER),
        "outsider": user_with_role(other, UserRole.Kind.COORDINATOR),
        "anonymous": AnonymousUser(),
    }


@pytest.mark.parametrize(
    ("who", "can_read", "can_change"),
    [
        ("admin", True, True),
        ("coordinator", True, True),
        ("representative", True, False),
        ("observer", True, False),
        ("outsider", False, False),
        ("anonymous", False, False),
    ],
)
def test_access_cluster_by_role(world, who, can_read, can_change):
    user = world[who]
    if can_read:
        assert access_cluster(user, "transport") == world["cluster"]
    else:
        with pytest.raises(Http404):
            access_cluster(user, "transport")
    if can_change:
        assert access_cluster(user, "transport", for_change=True) == world["cluster"]
    else:
        with pytest.raises((Http404, PermissionDenied)):
            access_cluster(user, "transport", for_change=True)
    assert can_manage_cluster(user, world["cluster"]) is can_change


def test_unknown_cluster_is_404(world):
    with pytest.raises(Http404):
        access_cluster(world["admin"], "no-such-cluster")


def test_clusters_for_lists_only_own_clusters(world):
    assert list(clusters_for(world["coordinator"])) == [world["cluster"]]
    assert list(clusters_for(world["outsider"])) == [world["other"]]
    assert set(clusters_for(world["admin"])) == {world["cluster"], world["other"]}
    assert list(clusters_for(world["anonymous"])) == []


def test_inactive_user_has_no_access(world):
    user = world["coordinator"]
    user.is_active = False
    user.save()
    with pytest.raises(Http404):
        access_cluster(user, "transport")


def test_organization_of_another_cluster_is_404(world):
    cluster = world["cluster"]
    assert access_organization(world["observer"], cluster, world["college"].pk) == world["college"]
    with pytest.raises(Http404):
        access_organization(world["observer"], cluster, world["foreign"].pk)
    with pytest.raises(Http404):
        access_organization(world["outsider"], cluster, world["college"].pk)


def test_own_organization_only_for_representative(world):
    cluster = world["cluster"]
    assert own_organization_id(world["representative"], cluster) == world["college"].pk
    assert own_organization_id(world["coordinator"], cluster) is None
    assert own_organization_id(world["outsider"], cluster) is None
