"""Writes on the council: made on first use, its settings, its members and their terms."""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from council.models import Council, CouncilMember
from council.selectors.council import council_organization
from orgs.models import Cluster, Organization, Person
from plans.models import Activity

_COUNCIL_NOMINATIVE = re.compile(r"^\s*координационный\s+совет\b", re.IGNORECASE)
_CLUSTER_NOMINATIVE = re.compile(r"^\s*образовательно-отраслевой\s+кластер\b", re.IGNORECASE)


def name_genitive_for(cluster: Cluster, organization: Organization | None) -> str:
    """«Координационного совета образовательно-отраслевого кластера транспорта»: from the council
    organization's full name when it is written «Координационный совет …», else from the cluster's."""
    if organization is not None and _COUNCIL_NOMINATIVE.match(organization.full_name):
        rest = _COUNCIL_NOMINATIVE.sub("", organization.full_name).strip()
        return f"Координационного совета {rest}".strip()
    if _CLUSTER_NOMINATIVE.match(cluster.name):
        rest = _CLUSTER_NOMINATIVE.sub("", cluster.name).strip()
        return f"Координационного совета образовательно-отраслевого кластера {rest}".strip()
    return f"Координационного совета кластера «{cluster.short_name}»"


def council_ensure(*, cluster: Cluster) -> Council:
    """The cluster's council, made with default settings the first time anyone opens it."""
    council = Council.objects.filter(cluster=cluster).first()
    if council is not None:
        return council
    organization = council_organization(cluster.pk)
    try:
        with transaction.atomic():
            return Council.objects.create(
                cluster=cluster,
                organization=organization,
                name_genitive=name_genitive_for(cluster, organization),
            )
    except IntegrityError:  # made by a concurrent request a moment ago
        return Council.objects.get(cluster=cluster)


@transaction.atomic
def council_update(
    *,
    council: Council,
    actor,
    name_genitive: str,
    city: str = "",
    quorum_percent: int,
    quorum_strict: bool,
    meetings_activity: Activity | None = None,
) -> Council:
    """Change the council's name in protocols, city and quorum rule."""
    errors = {}
    name_genitive = " ".join(name_genitive.split())
    if not name_genitive:
        errors["name_genitive"] = "Укажите, как совет называется в протоколе."
    if not 1 <= quorum_percent <= 100:
        errors["quorum_percent"] = "Доля для кворума — от 1 до 100 %."
    elif quorum_percent == 100 and quorum_strict:
        errors["quorum_strict"] = (
            "«Больше 100 %» недостижимо: для кворума из всех членов совета снимите отметку "
            "«строго больше»."
        )
    if meetings_activity is not None and meetings_activity.plan.cluster_id != council.cluster_id:
        errors["meetings_activity"] = "Мероприятие из плана другого кластера."
    if errors:
        raise ValidationError(errors)
    council.name_genitive = name_genitive
    council.city = " ".join(city.split())
    council.quorum_percent = quorum_percent
    council.quorum_strict = quorum_strict
    council.meetings_activity = meetings_activity
    council.full_clean()
    council.save()
    return council


def _check_member(council: Council, member: CouncilMember) -> None:
    errors = {}
    if not member.organization.memberships.filter(cluster_id=council.cluster_id).exists():
        errors["organization"] = (
            f"Организация «{member.organization}» не входит в кластер — член совета "
            "представляет организацию кластера."
        )
    if member.term_end is not None and member.term_end < member.term_start:
        errors["term_end"] = "Конец срока раньше его начала."
    if member.substitute_id is not None and member.substitute_id == member.person_id:
        errors["substitute"] = "Замещающий — другой человек, не сам член совета."
    overlapping = (
        CouncilMember.objects.filter(council=council, person=member.person)
        .exclude(pk=member.pk)
        .filter(term_start__lte=member.term_end or date.max)
    )
    for other in overlapping:
        if other.term_end is None or other.term_end >= member.term_start:
            errors["term_start"] = (
                f"{member.person} уже в совете в эти даты (с {other.term_start:%d.%m.%Y}"
                f"{f' по {other.term_end:%d.%m.%Y}' if other.term_end else ''})."
            )
            break
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def member_add(
    *,
    council: Council,
    actor,
    person: Person,
    role: str,
    term_start: date,
    term_end: date | None = None,
    organization: Organization | None = None,
    substitute: Person | None = None,
) -> CouncilMember:
    """Put a person on the council for a term (the organization defaults to the person's)."""
    if role not in CouncilMember.Role.values:
        raise ValidationError({"role": "Выберите роль в совете."})
    member = CouncilMember(
        council=council,
        person=person,
        organization=organization or person.organization,
        role=role,
        term_start=term_start,
        term_end=term_end,
        substitute=substitute,
    )
    _check_member(council, member)
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def member_update(
    *,
    member: CouncilMember,
    actor,
    role: str,
    term_start: date,
    term_end: date | None,
    organization: Organization,
    substitute: Person | None = None,
) -> CouncilMember:
    """Change a member's role, term (e.g. end it) or substitute; past protocols keep their names."""
    if role not in CouncilMember.Role.values:
        raise ValidationError({"role": "Выберите роль в совете."})
    member.role, member.term_start, member.term_end = role, term_start, term_end
    member.organization, member.substitute = organization, substitute
    _check_member(member.council, member)
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def person_create(
    *,
    council: Council,
    actor,
    organization: Organization,
    full_name: str,
    position: str = "",
    email: str = "",
) -> Person:
    """A person of a cluster organization, to put on the council («Ю.В. Дроздов»)."""
    full_name = " ".join(full_name.split())
    if not full_name:
        raise ValidationError({"full_name": "Укажите фамилию и инициалы."})
    if not organization.memberships.filter(cluster_id=council.cluster_id).exists():
        raise ValidationError({"organization": "Организация не входит в кластер."})
    person = Person(
        organization=organization,
        full_name=full_name,
        position=" ".join(position.split()),
        email=email.strip(),
    )
    person.full_clean(exclude=["user"])
    person.save()
    return person
