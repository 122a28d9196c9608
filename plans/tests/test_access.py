"""access_plan, access_activity and access_plan_upload for every role: allowed and refused."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from documents.access import access_plan_upload
from documents.models import PlanUpload
from orgs.models import UserRole
from orgs.tests.factories import ClusterFactory, UserFactory, member, user_with_role
from plans.access import access_activity, access_plan
from plans.services import plan_import
from plans.tests.factories import plan_document

pytestmark = pytest.mark.django_db

ROLES = [
    # who, may read, may change
    ("admin", True, True),
    ("coordinator", True, True),
    ("representative", True, False),
    ("observer", True, False),
    ("outsider", False, False),
    ("anonymous", False, False),
]


@pytest.fixture
def world():
    cluster = ClusterFactory()
    college = member(cluster)
    plan = plan_import(cluster=cluster, document=plan_document((1,)), actor=None)
    coordinator = user_with_role(cluster, UserRole.Kind.COORDINATOR)
    return {
        "plan": plan,
        "activity": plan.activities.get(),
        "upload": PlanUpload.objects.create(
            cluster=cluster, uploaded_by=coordinator, filename="plan.txt", content=b"x"
        ),
        "admin": UserFactory(is_superuser=True),
        "coordinator": coordinator,
        "representative": user_with_role(cluster, UserRole.Kind.REPRESENTATIVE, college),
        "observer": user_with_role(cluster, UserRole.Kind.OBSERVER),
        "outsider": user_with_role(ClusterFactory(), UserRole.Kind.COORDINATOR),
        "anonymous": AnonymousUser(),
    }


def check(function, obj, user, may_read, may_change):
    if may_read:
        assert function(user, obj.pk) == obj
    else:
        with pytest.raises(Http404):
            function(user, obj.pk)
    if may_change:
        assert function(user, obj.pk, for_change=True) == obj
    else:
        with pytest.raises((Http404, PermissionDenied)):
            function(user, obj.pk, for_change=True)


@pytest.mark.parametrize(("who", "may_read", "may_change"), ROLES)
def test_access_plan(world, who, may_read, may_change):
    check(access_plan, world["plan"], world[who], may_read, may_change)


@pytest.mark.parametrize(("who", "may_read", "may_change"), ROLES)
def test_access_activity(world, who, may_read, may_change):
    check(access_activity, world["activity"], world[who], may_read, may_change)


@pytest.mark.parametrize(("who", "may_read", "may_change"), ROLES)
def test_access_plan_upload_only_for_those_who_may_import(world, who, may_read, may_change):
    if may_change:
        assert access_plan_upload(world[who], world["upload"].pk) == world["upload"]
    else:
        with pytest.raises(Http404):
            access_plan_upload(world[who], world["upload"].pk)


def test_missing_objects_are_404(world):
    for function in (access_plan, access_activity, access_plan_upload):
        with pytest.raises(Http404):
            function(world["admin"], 999_999)
