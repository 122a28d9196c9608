"""The demo council of the transport cluster: seven members with terms, a secretary and a chair
who sign in, a deputy with a substitute. Idempotent; names other than the chair's are made up.

`documents.demo.demo_load()` makes the cluster, its organizations and the chair «Ю.В. Дроздов»;
this adds the council on top (the `load_council_demo` command runs both).
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from council.models import Council, CouncilMember
from council.services import council_ensure
from orgs.models import Cluster, Organization, Person, UserRole

TERM_START = date(2023, 6, 1)
# Every invented person is marked «Демо:» — only Ю.В. Дроздов, the chair, is named by the seed plan.
MEMBERS = [
    # full name, organization short name, role, position, username (signs in) or None
    (
        "Ю.В. Дроздов",
        "Координационный совет",
        CouncilMember.Role.CHAIR,
        "Председатель Координационного совета",
        "chair",
    ),
    (
        "Демо: Е.А. Смирнова",
        "Координационный совет",
        CouncilMember.Role.SECRETARY,
        "Секретарь Координационного совета",
        "secretary",
    ),
    ("Демо: А.П. Ковалёв", "ОГБПОУ «ТТВТС»", CouncilMember.Role.DEPUTY_CHAIR, "Директор", None),
    ("Демо: О.Н. Белова", "ОГБПОУ «ТКГТ»", CouncilMember.Role.MEMBER, "Директор", None),
    ("Демо: С.В. Морозов", "Демо: колледж 1", CouncilMember.Role.MEMBER, "Директор", None),
    (
        "Демо: Д.И. Лебедев",
        "Демо: предприятие-партнёр 1",
        CouncilMember.Role.MEMBER,
        "Генеральный директор",
        None,
    ),
    ("Демо: Н.Г. Орлова", "Демо: ЦОПП", CouncilMember.Role.MEMBER, "Руководитель ЦОПП", None),
]
SUBSTITUTES = {"Демо: Д.И. Лебедев": ("Демо: К.Р. Егоров", "Заместитель генерального директора")}


@transaction.atomic
def council_demo_load(*, cluster: Cluster, password: str) -> Council:
    """The demo council of `cluster` (the demo transport cluster); returns the council."""
    council = council_ensure(cluster=cluster)
    if not council.city:
        council.city = "Томск"
        council.save(update_fields=["city"])
    User = get_user_model()
    for number, (full_name, organization_name, role, position, username) in enumerate(
        MEMBERS, start=1
    ):
        organization = Organization.objects.get(short_name=organization_name)
        person, _ = Person.objects.get_or_create(
            full_name=full_name,
            organization=organization,
            defaults={
                "position": position,
                "email": f"council-member-{number}@example.org",
            },
        )
        if not person.email:  # the chair comes from documents.demo without an address
            person.email = f"council-member-{number}@example.org"
            person.save(update_fields=["email"])
        if username:
            user, created = User.objects.get_or_create(
                username=username, defaults={"first_name": f"{full_name} ({position.lower()})"}
            )
            if created:
                user.set_password(password)
                user.save()
            if person.user_id is None:
                person.user = user
                person.save(update_fields=["user"])
            # The council's officers act for the council as an organization (they report on 1.1).
            UserRole.objects.get_or_create(
                user=user,
                cluster=cluster,
                defaults={"kind": UserRole.Kind.REPRESENTATIVE, "organization": organization},
            )
        substitute = None
        if full_name in SUBSTITUTES:
            name, substitute_position = SUBSTITUTES[full_name]
            substitute, _ = Person.objects.get_or_create(
                full_name=name,
                organization=organization,
                defaults={"position": substitute_position},
            )
        CouncilMember.objects.get_or_create(
            council=council,
            person=person,
            term_start=TERM_START,
            defaults={
                "organization": organization,
                "role": role,
                "substitute": substitute,
            },
        )
    return council
