from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ops.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Резервная копия: база данных (SQLite — online backup, PostgreSQL — pg_dump -Fc), "
        "файлы MEDIA_ROOT и manifest.json с числом строк и SHA-256 в одном tar.gz. "
        "See docs/backup.md."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            help="Файл архива (по умолчанию clusterplan-backup-ГГГГММДД-ЧЧММСС.tar.gz).",
        )

    def handle(self, *args, output=None, **options):
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        path = Path(output or f"clusterplan-backup-{stamp}.tar.gz")
        try:
            result = create_backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Резервная копия: {result.path} ({result.size / 1024 / 1024:.1f} МБ) — "
                f"{result.tables} таблиц, {result.rows} строк, {result.files} файлов."
            )
        )
