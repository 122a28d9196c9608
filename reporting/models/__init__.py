"""Execution of the plan: reporting periods, reports with evidence and indicator values, review,
deadline-change requests, reminders and consolidated report jobs."""

from reporting.models.indicators import Indicator, IndicatorValue
from reporting.models.periods import ReportingPeriod
from reporting.models.reports import Evidence, Report, ReportVersion, evidence_path
from reporting.models.workflow import (
    DeadlineChangeRequest,
    NotificationPreference,
    ReportJob,
    SentReminder,
)

__all__ = [
    "DeadlineChangeRequest",
    "Evidence",
    "Indicator",
    "IndicatorValue",
    "NotificationPreference",
    "Report",
    "ReportJob",
    "ReportVersion",
    "ReportingPeriod",
    "SentReminder",
    "evidence_path",
]
