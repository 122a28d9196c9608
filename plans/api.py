"""API on plans, activities and obligations, and the deadline parser.

Reads are open to everyone with a role in the plan's cluster; writes (create and change an
activity) to its coordinators, through `plans.services` (each write makes a new plan edition).
The activity list shares `plans.selectors.activity_queryset` and `ActivityFilters` with the plan
page: the same filters, the same states, computed in SQL.
"""

from collections.abc import Sequence
from datetime import date
from typing import Annotated

from django.core.exceptions import ValidationError
from django.db.models import Count, OuterRef, Subquery
from django.http import Http404
from django.utils import timezone
from ninja import Path, Query, Router, Status
from ninja.pagination import paginate

from orgs.access import clusters_for
from orgs.models import Organization
from parsing.deadlines import PlanWindow, parse_deadline
from plans import services
from plans.access import access_activity, access_plan
from plans.models import Activity, Objective, Obligation, Plan
from plans.schemas import (
    MAX_ID,
    ActivityCreateIn,
    ActivityDetailOut,
    ActivityOut,
    ActivityPatchIn,
    ActivityQuery,
    DeadlineOut,
    DeadlineParseIn,
    EditionOut,
    LimitOffset,
    ObjectiveOut,
    ObligationListOut,
    ObligationOut,
    ObligationQuery,
    PlanOut,
    PlanQuery,
)
from plans.selectors import (
    ActivityFilters,
    activity_queryset,
    activity_rows,
    page_rows,
    with_obligation_state,
)

router = Router(tags=["Планы и мероприятия"])

PlanId = Annotated[int, Path(ge=1, le=MAX_ID, description="id плана")]
ActivityId = Annotated[int, Path(ge=1, le=MAX_ID, description="id мероприятия")]


# --- Helpers -----------------------------------------------------------------------------------


class ActivityPage(Sequence):
    """The matching activities; a slice reads just that page, with states and executors.

    Ninja's LimitOffsetPagination slices it for the page and takes `len()` for the count, so a page
    costs three queries (count, rows, executors) whatever the number of matches.
    """

    def __init__(self, activities, today: date):
        self.activities, self.today = activities, today

    def __len__(self) -> int:
        return self.activities.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("ActivityPage is read in slices.")
        return page_rows(self.activities.select_related("objective")[index], self.today)


def activity_filters(plan: Plan, query: ActivityQuery) -> ActivityFilters:
    """The page's filters from API parameters; an organization must belong to the cluster."""
    organization = None
    if query.organization is not None:
        organization = Organization.objects.filter(
            pk=query.organization, memberships__cluster=plan.cluster_id
        ).first()
        if organization is None:
            raise Http404("Организация не найдена в кластере этого плана.")
    return ActivityFilters(
        q=query.q.strip(),
        organization=organization,
        objective_id=query.objective,
        state=query.state,
        due_from=query.due_from,
        due_to=query.due_to,
        ordering=query.ordering,
    )


def with_state(activity: Activity, today: date) -> Activity:
    """One activity as the list shows it: state, due date and executors by phrase."""
    return activity_rows([activity.pk], today)[0]


# --- Plans -------------------------------------------------------------------------------------


@router.get("/plans", response=list[PlanOut], summary="Планы работы доступных кластеров")
def plan_list(request, filters: Query[PlanQuery]):
    clusters = clusters_for(request.auth)
    if filters.cluster:
        clusters = clusters.filter(slug=filters.cluster)
    activity_count = (
        Activity.objects.filter(plan=OuterRef("pk"))
        .order_by()
        .values("plan")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        Plan.objects.filter(cluster__in=clusters)
        .select_related("cluster")
        .annotate(activity_count=Subquery(activity_count))
        .order_by("-window_start", "title", "pk")
    )


@router.get("/plans/{int:plan_id}", response=PlanOut, summary="План работы")
def plan_get(request, plan_id: PlanId):
    plan = access_plan(request.auth, plan_id)
    plan.activity_count = Activity.objects.filter(plan=plan).count()
    return plan


@router.get("/plans/{int:plan_id}/editions", response=list[EditionOut], summary="Редакции плана")
def plan_editions(request, plan_id: PlanId):
    plan = access_plan(request.auth, plan_id)
    return (
        plan.editions.select_related("created_by").defer("snapshot", "changes").order_by("number")
    )


@router.get("/plans/{int:plan_id}/objectives", response=list[ObjectiveOut], summary="Задачи плана")
def plan_objectives(request, plan_id: PlanId):
    plan = access_plan(request.auth, plan_id)
    return Objective.objects.filter(plan=plan).order_by("position")


# --- Activities --------------------------------------------------------------------------------


@router.get(
    "/plans/{int:plan_id}/activities",
    response=list[ActivityOut],
    summary="Мероприятия плана с фильтрами",
)
@paginate(LimitOffset)
def activity_list(request, plan_id: PlanId, filters: Query[ActivityQuery]):
    plan = access_plan(request.auth, plan_id)
    today = timezone.localdate()
    activities = activity_queryset(plan=plan, filters=activity_filters(plan, filters), today=today)
    return ActivityPage(activities, today)


@router.post(
    "/plans/{int:plan_id}/activities",
    response={201: ActivityDetailOut},
    summary="Добавить мероприятие (координатор; новая редакция плана)",
)
def activity_create(request, plan_id: PlanId, data: ActivityCreateIn):
    plan = access_plan(request.auth, plan_id, for_change=True)
    objective = Objective.objects.filter(plan=plan, pk=data.objective).first()
    if objective is None:
        raise ValidationError({"objective": "В этом плане нет такой задачи."})
    activity = services.activity_create(
        plan=plan,
        objective=objective,
        actor=request.auth,
        number=data.number,
        title=data.title,
        executors_text=data.executors_text,
        deadline_text=data.deadline_text,
        note=data.note,
    )
    return Status(201, with_state(activity, timezone.localdate()))


@router.get("/activities/{int:activity_id}", response=ActivityDetailOut, summary="Мероприятие")
def activity_get(request, activity_id: ActivityId):
    activity = access_activity(request.auth, activity_id)
    return with_state(activity, timezone.localdate())


@router.patch(
    "/activities/{int:activity_id}",
    response=ActivityDetailOut,
    summary="Изменить мероприятие (координатор; новая редакция плана)",
)
def activity_patch(request, activity_id: ActivityId, data: ActivityPatchIn):
    activity = access_activity(request.auth, activity_id, for_change=True)
    activity = services.activity_update(
        activity=activity, actor=request.auth, **data.model_dump(exclude_unset=True)
    )
    return with_state(activity, timezone.localdate())


# --- Obligations -------------------------------------------------------------------------------


@router.get(
    "/activities/{int:activity_id}/obligations",
    response=list[ObligationOut],
    summary="Обязательства по мероприятию: кто исполняет",
)
def activity_obligations(request, activity_id: ActivityId):
    activity = access_activity(request.auth, activity_id)
    return (
        Obligation.objects.filter(activity=activity)
        .select_related("organization")
        .order_by("-role", "organization__short_name")
    )


@router.get(
    "/obligations",
    response=list[ObligationListOut],
    summary="Обязательства организации или плана",
)
@paginate(LimitOffset)
def obligation_list(request, filters: Query[ObligationQuery]):
    user = request.auth
    clusters = clusters_for(user)
    activities = Activity.objects.filter(plan__cluster__in=clusters)
    if filters.plan is not None:
        plan = access_plan(user, filters.plan)
        activities = activities.filter(plan=plan)
        clusters = clusters.filter(pk=plan.cluster_id)
    obligations = Obligation.objects.filter(activity__in=activities)
    if filters.organization is not None:
        visible = Organization.objects.filter(
            pk=filters.organization, memberships__cluster__in=clusters
        )
        if not visible.exists():
            raise Http404("Организация не найдена.")
        obligations = obligations.filter(organization_id=filters.organization)
    return (
        with_obligation_state(obligations, timezone.localdate())
        .select_related("activity", "organization")
        .order_by(
            "activity__plan__window_start",
            "activity__plan_id",
            "activity__position",
            "-role",
            "organization__short_name",
            "pk",
        )
    )


# --- Deadlines ---------------------------------------------------------------------------------


@router.post(
    "/deadlines/parse",
    response=list[DeadlineOut],
    tags=["Сроки"],
    summary="Понять фразы срока исполнения относительно года плана",
)
def deadline_parse(request, data: DeadlineParseIn):
    try:
        window = PlanWindow.from_label(data.plan_year)
    except ValueError as error:
        raise ValidationError({"plan_year": str(error)}) from None
    return [parse_deadline(phrase, window).as_dict() for phrase in data.phrases]
