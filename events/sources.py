"""The events module's value sources for plan indicators (reporting's registry).

A coordinator sets an indicator's source to one of these keys and its values come from the events
held instead of being typed into reports. Each function answers for one organization (the host of
the events) and one reporting period (by the date an event began), counting only events linked to
the indicator's activity — or, for a plan-level indicator, the plan's events and the cluster's
events linked to no activity. Nothing held → None (the report shows «—», not a false zero).

    events.held          events held
    events.participants  participants: pupils who came in school groups, other participants by
                         category, named competitors
    events.schools       schools covered (a school counts once, whatever the number of groups)
    events.trials        professional trials held (events of a kind marked «профессиональная проба»)
    events.trial_participants  participants of professional trials
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from events.selectors.figures import (
    HeldEvent,
    event_figures,
    held_events,
    held_with_figures,
    schools_covered,
)
from reporting.indicators import register_value_source

SOURCES = {
    "events.held": "Мероприятия: проведено (модуль «Мероприятия»)",
    "events.participants": "Мероприятия: участников (модуль «Мероприятия»)",
    "events.schools": "Мероприятия: охвачено школ (модуль «Мероприятия»)",
    "events.trials": "Профессиональные пробы: проведено (модуль «Мероприятия»)",
    "events.trial_participants": "Профессиональные пробы: участников (модуль «Мероприятия»)",
}


def _events(indicator, organization, period, *, trials_only: bool = False):
    return held_events(
        host_id=organization.pk,
        activity_id=indicator.activity_id,
        plan_id=indicator.plan_id,
        start=period.start,
        end=period.end,
        trials_only=trials_only,
    )


def held(indicator, organization, period) -> Decimal | None:
    count = _events(indicator, organization, period).count()
    return Decimal(count) if count else None


def participants(indicator, organization, period) -> Decimal | None:
    figures = event_figures(_events(indicator, organization, period))
    if not figures:
        return None
    return Decimal(sum(figure.participants for figure in figures))


def schools(indicator, organization, period) -> Decimal | None:
    events = _events(indicator, organization, period)
    if not events.exists():
        return None
    return Decimal(schools_covered(events))


def trials(indicator, organization, period) -> Decimal | None:
    count = _events(indicator, organization, period, trials_only=True).count()
    return Decimal(count) if count else None


def trial_participants(indicator, organization, period) -> Decimal | None:
    figures = event_figures(_events(indicator, organization, period, trials_only=True))
    if not figures:
        return None
    return Decimal(sum(figure.participants for figure in figures))


FUNCTIONS = {
    "events.held": held,
    "events.participants": participants,
    "events.schools": schools,
    "events.trials": trials,
    "events.trial_participants": trial_participants,
}


def _bulk(measure: Callable[[list[HeldEvent]], int], *, trials_only: bool = False):
    """A bulk source: the held events of every organization over all periods in two queries,
    then `measure` of those that began in each period (the same count as the one-value source)."""

    def bulk(indicator, organizations, periods) -> dict:
        if not organizations or not periods:
            return {}
        events = held_with_figures(
            held_events(
                host_ids=[organization.pk for organization in organizations],
                activity_id=indicator.activity_id,
                plan_id=indicator.plan_id,
                start=min(period.start for period in periods),
                end=max(period.end for period in periods),
                trials_only=trials_only,
            )
        )
        values = {}
        for organization in organizations:
            own = [event for event in events if event.host_id == organization.pk]
            for period in periods:
                within = [event for event in own if period.start <= event.day <= period.end]
                value = measure(within) if within else 0
                values[organization.pk, period.pk] = Decimal(value) if value else None
        return values

    return bulk


def _participants(events: list[HeldEvent]) -> int:
    return sum(event.participants for event in events)


def _schools(events: list[HeldEvent]) -> int:
    return len(frozenset().union(*(event.schools for event in events)))


BULK = {
    "events.held": _bulk(len),
    "events.participants": _bulk(_participants),
    "events.schools": _bulk(_schools),
    "events.trials": _bulk(len, trials_only=True),
    "events.trial_participants": _bulk(_participants, trials_only=True),
}


def register_sources() -> None:
    for key, function in FUNCTIONS.items():
        register_value_source(key, function, label=SOURCES[key], bulk=BULK[key])
