"""Editions that scale (issue 11, item 3): an edit writes what it changed, not the whole plan; any
edition's plan is rebuilt exactly; the editions page costs the same with 1 or 50 editions."""

from dataclasses import replace

import pytest
from django.urls import reverse

from orgs.models import UserRole
from orgs.tests.factories import ClusterFactory, member, user_with_role
from plans.models import Activity, Objective, PlanEdition
from plans.services import (
    activity_create,
    activity_remove,
    activity_update,
    edition_snapshot,
    plan_import,
    plan_revision_apply,
    plan_snapshot,
)
from plans.tests.factories import plan_document
from plans.tests.sql_log import SqlLog

pytestmark = pytest.mark.django_db


def make_plan(activities: int, title: str, tag: str = ""):
    cluster = ClusterFactory()
    member(cluster, short_name=f"ОГБПОУ «ТТВТС{tag}»")
    member(cluster, short_name=f"ОГБПОУ «ТКГТ{tag}»")
    half = activities // 2
    document = replace(
        plan_document((half, activities - half), executors=f"ОГБПОУ «ТТВТС{tag}»"), title=title
    )
    plan = plan_import(cluster=cluster, document=document, actor=None)
    return plan, user_with_role(cluster, UserRole.Kind.COORDINATOR)


def test_every_edition_is_rebuilt_exactly_as_the_plan_stood():
    plan, user = make_plan(6, "План А")
    expected = {1: plan_snapshot(plan)}

    def record():
        edition = plan.editions.order_by("-number").first()
        expected[edition.number] = plan_snapshot(plan)

    first = plan.activities.order_by("position").first()
    activity_update(activity=first, actor=user, title="Новое название", number="1.10")
    record()
    activity_update(activity=first, actor=user, executors_text="ОГБПОУ «ТКГТ»")
    record()
    activity_update(activity=first, actor=user, deadline_text="май 2024 года")
    record()
    objective_1 = plan.objectives.get(number="1")
    activity_create(
        plan=plan,
        objective=objective_1,
        actor=user,
        number="1.4",
        title="Добавленное",
        executors_text="ОГБПОУ «ТТВТС»",
        deadline_text="ноябрь 2023 года",
    )
    record()
    empty = Objective.objects.create(plan=plan, number="9", title="Новая задача", position=9)
    activity_create(
        plan=plan,
        objective=empty,
        actor=user,
        number="9.1",
        title="В новой задаче",
        executors_text="ОГБПОУ «ТКГТ»",
        deadline_text="декабрь 2023 года",
    )
    record()
    for activity in Activity.objects.filter(plan=plan, objective__number="2"):
        activity_remove(activity=activity, actor=user)
        record()
    document = replace(plan_document((2, 1), executors="ОГБПОУ «ТТВТС»"), edition_date=None)
    plan_revision_apply(plan=plan, document=document, actor=user)
    record()
    activity_update(activity=plan.activities.order_by("position").last(), actor=user, title="Ещё")
    record()

    editions = PlanEdition.objects.filter(plan=plan).order_by("number")
    assert [e.number for e in editions] == sorted(expected)
    for edition in editions:
        assert edition_snapshot(edition) == expected[edition.number], edition.number
    # Only whole-document editions keep a snapshot.
    stored = [e.kind for e in editions if e.snapshot]
    assert set(stored) == {PlanEdition.Kind.IMPORT, PlanEdition.Kind.REVISION}


def edit_bytes(activities: int) -> int:
    plan, user = make_plan(activities, f"План {activities}", tag=f"-{activities}")
    activity = plan.activities.order_by("position").first()
    with SqlLog() as statements:
        activity_update(activity=activity, actor=user, title="Изменённое название мероприятия")
    return statements.bytes_written()


def test_one_edit_writes_the_same_at_10_and_1000_activities():
    small, big = edit_bytes(10), edit_bytes(1000)
    assert abs(big - small) < 100  # longer ids and titles in the bigger plan
    assert big < 4000  # the changed row and the edition's change list, not a 1,000-row snapshot


def editions_page(client, plan, user):
    client.force_login(user)
    with SqlLog() as statements:
        response = client.get(reverse("plans:plan_editions", args=[plan.pk]))
    assert response.status_code == 200
    edition_rows = [sql for sql, _ in statements.statements if "plans_planedition" in sql]
    assert edition_rows and not any(
        '"snapshot"' in sql or '"changes"' in sql for sql in edition_rows
    )
    return len(statements.statements), statements.bytes_read()


def test_editions_page_costs_the_same_with_1_or_50_editions(client):
    plan, user = make_plan(1000, "Большой план")
    one = editions_page(client, plan, user)
    activity = plan.activities.order_by("position").first()
    for n in range(49):
        activity_update(activity=activity, actor=user, title=f"Название {n}")
    fifty = editions_page(client, plan, user)
    assert fifty[0] == one[0]  # the same queries
    # Bytes grow by one short row per edition, never by a snapshot (a 1,000-activity snapshot is
    # over 100 KB).
    assert fifty[1] - one[1] < 49 * 400, (one, fifty)
