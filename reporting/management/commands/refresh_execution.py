from django.core.management.base import BaseCommand
from django.db import transaction

from plans.models import Obligation
from reporting.services.execution import execution_refresh


class Command(BaseCommand):
    help = (
        "Пересчитать исполнение мероприятий по принятым отчётам (колонки, по которым страницы "
        "плана фильтруют и считают состояния). Нужно только после правки данных в обход сервисов."
    )

    def handle(self, *args, **options):
        ids = list(Obligation.all_objects.values_list("pk", flat=True))
        with transaction.atomic():
            for start in range(0, len(ids), 5000):
                execution_refresh(obligation_ids=ids[start : start + 5000])
        self.stdout.write(f"Проверено обязательств: {len(ids)}.")
