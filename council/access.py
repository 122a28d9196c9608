"""Who may see and change the council's records, one condition per line.

- Everyone with a role in the cluster reads the council: members, meetings, protocols, materials,
  assignments (as they read the plan). So does a council member whose Person is linked to the user.
- Meetings (agenda, invitations, attendance, decisions, assignments, protocol, closing) are managed
  by the cluster's coordinators and administrators, and by the council's chair and secretary (a
  user linked to the Person of a member in that role, on the council today). Observers never write.
- The council itself (members, terms, quorum rule) and taking assignments off control belong to
  coordinators and administrators.
- A cluster the user cannot read is a 404 (its existence is not disclosed); a visible record the
  user may not change is a 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from council.models import AgendaItem, AgendaMaterial, Assignment, CouncilMember, Decision, Meeting
from orgs.access import User, can_manage_cluster, can_read_cluster, is_administrator, role_in
from orgs.models import Cluster, UserRole

OFFICER_ROLES = (CouncilMember.Role.CHAIR, CouncilMember.Role.SECRETARY)


def council_roles(user: User, cluster: Cluster) -> set[str]:
    """The user's roles on the cluster's council today (through their Person), read once per
    request and kept on the user object."""
    if not user.is_authenticated or not user.is_active:
        return set()
    cache = getattr(user, "_council_roles", None)
    if cache is None:
        cache = {}
        user._council_roles = cache
    if cluster.pk not in cache:
        today = timezone.localdate()
        cache[cluster.pk] = set(
            CouncilMember.objects.filter(
                council__cluster=cluster, person__user=user, term_start__lte=today
            )
            .filter(Q(term_end__isnull=True) | Q(term_end__gte=today))
            .values_list("role", flat=True)
        )
    return cache[cluster.pk]


def can_read_council(user: User, cluster: Cluster) -> bool:
    if can_read_cluster(user, cluster):
        return True
    return bool(council_roles(user, cluster))


def can_manage_meetings(user: User, cluster: Cluster) -> bool:
    """Create and hold meetings, write protocols: coordinators, the chair and the secretary."""
    if is_administrator(user):
        return True
    role = role_in(user, cluster)
    if role is not None and role.kind == UserRole.Kind.COORDINATOR:
        return True
    if role is not None and role.kind == UserRole.Kind.OBSERVER:
        return False
    return bool(council_roles(user, cluster) & set(OFFICER_ROLES))


def can_manage_council(user: User, cluster: Cluster) -> bool:
    """Members, terms, the quorum rule, taking assignments off control: coordinators."""
    return can_manage_cluster(user, cluster)


def _cluster_or_404(slug: str) -> Cluster:
    cluster = Cluster.objects.filter(slug=slug).first()
    if cluster is None:
        raise Http404("Кластер не найден.")
    return cluster


def access_council_cluster(user: User, slug: str, *, for_change: bool = False) -> Cluster:
    """The cluster whose council the user reads (or, `for_change`, whose council they manage)."""
    cluster = _cluster_or_404(slug)
    if not can_read_council(user, cluster):
        raise Http404("Кластер не найден.")
    if for_change and not can_manage_council(user, cluster):
        raise PermissionDenied("Состав совета и правило кворума меняет координатор кластера.")
    return cluster


def access_meetings(user: User, slug: str, *, for_change: bool = False) -> Cluster:
    """The cluster whose meetings the user reads (or, `for_change`, may create)."""
    cluster = _cluster_or_404(slug)
    if not can_read_council(user, cluster):
        raise Http404("Кластер не найден.")
    if for_change and not can_manage_meetings(user, cluster):
        raise PermissionDenied(
            "Заседания ведут координатор кластера, председатель и секретарь совета."
        )
    return cluster


def _check_meeting(user: User, meeting: Meeting | None, for_change: bool) -> None:
    if meeting is None or not can_read_council(user, meeting.council.cluster):
        raise Http404("Заседание не найдено.")
    if for_change and not can_manage_meetings(user, meeting.council.cluster):
        raise PermissionDenied(
            "Заседания ведут координатор кластера, председатель и секретарь совета."
        )


def access_meeting(user: User, meeting_id: int, *, for_change: bool = False) -> Meeting:
    meeting = (
        Meeting.objects.select_related("council__cluster", "chair", "secretary")
        .filter(pk=meeting_id)
        .first()
    )
    _check_meeting(user, meeting, for_change)
    return meeting


def access_item(user: User, item_id: int, *, for_change: bool = False) -> AgendaItem:
    item = AgendaItem.objects.select_related("meeting__council__cluster").filter(pk=item_id).first()
    _check_meeting(user, item.meeting if item else None, for_change)
    return item


def access_material(user: User, material_id: int, *, for_change: bool = False) -> AgendaMaterial:
    material = (
        AgendaMaterial.objects.select_related("item__meeting__council__cluster")
        .filter(pk=material_id)
        .first()
    )
    _check_meeting(user, material.item.meeting if material else None, for_change)
    return material


def access_decision(user: User, decision_id: int, *, for_change: bool = False) -> Decision:
    decision = (
        Decision.objects.select_related("item__meeting__council__cluster")
        .filter(pk=decision_id)
        .first()
    )
    _check_meeting(user, decision.item.meeting if decision else None, for_change)
    return decision


def access_assignment(user: User, assignment_id: int, *, for_change: bool = False) -> Assignment:
    """An assignment to read; `for_change` (taking it off control) is for coordinators only."""
    assignment = (
        Assignment.objects.select_related(
            "meeting__council__cluster", "decision__item", "activity__plan", "lead"
        )
        .filter(pk=assignment_id)
        .first()
    )
    if assignment is None or not can_read_council(user, assignment.meeting.council.cluster):
        raise Http404("Поручение не найдено.")
    if for_change and not can_manage_council(user, assignment.meeting.council.cluster):
        raise PermissionDenied("Снять поручение с контроля может координатор кластера.")
    return assignment


def access_member(user: User, member_id: int) -> CouncilMember:
    """A council member to change (coordinators only)."""
    member = (
        CouncilMember.objects.select_related("council__cluster", "person", "organization")
        .filter(pk=member_id)
        .first()
    )
    if member is None or not can_read_council(user, member.council.cluster):
        raise Http404("Член совета не найден.")
    if not can_manage_council(user, member.council.cluster):
        raise PermissionDenied("Состав совета и правило кворума меняет координатор кластера.")
    return member
