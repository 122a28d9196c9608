"""`clusterplan import_plan`: the seed in every format gives the same plan, and saves it."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from documents.demo import demo_load
from plans.models import Activity, Plan

ROOT = Path(settings.BASE_DIR)
SEED_FILES = [
    ROOT / "seed" / "plan-transport-cluster-2023-2024.txt",
    ROOT / "seed" / "plan-transport-cluster-2023-2024.docx",
    ROOT / "parsing" / "tests" / "fixtures" / "plan-transport-cluster-2023-2024.xlsx",
    ROOT / "parsing" / "tests" / "fixtures" / "plan-transport-cluster-2023-2024.pdf",
]
EXPECTED_NUMBERS = ["1.1", *(f"2.{n}" for n in range(1, 14)), "3.1", "3.2", "3.3"]


def dry_run_json(path) -> dict:
    out = StringIO()
    call_command("import_plan", str(path), "--dry-run", "--json", stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture(scope="module")
def readings():
    return {path.suffix: dry_run_json(path) for path in SEED_FILES}


@pytest.mark.parametrize("suffix", [".txt", ".docx", ".xlsx", ".pdf"])
def test_seed_reads_as_the_same_plan_in_every_format(readings, suffix):
    plan = readings[suffix]
    assert plan["edition_date"] == "2023-06-02"
    assert plan["plan_year"] == "2023-2024"
    assert [o["number"] for o in plan["objectives"]] == ["1", "2", "3"]
    activities = [a for o in plan["objectives"] for a in o["activities"]]
    assert [a["number"] for a in activities] == EXPECTED_NUMBERS
    by_number = {a["number"]: a for a in activities}
    assert by_number["2.8"]["title"].endswith(
        "через организацию и проведение отраслевого чемпионата профессионального мастерства "
        "с участием ведущих отраслевых предприятий – партнеров."
    )
    assert [a["deadline"]["kind"] for a in activities].count("unparsed") == 0
    assert plan["warnings"] == []
    # Same activities, executors and deadlines as the text seed.
    reference = [a for o in readings[".txt"]["objectives"] for a in o["activities"]]
    assert [(a["title"], a["executors"], a["deadline"]) for a in activities] == [
        (a["title"], a["executors"], a["deadline"]) for a in reference
    ]


def test_seed_deadlines_are_understood_against_the_plan_year(readings):
    activities = {a["number"]: a for o in readings[".docx"]["objectives"] for a in o["activities"]}

    def dates(number):
        d = activities[number]["deadline"]
        return d["kind"], d["start"], d["end"]

    assert dates("1.1") == ("as_needed", None, None)
    assert dates("2.1") == ("interval", "2023-10-01", "2023-10-31")
    assert dates("2.2") == ("interval", "2023-09-01", "2024-08-31")
    assert dates("2.3") == ("interval", "2023-10-01", "2023-12-31")
    assert dates("2.8") == ("interval", "2023-10-01", "2023-11-30")
    assert dates("2.12") == ("interval", "2023-01-01", "2023-12-31")
    assert dates("3.1") == ("interval", "2023-09-01", "2023-09-30")


@pytest.mark.django_db
def test_dry_run_writes_nothing_and_real_run_saves():
    demo_load()
    Plan.objects.all().delete()
    dry_run_json(SEED_FILES[1])
    assert not Plan.objects.exists()
    out = StringIO()
    call_command("import_plan", str(SEED_FILES[1]), "--cluster", "transport", stdout=out)
    assert "сохранён" in out.getvalue()
    assert Activity.objects.count() == 17


@pytest.mark.django_db
def test_broken_file_is_a_clear_error(tmp_path):
    broken = tmp_path / "plan.docx"
    broken.write_bytes(b"not a docx")
    with pytest.raises(CommandError, match="повреждён"):
        call_command("import_plan", str(broken), "--dry-run")
    with pytest.raises(CommandError, match="Файл не найден"):
        call_command("import_plan", str(tmp_path / "missing.docx"), "--dry-run")
