"""Career-guidance coverage for a span of dates: who came, from where, to what.

Built from held events (by the day each began) in four queries whatever their number: the events
with their participants, the groups that came, and the kinds and hosts to name them. Counts only —
no teacher's name or contact is read here, so nothing personal can reach a report or an export.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from events.models import Event, GroupRegistration
from events.selectors.figures import held_events, with_participants
from orgs.models import Cluster, Organization

NO_GRADE = "без класса"


@dataclass
class Line:
    label: str
    events: int = 0
    participants: int = 0
    schools: int = 0
    extra: str = ""


@dataclass
class Coverage:
    cluster: Cluster
    start: date
    end: date
    organization: Organization | None = None
    events_held: int = 0
    participants: int = 0
    pupils: int = 0
    schools: int = 0
    trials: int = 0
    by_kind: list[Line] = field(default_factory=list)
    by_grade: list[Line] = field(default_factory=list)
    by_municipality: list[Line] = field(default_factory=list)
    by_school: list[Line] = field(default_factory=list)
    trials_by_profession: list[Line] = field(default_factory=list)
    by_host: list[Line] = field(default_factory=list)

    @property
    def title(self) -> str:
        who = f" — {self.organization.short_name}" if self.organization else ""
        return (
            f"Охват профориентационными мероприятиями{who}, "
            f"{self.start:%d.%m.%Y} – {self.end:%d.%m.%Y}"
        )

    @property
    def is_empty(self) -> bool:
        return self.events_held == 0


def _sorted(lines: dict[str, Line]) -> list[Line]:
    return sorted(lines.values(), key=lambda line: (-line.participants, line.label))


def coverage(
    *, cluster: Cluster, start: date, end: date, organization: Organization | None = None
) -> Coverage:
    result = Coverage(cluster=cluster, start=start, end=end, organization=organization)
    events = held_events(
        start=start,
        end=end,
        cluster_id=cluster.pk,
        host_id=organization.pk if organization else None,
    )
    rows = list(
        with_participants(events).select_related("kind", "host").order_by("first_start", "pk")
    )
    if not rows:
        return result
    by_kind: dict[str, Line] = {}
    by_host: dict[str, Line] = {}
    trials: dict[str, Line] = {}
    participants_of: dict[int, int] = {}
    for event in rows:
        total = event.attended + event.others + event.named
        participants_of[event.pk] = total
        result.events_held += 1
        result.participants += total
        for lines, label in ((by_kind, event.kind.name), (by_host, event.host.short_name)):
            line = lines.setdefault(label, Line(label))
            line.events += 1
            line.participants += total
        if event.kind.is_trial:
            result.trials += 1
            profession = event.profession or "профессия не указана"
            line = trials.setdefault(profession, Line(profession))
            line.events += 1
            line.participants += total

    groups = GroupRegistration.objects.filter(
        slot__event__in=[event.pk for event in rows], attended__gt=0
    ).values_list(
        "slot__event_id", "school_key", "school_name", "municipality", "grade", "attended"
    )
    by_grade: dict[str, Line] = {}
    municipalities: dict[str, Line] = {}
    schools: dict[str, Line] = {}
    school_sets: dict[str, set[str]] = defaultdict(set)
    kind_schools: dict[str, set[str]] = defaultdict(set)
    kind_of = {event.pk: event.kind.name for event in rows}
    for event_id, key, school_name, municipality, grade, attended in groups:
        result.pupils += attended
        label = f"{grade} класс" if grade else NO_GRADE
        line = by_grade.setdefault(label, Line(label, extra=str(grade or 99).zfill(2)))
        line.participants += attended
        line = municipalities.setdefault(municipality, Line(municipality))
        line.participants += attended
        school_sets[municipality].add(key)
        line = schools.setdefault(key, Line(school_name, extra=municipality))
        line.participants += attended
        line.events += 1
        kind_schools[kind_of[event_id]].add(key)
    for municipality, line in municipalities.items():
        line.schools = len(school_sets[municipality])
    for name, line in by_kind.items():
        line.schools = len(kind_schools.get(name, ()))
    result.schools = len(schools)
    result.by_kind = _sorted(by_kind)
    result.by_host = _sorted(by_host)
    result.trials_by_profession = _sorted(trials)
    result.by_grade = sorted(by_grade.values(), key=lambda line: line.extra)
    result.by_municipality = _sorted(municipalities)
    result.by_school = _sorted(schools)
    return result


def activity_figures(activity_id: int) -> dict:
    """Events of one plan activity and what the held ones add up to (for the activity's page)."""
    events = Event.objects.filter(activity_id=activity_id)
    all_events = list(events.values_list("status", "kind__is_trial"))
    held = with_participants(events.filter(status=Event.Status.HELD)).values_list(
        "pk", "attended", "others", "named"
    )
    held_rows = list(held)
    held_ids = [row[0] for row in held_rows]
    schools = (
        GroupRegistration.objects.filter(slot__event__in=held_ids, attended__gt=0)
        .values("school_key")
        .distinct()
        .count()
        if held_ids
        else 0
    )
    return {
        "total": len(all_events),
        "planned": sum(1 for status, _ in all_events if status in ("planned", "open")),
        "held": len(held_rows),
        "trials": sum(1 for status, trial in all_events if status == "held" and trial),
        "participants": sum(a + o + n for _, a, o, n in held_rows),
        "schools": schools,
    }
