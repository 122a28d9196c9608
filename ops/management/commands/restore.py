from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Восстановление из архива `clusterplan backup` в ПУСТУЮ установку (--force — поверх "
        "данных). Контрольные суммы проверяются до записи, число строк — после. See docs/backup.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Файл архива .tar.gz")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Восстановить, даже если в базе или MEDIA_ROOT уже есть данные.",
        )

    def handle(self, *args, archive, force=False, **options):
        try:
            result = restore_backup(Path(archive), force=force)
        except BackupError as error:
            raise CommandError(str(error)) from None
        if result.mismatches:
            raise CommandError(
                "Восстановлено, но не совпадает с архивом:\n" + "\n".join(result.mismatches)
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Восстановлено: {result.tables} таблиц, {result.rows} строк, "
                f"{result.files} файлов; число строк и контрольные суммы совпадают с архивом."
            )
        )
