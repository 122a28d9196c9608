"""Display helpers of the execution pages: links to the rows behind a number, cell labels."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlencode

from django import template
from django.urls import reverse

from reporting.indicators import format_value

register = template.Library()

CELL_SYMBOLS = {
    "accepted-done": "✓",
    "accepted-in_progress": "◐",
    "accepted-not_started": "○",
    "accepted-not_done": "✗",
    "accepted-postponed": "→",
    "accepted-nothing": "–",
    "submitted": "?",
    "returned": "!",
    "draft": "…",
    "missing": "",
}


@register.simple_tag
def scoped(scope: dict, **changes) -> str:
    """A query string: the dashboard's scope (plan, period, filters) with some keys changed."""
    query = {**scope, **changes}
    return "?" + urlencode({key: value for key, value in query.items() if value not in ("", None)})


@lru_cache(maxsize=1)
def _report_url_pattern() -> str:
    return reverse("reporting:report_page", args=[987654321, 123456789])


@register.filter
def report_url(slot) -> str:
    """The report page of a slot (built from one reversed pattern: the matrix has thousands)."""
    return (
        _report_url_pattern()
        .replace("987654321", str(slot.obligation.id))
        .replace("123456789", str(slot.period.pk))
    )


@register.filter
def cell_symbol(slot) -> str:
    return CELL_SYMBOLS.get(slot.cell, "")


@register.filter
def slot_label(slot) -> str:
    """«принят: выполнено», «на проверке», «нет отчёта»."""
    if slot.state == "accepted" and slot.status:
        from reporting.models import Report

        return f"принят: {Report.Status(slot.status).label}"
    return slot.state.label


@register.filter
def amount(value) -> str:
    return format_value(value)


@register.filter
def get_item(mapping, key):
    return mapping.get(key)


@register.filter
def get_field(form, name):
    return form[name]
