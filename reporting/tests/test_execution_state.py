"""The state every page shows comes from the dates and the accepted reports (issue 11).

Activity 1.1 (I квартал 2024) is owed by ТТВТС and ТКГТ; 1.3 (II полугодие) by ТКГТ alone.
"""

import io
import re
from datetime import date

import pytest
import time_machine
from django.urls import reverse
from docx import Document

from core.services import api_token_create
from plans.models import Activity, Execution, Obligation
from plans.selectors import ActivityFilters, State, activity_queryset
from reporting.services import (
    deadline_change_approve,
    deadline_change_request,
    report_accept,
    report_return,
    report_submit,
)


def report(world, obligation, period, status, *, accept=True, reason=""):
    representative = (
        world["rep_ttvts"] if obligation.organization == world["ttvts"] else (world["rep_tkgt"])
    )
    submitted = report_submit(
        obligation=obligation,
        period=period,
        actor=representative,
        version=0,
        status=status,
        reason=reason,
        text="Проведено, приказ № 7.",
    )
    if accept:
        return report_accept(report=submitted, actor=world["coordinator"])
    return submitted


def page(client, user, url, **params) -> str:
    client.force_login(user)
    response = client.get(url, params)
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def row_state(html: str, title: str) -> str:
    """The state badge of the table row holding `title`."""
    row = next(part for part in html.split("<tr") if title in part)
    return re.search(r'class="badge state-[a-z_]+">([^<]+)<', row).group(1)


def api_state(client, user, activity) -> tuple[str, str]:
    _, key = api_token_create(user=user, name="тест")
    body = client.get(
        f"/api/v1/activities/{activity.pk}", headers={"Authorization": f"Bearer {key}"}
    ).json()
    return body["state"], body["state_label"]


def docx_text(client, user, plan) -> str:
    client.force_login(user)
    response = client.get(reverse("documents:plan_export", args=[plan.pk, "docx"]), {"marks": 1})
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    return "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )


@pytest.mark.django_db
def test_done_shows_done_everywhere_and_not_done_after_the_deadline(client, world):
    plan, quarter, second_half = world["plan"], world["quarter"], world["second_half"]
    with time_machine.travel(date(2024, 3, 20)):
        report(world, world["ob_quarter_ttvts"], world["q1"], "done")
        # One of two executors done: partial, not done.
        assert Activity.objects.get(pk=quarter.pk).execution == Execution.PARTIAL
        report(world, world["ob_quarter_tkgt"], world["q1"], "done")
    with time_machine.travel(date(2024, 10, 2)):
        report(world, world["ob_second_half"], world["q3"], "not_done", reason="Нет автобуса.")

    coordinator = world["coordinator"]
    with time_machine.travel(date(2025, 1, 15)):  # both deadlines have passed
        plan_page = page(client, coordinator, reverse("plans:plan_detail", args=[plan.pk]))
        assert row_state(plan_page, quarter.title) == "выполнено"
        assert row_state(plan_page, second_half.title) == "срок прошёл — не выполнено"
        activity_page = page(
            client, coordinator, reverse("plans:activity_detail", args=[quarter.pk])
        )
        assert "выполнено" in re.search(r"Состояние</dt><dd>(.*?)</dd>", activity_page).group(1)
        organization_page = page(
            client,
            coordinator,
            reverse("plans:organization_detail", args=[world["cluster"].slug, world["tkgt"].pk]),
        )
        assert row_state(organization_page, quarter.title) == "выполнено"
        assert row_state(organization_page, second_half.title) == "срок прошёл — не выполнено"
        assert api_state(client, coordinator, quarter) == ("done", "выполнено")
        assert api_state(client, coordinator, second_half) == (
            "overdue_not_done",
            "срок прошёл — не выполнено",
        )
        text = docx_text(client, coordinator, plan)
        assert "I квартал 2024 года\nОтметка о выполнении: выполнено" in text
        assert "Отметка о выполнении: срок прошёл — не выполнено" in text
        # «Срок прошёл» alone is another fact: the as-needed activity never is, and a dated one
        # nobody reported on says so instead of «не выполнено».
        assert row_state(plan_page, world["as_needed"].title) == "по мере необходимости"

        # The year is over: the plan reads as an archive that says what was done and what not.
        assert "План завершён 31.12.2024: итоги" in plan_page
        assert "Из 3 мероприятий выполнено 1." in plan_page
        assert "Не выполнено к сроку по принятым отчётам: 1" in plan_page


@pytest.mark.django_db
def test_review_states_and_returns(world):
    obligation, quarter = world["ob_quarter_ttvts"], world["quarter"]

    def state(today):
        rows = activity_queryset(plan=world["plan"], filters=ActivityFilters(), today=today)
        return State(rows.get(pk=quarter.pk).state)

    assert state(date(2024, 2, 1)) == State.IN_PROGRESS
    assert state(date(2024, 4, 1)) == State.OVERDUE  # «срок прошёл — нет отчёта»
    with time_machine.travel(date(2024, 3, 1)):
        submitted = report(world, obligation, world["q1"], "done", accept=False)
    assert state(date(2024, 3, 2)) == State.SUBMITTED
    report_return(report=submitted, actor=world["coordinator"], comment="Приложите приказ.")
    assert Obligation.objects.get(pk=obligation.pk).execution == Execution.NONE
    assert state(date(2024, 4, 1)) == State.OVERDUE


@pytest.mark.django_db
def test_an_approved_deadline_change_reads_postponed_until_the_new_deadline(world):
    obligation, quarter = world["ob_quarter_tkgt"], world["quarter"]
    request = deadline_change_request(
        obligation=obligation,
        actor=world["rep_tkgt"],
        deadline_text="II квартал 2024 года",
        reason="Школы на карантине.",
    )
    deadline_change_approve(request=request, actor=world["coordinator"])

    def state(today):
        rows = activity_queryset(plan=world["plan"], filters=ActivityFilters(), today=today)
        return State(rows.get(pk=quarter.pk).state)

    assert state(date(2024, 5, 1)) == State.POSTPONED
    assert state(date(2024, 7, 2)) == State.OVERDUE


@pytest.mark.django_db
def test_load_demo_activity_2_1_is_not_overdue(client):
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    call_command("load_demo_reports", verbosity=0)
    activity = Activity.objects.get(number="2.1", plan__kind="work_plan")
    with time_machine.travel(date(2024, 9, 10)):
        rows = activity_queryset(plan=activity.plan, filters=ActivityFilters(), today=date.today())
        state = State(rows.get(pk=activity.pk).state)
    assert state not in (State.OVERDUE, State.OVERDUE_NOT_DONE), state
    assert state == State.DONE
