"""The demo installation: the transport cluster of the seed plan, its organizations and users.

Only the organizations the seed names (ОГБПОУ «ТТВТС», ОГБПОУ «ТКГТ») are real, under the names the
seed gives them. The others are plainly marked «Демо: …» so every executor group of the seed (ПОО,
предприятия-партнёры, ЦОПП, центры занятости) resolves to someone.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from orgs.models import Cluster, Membership, Organization, Person, UserRole
from parsing.documents import read_plan
from plans.models import Plan
from plans.services import plan_import

SEED_PLAN = Path(settings.BASE_DIR) / "seed" / "plan-transport-cluster-2023-2024.txt"
DEMO_PASSWORD = "demo-cluster-2023"

Kind = Organization.Kind
Role = Membership.Role
ORGANIZATIONS = [
    # short name, full name, kind, membership role, is demo
    (
        "Координационный совет",
        "Координационный совет образовательно-отраслевого кластера транспорта",
        Kind.COUNCIL,
        Role.MEMBER,
        False,
    ),
    ("ОГБПОУ «ТТВТС»", "ОГБПОУ «ТТВТС»", Kind.COLLEGE, Role.MEMBER, False),
    ("ОГБПОУ «ТКГТ»", "ОГБПОУ «ТКГТ»", Kind.COLLEGE, Role.MEMBER, False),
    ("Демо: колледж 1", "Демо: колледж 1 (пример)", Kind.COLLEGE, Role.MEMBER, True),
    (
        "Демо: предприятие-партнёр 1",
        "Демо: предприятие-партнёр 1 (пример)",
        Kind.ENTERPRISE,
        Role.PARTNER,
        True,
    ),
    (
        "Демо: предприятие-партнёр 2",
        "Демо: предприятие-партнёр 2 (пример)",
        Kind.ENTERPRISE,
        Role.PARTNER,
        True,
    ),
    (
        "Демо: ЦОПП",
        "Демо: центр опережающей профессиональной подготовки (пример)",
        Kind.COPP,
        Role.PARTNER,
        True,
    ),
    (
        "Демо: центр занятости 1",
        "Демо: центр занятости населения 1 (пример)",
        Kind.EMPLOYMENT_CENTER,
        Role.PARTNER,
        True,
    ),
]
USERS = [
    # username, full name, role kind, organization short name
    ("coordinator", "Координатор кластера (демо)", UserRole.Kind.COORDINATOR, None),
    ("ttvts", "Представитель ТТВТС (демо)", UserRole.Kind.REPRESENTATIVE, "ОГБПОУ «ТТВТС»"),
    ("tkgt", "Представитель ТКГТ (демо)", UserRole.Kind.REPRESENTATIVE, "ОГБПОУ «ТКГТ»"),
    ("observer", "Наблюдатель, департамент (демо)", UserRole.Kind.OBSERVER, None),
]


@transaction.atomic
def demo_load() -> list[tuple[str, str, str]]:
    """Create (or keep) the demo cluster, organizations, users and the seed plan; idempotent.

    Returns the logins as (username, password, role) for printing.
    """
    cluster, _ = Cluster.objects.get_or_create(
        slug="transport",
        defaults={
            "name": "Образовательно-отраслевой кластер транспорта",
            "short_name": "Кластер транспорта",
            "region": "Томская область",
            "industry": "транспорт",
        },
    )
    organizations = {}
    for short_name, full_name, kind, role, is_demo in ORGANIZATIONS:
        organization, _ = Organization.objects.get_or_create(
            short_name=short_name,
            defaults={"full_name": full_name, "kind": kind, "is_demo": is_demo},
        )
        Membership.objects.get_or_create(
            cluster=cluster, organization=organization, defaults={"role": role}
        )
        organizations[short_name] = organization
    Person.objects.get_or_create(
        full_name="Ю.В. Дроздов",
        organization=organizations["Координационный совет"],
        defaults={"position": "Председатель Координационного совета"},
    )

    User = get_user_model()
    logins = []
    admin, created = User.objects.get_or_create(
        username="admin",
        defaults={"is_staff": True, "is_superuser": True, "first_name": "Администратор"},
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    logins.append(("admin", DEMO_PASSWORD, "администратор"))
    for username, full_name, kind, organization_name in USERS:
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": full_name}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        role, _ = UserRole.objects.get_or_create(
            user=user,
            cluster=cluster,
            defaults={"kind": kind, "organization": organizations.get(organization_name)},
        )
        logins.append((username, DEMO_PASSWORD, role.get_kind_display()))

    if not Plan.objects.filter(cluster=cluster).exists():
        document = read_plan(SEED_PLAN.read_bytes(), SEED_PLAN.name)
        plan_import(cluster=cluster, document=document, actor=admin, source_filename=SEED_PLAN.name)
    return logins
