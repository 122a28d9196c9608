"""The audit trail: who changed what, when, before and after, from which address; never secrets."""

import pytest
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from audit.registry import AUDITED_APPS, left_out_fields
from core.models import ApiToken, CalendarToken
from documents.models import PlanUpload
from plans.models import Activity, Plan, PlanEdition


def entries_for(obj):
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_pk=str(obj.pk)
    ).order_by("timestamp", "pk")


def test_every_model_of_the_audited_apps_is_registered():
    for app_label in AUDITED_APPS:
        if not apps.is_installed(app_label):
            continue
        for model in apps.get_app_config(app_label).get_models():
            assert auditlog.contains(model), f"{model._meta.label} is not in the audit trail"
    assert auditlog.contains(get_user_model())


@pytest.mark.parametrize(
    ("model", "secret"),
    [
        (get_user_model(), "password"),
        (ApiToken, "key_hash"),
        (CalendarToken, "key_hash"),
        (PlanUpload, "content"),
        (PlanEdition, "snapshot"),
    ],
)
def test_secrets_and_file_contents_are_left_out(model, secret):
    assert secret in left_out_fields(model)
    assert secret in auditlog.get_model_fields(model)["exclude_fields"]


def test_activity_edit_records_actor_address_before_and_after(client, world):
    activity = world.activity
    old_title = activity.title
    client.force_login(world.users["coordinator"])
    response = client.post(
        reverse("plans:activity_edit", args=[activity.pk]),
        {
            "number": activity.number,
            "title": "Новое название мероприятия",
            "executors_text": activity.executors_text,
            "deadline_text": activity.deadline_text,
            "note": "Решение совета",
        },
        REMOTE_ADDR="10.1.2.3",
    )
    assert response.status_code == 302
    entry = entries_for(activity).filter(action=LogEntry.Action.UPDATE).last()
    assert entry.actor == world.users["coordinator"]
    assert entry.remote_addr == "10.1.2.3"
    assert entry.changes_dict["title"] == [old_title, "Новое название мероприятия"]
    assert entry.additional_data["clusters"] == [world.cluster.pk]
    edition = PlanEdition.objects.filter(plan=world.plan).order_by("-number").first()
    created = entries_for(edition).get(action=LogEntry.Action.CREATE)
    assert created.actor == world.users["coordinator"]
    assert "snapshot" not in created.changes_dict


def test_queryset_update_is_recorded_like_save(client, world):
    """activity_remove marks the activity removed with QuerySet.update(); the trail still has it."""
    client.force_login(world.users["coordinator"])
    response = client.post(
        reverse("plans:activity_remove", args=[world.activity.pk]),
        {"note": "Не проводится"},
        REMOTE_ADDR="10.9.8.7",
    )
    assert response.status_code == 302
    entry = entries_for(world.activity).filter(action=LogEntry.Action.UPDATE).last()
    assert entry.changes_dict["removed_in"][0] is None
    assert entry.changes_dict["removed_in"][1] is not None
    assert entry.actor == world.users["coordinator"]
    assert entry.remote_addr == "10.9.8.7"
    obligation_entry = entries_for(world.obligation).last()
    assert "removed_in" in obligation_entry.changes_dict


def test_update_of_untracked_fields_writes_nothing(world):
    before = LogEntry.objects.count()
    Activity.objects.filter(pk=world.activity.pk).update(search_text="x")
    ApiToken.objects.filter(pk__in=[]).update(name="x")
    assert LogEntry.objects.count() == before


def test_password_change_keeps_no_password(client, world):
    user = world.users["observer"]
    user.set_password("совсем-новый-пароль-2024")
    user.first_name = "Наблюдатель"
    user.save()
    for entry in entries_for(user):
        assert "password" not in entry.changes_dict
        assert "pbkdf2" not in str(entry.changes) and "md5$" not in str(entry.changes)


def test_client_ip_header_is_used_only_when_configured(client, world, settings):
    client.force_login(world.users["coordinator"])
    plan = world.plan

    def approve(**headers):
        Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.DRAFT)
        client.post(
            reverse("plans:plan_approve", args=[plan.pk]), REMOTE_ADDR="127.0.0.1", **headers
        )
        return entries_for(plan).filter(action=LogEntry.Action.UPDATE).last().remote_addr

    assert approve(HTTP_X_REAL_IP="203.0.113.5") == "127.0.0.1"
    settings.CLIENT_IP_HEADER = "X-Real-IP"
    assert approve(HTTP_X_REAL_IP="203.0.113.5") == "203.0.113.5"
    assert approve(HTTP_X_REAL_IP="not an address") == "127.0.0.1"


def test_plan_import_is_recorded(world):
    created = entries_for(world.plan).filter(action=LogEntry.Action.CREATE)
    assert created.count() == 1
    assert created.get().additional_data["clusters"] == [world.cluster.pk]


def test_deleting_keeps_the_history_and_its_cluster(world):
    upload = world.upload
    pk = upload.pk
    upload.delete()
    deleted = LogEntry.objects.get(
        content_type=ContentType.objects.get_for_model(PlanUpload),
        object_pk=str(pk),
        action=LogEntry.Action.DELETE,
    )
    assert deleted.additional_data["clusters"] == [world.cluster.pk]
    assert "content" not in deleted.changes_dict
