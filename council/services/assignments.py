"""Assignments (поручения) under control, kept as plan activities.

Each assignment becomes an activity made by `plans.services.activity_create` — in the cluster's
plan of assignments («Поручения Координационного совета на 2023-2024», made on demand, one
section «Протокол № N от DD.MM.YYYY» per meeting), or, when the council adds it to the plan, in the
current work plan under the objective chosen. The executors cell is written from the chosen
organizations' names (the lead first), the deadline as typed or as «до DD.MM.YYYY». So obligations,
reports, review, reminders, dashboards and to-do lists treat assignments like any plan activity.
Taking one off control is `plans.services.activity_remove` (its reports stay) plus a note here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from council.models import Assignment, Decision, Meeting
from council.services.common import lock_meeting, paragraphs
from council.services.meetings import protocol_title
from orgs.models import Cluster, Organization
from orgs.services import ExecutorDirectory
from parsing.deadlines import DeadlineKind, PlanWindow, parse_deadline
from plans.models import Activity, Objective, Plan
from plans.services import activity_create, activity_remove, objective_create, plan_create

ASSIGNMENTS_TITLE = "Поручения Координационного совета на {label}"
DEADLINE_HELP = (
    "Напишите срок так, как в протоколе: «до 15 декабря 2023 года», «IV квартал 2023 года», "
    "«ежеквартально», — или выберите дату."
)


def academic_label(day: date) -> str:
    first = day.year if day.month >= 9 else day.year - 1
    return f"{first}-{first + 1}"


def work_plan_for(cluster: Cluster, day: date) -> Plan | None:
    """The cluster's work plan whose year covers the day (an approved one before a draft)."""
    return (
        Plan.objects.filter(
            cluster=cluster,
            kind=Plan.Kind.WORK_PLAN,
            window_start__lte=day,
            window_end__gte=day,
        )
        .order_by("status", "-created_at")
        .first()
    )


def _copy_periods(source: Plan, target: Plan, actor) -> None:
    """The assignments plan reports in the same periods as the work plan of its year."""
    from reporting.models import ReportingPeriod
    from reporting.services import period_create

    for period in ReportingPeriod.objects.filter(plan=source).order_by("start"):
        period_create(
            plan=target,
            title=period.title,
            start=period.start,
            end=period.end,
            due_date=period.due_date,
            kind=period.kind,
            actor=actor,
        )


@transaction.atomic
def assignments_plan_ensure(*, cluster: Cluster, day: date, actor) -> Plan:
    """The cluster's plan of assignments for the plan year covering `day`, made the first time.

    Its year and window are those of the work plan of that year (an academic year when there is
    none); its reporting periods are copied from the work plan (now, or with the next assignment
    once the work plan has them), so reports on assignments are due when reports on the plan are.
    """
    Cluster.objects.select_for_update().filter(pk=cluster.pk).first()  # one maker at a time
    work_plan = work_plan_for(cluster, day)
    label = work_plan.year_label if work_plan else academic_label(day)
    plan = Plan.objects.filter(
        cluster=cluster, kind=Plan.Kind.ASSIGNMENTS, year_label=label
    ).first()
    if plan is not None:
        if work_plan is not None and not plan.reporting_periods.exists():
            _copy_periods(work_plan, plan, actor)  # the work plan got its periods since
        return plan
    if work_plan is not None:
        start, end = work_plan.window_start, work_plan.window_end
    else:
        window = PlanWindow.from_label(label)
        start, end = window.start, window.end
    plan = plan_create(
        cluster=cluster,
        actor=actor,
        title=ASSIGNMENTS_TITLE.format(label=label),
        year_label=label,
        window_start=start,
        window_end=end,
        kind=Plan.Kind.ASSIGNMENTS,
        note="План поручений Координационного совета создан для контроля исполнения поручений.",
    )
    if work_plan is not None:
        _copy_periods(work_plan, plan, actor)
    return plan


def meeting_objective_ensure(*, meeting: Meeting, plan: Plan, actor) -> Objective:
    """The section «Протокол № N от DD.MM.YYYY» of the assignments plan for this meeting."""
    objective = None
    if meeting.control_objective_id:
        objective = Objective.objects.filter(pk=meeting.control_objective_id, plan=plan).first()
    if objective is None:
        objective = objective_create(plan=plan, actor=actor, title=protocol_title(meeting))
        meeting.control_objective = objective
        meeting.save(update_fields=["control_objective"])
    return objective


def _resolves_to(directory: ExecutorDirectory, text: str) -> list[tuple[int, bool]]:
    resolution = directory.resolve(text)
    if resolution.unresolved:
        return []
    return [(organization.pk, lead) for organization, lead, _ in resolution.assignments]


def organization_phrase(directory: ExecutorDirectory, organization: Organization) -> str:
    """How to write the organization in an executors cell so that it reads back as exactly that
    organization: its short name, or quoted, or its full name. «Демо: ЦОПП» as written would read
    as every ЦОПП of the cluster; «Демо: ЦОПП» in quotes reads as the one organization."""
    candidates = [organization.short_name, organization.full_name]
    candidates += [f"«{name}»" for name in candidates if not re.search(r"[«»\"“”„]", name)]
    for candidate in candidates:
        if _resolves_to(directory, candidate) == [(organization.pk, True)]:
            return candidate
    raise ValidationError(
        {
            "lead": f"Название организации «{organization.short_name}» в плане читается как "
            "другие организации или группа. Попросите администратора уточнить её краткое название."
        }
    )


def executors_text_for(
    *, cluster: Cluster, lead: Organization, co_executors: Sequence[Organization]
) -> str:
    """«ОГБПОУ «ТТВТС», ОГБПОУ «ТКГТ»» — the lead first; checked to read back exactly."""
    directory = ExecutorDirectory(cluster)
    members = {organization.pk for organization in directory.organizations}
    chosen = [lead, *co_executors]
    foreign = [organization for organization in chosen if organization.pk not in members]
    if foreign:
        raise ValidationError(
            {"lead": f"Организация «{foreign[0]}» не входит в кластер — выберите из списка."}
        )
    if lead.pk in {organization.pk for organization in co_executors}:
        raise ValidationError(
            {"co_executors": "Ответственная организация не может быть и соисполнителем."}
        )
    text = ", ".join(organization_phrase(directory, organization) for organization in chosen)
    expected = [(lead.pk, True)] + [(organization.pk, False) for organization in co_executors]
    if sorted(_resolves_to(directory, text)) != sorted(expected):
        raise ValidationError(
            {"lead": "Не удалось записать исполнителей так, чтобы план прочитал их однозначно."}
        )
    return text


def deadline_phrase(*, deadline_text: str, due_date: date | None) -> str:
    deadline_text = " ".join((deadline_text or "").split())
    if due_date is not None and deadline_text:
        raise ValidationError(
            {"deadline_text": "Укажите срок одним способом: датой или словами, не обоими."}
        )
    if due_date is not None:
        return f"до {due_date:%d.%m.%Y}"
    if not deadline_text:
        raise ValidationError({"deadline_text": f"Укажите срок исполнения. {DEADLINE_HELP}"})
    return deadline_text


def check_deadline(phrase: str, plan: Plan, meeting: Meeting) -> None:
    """The phrase must read as a date, a period or «по мере необходимости», end within the plan
    year and not before the meeting: an unreadable deadline is refused, never guessed."""
    deadline = parse_deadline(phrase, PlanWindow(plan.window_start, plan.window_end))
    if deadline.kind == DeadlineKind.UNPARSED:
        raise ValidationError(
            {
                "deadline_text": f"Срок «{phrase}» не удалось прочитать: {deadline.reason}. "
                f"{DEADLINE_HELP}"
            }
        )
    if deadline.end is not None and deadline.end > plan.window_end:
        raise ValidationError(
            {
                "deadline_text": f"Срок «{phrase}» ({deadline.end:%d.%m.%Y}) позже конца плана "
                f"на {plan.year_label} ({plan.window_end:%d.%m.%Y}): отчитаться по такому "
                "поручению в этом году будет не в чем. Назначьте срок в пределах года плана "
                "или разбейте поручение на этапы."
            }
        )
    if deadline.end is not None and deadline.end < meeting.local_date:
        raise ValidationError(
            {
                "deadline_text": f"Срок «{phrase}» ({deadline.end:%d.%m.%Y}) раньше даты "
                f"заседания ({meeting.local_date:%d.%m.%Y})."
            }
        )


def next_activity_number(objective: Objective) -> str:
    """«2.13» after 2.1 … 2.12 in objective 2 (empty when the objective has no number)."""
    if not objective.number:
        return ""
    numbers = Activity.all_objects.filter(objective=objective).values_list("number", flat=True)
    prefix = f"{objective.number}."
    taken = [
        int(number[len(prefix) :])
        for number in numbers
        if number.startswith(prefix) and number[len(prefix) :].isdigit()
    ]
    return f"{prefix}{max(taken, default=0) + 1}"


def _check_linked(activity: Activity | None, cluster: Cluster) -> None:
    if activity is None:
        return
    current = Activity.objects.filter(pk=activity.pk, plan__cluster=cluster).exists()
    if not current:
        raise ValidationError(
            {"linked_activity": "Мероприятие не из действующих планов этого кластера."}
        )


@transaction.atomic
def assignment_create(
    *,
    decision: Decision,
    actor,
    text: str,
    lead: Organization,
    co_executors: Sequence[Organization] = (),
    deadline_text: str = "",
    due_date: date | None = None,
    linked_activity: Activity | None = None,
    plan_objective: Objective | None = None,
) -> Assignment:
    """An assignment of an adopted decision, put under control as a plan activity (a new plan
    edition). With `plan_objective` it is added to the current work plan under that objective;
    otherwise to the plan of assignments of the meeting's year."""
    meeting = lock_meeting(decision.item.meeting)
    cluster = meeting.council.cluster
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.kind != Decision.Kind.ASSIGNMENTS:
        raise ValidationError("Поручения даются решением вида «поручения».")
    if not decision.adopted:
        raise ValidationError("Решение не принято — поручения по нему не даются.")
    text = paragraphs(text)
    if not text:
        raise ValidationError({"text": "Сформулируйте поручение."})
    co_executors = list(dict.fromkeys(co_executors))
    executors_text = executors_text_for(cluster=cluster, lead=lead, co_executors=co_executors)
    phrase = deadline_phrase(deadline_text=deadline_text, due_date=due_date)
    _check_linked(linked_activity, cluster)

    number = (
        Assignment.objects.filter(meeting=meeting).aggregate(last=Max("number"))["last"] or 0
    ) + 1
    note = (
        f"Поручение Координационного совета: {protocol_title(meeting).lower()}, "
        f"решение {decision.item.position}.{decision.position}"
    )
    if plan_objective is not None:
        work_plan = work_plan_for(cluster, meeting.local_date)
        if work_plan is None or plan_objective.plan_id != work_plan.pk:
            raise ValidationError(
                {"plan_objective": "Задача не из действующего плана работы кластера."}
            )
        check_deadline(phrase, work_plan, meeting)
        activity = activity_create(
            plan=work_plan,
            objective=plan_objective,
            actor=actor,
            number=next_activity_number(plan_objective),
            title=text,
            executors_text=executors_text,
            deadline_text=phrase,
            note=note,
        )
    else:
        plan = assignments_plan_ensure(cluster=cluster, day=meeting.local_date, actor=actor)
        check_deadline(phrase, plan, meeting)
        activity = activity_create(
            plan=plan,
            objective=meeting_objective_ensure(meeting=meeting, plan=plan, actor=actor),
            actor=actor,
            number=f"{meeting.number}.{number}",
            title=text,
            executors_text=executors_text,
            deadline_text=phrase,
            note=note,
        )
    assignment = Assignment(
        meeting=meeting,
        decision=decision,
        number=number,
        text=text,
        lead=lead,
        deadline_text=phrase[:300],
        due_date=due_date or activity.deadline_end,
        activity=activity,
        in_work_plan=plan_objective is not None,
        linked_activity=linked_activity,
    )
    assignment.full_clean(exclude=["removed_by"])
    assignment.save()
    assignment.co_executors.set(co_executors)
    return assignment


@transaction.atomic
def assignment_remove_from_control(*, assignment: Assignment, actor, note: str) -> Assignment:
    """Take an assignment off control: its activity leaves the plan in a new edition (reports
    stay) and who, when and why are recorded. Allowed after the meeting is closed: control goes
    on after the protocol is signed."""
    assignment = (
        Assignment.objects.select_for_update()
        .select_related("activity", "meeting")
        .get(pk=assignment.pk)
    )
    note = paragraphs(note)
    if not note:
        raise ValidationError({"note": "Укажите основание снятия с контроля."})
    if assignment.removed_at is not None:
        raise ValidationError("Поручение уже снято с контроля.")
    if Activity.objects.filter(pk=assignment.activity_id).exists():
        activity_remove(
            activity=assignment.activity,
            actor=actor,
            note=f"Поручение {assignment.meeting.number}.{assignment.number} снято с контроля: "
            f"{note}",
        )
    assignment.removed_at = timezone.now()
    assignment.removed_by = actor if getattr(actor, "is_authenticated", False) else None
    assignment.removal_note = note
    assignment.save(update_fields=["removed_at", "removed_by", "removal_note"])
    return assignment
