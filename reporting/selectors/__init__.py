"""Reads on execution: the plan's reporting grid, the dashboard, indicators, one report's page."""

from reporting.selectors.dashboard import (
    Dashboard,
    SlotFilters,
    Tally,
    cluster_dashboard,
    slot_rows,
)
from reporting.selectors.grid import (
    PlanGrid,
    Slot,
    SlotState,
    current_period,
    expected,
    plan_grid,
    plan_periods_list,
)
from reporting.selectors.indicators import IndicatorProgress, indicator_progress
from reporting.selectors.reports import (
    ReportPage,
    activity_indicators,
    report_for,
    report_page,
)

__all__ = [
    "Dashboard",
    "IndicatorProgress",
    "PlanGrid",
    "ReportPage",
    "Slot",
    "SlotFilters",
    "SlotState",
    "Tally",
    "activity_indicators",
    "cluster_dashboard",
    "current_period",
    "expected",
    "indicator_progress",
    "plan_grid",
    "plan_periods_list",
    "report_for",
    "report_page",
    "slot_rows",
]
