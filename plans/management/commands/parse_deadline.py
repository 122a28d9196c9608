import json
import sys

from django.core.management.base import BaseCommand, CommandError

from parsing.deadlines import PlanWindow, parse_deadline


class Command(BaseCommand):
    help = (
        "Понять фразы срока исполнения («IV квартал 2023 года») относительно года плана. "
        "Без фраз читает по одной фразе в строке со стандартного ввода."
    )

    def add_arguments(self, parser):
        parser.add_argument("phrases", nargs="*", metavar="PHRASE", help="фраза срока")
        parser.add_argument(
            "--plan-year", required=True, help="год плана: 2023-2024 (учебный) или 2024"
        )
        parser.add_argument("--json", action="store_true", help="по одному JSON-объекту в строке")

    def handle(self, *args, **options):
        try:
            window = PlanWindow.from_label(options["plan_year"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        phrases = options["phrases"] or (line.rstrip("\n") for line in sys.stdin)
        for phrase in phrases:
            deadline = parse_deadline(phrase, window)
            if options["json"]:
                self.stdout.write(json.dumps(deadline.as_dict(), ensure_ascii=False))
            else:
                self.stdout.write(self.describe(deadline))

    @staticmethod
    def describe(deadline) -> str:
        data = deadline.as_dict()
        if data["kind"] == "interval":
            meaning = f"{data['start']} … {data['end']}"
        elif data["kind"] == "recurring":
            meaning = f"{data['every']}: {data['start']} … {data['end']}"
        elif data["kind"] == "as_needed":
            meaning = "по мере необходимости"
        else:
            meaning = f"не распознан: {data['reason']}"
        return f"{data['text']}\t{data['kind']}\t{meaning}"
