"""Reminders about reports due, escalating, and the coordinators' weekly digest.

Around each period's due date a run sends at most one stage, only about organizations that still
have reports to submit:

    3 days before the due date  → the organization's representatives («скоро срок»)
    from the due date           → the representatives again («срок сегодня»)
    3 days after                → the organization's head (or the representatives if none is known)
    7 days after (for 30 days)  → the cluster's coordinators, one e-mail listing every late one

Each e-mail is recorded in SentReminder under a unique key before it goes out, in the same
transaction, so running the job twice (cron and a worker, or a retry) sends nothing twice, and a
failed send is retried on the next run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse

from orgs.models import Cluster
from reporting.models import DeadlineChangeRequest, Report, ReportingPeriod, SentReminder
from reporting.selectors.grid import NOT_SUBMITTED, PlanGrid, Slot, plan_grid
from reporting.services.notify import (
    Recipient,
    coordinators,
    heads,
    preferences,
    representatives,
    send,
    site_url,
    wants,
)

Kind = SentReminder.Kind


def _days(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def reminder_stage(period: ReportingPeriod, today: date) -> str | None:
    """Which reminder the period calls for today, if any."""
    due = period.due_date
    before = due - timedelta(days=_days("REPORT_REMINDER_DAYS_BEFORE", 3))
    head = due + timedelta(days=_days("REPORT_ESCALATE_HEAD_DAYS", 3))
    coordinator = due + timedelta(days=_days("REPORT_ESCALATE_COORDINATOR_DAYS", 7))
    if before <= today < due:
        return Kind.BEFORE
    if due <= today < head:
        return Kind.DUE
    if head <= today < coordinator:
        return Kind.HEAD
    if coordinator <= today < coordinator + timedelta(days=30):
        return Kind.COORDINATOR
    return None


@dataclass
class Sent:
    kind: str
    recipient: str
    organizations: list[str] = field(default_factory=list)


def _record_and_send(
    *,
    kind: str,
    recipient: Recipient,
    keys: list[tuple[str, ReportingPeriod | None, int | None]],
    template: str,
    context: dict,
) -> bool:
    """Record the e-mail under its keys and send it, all or nothing; False if already sent."""
    try:
        with transaction.atomic():
            SentReminder.objects.bulk_create(
                SentReminder(
                    kind=kind,
                    key=key,
                    recipient=recipient.email,
                    period=period,
                    organization_id=organization_id,
                )
                for key, period, organization_id in keys
            )
            send(recipient, template, context)
    except IntegrityError:
        return False
    return True


def _unsent_keys(kind: str, recipient: str, keys: list[str]) -> set[str]:
    done = set(
        SentReminder.objects.filter(kind=kind, recipient=recipient, key__in=keys).values_list(
            "key", flat=True
        )
    )
    return set(keys) - done


def _period_key(period: ReportingPeriod, organization_id: int) -> str:
    return f"period:{period.pk}:org:{organization_id}"


def _missing_by_organization(grid: PlanGrid, period: ReportingPeriod) -> dict[int, list[Slot]]:
    missing: dict[int, list[Slot]] = {}
    for slot in grid.slots(period):
        if slot.state in NOT_SUBMITTED:
            missing.setdefault(slot.obligation.organization_id, []).append(slot)
    return missing


def _remind_period(grid: PlanGrid, period: ReportingPeriod, stage: str, sent: list[Sent]) -> None:
    cluster = grid.plan.cluster
    missing = _missing_by_organization(grid, period)
    if not missing:
        return
    context = {"plan": grid.plan, "period": period, "stage": stage}
    if stage == Kind.COORDINATOR:
        late = [(grid.organizations[org_id], slots) for org_id, slots in missing.items()]
        late.sort(key=lambda item: item[0].casefold())
        people = coordinators(cluster)
        prefs = preferences(r.user_id for r in people if r.user_id)
        for recipient in people:
            if not wants(recipient, "overdue_escalations", prefs):
                continue
            keys = {_period_key(period, org_id): org_id for org_id in missing}
            fresh = _unsent_keys(stage, recipient.email, list(keys))
            if not fresh:
                continue
            url = site_url(reverse("reporting:execution_dashboard", args=[cluster.slug]))
            entries = [
                (name, slots)
                for name, slots in late
                if _period_key(period, slots[0].obligation.organization_id) in fresh
            ]
            if _record_and_send(
                kind=stage,
                recipient=recipient,
                keys=[(key, period, keys[key]) for key in sorted(fresh)],
                template="escalation_coordinator",
                context={**context, "late": entries, "url": url},
            ):
                sent.append(Sent(stage, recipient.email, [name for name, _ in entries]))
        return

    reps = representatives(cluster, missing)
    head_people = heads(missing) if stage == Kind.HEAD else {}
    for org_id, slots in missing.items():
        people = head_people.get(org_id) or reps.get(org_id, [])
        prefs = preferences(r.user_id for r in people if r.user_id)
        url = site_url(reverse("reporting:organization_reports", args=[cluster.slug, org_id]))
        url += f"?plan={grid.plan.pk}&period={period.pk}"
        for recipient in people:
            if not wants(recipient, "report_reminders", prefs):
                continue
            if _record_and_send(
                kind=stage,
                recipient=recipient,
                keys=[(_period_key(period, org_id), period, org_id)],
                template=f"reminder_{stage}",
                context={
                    **context,
                    "organization": grid.organizations[org_id],
                    "slots": slots,
                    "url": url,
                },
            ):
                sent.append(Sent(stage, recipient.email, [grid.organizations[org_id]]))


def reminders_send(*, today: date) -> list[Sent]:
    """Send every reminder due today, once; returns what was sent (for the command's output)."""
    sent: list[Sent] = []
    periods = ReportingPeriod.objects.select_related("plan__cluster").order_by("plan", "start")
    by_plan: dict[int, list[ReportingPeriod]] = {}
    for period in periods:
        by_plan.setdefault(period.plan_id, []).append(period)
    for plan_periods in by_plan.values():
        staged = [(period, reminder_stage(period, today)) for period in plan_periods]
        staged = [(period, stage) for period, stage in staged if stage]
        if not staged:
            continue
        grid = plan_grid(plan=plan_periods[0].plan, periods=plan_periods)
        for period, stage in staged:
            _remind_period(grid, period, stage, sent)
    sent.extend(digest_send(today=today))
    return sent


def digest_send(*, today: date) -> list[Sent]:
    """The weekly digest for coordinators: sent by the first run of each ISO week."""
    monday = today - timedelta(days=today.weekday())
    sent = []
    for cluster in Cluster.objects.filter(plans__reporting_periods__isnull=False).distinct():
        people = coordinators(cluster)
        prefs = preferences(r.user_id for r in people if r.user_id)
        key = f"week:{monday.isoformat()}:cluster:{cluster.pk}"
        wanted = [r for r in people if wants(r, "weekly_digest", prefs)]
        fresh = [r for r in wanted if _unsent_keys(Kind.DIGEST, r.email, [key])]
        if not fresh:
            continue
        context = {"cluster": cluster, "monday": monday, "plans": _digest_plans(cluster, today)}
        context["url"] = site_url(reverse("reporting:execution_dashboard", args=[cluster.slug]))
        for recipient in fresh:
            if _record_and_send(
                kind=Kind.DIGEST,
                recipient=recipient,
                keys=[(key, None, None)],
                template="digest",
                context=context,
            ):
                sent.append(Sent(Kind.DIGEST, recipient.email, []))
    return sent


def _digest_plans(cluster: Cluster, today: date) -> list[dict]:
    """Per plan with periods: reports waiting for review, overdue, due this fortnight, requests."""
    result = []
    soon = today + timedelta(days=settings.DUE_SOON_DAYS)
    for plan in cluster.plans.filter(reporting_periods__isnull=False).distinct():
        grid = plan_grid(plan=plan)
        slots = [slot for period in grid.periods for slot in grid.slots(period)]
        result.append(
            {
                "plan": plan,
                "on_review": sum(
                    1 for s in slots if s.report and s.report.state == Report.State.SUBMITTED
                ),
                "overdue": sum(1 for s in slots if s.is_overdue(today)),
                "due_soon": sum(
                    1 for s in slots if not s.is_submitted and today <= s.period.due_date <= soon
                ),
                "requests": DeadlineChangeRequest.objects.filter(
                    obligation__activity__plan=plan, state=DeadlineChangeRequest.State.PENDING
                ).count(),
            }
        )
    return result
