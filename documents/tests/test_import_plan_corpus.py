"""`import_plan FILE --dry-run --json` on every layout of the corpus of real plans, every format:
each expected activity in its objective, nothing more; a plan without a year still reads."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from documents.demo import demo_load

CORPUS = Path(settings.BASE_DIR) / "parsing" / "tests" / "corpus" / "layouts"
LAYOUTS = sorted(CORPUS.glob("*.json"))
CASES = [
    pytest.param(path, fmt, id=f"{path.stem}.{fmt}")
    for path in LAYOUTS
    for fmt in json.loads(path.read_text(encoding="utf-8"))["formats"]
]
KEYS = ("number", "title", "executors", "deadline_text")


def dry_run(path: Path) -> tuple[dict, str]:
    out, err = StringIO(), StringIO()
    call_command("import_plan", str(path), "--dry-run", "--json", stdout=out, stderr=err)
    return json.loads(out.getvalue()), err.getvalue()


@pytest.mark.parametrize(("layout", "fmt"), CASES)
def test_dry_run_json_gives_every_expected_activity_and_no_other(layout, fmt):
    expected = json.loads(layout.read_text(encoding="utf-8"))["objectives"]

    result, _ = dry_run(CORPUS / f"{layout.stem}.{fmt}")

    got = [
        {
            "number": o["number"],
            "title": o["title"],
            "activities": [{key: a[key] for key in KEYS} for a in o["activities"]],
        }
        for o in result["objectives"]
    ]
    assert got == expected
    assert {c["role"] for c in result["columns"]} >= {"title"}


def test_a_plan_without_a_year_is_read_with_a_warning_and_its_dated_deadlines():
    layout = CORPUS / "civil-defence-shelters-inventory-2018.docx"

    result, _ = dry_run(layout)  # the command returned: exit status 0

    assert result["plan_year"] is None
    assert any(w.startswith("Год плана не указан") for w in result["warnings"])
    first = result["objectives"][0]["activities"][0]
    assert first["deadline"] == {
        "text": "01.07.2018",
        "kind": "interval",
        "start": "2018-07-01",
        "end": "2018-07-01",
        "every": None,
        "reason": None,
    }


def test_a_plan_without_a_year_gets_it_from_the_option():
    result, _ = dry_run_with(CORPUS / "zalesie-school-forest-week-2023.xlsx", "--plan-year", "2023")
    assert result["plan_year"] == "2023"
    assert not any(w.startswith("Год плана не указан") for w in result["warnings"])


def dry_run_with(path: Path, *options: str) -> tuple[dict, str]:
    out = StringIO()
    call_command("import_plan", str(path), "--dry-run", "--json", *options, stdout=out)
    return json.loads(out.getvalue()), ""


def test_the_text_dry_run_of_a_plan_without_a_year_says_how_to_give_it():
    out, err = StringIO(), StringIO()
    call_command(
        "import_plan", str(CORPUS / "zalesie-school-forest-week-2023.docx"), "--dry-run",
        stdout=out, stderr=err,
    )  # fmt: skip
    assert "мероприятий 5" in out.getvalue()
    assert "--plan-year" in err.getvalue()


@pytest.mark.django_db
def test_saving_a_plan_without_a_year_is_refused_in_russian():
    demo_load()
    with pytest.raises(CommandError, match="Укажите его"):
        call_command("import_plan", str(CORPUS / "zalesie-school-forest-week-2023.docx"))
