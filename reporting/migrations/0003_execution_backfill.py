"""Fill plans' execution columns from the reports already stored (plans 0005 added them)."""

from collections import defaultdict

from django.db import migrations

from plans.services.execution import execution_of, execution_summary


def backfill(apps, schema_editor):
    Report = apps.get_model("reporting", "Report")
    Obligation = apps.get_model("plans", "Obligation")
    Activity = apps.get_model("plans", "Activity")
    latest: dict[int, str] = {}
    for obligation_id, status in (
        Report.objects.filter(state="accepted")
        .order_by("obligation_id", "-period__end", "-reviewed_at", "-pk")
        .values_list("obligation_id", "status")
    ):
        latest.setdefault(obligation_id, status)
    awaiting = set(
        Report.objects.filter(state="submitted").values_list("obligation_id", flat=True)
    )
    by_value: dict[str, list[int]] = defaultdict(list)
    for pk in set(latest) | awaiting:
        by_value[execution_of(accepted_status=latest.get(pk, ""), awaiting_review=pk in awaiting)].append(pk)
    for value, pks in by_value.items():
        Obligation.objects.filter(pk__in=pks).update(execution=value)
    executions: dict[int, list[str]] = defaultdict(list)
    for activity_id, execution in Obligation.objects.filter(removed_in__isnull=True).values_list(
        "activity_id", "execution"
    ):
        executions[activity_id].append(execution)
    summaries: dict[str, list[int]] = defaultdict(list)
    for activity_id, values in executions.items():
        summaries[execution_summary(values)].append(activity_id)
    for value, pks in summaries.items():
        if value:
            Activity.objects.filter(pk__in=pks).update(execution=value)


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0002_evidence_core"),
        ("plans", "0005_execution_state"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
