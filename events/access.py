"""Who may see and change events (DESIGN §3), one condition per line.

- Everyone with a role in the cluster reads its events, outcomes and the coverage report.
- An event is managed (edited, groups confirmed, attendance marked, evidence added) by the cluster's
  coordinators and by the representatives of its host organization; administrators may do anything.
- Teachers' names and contacts on group registrations are personal data: only those who manage the
  event see them. Everyone else sees groups as counts.
- Erasing a person's data is for administrators.
- The public calendar needs no sign-in and shows only what `public_event` lets through: public
  events of the cluster, never a teacher's contact.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from events.models import Competitor, Event, EventEvidence, GroupRegistration, ProfessionalClass
from orgs.access import User, can_manage_cluster, can_read_cluster, is_administrator, role_in
from orgs.models import Cluster, Organization, UserRole

NOT_FOUND = "Мероприятие не найдено."


def can_manage_event(user: User, cluster: Cluster, host_id: int) -> bool:
    """Change an event hosted by this organization."""
    if is_administrator(user):
        return True
    role = role_in(user, cluster)
    if role is None:
        return False
    if role.kind == UserRole.Kind.COORDINATOR:
        return True
    if role.kind != UserRole.Kind.REPRESENTATIVE:
        return False
    return role.organization_id == host_id


def can_create_events(user: User, cluster: Cluster) -> bool:
    """Coordinators, administrators and representatives (for their own organization)."""
    if is_administrator(user):
        return True
    role = role_in(user, cluster)
    if role is None:
        return False
    return role.kind in (UserRole.Kind.COORDINATOR, UserRole.Kind.REPRESENTATIVE)


def host_choices(user: User, cluster: Cluster) -> QuerySet[Organization]:
    """The organizations the user may name as an event's host (or a class's college)."""
    members = Organization.objects.filter(memberships__cluster=cluster).order_by("short_name")
    if can_manage_cluster(user, cluster):
        return members
    role = role_in(user, cluster)
    if role is None or role.kind != UserRole.Kind.REPRESENTATIVE:
        return members.none()
    return members.filter(pk=role.organization_id)


def access_events_cluster(user: User, slug: str, *, for_create: bool = False) -> Cluster:
    """A cluster whose events the user reads (404 without a role); `for_create`: may add events."""
    cluster = Cluster.objects.filter(slug=slug).first()
    if cluster is None:
        raise Http404("Кластер не найден.")
    if not can_read_cluster(user, cluster):
        raise Http404("Кластер не найден.")
    if for_create and not can_create_events(user, cluster):
        raise PermissionDenied(
            "Добавлять мероприятия могут координатор кластера и представители организаций."
        )
    return cluster


def access_event(user: User, event_id: int, *, for_change: bool = False) -> Event:
    event = (
        Event.objects.select_related("cluster", "kind", "host", "activity__plan")
        .filter(pk=event_id)
        .first()
    )
    if event is None:
        raise Http404(NOT_FOUND)
    if not can_read_cluster(user, event.cluster):
        raise Http404(NOT_FOUND)
    if for_change and not can_manage_event(user, event.cluster, event.host_id):
        raise PermissionDenied(
            f"Изменять мероприятие может организатор («{event.host}») или координатор кластера."
        )
    return event


def access_registration(
    user: User, registration_id: int, *, for_change: bool = False
) -> GroupRegistration:
    """A group registration with its teacher's contact: seen and changed by the event's managers."""
    registration = (
        GroupRegistration.objects.select_related("slot__event__cluster", "slot__event__host")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:
        raise Http404("Заявка не найдена.")
    event = registration.slot.event
    if not can_read_cluster(user, event.cluster):
        raise Http404("Заявка не найдена.")
    if not can_manage_event(user, event.cluster, event.host_id):
        raise PermissionDenied("Заявки на мероприятие видит и обрабатывает его организатор.")
    return registration


def access_evidence(user: User, evidence_id: int, *, for_change: bool = False) -> EventEvidence:
    evidence = EventEvidence.objects.filter(pk=evidence_id).first()
    if evidence is None:
        raise Http404("Файл не найден.")
    evidence.event = access_event(user, evidence.event_id, for_change=for_change)
    return evidence


def access_competitor(user: User, competitor_id: int, *, for_erase: bool = False) -> Competitor:
    """A named participant: seen by the event's managers; erased by administrators only."""
    competitor = Competitor.objects.filter(pk=competitor_id).first()
    if competitor is None:
        raise Http404("Участник не найден.")
    competitor.event = access_event(user, competitor.event_id, for_change=True)
    if for_erase and not is_administrator(user):
        raise PermissionDenied("Удалить персональные данные участника может администратор.")
    return competitor


def can_erase_personal_data(user: User) -> bool:
    return is_administrator(user)


def can_manage_class(user: User, cluster: Cluster, college_id: int) -> bool:
    """A professional class is kept by its partner college's representatives and coordinators."""
    return can_manage_event(user, cluster, college_id)


def access_professional_class(
    user: User, class_id: int, *, for_change: bool = False
) -> ProfessionalClass:
    item = (
        ProfessionalClass.objects.select_related("cluster", "college", "enterprise")
        .filter(pk=class_id)
        .first()
    )
    if item is None:
        raise Http404("Профессиональный класс не найден.")
    if not can_read_cluster(user, item.cluster):
        raise Http404("Профессиональный класс не найден.")
    if for_change and not can_manage_class(user, item.cluster, item.college_id):
        raise PermissionDenied(
            f"Изменять запись может колледж-партнёр («{item.college}») или координатор кластера."
        )
    return item


def public_cluster(slug: str) -> Cluster:
    """The cluster of a public calendar (no sign-in)."""
    cluster = Cluster.objects.filter(slug=slug).first()
    if cluster is None:
        raise Http404("Календарь не найден.")
    return cluster


def public_event(cluster: Cluster, event_id: int) -> Event:
    """A public event of the cluster, whatever its state (a cancelled one says so)."""
    event = (
        Event.objects.select_related("kind", "host", "cluster")
        .filter(pk=event_id, cluster=cluster, is_public=True)
        .first()
    )
    if event is None:
        raise Http404(NOT_FOUND)
    return event
