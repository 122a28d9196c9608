"""The history page of an object and the administrators' search of the trail."""

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from documents.models import PlanUpload
from plans.models import Plan

EXPECTED = {
    "rep_own": 404,
    "rep_other": 404,
    "observer": 404,
    "coordinator": 200,
    "coordinator_other": 404,
    "admin": 200,
}


def history_url(obj):
    return reverse("audit:audit_history", args=[obj._meta.app_label, obj._meta.model_name, obj.pk])


@pytest.mark.parametrize(("role", "status"), EXPECTED.items())
def test_plan_history_is_for_its_coordinators_and_administrators(client, world, role, status):
    client.force_login(world.users[role])
    response = client.get(history_url(world.plan))
    assert response.status_code == status
    if status == 200:
        assert "История изменений" in response.text
        assert "создание" in response.text


def test_anonymous_is_sent_to_sign_in(client, world):
    response = client.get(history_url(world.plan))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_plan_history_lists_edits_of_its_activities(client, world):
    client.force_login(world.users["coordinator"])
    client.post(
        reverse("plans:activity_edit", args=[world.activity.pk]),
        {
            "number": world.activity.number,
            "title": "Изменённое название",
            "executors_text": world.activity.executors_text,
            "deadline_text": world.activity.deadline_text,
        },
    )
    response = client.get(history_url(world.plan))
    assert "Изменённое название" in response.text
    assert "Координатор кластера (демо)" in response.text
    activity_page = client.get(reverse("plans:activity_detail", args=[world.activity.pk]))
    assert history_url(world.activity) in activity_page.text
    plan_page = client.get(reverse("plans:plan_detail", args=[world.plan.pk]))
    assert history_url(world.plan) in plan_page.text


def test_deleted_object_history_stays_with_its_cluster(client, world):
    url = history_url(world.upload)
    world.upload.delete()
    client.force_login(world.users["coordinator"])
    assert client.get(url).status_code == 200
    client.force_login(world.users["coordinator_other"])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/audit/plans/nothing/1/",
        "/audit/sessions/session/1/",
        "/audit/plans/plan/abc/",
        "/audit/plans/plan/999999/",
        "/audit/auth/user/1/",
    ],
)
def test_unknown_or_unaudited_objects_are_404(client, world, path):
    client.force_login(world.users["coordinator"])
    assert client.get(path).status_code == 404


def test_user_history_is_for_administrators_only(client, world):
    user = world.users["observer"]
    user.first_name = "Новое имя"
    user.save()
    client.force_login(world.users["coordinator"])
    assert client.get(history_url(user)).status_code == 404
    client.force_login(world.users["admin"])
    response = client.get(history_url(user))
    assert response.status_code == 200
    assert "Новое имя" in response.text


@pytest.mark.parametrize("role", ["rep_own", "observer", "coordinator", "coordinator_other"])
def test_search_is_for_administrators(client, world, role):
    client.force_login(world.users[role])
    assert client.get(reverse("audit:audit_search")).status_code == 403


def test_search_filters_by_user_model_dates_and_text(client, world):
    coordinator = world.users["coordinator"]
    Plan.objects.filter(pk=world.plan.pk).update(status=Plan.Status.DRAFT)  # actor: system
    client.force_login(coordinator)
    client.post(reverse("plans:plan_approve", args=[world.plan.pk]))
    client.force_login(world.users["admin"])
    url = reverse("audit:audit_search")

    everything = client.get(url)
    assert everything.status_code == 200
    assert "Журнал изменений" in everything.text

    by_user = client.get(url, {"actor": coordinator.pk})
    assert (
        by_user.context["page"].paginator.count
        == LogEntry.objects.filter(actor=coordinator).count()
    )
    assert by_user.context["page"].paginator.count >= 1

    plan_type = by_user.context["form"].fields["model"].choices
    plan_choice = next(value for value, label in plan_type if label.startswith("План работы"))
    by_model = client.get(url, {"model": plan_choice})
    assert {row.model_name for row in by_model.context["page"].object_list} == {"план работы"}

    today = timezone.localdate()
    assert client.get(url, {"date_from": today}).context["page"].paginator.count >= 1
    future = client.get(url, {"date_from": today + timedelta(days=1)})
    assert future.context["page"].paginator.count == 0
    backwards = client.get(url, {"date_from": today, "date_to": today - timedelta(days=1)})
    assert "раньше даты" in backwards.text

    by_text = client.get(url, {"q": "утверждён"})  # the status label is not stored, its value is
    by_value = client.get(url, {"q": "approved"})
    assert by_value.context["page"].paginator.count >= 1
    assert by_text.status_code == 200
    by_cyrillic = client.get(url, {"q": "кластер транспорта"})
    assert by_cyrillic.context["page"].paginator.count >= 1


def test_search_pages_by_fifty(client, world):
    for number in range(60):
        PlanUpload.objects.create(
            cluster=world.cluster,
            uploaded_by=world.users["coordinator"],
            filename=f"fifty-{number}.txt",
            content=b"x",
        )
    client.force_login(world.users["admin"])
    response = client.get(reverse("audit:audit_search"), {"q": "fifty-"})
    assert response.context["page"].paginator.count == 60
    assert len(response.context["page"].object_list) == 50
    assert "Страница 1 из 2" in response.text
