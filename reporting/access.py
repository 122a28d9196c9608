"""Who may see and write what in execution (DESIGN §3), one condition per line.

- Reports are written by the representatives of the organization that owes them (and administrators).
- A report that is not accepted yet (draft, on review, returned) is seen by its organization's
  representatives, the cluster's coordinators and administrators; everyone else with a role in the
  cluster (observers, other organizations) sees accepted reports only. To them an unaccepted report
  does not exist (404), as a cluster without a role does not.
- Coordinators review reports, manage periods and indicators, and decide deadline requests.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404

from orgs.access import User, can_manage_cluster, can_read_cluster, is_administrator, role_in
from orgs.models import Cluster, UserRole
from plans.models import Obligation
from reporting.models import (
    DeadlineChangeRequest,
    Evidence,
    Indicator,
    Report,
    ReportingPeriod,
    ReportJob,
)


def can_see_unaccepted(user: User, cluster: Cluster, organization_id: int) -> bool:
    """Drafts, reports on review and returned ones of this organization."""
    if is_administrator(user):
        return True
    role = role_in(user, cluster)
    if role is None:
        return False
    if role.kind == UserRole.Kind.COORDINATOR:
        return True
    if role.kind != UserRole.Kind.REPRESENTATIVE:
        return False
    return role.organization_id == organization_id


def can_write_reports(user: User, cluster: Cluster, organization_id: int) -> bool:
    """Write, submit and attach evidence to this organization's reports; ask to move a deadline."""
    if is_administrator(user):
        return True
    role = role_in(user, cluster)
    if role is None:
        return False
    if role.kind != UserRole.Kind.REPRESENTATIVE:
        return False
    return role.organization_id == organization_id


def report_visible(user: User, report: Report, cluster: Cluster) -> bool:
    if not can_read_cluster(user, cluster):
        return False
    if report.state == Report.State.ACCEPTED:
        return True
    return can_see_unaccepted(user, cluster, report.obligation.organization_id)


@dataclass(frozen=True)
class ReportRights:
    """What one person may do on the page of one report place (obligation × period)."""

    hidden: bool  # a report exists but is not accepted yet and not theirs to see
    can_write: bool  # they write this organization's reports
    editable: bool  # …and this report can still be changed (not removed from the plan, not locked)
    can_review: bool  # a coordinator, and the report waits for review


def report_rights(user: User, obligation: Obligation, report: Report | None) -> ReportRights:
    cluster = obligation.activity.plan.cluster
    hidden = report is not None and not report_visible(user, report, cluster)
    can_write = can_write_reports(user, cluster, obligation.organization_id)
    removed = bool(obligation.removed_in_id or obligation.activity.removed_in_id)
    seen = None if hidden else report
    return ReportRights(
        hidden=hidden,
        can_write=can_write,
        editable=can_write and not removed and (report is None or report.is_editable),
        can_review=bool(
            seen is not None
            and seen.state == Report.State.SUBMITTED
            and can_manage_cluster(user, cluster)
        ),
    )


def _refuse_writing(obligation: Obligation) -> PermissionDenied:
    return PermissionDenied(
        f"Отчёт по этому мероприятию пишет представитель организации «{obligation.organization}»."
    )


def access_report(user: User, report_id: int, *, for_change: bool = False) -> Report:
    report = (
        Report.objects.select_related(
            "obligation__activity__plan__cluster",
            "obligation__activity__objective",
            "obligation__organization",
            "period",
        )
        .filter(pk=report_id)
        .first()
    )
    if report is None:
        raise Http404("Отчёт не найден.")
    cluster = report.obligation.activity.plan.cluster
    if not report_visible(user, report, cluster):
        raise Http404("Отчёт не найден.")
    if for_change and not can_write_reports(user, cluster, report.obligation.organization_id):
        raise _refuse_writing(report.obligation)
    return report


def access_review(user: User, report_id: int) -> Report:
    """A report the user may accept or return: coordinators of its cluster and administrators."""
    report = access_report(user, report_id)
    if not can_manage_cluster(user, report.obligation.activity.plan.cluster):
        raise PermissionDenied("Принимать и возвращать отчёты может только координатор кластера.")
    return report


def access_obligation(user: User, obligation_id: int, *, for_change: bool = False) -> Obligation:
    """An obligation; `for_change`: the user reports on it. Reports on what a later edition
    removed stay readable, but only the current plan takes new ones."""
    obligation = (
        Obligation.all_objects.select_related(
            "activity__plan__cluster", "activity__objective", "organization"
        )
        .filter(pk=obligation_id)
        .first()
    )
    if obligation is None:
        raise Http404("Мероприятие не найдено.")
    cluster = obligation.activity.plan.cluster
    if not can_read_cluster(user, cluster):
        raise Http404("Мероприятие не найдено.")
    if for_change and not can_write_reports(user, cluster, obligation.organization_id):
        raise _refuse_writing(obligation)
    removed = obligation.removed_in_id or obligation.activity.removed_in_id
    if for_change and removed:
        raise PermissionDenied(
            "Мероприятие исключено из плана новой редакцией — отчёт по нему не принимается."
        )
    return obligation


def access_slot(
    user: User, obligation_id: int, period_id: int, *, for_change: bool = False
) -> tuple[Obligation, ReportingPeriod]:
    """The obligation and a period of the same plan (the place of one report)."""
    obligation = access_obligation(user, obligation_id, for_change=for_change)
    period = ReportingPeriod.objects.filter(
        pk=period_id, plan_id=obligation.activity.plan_id
    ).first()
    if period is None:
        raise Http404("Отчётный период не найден.")
    return obligation, period


def access_evidence(user: User, evidence_id: int, *, for_change: bool = False) -> Evidence:
    evidence = Evidence.objects.filter(pk=evidence_id, removed_at__isnull=True).first()
    if evidence is None:
        raise Http404("Файл не найден.")
    evidence.report = access_report(user, evidence.report_id, for_change=for_change)
    return evidence


def access_period(user: User, period_id: int, *, for_change: bool = False) -> ReportingPeriod:
    period = ReportingPeriod.objects.select_related("plan__cluster").filter(pk=period_id).first()
    if period is None or not can_read_cluster(user, period.plan.cluster):
        raise Http404("Отчётный период не найден.")
    if for_change and not can_manage_cluster(user, period.plan.cluster):
        raise PermissionDenied("Отчётные периоды задаёт координатор кластера.")
    return period


def access_indicator(user: User, indicator_id: int, *, for_change: bool = False) -> Indicator:
    indicator = Indicator.objects.select_related("plan__cluster").filter(pk=indicator_id).first()
    if indicator is None or not can_read_cluster(user, indicator.plan.cluster):
        raise Http404("Показатель не найден.")
    if for_change and not can_manage_cluster(user, indicator.plan.cluster):
        raise PermissionDenied("Показатели плана задаёт координатор кластера.")
    return indicator


def access_deadline_request(
    user: User, request_id: int, *, for_decision: bool = False
) -> DeadlineChangeRequest:
    """Seen by coordinators, observers and the asking organization; decided by coordinators."""
    request = (
        DeadlineChangeRequest.objects.select_related(
            "obligation__activity__plan__cluster", "obligation__organization"
        )
        .filter(pk=request_id)
        .first()
    )
    if request is None:
        raise Http404("Запрос не найден.")
    cluster = request.obligation.activity.plan.cluster
    role = role_in(user, cluster)
    if not can_read_cluster(user, cluster):
        raise Http404("Запрос не найден.")
    if (
        role is not None
        and role.kind == UserRole.Kind.REPRESENTATIVE
        and role.organization_id != request.obligation.organization_id
    ):
        raise Http404("Запрос не найден.")
    if for_decision and not can_manage_cluster(user, cluster):
        raise PermissionDenied("Решение о переносе срока принимает координатор кластера.")
    return request


def access_report_job(user: User, job_id: int) -> ReportJob:
    """A consolidated report being made: only the person who asked for it (and administrators)."""
    job = ReportJob.objects.select_related("plan__cluster", "period").filter(pk=job_id).first()
    if job is None or not can_read_cluster(user, job.plan.cluster):
        raise Http404("Отчёт не найден.")
    if job.requested_by_id != user.pk and not is_administrator(user):
        raise Http404("Отчёт не найден.")
    return job
