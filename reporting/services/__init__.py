"""Writes on execution, keyword-only and atomic (`<entity>_<action>`)."""

from reporting.services.evidence import evidence_add_file, evidence_add_link, evidence_remove
from reporting.services.jobs import (
    report_job_create,
    report_job_request,
    report_job_run,
    runs_immediately,
)
from reporting.services.periods import (
    period_create,
    period_delete,
    period_update,
    periods_generate,
    scheme_spans,
)
from reporting.services.reminders import digest_send, reminder_stage, reminders_send
from reporting.services.reports import (
    EditConflict,
    report_accept,
    report_ensure,
    report_return,
    report_save,
    report_snapshot,
    report_submit,
)
from reporting.services.requests import (
    deadline_change_approve,
    deadline_change_refuse,
    deadline_change_request,
    indicator_create,
    indicator_delete,
    indicator_update,
    notification_preference_set,
)

__all__ = [
    "EditConflict",
    "deadline_change_approve",
    "deadline_change_refuse",
    "deadline_change_request",
    "digest_send",
    "evidence_add_file",
    "evidence_add_link",
    "evidence_remove",
    "indicator_create",
    "indicator_delete",
    "indicator_update",
    "notification_preference_set",
    "period_create",
    "period_delete",
    "period_update",
    "periods_generate",
    "reminder_stage",
    "reminders_send",
    "report_accept",
    "report_ensure",
    "report_job_create",
    "report_job_request",
    "report_job_run",
    "report_return",
    "report_save",
    "report_snapshot",
    "report_submit",
    "runs_immediately",
    "scheme_spans",
]
