"""Editions: a revised document and single edits make new editions; matched rows keep their ids."""

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from documents.demo import demo_load
from orgs.models import Organization
from parsing.documents import read_plan
from plans.models import Activity, Obligation, Plan, PlanEdition
from plans.services import (
    activity_create,
    activity_remove,
    activity_update,
    plan_revision_apply,
    plan_revision_preview,
)

pytestmark = pytest.mark.django_db
SEED = Path(settings.BASE_DIR) / "seed" / "plan-transport-cluster-2023-2024.txt"


def revised_seed_text() -> str:
    """The seed as the council might revise it: one activity reworded, one deadline moved, one
    added, one removed, two renumbered (2.4 and 2.5 swap places), and a new edition date."""
    text = SEED.read_text(encoding="utf-8")
    lines = text.splitlines()
    by_number = {line.split("\t")[0]: i for i, line in enumerate(lines) if "\t" in line}
    line_24, line_25 = lines[by_number["2.4"]], lines[by_number["2.5"]]
    lines[by_number["2.4"]] = "2.4" + line_25[len("2.5") :]
    lines[by_number["2.5"]] = "2.5" + line_24[len("2.4") :]
    text = "\n".join(lines)
    text = text.replace(
        "(в редакции от «02» июня 2023 г.)", "(в редакции от «15» сентября 2023 г.)"
    )
    text = text.replace(
        "Расширение экспертного сообщества за счет вовлечения работодателей в Чемпионатное движение.",
        "Расширение экспертного сообщества за счет вовлечения работодателей и наставников в чемпионатное движение.",
    )
    text = text.replace(
        "Организация и проведение школ безопасности дорожного движения.\tРуководители ПОО\tСентябрь 2023 года",
        "Организация и проведение школ безопасности дорожного движения.\tРуководители ПОО\tНоябрь 2023 года",
    )
    removed = next(line for line in text.splitlines() if line.startswith("2.13\t"))
    text = text.replace(removed + "\n", "")
    return text + (
        "\n3.4\tПроведение дня открытых дверей для выпускников школ.\tРуководители ПОО\tапрель 2024 года"
    )


@pytest.fixture
def plan():
    demo_load()
    return Plan.objects.get()


def read(text: str):
    return read_plan(text.encode("utf-8"), "revised.txt")


def test_revision_diff_and_kept_obligations(plan):
    before = {a.number: a.pk for a in plan.activities.all()}
    obligations_before = dict(
        Obligation.objects.filter(activity__plan=plan).values_list("pk", "activity_id")
    )
    document = read(revised_seed_text())

    preview = plan_revision_preview(plan=plan, document=document)
    changes = {
        (change.kind.value, (change.old or change.new).number): change for change in preview.changes
    }
    changed = {key for key in changes if key[0] != "unchanged"}
    assert changed == {
        ("changed", "2.7"),
        ("changed", "3.1"),
        ("changed", "2.4"),
        ("changed", "2.5"),
        ("removed", "2.13"),
        ("added", "3.4"),
    }
    assert [f.field for f in changes[("changed", "2.7")].fields] == ["title"]
    assert [(f.field, f.old, f.new) for f in changes[("changed", "3.1")].fields] == [
        ("deadline_text", "Сентябрь 2023 года", "Ноябрь 2023 года")
    ]
    assert changes[("changed", "2.4")].renumbered and changes[("changed", "2.5")].renumbered
    assert Plan.objects.get().editions.count() == 1  # the preview writes nothing

    edition = plan_revision_apply(plan=plan, document=document, actor=None, note="Решение совета")

    assert (edition.number, edition.kind, edition.edition_date) == (
        2,
        "revision",
        date(2023, 9, 15),
    )
    assert edition.note == "Решение совета"
    assert len(edition.changes) == 6
    after = {a.number: a.pk for a in Plan.objects.get().activities.all()}
    # Renumbered activities keep their rows: the old 2.4 is now 2.5 and vice versa.
    assert after["2.5"] == before["2.4"] and after["2.4"] == before["2.5"]
    for number in ["1.1", "2.1", "2.2", "2.3", "2.6", "2.7", "2.8", "3.1", "3.2", "3.3"]:
        assert after[number] == before[number]
    assert "2.13" not in after and "3.4" in after
    # Every obligation of an activity that stayed keeps its id.
    kept_activities = set(after.values())
    for obligation_id, activity_id in obligations_before.items():
        if activity_id in kept_activities:
            assert Obligation.objects.filter(pk=obligation_id, activity_id=activity_id).exists()
    # The removed activity is kept for the record, out of the current plan.
    removed = Activity.all_objects.get(pk=before["2.13"])
    assert removed.removed_in == edition
    assert not Obligation.objects.filter(activity=removed).exists()
    assert Obligation.all_objects.filter(activity=removed).exists()
    # The moved deadline is understood again.
    moved = Activity.objects.get(pk=before["3.1"])
    assert (moved.deadline_start, moved.deadline_end) == (date(2023, 11, 1), date(2023, 11, 30))


def test_earlier_edition_is_kept_as_it_was(plan):
    plan_revision_apply(plan=plan, document=read(revised_seed_text()), actor=None)
    first, second = PlanEdition.objects.filter(plan=plan).order_by("number")
    first_numbers = [a["number"] for o in first.snapshot["objectives"] for a in o["activities"]]
    second_numbers = [a["number"] for o in second.snapshot["objectives"] for a in o["activities"]]
    assert "2.13" in first_numbers and "3.4" not in first_numbers
    assert "2.13" not in second_numbers and "3.4" in second_numbers
    assert len(first_numbers) == 17 and len(second_numbers) == 17


def test_same_document_again_is_refused(plan):
    with pytest.raises(ValidationError, match="не отличается"):
        plan_revision_apply(plan=plan, document=read(SEED.read_text(encoding="utf-8")), actor=None)
    assert plan.editions.count() == 1


def test_edit_makes_an_edition_and_resyncs_obligations(plan):
    activity = plan.activities.get(number="2.12")
    kept = Obligation.objects.get(activity=activity, organization__short_name="ОГБПОУ «ТКГТ»")
    activity_update(
        activity=activity,
        actor=None,
        executors_text="ОГБПОУ «ТКГТ», ЦОПП",
        deadline_text="IV квартал 2023 года",
    )

    activity.refresh_from_db()
    assert (activity.deadline_start, activity.deadline_end) == (
        date(2023, 10, 1),
        date(2023, 12, 31),
    )
    names = set(activity.obligations.values_list("organization__short_name", flat=True))
    assert names == {"ОГБПОУ «ТКГТ»", "Демо: ЦОПП"}
    assert Obligation.objects.get(pk=kept.pk).activity_id == activity.pk  # same row kept
    edition = plan.editions.order_by("-number").first()
    assert (edition.number, edition.kind) == (2, "edit")
    assert [f["field"] for f in edition.changes[0]["fields"]] == ["executors", "deadline_text"]
    # Naming a college again brings its old obligation row back.
    ttvts_row = Obligation.all_objects.get(
        activity=activity, organization__short_name="ОГБПОУ «ТТВТС»"
    )
    activity_update(activity=activity, actor=None, executors_text="ОГБПОУ «ТКГТ» Руководители ПОО")
    assert (
        Obligation.objects.get(activity=activity, organization__short_name="ОГБПОУ «ТТВТС»").pk
        == ttvts_row.pk
    )


def test_edit_without_change_makes_no_edition(plan):
    activity = plan.activities.get(number="2.1")
    activity_update(activity=activity, actor=None, title=activity.title)
    assert plan.editions.count() == 1


def test_edit_refuses_unknown_executor_and_empty_title(plan):
    activity = plan.activities.get(number="2.1")
    with pytest.raises(ValidationError, match="министерство"):
        activity_update(activity=activity, actor=None, executors_text="министерство")
    with pytest.raises(ValidationError, match="не может быть пустым"):
        activity_update(activity=activity, actor=None, title="  ")
    assert plan.editions.count() == 1
    assert Activity.objects.get(pk=activity.pk).executors_text == "ОГБПОУ «ТТВТС», руководители ПОО"


def test_create_and_remove_activity(plan):
    objective = plan.objectives.get(number="3")
    activity = activity_create(
        plan=plan,
        objective=objective,
        actor=None,
        number="3.4",
        title="День открытых дверей",
        executors_text="Руководители ПОО",
        deadline_text="апрель 2024 года",
    )
    numbers = list(plan.activities.order_by("position").values_list("number", flat=True))
    assert numbers[-1] == "3.4"
    assert activity.obligations.count() == Organization.objects.filter(kind="college").count()
    edition = activity_remove(activity=activity, actor=None, note="Ошибочно добавлено")
    assert edition.number == 3
    assert not plan.activities.filter(pk=activity.pk).exists()
    assert edition.changes[0]["kind"] == "removed"
