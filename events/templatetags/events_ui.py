"""Pieces of events for other apps' pages: `{% activity_events_panel activity %}` shows what the
events linked to a plan activity add up to, with a link to them (for the activity's page)."""

from django import template
from django.utils import timezone

from events.selectors.coverage import activity_figures
from events.text import plural

register = template.Library()


@register.inclusion_tag("events/_activity_panel.html")
def activity_events_panel(activity):
    return {"activity": activity, "figures": activity_figures(activity.pk)}


@register.filter
def slot_span(slot) -> str:
    """«12.10.2023, 10:00–11:30»."""
    start, end = timezone.localtime(slot.starts_at), timezone.localtime(slot.ends_at)
    if start.date() == end.date():
        return f"{start:%d.%m.%Y}, {start:%H:%M}–{end:%H:%M}"
    return f"{start:%d.%m.%Y %H:%M} – {end:%d.%m.%Y %H:%M}"


@register.filter
def free_places(slot) -> str:
    if slot.capacity is None:
        return "без ограничения мест"
    free = max(slot.capacity - (getattr(slot, "taken", 0) or 0), 0)
    if not free:
        return "мест нет — лист ожидания"
    return f"свободно {free} {plural(free, 'место', 'места', 'мест')} из {slot.capacity}"


@register.filter
def ru_plural(number, forms: str) -> str:
    """{{ n|ru_plural:"школа,школы,школ" }}."""
    one, few, many = forms.split(",")
    return plural(int(number or 0), one, few, many)
