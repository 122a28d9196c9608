from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from events.services import event_reminders_send
from events.services.reminders import reminder_window


class Command(BaseCommand):
    help = (
        "Напомнить педагогам подтверждённых групп о мероприятии (за EVENT_REMINDER_HOURS часов, "
        "по умолчанию 48). Безопасно запускать повторно: каждое напоминание уходит один раз. "
        "Для cron: раз в час."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", help="Считать текущим этот момент (ГГГГ-ММ-ДДTЧЧ:ММ).")
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Поставить рассылку в очередь фоновых задач вместо немедленного запуска.",
        )

    def handle(self, *args, **options):
        now = None
        if options["now"]:
            try:
                now = datetime.fromisoformat(options["now"])
            except ValueError:
                raise CommandError("Момент должен быть в виде ГГГГ-ММ-ДДTЧЧ:ММ.") from None
            if timezone.is_naive(now):
                now = timezone.make_aware(now)
        if options["enqueue"]:
            from events.tasks import send_event_reminders

            result = send_event_reminders.enqueue(now.isoformat() if now else None)
            self.stdout.write(f"Рассылка поставлена в очередь (задача {result.id}).")
            return
        sent = event_reminders_send(now=now)
        for registration in sent:
            self.stdout.write(
                f"  {registration.teacher_email} — {registration.slot.event.title}, "
                f"{timezone.localtime(registration.slot.starts_at):%d.%m.%Y %H:%M}"
            )
        hours = int(reminder_window().total_seconds() // 3600)
        self.stdout.write(f"Отправлено напоминаний: {len(sent)} (окно {hours} ч).")
