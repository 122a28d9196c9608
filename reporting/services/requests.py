"""Deadline-change requests, indicators and notification preferences."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from plans.models import Activity, Obligation, Plan, PlanEdition
from reporting.indicators import value_source
from reporting.models import DeadlineChangeRequest, Indicator, NotificationPreference


@transaction.atomic
def deadline_change_request(
    *, obligation: Obligation, actor, deadline_text: str, reason: str
) -> DeadlineChangeRequest:
    """An executor asks to move the activity's deadline; one pending request per obligation."""
    deadline_text = " ".join(deadline_text.split())
    errors = {}
    if not deadline_text:
        errors["deadline_text"] = "Укажите новый срок так, как он будет записан в плане."
    elif deadline_text == obligation.activity.deadline_text:
        errors["deadline_text"] = "Новый срок совпадает с нынешним."
    if not reason.strip():
        errors["reason"] = "Объясните, почему нужно перенести срок."
    if errors:
        raise ValidationError(errors)
    if DeadlineChangeRequest.objects.filter(
        obligation=obligation, state=DeadlineChangeRequest.State.PENDING
    ).exists():
        raise ValidationError("Запрос на перенос этого срока уже ждёт решения координатора.")
    request = DeadlineChangeRequest(
        obligation=obligation,
        current_deadline_text=obligation.activity.deadline_text[:500],
        proposed_deadline_text=deadline_text[:500],
        reason=reason.strip(),
        requested_by=actor,
    )
    request.full_clean()
    request.save()
    return request


def _decide(request: DeadlineChangeRequest, actor, state: str, comment: str) -> None:
    updated = DeadlineChangeRequest.objects.filter(
        pk=request.pk, state=DeadlineChangeRequest.State.PENDING
    ).update(
        state=state, decided_by=actor, decided_at=timezone.now(), decision_comment=comment.strip()
    )
    if not updated:
        raise ValidationError("По этому запросу решение уже принято.")
    request.refresh_from_db()


@transaction.atomic
def deadline_change_approve(
    *, request: DeadlineChangeRequest, actor, comment: str = ""
) -> DeadlineChangeRequest:
    """Approve: the activity gets the new deadline, and the plan a new edition saying why."""
    from plans.services import activity_update  # plans' edition service (issue 3)

    _decide(request, actor, DeadlineChangeRequest.State.APPROVED, comment)
    activity = Activity.objects.get(pk=request.obligation.activity_id)
    note = (
        f"Перенос срока мероприятия {activity.number} по запросу организации "
        f"«{request.obligation.organization}»: {request.reason}"
    )
    activity_update(
        activity=activity,
        actor=actor,
        deadline_text=request.proposed_deadline_text,
        note=note,
        postponed=True,
    )
    request.edition = (
        PlanEdition.objects.filter(plan_id=activity.plan_id).order_by("-number").only("pk").first()
    )
    request.save(update_fields=["edition"])
    return request


@transaction.atomic
def deadline_change_refuse(
    *, request: DeadlineChangeRequest, actor, comment: str
) -> DeadlineChangeRequest:
    if not comment.strip():
        raise ValidationError({"comment": "Объясните организации, почему срок не переносится."})
    _decide(request, actor, DeadlineChangeRequest.State.REFUSED, comment)
    return request


def _check_indicator(plan: Plan, activity: Activity | None, source: str) -> None:
    if activity is not None and activity.plan_id != plan.pk:
        raise ValidationError({"activity": "Мероприятие из другого плана."})
    if source and value_source(source) is None:
        raise ValidationError({"source": "Такого источника значений нет."})
    if activity is None and not source:
        raise ValidationError(
            {
                "activity": "Показатель плана в целом заполняется только автоматически: выберите "
                "мероприятие, в отчётах по которому организации будут вносить значения, или "
                "источник значений."
            }
        )


@transaction.atomic
def indicator_create(
    *,
    plan: Plan,
    actor,
    name: str,
    activity: Activity | None = None,
    unit: str = "",
    target: Decimal | None = None,
    aggregation: str = Indicator.Aggregation.SUM,
    source: str = "",
) -> Indicator:
    _check_indicator(plan, activity, source)
    indicator = Indicator(
        plan=plan,
        activity=activity,
        name=" ".join(name.split()),
        unit=unit.strip(),
        target=target,
        aggregation=aggregation,
        source=source,
        position=Indicator.objects.filter(plan=plan).count() + 1,
    )
    indicator.full_clean()
    indicator.save()
    return indicator


@transaction.atomic
def indicator_update(*, indicator: Indicator, actor, **fields) -> Indicator:
    for name, value in fields.items():
        setattr(indicator, name, value)
    _check_indicator(indicator.plan, indicator.activity, indicator.source)
    indicator.name = " ".join(indicator.name.split())
    indicator.full_clean()
    indicator.save()
    return indicator


@transaction.atomic
def indicator_delete(*, indicator: Indicator, actor) -> None:
    if indicator.values.exists():
        raise ValidationError(
            f"В отчётах уже есть значения показателя «{indicator.name}» — его нельзя удалить."
        )
    indicator.delete()


@transaction.atomic
def notification_preference_set(*, user, **flags: bool) -> NotificationPreference:
    preference, _ = NotificationPreference.objects.get_or_create(user=user)
    for name in NotificationPreference.FIELDS:
        if name in flags:
            setattr(preference, name, bool(flags[name]))
    preference.save()
    return preference
