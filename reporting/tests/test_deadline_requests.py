"""An executor asks to move a deadline; the coordinator approves (a new plan edition) or refuses."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plans.models import Activity, PlanEdition
from reporting.models import DeadlineChangeRequest
from reporting.services import (
    deadline_change_approve,
    deadline_change_refuse,
    deadline_change_request,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition(world):
    return PlanEdition.objects.create(plan=world["plan"], number=1, note="Загружен из документа")


def ask(world, text="II квартал 2024 года", reason="Площадка закрыта на ремонт."):
    return deadline_change_request(
        obligation=world["ob_quarter_ttvts"],
        actor=world["rep_ttvts"],
        deadline_text=text,
        reason=reason,
    )


def test_approval_moves_the_deadline_and_makes_a_new_edition(world, edition):
    request = ask(world)
    deadline_change_approve(request=request, actor=world["coordinator"], comment="Согласовано.")
    activity = Activity.objects.get(pk=world["quarter"].pk)
    assert activity.deadline_text == "II квартал 2024 года"
    assert (activity.deadline_start, activity.deadline_end) == (date(2024, 4, 1), date(2024, 6, 30))
    request.refresh_from_db()
    assert request.state == "approved"
    assert request.edition.number == 2
    assert "по запросу организации «ОГБПОУ «ТТВТС»»" in request.edition.note
    with pytest.raises(ValidationError, match="решение уже принято"):
        deadline_change_refuse(request=request, actor=world["coordinator"], comment="Нет.")


def test_refusal_needs_a_reason_and_changes_nothing(world, edition):
    request = ask(world)
    with pytest.raises(ValidationError):
        deadline_change_refuse(request=request, actor=world["coordinator"], comment="")
    deadline_change_refuse(
        request=request, actor=world["coordinator"], comment="Срок установлен советом."
    )
    assert Activity.objects.get(pk=world["quarter"].pk).deadline_text == "I квартал 2024 года"
    assert PlanEdition.objects.filter(plan=world["plan"]).count() == 1


def test_a_request_needs_a_new_deadline_and_a_reason_and_one_at_a_time(world):
    with pytest.raises(ValidationError) as error:
        ask(world, text="I квартал 2024 года", reason="")
    assert set(error.value.message_dict) == {"deadline_text", "reason"}
    ask(world)
    with pytest.raises(ValidationError, match="уже ждёт решения"):
        ask(world, text="III квартал 2024 года")


def test_the_pages(client, world, edition):
    client.force_login(world["rep_ttvts"])
    url = reverse("reporting:deadline_request_create", args=[world["ob_quarter_ttvts"].pk])
    response = client.post(url, {"deadline_text": "II квартал 2024 года", "reason": "Ремонт."})
    assert response.status_code == 302
    request = DeadlineChangeRequest.objects.get()
    client.force_login(world["rep_tkgt"])
    assert client.get(url).status_code == 403
    page = client.get(reverse("reporting:deadline_requests", args=["transport"])).content.decode()
    assert "Запросов на перенос сроков нет." in page  # another organization's request
    assert (
        client.post(
            reverse("reporting:deadline_request_decide", args=[request.pk]), {"decision": "approve"}
        ).status_code
        == 404
    )
    client.force_login(world["observer"])
    assert (
        client.post(
            reverse("reporting:deadline_request_decide", args=[request.pk]), {"decision": "approve"}
        ).status_code
        == 403
    )
    client.force_login(world["coordinator"])
    page = client.get(reverse("reporting:deadline_requests", args=["transport"])).content.decode()
    assert "Перенести срок" in page and "Ремонт." in page
    response = client.post(
        reverse("reporting:deadline_request_decide", args=[request.pk]),
        {"decision": "approve"},
        follow=True,
    )
    assert "в плане новая редакция" in response.content.decode()
    assert Activity.objects.get(pk=world["quarter"].pk).deadline_text == "II квартал 2024 года"
