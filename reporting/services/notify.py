"""Who receives e-mail about reports, and the e-mails about review decisions.

Representatives are the users with that role for the organization in the cluster; the head of an
organization is a person whose position says «директор» or «руководитель» (the representatives
stand in when there is none); coordinators are the cluster's. A user's NotificationPreference
decides which kinds they receive; people without an account (a head known only as a Person) always
receive what concerns their organization.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from orgs.models import Cluster, Person, UserRole
from reporting.models import NotificationPreference, Report

HEAD_WORDS = ("директор", "руководитель")


def site_url(path: str = "") -> str:
    """An absolute address for e-mails (settings.SITE_URL: required with DEBUG off)."""
    return settings.SITE_URL.rstrip("/") + path


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    user_id: int | None = None


def _user_email(user) -> str:
    if user.email:
        return user.email
    person = getattr(user, "person", None)
    return person.email if person is not None else ""


def preferences(user_ids: Iterable[int]) -> dict[int, NotificationPreference]:
    return {
        preference.user_id: preference
        for preference in NotificationPreference.objects.filter(user_id__in=set(user_ids))
    }


def wants(recipient: Recipient, kind: str, prefs: dict[int, NotificationPreference]) -> bool:
    """Whether the recipient accepts this kind of e-mail (a field of NotificationPreference)."""
    if recipient.user_id is None or recipient.user_id not in prefs:
        return True
    return getattr(prefs[recipient.user_id], kind)


def _as_recipient(user) -> Recipient | None:
    email = _user_email(user)
    if not email or not user.is_active:
        return None
    return Recipient(email, user.get_full_name() or user.get_username(), user.pk)


def representatives(
    cluster: Cluster, organization_ids: Iterable[int]
) -> dict[int, list[Recipient]]:
    roles = (
        UserRole.objects.filter(
            cluster=cluster,
            kind=UserRole.Kind.REPRESENTATIVE,
            organization_id__in=set(organization_ids),
        )
        .select_related("user__person")
        .order_by("user__username")
    )
    result: dict[int, list[Recipient]] = {}
    for role in roles:
        recipient = _as_recipient(role.user)
        if recipient is not None:
            result.setdefault(role.organization_id, []).append(recipient)
    return result


def heads(organization_ids: Iterable[int]) -> dict[int, list[Recipient]]:
    """Heads of organizations by position (checked in Python: SQLite folds only ASCII case)."""
    result: dict[int, list[Recipient]] = {}
    people = Person.objects.filter(organization_id__in=set(organization_ids)).exclude(email="")
    for person in people.order_by("full_name"):
        position = person.position.casefold()
        if any(word in position for word in HEAD_WORDS):
            result.setdefault(person.organization_id, []).append(
                Recipient(person.email, person.full_name, person.user_id)
            )
    return result


def coordinators(cluster: Cluster) -> list[Recipient]:
    roles = (
        UserRole.objects.filter(cluster=cluster, kind=UserRole.Kind.COORDINATOR)
        .select_related("user__person")
        .order_by("user__username")
    )
    return [r for r in (_as_recipient(role.user) for role in roles) if r is not None]


def send(recipient: Recipient, template: str, context: dict) -> None:
    """One plain-text e-mail from templates/reporting/email/<template>.txt (first line: subject)."""
    context = {
        **context,
        "recipient": recipient,
        "settings_url": site_url(reverse("reporting:notification_settings")),
    }
    subject, _, body = render_to_string(f"reporting/email/{template}.txt", context).partition("\n")
    send_mail(subject.strip(), body.strip() + "\n", None, [recipient.email])


def notify_review(*, report_id: int) -> None:
    """Tell the organization's representatives that their report was accepted or returned."""
    report = (
        Report.objects.select_related(
            "obligation__activity__plan__cluster", "obligation__organization", "period"
        )
        .filter(pk=report_id)
        .first()
    )
    if report is None or report.state not in (Report.State.ACCEPTED, Report.State.RETURNED):
        return
    cluster = report.obligation.activity.plan.cluster
    people = representatives(cluster, [report.obligation.organization_id]).get(
        report.obligation.organization_id, []
    )
    prefs = preferences(r.user_id for r in people if r.user_id)
    url = site_url(reverse("reporting:report_page", args=[report.obligation_id, report.period_id]))
    for recipient in people:
        if wants(recipient, "review_results", prefs):
            send(recipient, "review", {"report": report, "url": url})
