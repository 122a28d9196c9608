"""What the consolidated report («Отчёт о выполнении плана работы …») prints, as frozen data.

`build_consolidated` reads the plan and its accepted reports in a fixed number of queries and
returns a `ConsolidatedReport`; the renderers (`docx`, `xlsx`, `pdf`) turn it into bytes without
the database, so every format prints the same words. Only accepted reports count: the report is
what the coordinator has checked.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils import timezone

from orgs.models import Organization
from plans.models import Plan
from reporting.indicators import format_value
from reporting.models import Evidence, IndicatorValue, Report, ReportingPeriod
from reporting.selectors.grid import SlotState, expected, plan_grid, plan_periods_list
from reporting.selectors.indicators import indicator_progress

Progress = Callable[[float], None]
NO_REPORT = "нет принятого отчёта"
NOT_IN_PERIOD = "Срок исполнения не приходится на отчётный период."
STATUS_ORDER = [
    Report.Status.DONE,
    Report.Status.IN_PROGRESS,
    Report.Status.NOT_STARTED,
    Report.Status.NOT_DONE,
    Report.Status.POSTPONED,
    Report.Status.NOTHING,
]
_PLAN_HEAD_RE = re.compile(r"^\s*план\s+работы\s+", re.IGNORECASE)
_UNSAFE_FILENAME_RE = re.compile(r'[\\/:*?"<>|«»\x00-\x1f]+')


@dataclass(frozen=True)
class NoteEntry:
    """One accepted report in the «Отметка о выполнении» cell."""

    period_label: str  # empty when the report covers one period
    status: str
    status_label: str
    text: str
    reason: str
    values: tuple[str, ...]  # «Число участников: 120 чел.»

    @property
    def values_line(self) -> str:
        line = "; ".join(self.values)
        return line if line.endswith(".") else line + "."

    evidence: tuple[tuple[str, str], ...]  # (label, address)


@dataclass(frozen=True)
class OrganizationNote:
    organization: str
    entries: tuple[NoteEntry, ...]


@dataclass(frozen=True)
class ReportRow:
    number: str
    title: str
    executors: str
    deadline_text: str
    notes: tuple[OrganizationNote, ...]  # organizations with accepted reports
    missing: tuple[str, ...] = ()  # organizations that owe a report but have none accepted

    @property
    def note_fallback(self) -> str:
        return NOT_IN_PERIOD if not self.notes and not self.missing else ""

    @property
    def missing_line(self) -> str:
        return f"Нет принятого отчёта: {', '.join(self.missing)}." if self.missing else ""


@dataclass(frozen=True)
class ReportSection:
    heading: str
    rows: tuple[ReportRow, ...]


@dataclass(frozen=True)
class IndicatorLine:
    name: str
    unit: str
    target: str
    actual: str
    percent: str


@dataclass(frozen=True)
class OverdueLine:
    number: str
    title: str
    deadline_text: str
    who: tuple[str, ...]  # «ОГБПОУ «ТКГТ» — не выполнено: причина»


@dataclass(frozen=True)
class ConsolidatedReport:
    title_lines: tuple[str, ...]
    period_line: str
    scope_line: str
    generated_line: str
    sections: tuple[ReportSection, ...]
    status_counts: tuple[tuple[str, int], ...]  # (label, obligations) in STATUS_ORDER, then none
    expected_total: int
    indicators: tuple[IndicatorLine, ...]
    overdue: tuple[OverdueLine, ...]
    signature_position: str
    signature_name: str
    filename_stem: str

    @property
    def rows(self) -> tuple[ReportRow, ...]:
        return tuple(row for section in self.sections for row in section.rows)


def report_title_lines(plan_title: str) -> tuple[str, ...]:
    """«План работы X на 2023 – 2024 учебный год» → «Отчёт о выполнении плана работы» / «X на …»."""
    rest = _PLAN_HEAD_RE.sub("", " ".join(plan_title.split()), count=1)
    if rest == plan_title.strip():
        return ("Отчёт о выполнении плана", f"«{rest}»")
    return ("Отчёт о выполнении плана работы", rest)


def objective_heading(number: str, title: str) -> str:
    return f"Задача {number}. {title}" if number else title


def _values_by_report(report_ids: set[int]) -> dict[int, list[str]]:
    result: dict[int, list[str]] = {}
    rows = IndicatorValue.objects.filter(report_id__in=report_ids).order_by(
        "indicator__position", "indicator_id"
    )
    for report_id, name, unit, value in rows.values_list(
        "report_id", "indicator__name", "indicator__unit", "value"
    ):
        result.setdefault(report_id, []).append(
            f"{name}: {format_value(value)}{' ' + unit if unit else ''}"
        )
    return result


def _evidence_by_report(report_ids: set[int], base_url: str) -> dict[int, list[tuple[str, str]]]:
    result: dict[int, list[tuple[str, str]]] = {}
    rows = Evidence.objects.filter(report_id__in=report_ids, removed_at__isnull=True).order_by(
        "added_at", "pk"
    )
    for pk, report_id, kind, name, title, url in rows.values_list(
        "pk", "report_id", "kind", "original_name", "title", "url"
    ):
        if kind == Evidence.Kind.FILE:
            address = base_url.rstrip("/") + reverse("reporting:evidence_download", args=[pk])
            result.setdefault(report_id, []).append((name or "файл", address))
        else:
            result.setdefault(report_id, []).append((title or url, url))
    return result


def build_consolidated(
    *,
    plan: Plan,
    period: ReportingPeriod,
    year_to_date: bool = False,
    organization: Organization | None = None,
    base_url: str = "",
    today: date | None = None,
    progress: Progress | None = None,
) -> ConsolidatedReport:
    """The report of the plan's execution for a period (or from the start of the year to it), for
    the whole cluster or one organization. Eight queries whatever the plan's size."""
    today = today or timezone.localdate()
    periods = plan_periods_list(plan)
    until = [each for each in periods if each.end <= period.end] or [period]
    scope = until if year_to_date else [period]
    grid = plan_grid(
        plan=plan, periods=periods, organization_id=organization.pk if organization else None
    )
    if progress:
        progress(0.1)

    accepted = Report.objects.filter(
        obligation__activity__plan=plan,
        period__in=[each.pk for each in until],
        state=Report.State.ACCEPTED,
    )
    if organization is not None:
        accepted = accepted.filter(obligation__organization=organization)
    texts = {
        pk: (text, reason) for pk, text, reason in accepted.values_list("pk", "text", "reason")
    }
    values = _values_by_report(set(texts))
    evidence = _evidence_by_report(set(texts), base_url)
    if progress:
        progress(0.2)

    period_label = {each.pk: each.title for each in periods}
    scope_ids = {each.pk for each in scope}
    entries: dict[int, list[NoteEntry]] = {}  # by obligation, periods in order
    latest: dict[int, str] = {}  # obligation → status of its latest accepted report until `period`
    for each in until:
        for slot in grid.slots(each):
            if slot.state != SlotState.ACCEPTED:
                continue
            latest[slot.obligation.id] = slot.status
            if each.pk not in scope_ids:
                continue
            text, reason = texts.get(slot.report.id, ("", ""))
            entries.setdefault(slot.obligation.id, []).append(
                NoteEntry(
                    period_label=period_label[each.pk] if len(scope) > 1 else "",
                    status=slot.status,
                    status_label=Report.Status(slot.status).label,
                    text=text,
                    reason=reason,
                    values=tuple(values.get(slot.report.id, [])),
                    evidence=tuple(evidence.get(slot.report.id, [])),
                )
            )

    expected_in_scope: dict[int, list] = {}  # activity → obligations expected in the scope
    for obligation in grid.obligations:
        activity = grid.activities[obligation.activity_id]
        if any(expected(activity, each, plan) for each in scope):
            expected_in_scope.setdefault(activity.id, []).append(obligation)

    sections: list[ReportSection] = []
    owed = {obligation.activity_id for obligation in grid.obligations}
    for objective_id, objective in grid.objectives.items():
        rows = []
        for activity in grid.activities.values():
            if activity.objective_id != objective_id:
                continue
            if organization is not None and activity.id not in owed:
                continue
            owing = expected_in_scope.get(activity.id, [])
            notes = tuple(
                OrganizationNote(
                    grid.organizations[obligation.organization_id],
                    tuple(entries[obligation.id]),
                )
                for obligation in owing
                if entries.get(obligation.id)
            )
            missing = tuple(
                grid.organizations[obligation.organization_id]
                for obligation in owing
                if not entries.get(obligation.id)
            )
            rows.append(
                ReportRow(
                    activity.number,
                    activity.title,
                    activity.executors_text,
                    activity.deadline_text,
                    notes,
                    missing,
                )
            )
        if rows:
            sections.append(
                ReportSection(objective_heading(objective.number, objective.title), tuple(rows))
            )

    counts = dict.fromkeys(STATUS_ORDER, 0)
    missing = 0
    for obligations in expected_in_scope.values():
        for obligation in obligations:
            scope_entries = entries.get(obligation.id)
            if scope_entries:
                counts[Report.Status(scope_entries[-1].status)] += 1
            else:
                missing += 1
    status_counts = (
        *tuple((status.label, counts[status]) for status in STATUS_ORDER),
        (NO_REPORT, missing),
    )

    indicators = tuple(
        IndicatorLine(
            name=item.indicator.name,
            unit=item.indicator.unit,
            target=format_value(item.indicator.target),
            actual=format_value(item.actual),
            percent=f"{item.percent} %" if item.percent is not None else "—",
        )
        for item in indicator_progress(
            grid=grid, until=period, organization_id=organization.pk if organization else None
        )
    )
    overdue = _overdue(grid, period, latest)
    if progress:
        progress(0.3)

    scope_line = (
        f"Организация: {organization.short_name}"
        if organization
        else "Все организации — исполнители плана"
    )
    if year_to_date:
        period_line = (
            f"с {plan.window_start:%d.%m.%Y} по {period.end:%d.%m.%Y} (нарастающим итогом)"
        )
    else:
        period_line = (
            period.phrase
            if period.kind == ReportingPeriod.Kind.CUSTOM
            else f"{period.phrase} ({period.span})"
        )
    stem = f"Отчёт о выполнении плана — {period.title}"
    if year_to_date:
        stem += ", с начала года"
    if organization:
        stem += f" — {organization.short_name}"
    return ConsolidatedReport(
        title_lines=report_title_lines(plan.title),
        period_line=period_line,
        scope_line=scope_line,
        generated_line=(
            f"Составлен {today:%d.%m.%Y} по отчётам организаций, принятым координатором."
        ),
        sections=tuple(sections),
        status_counts=status_counts,
        expected_total=sum(count for _, count in status_counts),
        indicators=indicators,
        overdue=overdue,
        signature_position=plan.approver_position,
        signature_name=plan.approver_name,
        filename_stem=_UNSAFE_FILENAME_RE.sub("", stem).strip()[:150],
    )


def _overdue(grid, period: ReportingPeriod, latest: dict[int, str]) -> tuple[OverdueLine, ...]:
    """Activities whose deadline passed by the period's end without «выполнено» from everyone."""
    lines = []
    by_activity: dict[int, list] = {}
    for obligation in grid.obligations:
        by_activity.setdefault(obligation.activity_id, []).append(obligation)
    for activity in grid.activities.values():
        if activity.is_open or activity.deadline_end is None or activity.deadline_end > period.end:
            continue
        who = []
        for obligation in by_activity.get(activity.id, []):
            status = latest.get(obligation.id)
            if status == Report.Status.DONE:
                continue
            label = Report.Status(status).label if status else NO_REPORT
            who.append(f"{grid.organizations[obligation.organization_id]} — {label}")
        if who:
            lines.append(
                OverdueLine(activity.number, activity.title, activity.deadline_text, tuple(who))
            )
    return tuple(lines)
