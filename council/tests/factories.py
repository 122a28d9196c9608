"""Factories for council tests outside the demo cluster (another cluster's council, members)."""

from datetime import date

import factory

from council.models import Council, CouncilMember
from orgs.models import Person
from orgs.tests.factories import ClusterFactory, OrganizationFactory


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council

    cluster = factory.SubFactory(ClusterFactory)
    name_genitive = factory.LazyAttribute(
        lambda o: f"Координационного совета кластера «{o.cluster.short_name}»"
    )


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    organization = factory.SubFactory(OrganizationFactory)
    full_name = factory.Sequence(lambda n: f"И.И. Иванов-{n}")


class CouncilMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilMember

    council = factory.SubFactory(CouncilFactory)
    person = factory.SubFactory(PersonFactory)
    organization = factory.LazyAttribute(lambda o: o.person.organization)
    role = CouncilMember.Role.MEMBER
    term_start = date(2023, 1, 1)
