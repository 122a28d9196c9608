"""Private calendar (ICS) feeds: a plan's deadlines, or what one organization owes in a cluster.

A feed URL carries the user's calendar key (core.CalendarToken), never a session or an API token, so
a calendar application can fetch it and a leaked link reads calendars only. The key's owner must
still be allowed to read the plan or cluster (plans.access, orgs.access); a wrong or reset key is a
404. The feed is built on every request, so it always shows the plan's current edition.

One VEVENT per due date of an obligation (activity × responsible organization):

- an interval deadline («IV квартал 2023 года») is one all-day event on its due date (the end);
  the interval itself is in the description, so a three-month period does not fill the calendar;
- a recurring deadline («ежеквартально») is one event per occurrence (each period end the app
  shows), not an RRULE: the dates are exactly those `Deadline.occurrences()` gives everywhere else
  (quarter and half-year ends do not map cleanly to RRULE), and each occurrence has its own stable
  UID, so a future report on one period can mark just that event;
- «по мере необходимости» and unparsed deadlines have no date and give no event.

UID: `obligation-<id>-<YYYYMMDD>@<host>`, stable while the obligation and its date stay.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET
from icalendar import Calendar, Event

from core.services import calendar_token_check
from orgs.access import access_cluster, access_organization, clusters_for, own_organization_id
from orgs.models import Cluster, Membership, Organization
from plans.access import access_plan
from plans.models import Activity, Obligation, Plan
from plans.selectors import State, activity_deadline, with_obligation_state

MAX_ID = 2**63 - 1
PRODID = "-//ClusterPlan//Планы работы кластеров//RU"
REFRESH = timedelta(hours=1)
EVERY_LABELS = {
    "week": "еженедельно",
    "month": "ежемесячно",
    "quarter": "ежеквартально",
    "half_year": "раз в полугодие",
    "year": "ежегодно",
}


def feed_user(token: str):
    user = calendar_token_check(raw_key=token)
    if user is None:
        raise Http404("Ссылка на календарь недействительна: получите новую на странице «Профиль».")
    return user


def ru_date(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def deadline_words(activity: Activity) -> str:
    """«IV квартал 2023 года (01.10.2023 – 31.12.2023)» — the phrase and what was understood."""
    text = activity.deadline_text or "срок не указан"
    start, end = activity.deadline_start, activity.deadline_end
    if activity.deadline_kind == Activity.DeadlineKind.RECURRING and start and end:
        every = EVERY_LABELS.get(activity.deadline_every, "регулярно")
        return f"{text} ({every}, {ru_date(start)} – {ru_date(end)})"
    if start and end and start != end:
        return f"{text} ({ru_date(start)} – {ru_date(end)})"
    if end:
        return f"{text} ({ru_date(end)})"
    return text


def obligation_events(
    obligation: Obligation, *, plan: Plan, host: str, base_url: str, stamp, with_organization: bool
) -> list[Event]:
    activity = obligation.activity
    state = State(obligation.state)
    summary = f"{activity.number} {activity.title}".strip()
    if state == State.DONE:
        summary = f"✓ {summary}"
    if with_organization:
        summary = f"{summary} — {obligation.organization.short_name}"
    url = base_url + reverse("plans:activity_detail", args=[activity.pk])
    description = "\n".join(
        [
            f"Состояние: {state.label}",
            f"Исполнители: {activity.executors_text or '—'}",
            f"Организация: {obligation.organization.short_name} ({obligation.get_role_display()})",
            f"Срок: {deadline_words(activity)}",
            f"План: {plan.title} ({plan.year_label})",
            url,
        ]
    )
    events = []
    for due in activity_deadline(activity).occurrences():
        event = Event()
        event.add("uid", f"obligation-{obligation.pk}-{due:%Y%m%d}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", due)
        event.add("dtend", due + timedelta(days=1))
        event.add("summary", summary)
        event.add("description", description)
        event.add("url", url)
        event.add("transp", "TRANSPARENT")
        events.append(event)
    return events


def feed_response(
    request,
    *,
    name: str,
    filename: str,
    obligations,
    plans: dict[int, Plan],
    with_organization: bool,
) -> HttpResponse:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("name", name)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    host = request.get_host().split(":")[0] or "clusterplan"
    base_url = request.build_absolute_uri("/").rstrip("/")
    stamp = timezone.now()
    for obligation in obligations:
        for event in obligation_events(
            obligation,
            plan=plans[obligation.activity.plan_id],
            host=host,
            base_url=base_url,
            stamp=stamp,
            with_organization=with_organization,
        ):
            calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-cache"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def plan_feed(request, token: str, pk: int):
    """Every obligation's due dates in one plan; each event names the organization."""
    user = feed_user(token)
    if pk > MAX_ID:
        raise Http404("План не найден.")
    plan = access_plan(user, pk)
    obligations = (
        with_obligation_state(
            Obligation.objects.filter(activity__in=Activity.objects.filter(plan=plan)),
            timezone.localdate(),
        )
        .select_related("activity", "organization")
        .order_by("activity__position", "-role", "organization__short_name")
    )
    return feed_response(
        request,
        name=f"{plan.title} ({plan.year_label})",
        filename=f"plan-{plan.pk}.ics",
        obligations=obligations,
        plans={plan.pk: plan},
        with_organization=True,
    )


@require_GET
def organization_feed(request, token: str, slug: str, pk: int):
    """What one organization owes across the cluster's plans."""
    user = feed_user(token)
    if pk > MAX_ID:
        raise Http404("Организация не найдена.")
    cluster = access_cluster(user, slug)
    organization = access_organization(user, cluster, pk)
    plans = {plan.pk: plan for plan in Plan.objects.filter(cluster=cluster)}
    obligations = (
        with_obligation_state(
            Obligation.objects.filter(
                organization=organization,
                activity__in=Activity.objects.filter(plan__cluster=cluster),
            ),
            timezone.localdate(),
        )
        .select_related("activity", "organization")
        .order_by("activity__plan_id", "activity__position")
    )
    return feed_response(
        request,
        name=f"{organization.short_name} — {cluster.short_name}",
        filename=f"organization-{organization.pk}.ics",
        obligations=obligations,
        plans=plans,
        with_organization=False,
    )


@dataclass
class ClusterFeeds:
    """The feeds a user may subscribe to in one cluster (for the profile page)."""

    cluster: Cluster
    plans: list[Plan] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    own_organization_id: int | None = None


def calendar_feeds(user) -> list[ClusterFeeds]:
    """Every plan and organization the user can see, by cluster, in three queries."""
    clusters = {cluster.pk: ClusterFeeds(cluster) for cluster in clusters_for(user)}
    for plan in Plan.objects.filter(cluster__in=list(clusters)).order_by("-window_start", "title"):
        clusters[plan.cluster_id].plans.append(plan)
    memberships = (
        Membership.objects.filter(cluster__in=list(clusters))
        .select_related("organization")
        .order_by("organization__kind", "organization__short_name")
    )
    for membership in memberships:
        clusters[membership.cluster_id].organizations.append(membership.organization)
    for feeds in clusters.values():
        feeds.own_organization_id = own_organization_id(user, feeds.cluster)
    return sorted(clusters.values(), key=lambda feeds: feeds.cluster.short_name)
