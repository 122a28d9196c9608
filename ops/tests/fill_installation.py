"""Fill an installation with one row of (nearly) every table, for the backup test:
`python -m ops.tests.fill_installation` with DATABASE_URL and MEDIA_ROOT set.

The permission matrix's world (ops/tests/world.py) already makes one real object of every kind a
page can name, through the services, with their files: reports with evidence, meetings with
materials and a signed protocol scan, events with groups and evidence, the audit trail. This adds
what no page creates by itself (an indicator value, a report version, a remembered alias, a
queued task…) and (a failed sign-in for the lockout log, an
admin log entry, a session, a group), so the restore is compared on a full database.
"""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.admin.models import ADDITION, LogEntry  # noqa: E402
from django.contrib.auth import authenticate, get_user_model  # noqa: E402
from django.contrib.auth.models import Group, Permission  # noqa: E402
from django.contrib.auth.signals import user_logged_in  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.cache.backends.db import DatabaseCache  # noqa: E402
from django.test import RequestFactory  # noqa: E402

from ops.tests.world import build_world  # noqa: E402


def main() -> None:
    from core.services import calendar_token_reset
    from council.models import AgendaItem, Assignment
    from documents.models import PlanReadingChoices
    from events.models import Event, ParticipantTally
    from orgs.services import executor_alias_set
    from reporting.models import (
        Indicator,
        IndicatorValue,
        NotificationPreference,
        Report,
        ReportVersion,
        SentReminder,
    )
    from reporting.tasks import send_reminders

    world = build_world()
    admin = get_user_model().objects.filter(is_superuser=True).first()
    calendar_token_reset(user=admin)
    NotificationPreference.objects.create(user=admin, weekly_digest=False)
    SentReminder.objects.create(
        kind=SentReminder.Kind.choices[0][0], key="backup-test", recipient="a@example.ru"
    )
    report = Report.objects.first()
    if not ReportVersion.objects.exists():
        ReportVersion.objects.create(
            report=report, number=1, submitted_by=admin, submitted_at=report.updated_at
        )
    indicator = Indicator.objects.filter(plan=report.obligation.activity.plan).first() or (
        Indicator.objects.create(plan=report.obligation.activity.plan, name="Проведено профпроб")
    )
    IndicatorValue.objects.get_or_create(report=report, indicator=indicator, defaults={"value": 5})
    executor_alias_set(
        cluster=world.cluster, phrase="Отраслевые партнёры", organizations=[world.own_org]
    )
    PlanReadingChoices.objects.create(plan=world.plan, choices={"columns": {"3": "deadline"}})
    event = Event.objects.filter(cluster=world.cluster).first()
    event.partners.add(world.other_org)
    ParticipantTally.objects.create(
        event=event, category=ParticipantTally.Category.PARENTS, count=4
    )
    AgendaItem.objects.first().activities.add(world.activity)
    Assignment.objects.first().co_executors.add(world.other_org)
    send_reminders.enqueue()  # a queued task result
    # The database cache's table (the cache itself may be Redis, when REDIS_URL is set).
    DatabaseCache(settings.CACHE_TABLE, {}).set("backup-test", "kept")
    group = Group.objects.create(name="Редакторы планов")
    group.permissions.add(Permission.objects.first())
    admin.groups.add(group)
    admin.user_permissions.add(Permission.objects.first())
    LogEntry.objects.create(
        user=admin,
        content_type=ContentType.objects.get_for_model(group),
        object_id=str(group.pk),
        object_repr=group.name,
        action_flag=ADDITION,
    )
    session = SessionStore()
    session["filled"] = True
    session.create()
    request = RequestFactory().post("/login/", REMOTE_ADDR="203.0.113.9")
    user_logged_in.send(
        sender=type(admin), request=request, user=admin
    )  # axes' access log (resets its attempts)
    authenticate(
        request=request, username=admin.username, password="неверный пароль"
    )  # then one failed attempt
    print(f"filled: {world.plan}")


if __name__ == "__main__":
    main()
