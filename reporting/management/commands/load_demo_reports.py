from django.core.management.base import BaseCommand, CommandError

from reporting.demo import demo_reports_load


class Command(BaseCommand):
    help = (
        "Заполнить демо-план примерами исполнения: кварталы, показатели и отчёты организаций "
        "за IV квартал 2023 года (после load_demo)."
    )

    def handle(self, *args, **options):
        try:
            made = demo_reports_load()
        except ValueError as error:
            raise CommandError(str(error)) from None
        if made:
            self.stdout.write(f"Добавлено отчётов: {made}.")
        else:
            self.stdout.write("Отчёты демо-плана уже есть — ничего не изменено.")
