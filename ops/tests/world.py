"""The demo installation plus a second cluster: one user for every role of the permission matrix,
and one real object of every kind a URL can name, made through the services as the pages make
them, all in the transport cluster and owned by the own organization (ОГБПОУ «ТТВТС»).

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
from datetime import date, timedelta

import time_machine
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

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
    add_plans(world)
    add_reporting(world)
    add_events(world)
    add_council(world)
    add_tokens(world)
    return world


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def add_plans(world: World) -> None:
    """Next year's draft (it may be approved, it has no periods yet) and a second obligation of
    the own organization with no deadline request pending."""
    from plans.services import plan_rollover

    world.extra["draft_plan"] = plan_rollover(
        plan=world.plan,
        actor=world.users["coordinator"],
        keep={world.activity.pk},
        title="Проект плана работы кластера транспорта на 2024 – 2025 учебный год",
    )
    world.extra["free_obligation"] = (
        Obligation.objects.filter(activity__plan=world.plan, organization=world.own_org)
        .exclude(pk=world.obligation.pk)
        .order_by("activity__position")
        .first()
    )


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
        plan=world.plan,
        period=period,
        requested_by=world.users["coordinator"],
        state=ReportJob.State.DONE,
        progress=100,
        filename="otchet.docx",
    )
    report_job.file.save("otchet.docx", ContentFile(b"PK\x03\x04 a finished report"))
    # A period whose report of the own organization is still a draft (save, submit, evidence),
    # and one nobody has reported in (it may be deleted).
    open_period = ReportingPeriod.objects.create(
        plan=world.plan,
        kind="quarter",
        title="I квартал 2024 года",
        start=date(2024, 1, 1),
        end=date(2024, 3, 31),
        due_date=date(2024, 4, 15),
    )
    draft = Report.objects.create(
        obligation=world.obligation,
        period=open_period,
        state="draft",
        status="in_progress",
        text="Готовим заседание.",
        updated_by=world.users["rep_own"],
    )
    draft_evidence = Evidence.objects.create(
        report=draft,
        kind="link",
        url="https://example.ru/news/2",
        title="Анонс",
        added_by=world.users["rep_own"],
    )
    spare_period = ReportingPeriod.objects.create(
        plan=world.plan,
        kind="custom",
        title="Летний период",
        start=date(2024, 6, 1),
        end=date(2024, 8, 31),
        due_date=date(2024, 9, 5),
    )
    world.extra.update(
        open_period=open_period,
        draft=draft,
        draft_evidence=draft_evidence,
        spare_period=spare_period,
        period=period,
        report=report,
        evidence=evidence,
        deadline_request=deadline_request,
        indicator=indicator,
        report_job=report_job,
    )


def add_events(world: World) -> None:
    """An event of the own organization with a time slot, a school's group, a photo, a named
    competitor (at a championship of the own organization) and a professional class."""
    if not apps.is_installed("events"):
        return
    from events.models import Event, GroupRegistration
    from events.services import (
        SlotData,
        competitor_add,
        event_create,
        event_evidence_add_file,
        event_kinds_ensure,
        event_slot_add,
        professional_class_create,
        registration_create,
    )

    kinds = {kind.code: kind for kind in event_kinds_ensure(cluster=world.cluster)}
    kind = kinds.get("trial") or next(iter(kinds.values()))
    starts = timezone.now() + timedelta(days=14)
    slot = SlotData(starts_at=starts, ends_at=starts + timedelta(hours=2), capacity=30)
    event = event_create(
        cluster=world.cluster,
        kind=kind,
        title="Профпроба «Водитель»",
        host=world.own_org,
        activity=world.activity,
        actor=world.users["rep_own"],
        status=Event.Status.OPEN,
        place="ОГБПОУ «ТТВТС», ул. Пушкина, 1",
        municipality="г. Томск",
        profession="Водитель",
        grade_min=8,
        grade_max=10,
        slots=[slot],
    )
    time_slot = event.slots.get()
    spare_slot = event_slot_add(
        event=event,
        slot=SlotData(
            starts_at=starts + timedelta(days=1),
            ends_at=starts + timedelta(days=1, hours=2),
            capacity=15,
        ),
        actor=world.users["rep_own"],
    )
    registration = registration_create(
        slot=time_slot,
        school_name="МАОУ СОШ № 1",
        municipality="г. Томск",
        grade=8,
        pupils=10,
        teacher_name="Иванова Мария Петровна",
        teacher_email="teacher@example.ru",
        consent=True,
        source=GroupRegistration.Source.PUBLIC,
    )
    evidence = event_evidence_add_file(
        event=event, actor=world.users["rep_own"], filename="photo.pdf", data=PDF, title="Фото"
    )
    named = next((k for k in kinds.values() if k.named_participants), None)
    championship = event_create(
        cluster=world.cluster,
        kind=named or kind,
        title="Чемпионат «Водитель»",
        host=world.own_org,
        actor=world.users["rep_own"],
        status=Event.Status.PLANNED,
        place="ОГБПОУ «ТТВТС»",
        municipality="г. Томск",
        slots=[slot],
    )
    competitor = None
    if named is not None:
        competitor = competitor_add(
            event=championship,
            full_name="Петров Пётр Петрович",
            organization_name="ОГБПОУ «ТТВТС»",
            consent=True,
            actor=world.users["rep_own"],
        )
    professional_class = professional_class_create(
        cluster=world.cluster,
        actor=world.users["rep_own"],
        school_name="МАОУ СОШ № 2",
        municipality="г. Томск",
        grade=9,
        academic_year="2023-2024",
        college=world.own_org,
        enterprise=None,
        profile="Транспорт",
        pupils=20,
        sessions_planned=8,
        activity=world.activity,
    )
    # An event that began yesterday (its group registered a week before): attendance and results
    # are entered after the start.
    with time_machine.travel(timezone.now() - timedelta(days=8)):
        began = timezone.now() + timedelta(days=7)
        past_event = event_create(
            cluster=world.cluster,
            kind=kind,
            title="Профпроба «Проводник»",
            host=world.own_org,
            actor=world.users["rep_own"],
            status=Event.Status.OPEN,
            place="ОГБПОУ «ТТВТС»",
            municipality="г. Томск",
            slots=[SlotData(starts_at=began, ends_at=began + timedelta(hours=2), capacity=20)],
        )
        past_group = registration_create(
            slot=past_event.slots.get(),
            school_name="МАОУ СОШ № 3",
            municipality="г. Томск",
            grade=9,
            pupils=12,
            teacher_name="Кузнецова Елена Петровна",
            teacher_email="kuznetsova@example.ru",
            consent=True,
            source=GroupRegistration.Source.PUBLIC,
        )
    world.extra.update(
        past_event=past_event,
        past_group=past_group,
        spare_slot=spare_slot,
        event=event,
        event_kind=kind,
        event_slots=time_slot,
        event_groups=registration,
        event_registration=registration,
        event_evidence=evidence,
        event_competitors=competitor,
        championship=championship,
        event_classes=professional_class,
    )


def add_council(world: World) -> None:
    """The demo council with a meeting that began an hour ago: attendance with a quorum, an agenda
    item with a material, an adopted decision with an assignment to the own organization."""
    if not apps.is_installed("council"):
        return
    from council.demo import council_demo_load
    from council.models import Attendance
    from council.services import (
        assignment_create,
        attendance_mark,
        decision_record,
        item_create,
        material_add,
        meeting_create,
        meeting_hold,
    )
    from council.services.invitations import rsvp_token

    council = council_demo_load(cluster=world.cluster, password="x" * 12)
    secretary = world.users["coordinator"]
    meeting = meeting_create(
        council=council,
        actor=secretary,
        starts_at=timezone.now() - timedelta(hours=1),
        place="Зал заседаний",
    )
    members = list(council.members.select_related("person").order_by("pk"))
    attendance_mark(
        meeting=meeting,
        actor=secretary,
        marks={member.pk: Attendance.Presence.PRESENT for member in members},
    )
    item = item_create(meeting=meeting, actor=secretary, title="О плане работы кластера")
    material = material_add(item=item, actor=secretary, filename="справка.pdf", data=PDF)
    decision = decision_record(
        item=item,
        actor=secretary,
        kind="assignments",
        text="Поручить:",
        votes_for=len(members),
        votes_against=0,
        votes_abstained=0,
    )
    assignment = assignment_create(
        decision=decision,
        actor=secretary,
        text="Подготовить отчёт о профпробах.",
        lead=world.own_org,
        due_date=timezone.localdate() + timedelta(days=30),
    )
    # A second item (no decisions: it may be moved or removed), a third with a decision for the
    # record only (no assignments: it may be removed).
    spare_item = item_create(meeting=meeting, actor=secretary, title="Разное")
    info_item = item_create(meeting=meeting, actor=secretary, title="О профпробах")
    info_decision = decision_record(
        item=info_item, actor=secretary, kind="info", text="Принять к сведению."
    )
    # A meeting that took place (its signed protocol may be attached) and one next month
    # (invitations, answers, and it may still be deleted).
    held = meeting_create(
        council=council,
        actor=secretary,
        starts_at=timezone.now() - timedelta(days=3),
        place="Зал заседаний",
    )
    attendance_mark(
        meeting=held,
        actor=secretary,
        marks={member.pk: Attendance.Presence.PRESENT for member in members},
    )
    meeting_hold(meeting=held, actor=secretary)
    future = meeting_create(
        council=council,
        actor=secretary,
        starts_at=timezone.now() + timedelta(days=30),
        place="Зал заседаний",
    )
    attendance = future.attendances.order_by("pk").first()
    world.extra.update(
        spare_item=spare_item,
        info_decision=info_decision,
        held_meeting=held,
        future_meeting=future,
        council=council,
        meeting=meeting,
        council_member=members[-1],
        council_item=item,
        council_material=material,
        council_decision=decision,
        council_assignment=assignment,
        rsvp=rsvp_token(attendance),
    )


def add_tokens(world: World) -> None:
    """A personal API token of the own organization's representative."""
    from core.services import api_token_create

    token, _ = api_token_create(user=world.users["rep_own"], name="Выгрузка в 1С")
    world.extra["api_token"] = token
