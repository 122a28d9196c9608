"""The demo installation plus a second cluster: one user for every role of the permission matrix.

anonymous          not signed in
rep_own            representative of ОГБПОУ «ТТВТС», the organization the objects belong to
rep_other          representative of ОГБПОУ «ТКГТ», another organization of the same cluster
observer           observer of the transport cluster
coordinator        coordinator of the transport cluster
coordinator_other  coordinator of another cluster (agro), no role in transport
admin              administrator (superuser)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.apps import apps
from django.contrib.auth import get_user_model

from documents.demo import demo_load
from documents.models import PlanUpload
from orgs.models import Cluster, Membership, Organization, UserRole
from plans.models import Activity, Obligation, Plan

ROLES = [
    "anonymous",
    "rep_own",
    "rep_other",
    "observer",
    "coordinator",
    "coordinator_other",
    "admin",
]
SEED_TXT = "seed/plan-transport-cluster-2023-2024.txt"


@dataclass
class World:
    cluster: Cluster
    other_cluster: Cluster
    plan: Plan
    other_plan: Plan | None
    activity: Activity
    obligation: Obligation
    own_org: Organization
    other_org: Organization
    upload: PlanUpload
    users: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)  # objects of apps that may not be installed

    def user(self, role: str):
        return self.users.get(role)


def build_world() -> World:
    demo_load()
    User = get_user_model()
    cluster = Cluster.objects.get(slug="transport")
    own_org = Organization.objects.get(short_name="ОГБПОУ «ТТВТС»")
    other_org = Organization.objects.get(short_name="ОГБПОУ «ТКГТ»")
    plan = Plan.objects.get(cluster=cluster)
    obligation = (
        Obligation.objects.filter(activity__plan=plan, organization=own_org)
        .select_related("activity")
        .order_by("activity__position")
        .first()
    )
    activity = obligation.activity

    other_cluster = Cluster.objects.create(
        name="Образовательно-отраслевой кластер АПК", short_name="Кластер АПК", slug="agro"
    )
    agro_college = Organization.objects.create(
        short_name="Демо: аграрный колледж",
        full_name="Демо: аграрный колледж (пример)",
        kind=Organization.Kind.COLLEGE,
        is_demo=True,
    )
    Membership.objects.create(cluster=other_cluster, organization=agro_college)
    coordinator_other = User.objects.create_user("agro-coordinator", password="x" * 12)
    UserRole.objects.create(
        user=coordinator_other, cluster=other_cluster, kind=UserRole.Kind.COORDINATOR
    )
    users = {
        "anonymous": None,
        "rep_own": User.objects.get(username="ttvts"),
        "rep_other": User.objects.get(username="tkgt"),
        "observer": User.objects.get(username="observer"),
        "coordinator": User.objects.get(username="coordinator"),
        "coordinator_other": coordinator_other,
        "admin": User.objects.get(username="admin"),
    }
    seed = open(SEED_TXT, "rb").read()  # noqa: SIM115 (small file)
    upload = PlanUpload.objects.create(
        cluster=cluster,
        uploaded_by=users["coordinator"],
        filename="plan.txt",
        content=seed,
        year_label="2024-2025",
    )
    world = World(
        cluster=cluster,
        other_cluster=other_cluster,
        plan=plan,
        other_plan=None,
        activity=activity,
        obligation=obligation,
        own_org=own_org,
        other_org=other_org,
        upload=upload,
        users=users,
    )
    add_reporting(world)
    add_events(world)
    return world


def add_reporting(world: World) -> None:
    """A reporting period, a submitted report of the own organization, an indicator (if installed)."""
    if not apps.is_installed("reporting"):
        return
    ReportingPeriod = apps.get_model("reporting", "ReportingPeriod")
    Report = apps.get_model("reporting", "Report")
    period = ReportingPeriod.objects.create(
        plan=world.plan,
        kind="quarter",
        title="IV квартал 2023 года",
        start=date(2023, 10, 1),
        end=date(2023, 12, 31),
        due_date=date(2024, 1, 15),
    )
    report = Report.objects.create(
        obligation=world.obligation,
        period=period,
        state="submitted",
        status="done",
        text="Проведено заседание.",
        updated_by=world.users["rep_own"],
    )
    Evidence = apps.get_model("reporting", "Evidence")
    evidence = Evidence.objects.create(
        report=report,
        kind="link",
        url="https://example.ru/news/1",
        title="Новость на сайте",
        added_by=world.users["rep_own"],
    )
    DeadlineChangeRequest = apps.get_model("reporting", "DeadlineChangeRequest")
    deadline_request = DeadlineChangeRequest.objects.create(
        obligation=world.obligation,
        current_deadline_text=world.activity.deadline_text,
        proposed_deadline_text="до 31 мая 2024 года",
        reason="Перенос по просьбе предприятия.",
        requested_by=world.users["rep_own"],
    )
    Indicator = apps.get_model("reporting", "Indicator")
    indicator = Indicator.objects.create(
        plan=world.plan, activity=world.activity, name="Число участников", unit="чел."
    )
    ReportJob = apps.get_model("reporting", "ReportJob")
    report_job = ReportJob.objects.create(
        plan=world.plan, period=period, requested_by=world.users["coordinator"]
    )
    world.extra.update(
        period=period,
        report=report,
        evidence=evidence,
        deadline_request=deadline_request,
        indicator=indicator,
        report_job=report_job,
    )


def add_events(world: World) -> None:
    """An event of the own organization with one time slot (if the events app is installed)."""
    if not apps.is_installed("events"):
        return
    EventKind = apps.get_model("events", "EventKind")
    Event = apps.get_model("events", "Event")
    kind = EventKind.objects.filter(cluster=world.cluster).first() or EventKind.objects.create(
        cluster=world.cluster, code="trial", name="Профессиональная проба", is_trial=True
    )
    event = Event.objects.create(
        cluster=world.cluster,
        kind=kind,
        title="Профпроба «Водитель»",
        host=world.own_org,
        activity=world.activity,
        created_by=world.users["rep_own"],
    )
    world.extra.update(event=event, event_kind=kind)
