from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from reporting.services.reminders import reminders_send


class Command(BaseCommand):
    help = (
        "Разослать напоминания о сроках отчётов, сообщения о просрочке и еженедельные сводки. "
        "Безопасно запускать повторно: каждое письмо уходит один раз. Для cron: раз в день."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Считать сегодняшним этот день (ГГГГ-ММ-ДД).")
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Поставить рассылку в очередь фоновых задач вместо немедленного запуска.",
        )

    def handle(self, *args, **options):
        try:
            today = date.fromisoformat(options["date"]) if options["date"] else None
        except ValueError:
            raise CommandError("Дата должна быть в виде ГГГГ-ММ-ДД.") from None
        if options["enqueue"]:
            from reporting.tasks import send_reminders

            result = send_reminders.enqueue(today.isoformat() if today else None)
            self.stdout.write(f"Рассылка поставлена в очередь (задача {result.id}).")
            return
        sent = reminders_send(today=today or timezone.localdate())
        for item in sent:
            about = f" — {', '.join(item.organizations)}" if item.organizations else ""
            self.stdout.write(f"  {item.kind:12} {item.recipient}{about}")
        self.stdout.write(f"Отправлено писем: {len(sent)}.")
