"""Indicator values: the registry of automatic sources and the year's actual figure.

A module that records the cluster's work (events, mentoring, championships…) registers a source
once, usually in its AppConfig.ready():

    from reporting.indicators import register_value_source

    def schoolchildren_at_trials(indicator, organization, period):
        return Decimal(Trial.objects.filter(...).aggregate(...)["n"] or 0)

    register_value_source("events.trial_participants", "Участники профпроб (из модуля событий)",
                          schoolchildren_at_trials)

A coordinator then picks that source for an indicator (Indicator.source = the key) and its values
come from the module instead of the reports. Reporting never imports the module. A source returns
None when it has nothing for that organization and period.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from orgs.models import Organization
    from reporting.models import Indicator, ReportingPeriod

ValueSource = Callable[["Indicator", "Organization", "ReportingPeriod"], Decimal | None]
# Optional: every (organization id, period id) value of one indicator at once, for pages that show
# many organizations and periods in a fixed number of queries.
BulkValueSource = Callable[
    ["Indicator", "list[Organization]", "list[ReportingPeriod]"],
    dict[tuple[int, int], Decimal | None],
]


@dataclass(frozen=True)
class RegisteredSource:
    key: str
    label: str
    function: ValueSource
    bulk: BulkValueSource | None = None


_SOURCES: dict[str, RegisteredSource] = {}


def register_value_source(
    key: str, function: ValueSource, *, label: str = "", bulk: BulkValueSource | None = None
) -> None:
    """Make `function` available as an indicator's source under `key` (re-registering replaces).

    `bulk`, if given, answers for many organizations and periods at once; dashboards use it so a
    page costs the same number of queries whatever the cluster's size.
    """
    if not key or len(key) > 100:
        raise ValueError("A value source needs a key of 1–100 characters.")
    _SOURCES[key] = RegisteredSource(key, label or key, function, bulk)


def unregister_value_source(key: str) -> None:
    _SOURCES.pop(key, None)


def value_source(key: str) -> RegisteredSource | None:
    return _SOURCES.get(key)


def value_source_choices() -> list[tuple[str, str]]:
    """For a select: manual first, then every registered source by its label."""
    return [
        ("", "вручную — из отчётов организаций"),
        *sorted(
            ((source.key, source.label) for source in _SOURCES.values()), key=lambda item: item[1]
        ),
    ]


def source_value(
    indicator: Indicator, organization: Organization, period: ReportingPeriod
) -> Decimal | None:
    """What the indicator's registered source says; None if the source is gone or has nothing."""
    source = _SOURCES.get(indicator.source)
    if source is None:
        return None
    value = source.function(indicator, organization, period)
    return None if value is None else Decimal(value)


def source_values(
    indicator: Indicator, organizations: list[Organization], periods: list[ReportingPeriod]
) -> dict[tuple[int, int], Decimal | None]:
    """Every (organization id, period id) value of the indicator's source: the source's bulk
    answer when it has one (a fixed number of queries), else one call per organization and period."""
    source = _SOURCES.get(indicator.source)
    if source is None:
        return {}
    if source.bulk is not None:
        found = source.bulk(indicator, organizations, periods)
    else:
        found = {
            (organization.pk, period.pk): source.function(indicator, organization, period)
            for organization in organizations
            for period in periods
        }
    return {key: None if value is None else Decimal(value) for key, value in found.items()}


@dataclass(frozen=True)
class Point:
    """One value: whose, for which period (by its end date), how much."""

    organization_id: int
    period_end: date
    value: Decimal


def aggregate(aggregation: str, points: Iterable[Point]) -> Decimal | None:
    """The actual figure from the values of several organizations and periods.

    sum — everything added; latest — each organization's value of its latest period, added across
    organizations (a count of mentors now, not ever); max — the highest value anyone reported.
    None when there is no value at all.
    """
    points = list(points)
    if not points:
        return None
    if aggregation == "max":
        return max(point.value for point in points)
    if aggregation == "latest":
        latest: dict[int, Point] = {}
        for point in points:
            held = latest.get(point.organization_id)
            if held is None or point.period_end >= held.period_end:
                latest[point.organization_id] = point
        return sum((point.value for point in latest.values()), Decimal(0))
    return sum((point.value for point in points), Decimal(0))


def percent(actual: Decimal | None, target: Decimal | None) -> int | None:
    if actual is None or not target:
        return None
    return round(actual * 100 / target)


def format_value(value: Decimal | None) -> str:
    """1234.50 → «1 234,5»; 12.00 → «12»; None → «—»."""
    if value is None:
        return "—"
    normalized = value.quantize(Decimal("0.01")).normalize()
    text = f"{normalized:,f}".replace(",", " ").replace(".", ",")
    return text
