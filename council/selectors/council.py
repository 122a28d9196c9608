"""Reads on the council itself: who is on it on a given day, and who holds which office."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from council.models import Council, CouncilMember
from orgs.models import Organization


def members_on(council: Council, day: date) -> QuerySet[CouncilMember]:
    """Members whose term covers the day, chair first, then deputy, secretary, the rest by name."""
    return (
        council.members.filter(term_start__lte=day)
        .filter(Q(term_end__isnull=True) | Q(term_end__gte=day))
        .select_related("person", "organization", "substitute")
    )


def ordered(members) -> list[CouncilMember]:
    return sorted(
        members,
        key=lambda m: (CouncilMember.ROLE_ORDER.get(m.role, 9), m.person.full_name.casefold()),
    )


def member_list(council: Council) -> list[CouncilMember]:
    """Everyone who ever sat on the council (current terms first), for the council page."""
    members = list(
        council.members.select_related("person", "organization", "substitute").order_by(
            "person__full_name"
        )
    )
    return sorted(
        members,
        key=lambda m: (
            m.term_end is not None,
            CouncilMember.ROLE_ORDER.get(m.role, 9),
            m.person.full_name.casefold(),
        ),
    )


def officer(council: Council, day: date, role: str) -> CouncilMember | None:
    return next((m for m in ordered(members_on(council, day)) if m.role == role), None)


def council_organization(cluster_id: int) -> Organization | None:
    """The cluster's organization of kind «council», if the cluster has one."""
    return (
        Organization.objects.filter(
            memberships__cluster_id=cluster_id, kind=Organization.Kind.COUNCIL
        )
        .order_by("pk")
        .first()
    )
