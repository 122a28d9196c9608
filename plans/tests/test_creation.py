"""Plans and sections other apps create through plans.services."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from orgs.tests.factories import ClusterFactory
from plans.models import Plan
from plans.services import objective_create, plan_create

pytestmark = pytest.mark.django_db


def test_a_created_plan_has_its_first_sealed_edition_and_sections_append():
    plan = plan_create(
        cluster=ClusterFactory(),
        actor=None,
        title="План поручений Координационного совета на 2024-2025 год",
        year_label="2024-2025",
        window_start=date(2024, 9, 1),
        window_end=date(2025, 8, 31),
        kind=Plan.Kind.ASSIGNMENTS,
        note="создан для поручений",
    )
    edition = plan.editions.get()
    assert edition.number == 1 and edition.snapshot["objectives"] == []
    first = objective_create(plan=plan, actor=None, title="Протокол № 1")
    second = objective_create(plan=plan, actor=None, title="Протокол № 2")
    assert (first.position, second.position) == (1, 2)


def test_a_plan_with_its_window_backwards_is_refused_and_nothing_is_kept():
    cluster = ClusterFactory()
    with pytest.raises(ValidationError):
        plan_create(
            cluster=cluster,
            actor=None,
            title="План",
            year_label="2024-2025",
            window_start=date(2025, 8, 31),
            window_end=date(2024, 9, 1),
            note="",
        )
    assert not Plan.objects.filter(cluster=cluster).exists()
