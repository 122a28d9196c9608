"""`clusterplan load_council_demo`: the demo installation (`load_demo`) plus its council."""

from django.core.management.base import BaseCommand

from council.demo import council_demo_load


class Command(BaseCommand):
    help = (
        "Загрузить демонстрационный кластер (как load_demo) и состав его Координационного совета."
    )

    def handle(self, *args, **options):
        # The demo installation belongs to `documents`, a layer above this app: read it here,
        # in the command, never in the app's own modules.
        from documents.demo import DEMO_PASSWORD, demo_load
        from orgs.models import Cluster

        demo_load()
        council = council_demo_load(
            cluster=Cluster.objects.get(slug="transport"), password=DEMO_PASSWORD
        )
        self.stdout.write(
            f"Совет: {council.members.count()} членов. Вход секретаря: secretary / {DEMO_PASSWORD}, "
            f"председателя: chair / {DEMO_PASSWORD}."
        )
