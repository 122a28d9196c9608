"""One report's page: the report (if started), its values, evidence, versions and indicators."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from plans.models import Activity, Obligation
from reporting.indicators import source_value
from reporting.models import (
    DeadlineChangeRequest,
    Evidence,
    Indicator,
    Report,
    ReportingPeriod,
    ReportVersion,
)


def report_for(obligation: Obligation, period: ReportingPeriod) -> Report | None:
    return Report.objects.filter(obligation=obligation, period=period).first()


def activity_indicators(activity: Activity) -> list[Indicator]:
    return list(Indicator.objects.filter(activity=activity).order_by("position", "pk"))


@dataclass
class IndicatorField:
    indicator: Indicator
    value: Decimal | None
    automatic: bool


@dataclass
class ReportPage:
    obligation: Obligation
    period: ReportingPeriod
    report: Report | None
    indicators: list[IndicatorField] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    versions: list[ReportVersion] = field(default_factory=list)
    pending_request: DeadlineChangeRequest | None = None

    @property
    def allows_nothing(self) -> bool:
        """«Нечего сообщить за период» fits activities without a date (as needed, unparsed)."""
        return self.obligation.activity.deadline_kind in (
            Activity.DeadlineKind.AS_NEEDED,
            Activity.DeadlineKind.UNPARSED,
        )


def report_page(
    *, obligation: Obligation, period: ReportingPeriod, report: Report | None
) -> ReportPage:
    """Everything the report page shows, in a fixed number of queries."""
    page = ReportPage(obligation=obligation, period=period, report=report)
    values: dict[int, Decimal] = {}
    if report is not None:
        values = dict(report.values.values_list("indicator_id", "value"))
        page.evidence = list(
            report.evidence.filter(removed_at__isnull=True).order_by("added_at", "pk")
        )
        page.versions = list(
            report.versions.select_related("submitted_by", "decided_by").order_by("-number")
        )
    for indicator in activity_indicators(obligation.activity):
        if indicator.source:
            value = source_value(indicator, obligation.organization, period)
            page.indicators.append(IndicatorField(indicator, value, automatic=True))
        else:
            page.indicators.append(
                IndicatorField(indicator, values.get(indicator.pk), automatic=False)
            )
    page.pending_request = DeadlineChangeRequest.objects.filter(
        obligation=obligation, state=DeadlineChangeRequest.State.PENDING
    ).first()
    return page
