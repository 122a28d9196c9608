"""API on clusters and their organizations: readable by anyone with a role in the cluster."""

from typing import Annotated, Literal

from ninja import Path, Router, Schema

from orgs.access import access_cluster, clusters_for, is_administrator, role_in
from orgs.models import Membership, Organization

router = Router(tags=["Кластеры и организации"])

# Choices as plain string enums: two models' `Role` enums would share one schema name otherwise.
OrganizationKind = Literal[tuple(Organization.Kind.values)]
MembershipRole = Literal[tuple(Membership.Role.values)]
Slug = Annotated[
    str, Path(max_length=50, pattern=r"^[-a-zA-Z0-9_]+$", description="адрес кластера")
]


class ClusterOut(Schema):
    id: int
    slug: str
    name: str
    short_name: str
    region: str
    industry: str
    role: str | None = None

    @staticmethod
    def resolve_role(cluster, context) -> str | None:
        """The caller's role here: coordinator, representative, observer or administrator."""
        user = context["request"].auth
        role = role_in(user, cluster)
        if role is not None:
            return role.kind
        return "administrator" if is_administrator(user) else None


class OrganizationOut(Schema):
    id: int
    short_name: str
    full_name: str
    kind: OrganizationKind
    kind_label: str
    membership_role: MembershipRole
    is_demo: bool

    @staticmethod
    def resolve_kind_label(organization) -> str:
        return organization.get_kind_display()


@router.get("/clusters", response=list[ClusterOut], summary="Кластеры, доступные вызывающему")
def cluster_list(request):
    return clusters_for(request.auth).order_by("short_name", "pk")


@router.get("/clusters/{slug}", response=ClusterOut, summary="Кластер")
def cluster_get(request, slug: Slug):
    return access_cluster(request.auth, slug)


@router.get(
    "/clusters/{slug}/organizations",
    response=list[OrganizationOut],
    summary="Организации кластера",
)
def cluster_organizations(request, slug: Slug):
    cluster = access_cluster(request.auth, slug)
    memberships = (
        Membership.objects.filter(cluster=cluster)
        .select_related("organization")
        .order_by("organization__kind", "organization__short_name")
    )
    organizations = []
    for membership in memberships:
        membership.organization.membership_role = membership.role
        organizations.append(membership.organization)
    return organizations
