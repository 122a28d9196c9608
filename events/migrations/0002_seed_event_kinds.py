"""Give every existing cluster the usual kinds of events (later clusters get them from
`events.services.event_kinds_ensure` when their first event is made)."""

from django.db import migrations

# A copy, not an import: a migration must not change when the app's list does.
KINDS = [
    ("game_program", "Игровая программа", False, False),
    ("trial", "Профессиональная проба", True, False),
    ("prof_class", "Занятие профессионального класса", False, False),
    ("road_safety", "Школа безопасности дорожного движения", False, False),
    ("championship", "Чемпионат", False, True),
    ("open_day", "День открытых дверей", False, False),
    ("parents_meeting", "Родительское собрание", False, False),
    ("master_class", "Мастер-класс", False, False),
    ("excursion", "Экскурсия", False, False),
    ("other", "Другое", False, False),
]


def seed(apps, schema_editor):
    Cluster = apps.get_model("orgs", "Cluster")
    EventKind = apps.get_model("events", "EventKind")
    for cluster in Cluster.objects.all():
        if EventKind.objects.filter(cluster=cluster).exists():
            continue
        EventKind.objects.bulk_create(
            EventKind(
                cluster=cluster,
                code=code,
                name=name,
                is_trial=is_trial,
                named_participants=named,
                position=position,
            )
            for position, (code, name, is_trial, named) in enumerate(KINDS, start=1)
        )


def unseed(apps, schema_editor):
    EventKind = apps.get_model("events", "EventKind")
    EventKind.objects.filter(code__in=[code for code, *_ in KINDS], events__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
