"""`manage.py files_cleanup`: what failed writes left in the file storage.

Staged files (core.files) whose row committed are moved into place; staged files older than an hour
whose row never committed (a killed worker, a rolled-back transaction) are removed, and so are
files in the upload folders that no row names, and Django's temporary upload files (big uploads are
spooled to disk before the view runs) older than an hour. A dry run by default: `--delete` acts.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand

from core.files import files_cleanup


class Command(BaseCommand):
    help = "Find (with --delete: remove or complete) files left by failed uploads."

    def add_arguments(self, parser):
        parser.add_argument(
            "--delete", action="store_true", help="remove and complete, not only list"
        )
        parser.add_argument(
            "--older-than",
            type=int,
            default=60,
            metavar="MINUTES",
            help="staged files younger than this may belong to an upload under way (default 60)",
        )

    def handle(self, *args, delete: bool, older_than: int, **options):
        found = files_cleanup(delete=delete, older_than=timedelta(minutes=older_than))
        done = "" if delete else " (dry run: nothing changed, use --delete)"
        for name in found.completed:
            self.stdout.write(
                f"staged, row committed → {'moved into place' if delete else 'would move'}: {name}"
            )
        for name in found.stale:
            self.stdout.write(
                f"staged leftover → {'removed' if delete else 'would remove'}: {name}"
            )
        for name in found.unreferenced:
            self.stdout.write(
                f"no row refers to it → {'removed' if delete else 'would remove'}: {name}"
            )
        for name in found.spooled:
            self.stdout.write(
                f"temporary upload of a dead worker → {'removed' if delete else 'would remove'}: {name}"
            )
        for name in found.kept:
            self.stdout.write(f"staged less than {older_than} min ago, kept: {name}")
        self.stdout.write(
            f"{len(found.completed)} completed, {len(found.stale)} staged leftovers, "
            f"{len(found.unreferenced)} unreferenced, {len(found.spooled)} temporary uploads, "
            f"{len(found.kept)} kept{done}."
        )
