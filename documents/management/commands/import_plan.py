import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from documents.services import NO_YEAR_WARNING, plan_document_preview, read_document_window
from orgs.models import Cluster
from parsing.documents import PlanReadError, read_plan
from plans.services import plan_import


class Command(BaseCommand):
    help = (
        "Прочитать план работы из DOCX, XLSX, PDF или TXT. С --dry-run ничего не записывает; "
        "с --json печатает прочитанное как JSON."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="документ плана")
        parser.add_argument("--dry-run", action="store_true", help="только прочитать, не сохранять")
        parser.add_argument("--json", action="store_true", help="напечатать результат как JSON")
        parser.add_argument("--cluster", help="адрес (slug) кластера, в который загрузить план")
        parser.add_argument(
            "--plan-year", help="год плана, если его нет в названии: 2023-2024 или 2024"
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Файл не найден: {path}")
        try:
            document = read_plan(path.read_bytes(), path.name)
            window = read_document_window(document, options["plan_year"])
        except PlanReadError as error:
            raise CommandError(str(error)) from None
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None

        if options["json"]:
            result = plan_document_preview(document, window)
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
        if options["dry_run"]:
            if not options["json"]:
                count = sum(len(objective.activities) for objective in document.objectives)
                self.stdout.write(
                    f"«{document.title}»: задач {len(document.objectives)}, мероприятий {count}. "
                    "Ничего не сохранено (--dry-run)."
                )
                if window is None:
                    self.stderr.write(NO_YEAR_WARNING + ": --plan-year.")
            return

        cluster = self.cluster(options["cluster"])
        try:
            plan = plan_import(
                cluster=cluster,
                document=document,
                actor=None,
                year_label=options["plan_year"],
                source_filename=path.name,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        if not options["json"]:
            self.stdout.write(f"План «{plan.title}» сохранён в кластер «{cluster}» (id {plan.pk}).")

    def cluster(self, slug: str | None) -> Cluster:
        if slug:
            cluster = Cluster.objects.filter(slug=slug).first()
            if cluster is None:
                raise CommandError(f"Кластер «{slug}» не найден.")
            return cluster
        clusters = list(Cluster.objects.all()[:2])
        if len(clusters) != 1:
            raise CommandError("Укажите кластер: --cluster SLUG.")
        return clusters[0]
