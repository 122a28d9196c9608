"""«Create next year's plan»: a draft with moved deadlines, chosen activities and their executors."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from documents.demo import demo_load
from orgs.models import UserRole
from plans.models import Activity, Obligation, Plan
from plans.services import activity_update, plan_rollover, plan_rollover_preview

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    demo_load()
    return Plan.objects.get()


def test_preview_moves_dated_phrases_and_keeps_relative_ones(plan):
    title, window, rolled = plan_rollover_preview(plan)
    assert (
        title
        == "План работы образовательно-отраслевого кластера транспорта на 2024 – 2025 учебный год"
    )
    assert (window.start, window.end) == (date(2024, 9, 1), date(2025, 8, 31))
    by_number = {item.activity.number: item.deadline for item in rolled}
    assert (by_number["2.3"].text, by_number["2.3"].status) == ("IV квартал 2024 года", "shifted")
    assert (by_number["2.8"].text, by_number["2.8"].status) == (
        "октябрь-ноябрь 2024 года",
        "shifted",
    )
    assert (by_number["2.2"].text, by_number["2.2"].status) == ("В течение года", "unchanged")
    assert (by_number["1.1"].text, by_number["1.1"].status) == (
        "По мере необходимости",
        "unchanged",
    )


def test_rollover_creates_a_draft_with_kept_activities_and_obligations(plan):
    keep = set(plan.activities.exclude(number="2.13").values_list("pk", flat=True))
    draft = plan_rollover(plan=plan, actor=None, keep=keep)

    assert (draft.status, draft.year_label, draft.rolled_over_from) == ("draft", "2024-2025", plan)
    numbers = list(draft.activities.order_by("position").values_list("number", flat=True))
    assert len(numbers) == 16 and "2.13" not in numbers
    moved = draft.activities.get(number="3.1")
    assert (moved.deadline_text, moved.deadline_start, moved.deadline_end) == (
        "Сентябрь 2024 года",
        date(2024, 9, 1),
        date(2024, 9, 30),
    )
    old_28 = Obligation.objects.filter(activity__plan=plan, activity__number="2.8")
    new_28 = Obligation.objects.filter(activity__plan=draft, activity__number="2.8")
    assert sorted(old_28.values_list("organization_id", "role")) == sorted(
        new_28.values_list("organization_id", "role")
    )
    edition = draft.editions.get()
    assert (edition.number, edition.kind) == (1, "rollover")
    assert plan.activities.count() == 17  # the old plan is untouched


def test_unshiftable_deadline_is_kept_and_flagged(plan):
    activity = plan.activities.get(number="2.1")
    activity_update(
        activity=activity, actor=None, deadline_text="в период зимних каникул 2023 года"
    )
    draft = plan_rollover(plan=plan, actor=None, keep={activity.pk})
    copy = draft.activities.get()
    assert copy.deadline_text == "в период зимних каникул 2023 года"
    assert any("Срок не перенесён автоматически" in warning for warning in copy.warnings)


def test_nothing_kept_or_twice_is_refused(plan):
    with pytest.raises(ValidationError, match="хотя бы одно"):
        plan_rollover(plan=plan, actor=None, keep=set())
    keep = set(plan.activities.values_list("pk", flat=True))
    plan_rollover(plan=plan, actor=None, keep=keep)
    with pytest.raises(ValidationError, match="уже есть"):
        plan_rollover(plan=plan, actor=None, keep=keep)
    assert Plan.objects.count() == 2


def test_rollover_page_and_approval(client, plan):
    client.force_login(plan.cluster.user_roles.get(kind=UserRole.Kind.COORDINATOR).user)
    url = reverse("plans:plan_rollover", args=[plan.pk])
    page = client.get(url).content.decode()
    assert "План на 2024-2025: проект" in page
    assert page.count('name="keep"') == 17
    response = client.post(url, {"title": "", "keep": []})
    assert response.status_code == 400
    assert "хотя бы одно" in response.content.decode()
    keep = [str(pk) for pk in plan.activities.values_list("pk", flat=True)]
    response = client.post(url, {"title": "План на 2024 – 2025 учебный год", "keep": keep})
    draft = Plan.objects.get(status="draft")
    assert response.url == reverse("plans:plan_detail", args=[draft.pk])
    page = client.get(response.url).content.decode()
    assert "Это проект плана, перенесённый из плана на 2023-2024" in page
    client.post(reverse("plans:plan_approve", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == "approved"


def test_representative_cannot_roll_over(client, plan):
    client.force_login(plan.cluster.user_roles.get(user__username="ttvts").user)
    assert client.get(reverse("plans:plan_rollover", args=[plan.pk])).status_code == 403
    assert client.post(reverse("plans:plan_approve", args=[plan.pk])).status_code == 403
    assert Activity.objects.count() == 17
