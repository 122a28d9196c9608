"""Small display helpers shared by every page: dates of a deadline, query strings for filters."""

from datetime import date

from django import template

register = template.Library()

EVERY_LABELS = {
    "week": "еженедельно",
    "month": "ежемесячно",
    "quarter": "ежеквартально",
    "half_year": "раз в полугодие",
    "year": "ежегодно",
}


def ru_date(value: date) -> str:
    return value.strftime("%d.%m.%Y")


@register.filter
def deadline_dates(activity) -> str:
    """The dates understood from a deadline phrase, in words a reader checks against the phrase."""
    kind = activity.deadline_kind
    if kind == "as_needed":
        return "без даты"
    if kind == "unparsed" or activity.deadline_end is None:
        return "не распознан"
    span = ru_date(activity.deadline_end)
    if activity.deadline_start and activity.deadline_start != activity.deadline_end:
        span = f"{ru_date(activity.deadline_start)} – {span}"
    if kind == "recurring":
        return f"{EVERY_LABELS.get(activity.deadline_every, 'регулярно')}, {span}"
    return span


@register.simple_tag(takes_context=True)
def with_query(context, **changes) -> str:
    """The current query string with some parameters replaced (for pagination and filter links)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


FIELD_LABELS = {
    "number": "№ п/п",
    "title": "наименование",
    "executors": "исполнители",
    "deadline_text": "срок исполнения",
    "objective": "задача",
}
CHANGE_LABELS = {
    "added": "добавлено",
    "removed": "исключено",
    "changed": "изменено",
    "unchanged": "без изменений",
}


@register.filter
def field_label(name: str) -> str:
    return FIELD_LABELS.get(name, name)


@register.filter
def change_label(kind: str) -> str:
    return CHANGE_LABELS.get(kind, kind)
