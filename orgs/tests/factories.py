import factory
from django.contrib.auth import get_user_model

from orgs.models import Cluster, Membership, Organization, UserRole


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cluster

    name = factory.Sequence(lambda n: f"Образовательно-отраслевой кластер {n}")
    short_name = factory.Sequence(lambda n: f"Кластер {n}")
    slug = factory.Sequence(lambda n: f"cluster-{n}")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    short_name = factory.Sequence(lambda n: f"ОГБПОУ «К{n}»")
    full_name = factory.LazyAttribute(lambda o: o.short_name)
    kind = Organization.Kind.COLLEGE


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    cluster = factory.SubFactory(ClusterFactory)
    organization = factory.SubFactory(OrganizationFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("password-for-tests")


class UserRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UserRole

    user = factory.SubFactory(UserFactory)
    cluster = factory.SubFactory(ClusterFactory)
    kind = UserRole.Kind.OBSERVER


def member(cluster, **organization_fields) -> Organization:
    """An organization that belongs to the cluster."""
    organization = OrganizationFactory(**organization_fields)
    Membership.objects.create(cluster=cluster, organization=organization)
    return organization


def user_with_role(cluster, kind, organization=None):
    return UserRoleFactory(cluster=cluster, kind=kind, organization=organization).user
