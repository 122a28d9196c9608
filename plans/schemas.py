"""Shapes of the plans API: what goes out (plans, activities, obligations, deadlines) and in."""

import re
from datetime import date, datetime
from typing import Annotated, Literal

from django.utils import timezone
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import BaseModel, BeforeValidator, ConfigDict

from plans.models import Obligation, Plan
from plans.selectors import State, activity_deadline, next_due

MAX_ID = 2**63 - 1  # the largest primary key PostgreSQL and SQLite hold


# Choices as plain string enums: several models' `Kind`, `Status` and `Role` enums would share one
# schema name otherwise.
PlanKind = Literal[tuple(Plan.Kind.values)]
PlanStatus = Literal[tuple(Plan.Status.values)]
ObligationRole = Literal[tuple(Obligation.Role.values)]

# --- Output ------------------------------------------------------------------------------------


class PlanOut(Schema):
    id: int
    cluster: str = Field(description="адрес (slug) кластера")
    title: str
    kind: PlanKind = Field(description="план работы или поручения Координационного совета")
    status: PlanStatus = Field(description="проект или утверждён")
    year_label: str
    window_start: date
    window_end: date
    approver_position: str
    approver_name: str
    activity_count: int
    created_at: datetime

    @staticmethod
    def resolve_cluster(plan) -> str:
        return plan.cluster.slug


class EditionOut(Schema):
    id: int
    number: int
    kind: str
    edition_date: date | None
    note: str
    source_filename: str
    created_at: datetime
    created_by: str | None

    @staticmethod
    def resolve_created_by(edition) -> str | None:
        user = edition.created_by
        return (user.get_full_name() or user.get_username()) if user else None


class ObjectiveOut(Schema):
    id: int
    number: str
    title: str
    position: int


class ObjectiveRef(Schema):
    id: int
    number: str
    title: str


DeadlineKind = Literal["interval", "recurring", "as_needed", "unparsed"]
Every = Literal["week", "month", "quarter", "half_year", "year"]


class DeadlineOut(Schema):
    """A deadline phrase as understood against the plan year (`Deadline.as_dict()`)."""

    text: str
    kind: DeadlineKind
    start: date | None
    end: date | None
    every: Every | None
    reason: str | None


class ExecutorOrganizationOut(Schema):
    id: int
    short_name: str
    lead: bool


class ExecutorGroupOut(Schema):
    phrase: str = Field(description="фраза из графы «Исполнители»")
    organizations: list[ExecutorOrganizationOut]


class ActivityOut(Schema):
    id: int
    plan_id: int
    objective: ObjectiveRef
    number: str
    title: str
    executors_text: str
    deadline: DeadlineOut
    state: State
    state_label: str
    due: date | None = Field(description="ближайший срок на сегодня (последний, если все прошли)")
    executors: list[ExecutorGroupOut]

    @staticmethod
    def resolve_deadline(activity) -> dict:
        return activity_deadline(activity).as_dict()

    @staticmethod
    def resolve_state_label(activity) -> str:
        return State(activity.state).label

    @staticmethod
    def resolve_executors(activity) -> list[dict]:
        return [
            {
                "phrase": group.phrase,
                "organizations": [
                    {"id": pk, "short_name": name, "lead": lead}
                    for pk, name, lead in group.organizations
                ],
            }
            for group in activity.executor_groups
        ]


class ActivityDetailOut(ActivityOut):
    occurrences: list[date] = Field(description="все сроки: один для срока, каждый для регулярного")

    @staticmethod
    def resolve_occurrences(activity) -> list[date]:
        return list(activity_deadline(activity).occurrences())


class OrganizationRef(Schema):
    id: int
    short_name: str


class ObligationOut(Schema):
    id: int
    organization: OrganizationRef
    role: ObligationRole
    role_label: str
    source_phrase: str

    @staticmethod
    def resolve_role_label(obligation) -> str:
        return obligation.get_role_display()


class ActivityRef(Schema):
    id: int
    plan_id: int
    number: str
    title: str
    deadline_text: str
    state: State = Field(description="состояние этого обязательства: отчёты организации и сроки")
    state_label: str
    due: date | None

    @staticmethod
    def resolve_state(activity) -> State:
        return State(activity.state)

    @staticmethod
    def resolve_state_label(activity) -> str:
        return State(activity.state).label

    @staticmethod
    def resolve_due(activity) -> date | None:
        return next_due(activity, timezone.localdate())


class ObligationListOut(ObligationOut):
    activity: ActivityRef

    @staticmethod
    def resolve_activity(obligation):
        obligation.activity.state = obligation.state  # annotated by the selector
        return obligation.activity


# --- Input -------------------------------------------------------------------------------------


class LimitOffset(LimitOffsetPagination):
    """`limit` (1–500, 100 by default) and `offset`; the answer is `{"items": […], "count": N}`."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=500, description="сколько записей вернуть (до 500)")
        offset: int = Field(0, ge=0, le=10**9, description="сколько записей пропустить")


def iso_date(value):
    """Only `YYYY-MM-DD`: pydantic would also read «0» as 1 January 1970."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("Ожидается дата в виде ГГГГ-ММ-ДД.")
    return value


IsoDate = Annotated[date, BeforeValidator(iso_date)]
Ordering = Literal["position", "number", "deadline_end", "-deadline_end"]


class ActivityQuery(Schema):
    organization: int | None = Field(
        None, ge=1, le=MAX_ID, description="только мероприятия, где эта организация исполнитель"
    )
    objective: int | None = Field(None, ge=1, le=MAX_ID, description="только задача с этим id")
    state: State | None = Field(None, description="состояние на сегодня")
    due_from: IsoDate | None = Field(None, description="срок (конец периода) не раньше этой даты")
    due_to: IsoDate | None = Field(None, description="срок (конец периода) не позже этой даты")
    q: str = Field("", max_length=200, description="поиск по номеру, названию, исполнителям, сроку")
    ordering: Ordering = Field("position", description="порядок: как в плане, по номеру, по сроку")


class ObligationQuery(Schema):
    organization: int | None = Field(None, ge=1, le=MAX_ID, description="id организации")
    plan: int | None = Field(None, ge=1, le=MAX_ID, description="id плана")


class PlanQuery(Schema):
    cluster: str | None = Field(None, max_length=50, description="адрес (slug) кластера")


class BodyIn(BaseModel):
    """A JSON object body; unknown fields are refused rather than silently ignored.

    Plain pydantic, not ninja's Schema: Schema reads attributes from any object, so a list or a
    string body would pass as «no fields given».
    """

    model_config = ConfigDict(extra="forbid")


class ActivityCreateIn(BodyIn):
    objective: int = Field(ge=1, le=MAX_ID, description="id задачи этого плана")
    number: str = Field("", max_length=20, examples=["2.9"])
    title: str = Field(min_length=1, max_length=5000)
    executors_text: str = Field("", max_length=5000, examples=["Руководители ПОО"])
    deadline_text: str = Field("", max_length=500, examples=["IV квартал 2023 года"])
    note: str = Field("", max_length=2000, description="основание изменения для редакции плана")


class ActivityPatchIn(BodyIn):
    """Only the fields given change; the plan gets a new edition saying what changed."""

    title: str | None = Field(None, min_length=1, max_length=5000)
    executors_text: str | None = Field(None, max_length=5000)
    deadline_text: str | None = Field(None, max_length=500)
    number: str | None = Field(None, max_length=20)
    note: str = Field("", max_length=2000)


class DeadlineParseIn(BodyIn):
    phrases: list[Annotated[str, Field(max_length=500)]] = Field(min_length=1, max_length=500)
    plan_year: str = Field(max_length=20, examples=["2023-2024"])
