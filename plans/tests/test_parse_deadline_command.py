"""The `clusterplan parse_deadline` contract other tools rely on."""

import json
import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError


def run(*args, stdin=None) -> list[dict]:
    out = StringIO()
    if stdin is not None:
        sys.stdin, saved = StringIO(stdin), sys.stdin
    try:
        call_command("parse_deadline", *args, stdout=out)
    finally:
        if stdin is not None:
            sys.stdin = saved
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_phrases_as_json_lines():
    results = run(
        "IV квартал 2023 года",
        "ежемесячно",
        "по запросу",
        "31.02.2024",
        "--plan-year",
        "2023-2024",
        "--json",
    )
    assert results[0] == {
        "text": "IV квартал 2023 года",
        "kind": "interval",
        "start": "2023-10-01",
        "end": "2023-12-31",
        "every": None,
        "reason": None,
    }
    assert (results[1]["kind"], results[1]["every"], results[1]["start"], results[1]["end"]) == (
        "recurring",
        "month",
        "2023-09-01",
        "2024-08-31",
    )
    assert (results[2]["kind"], results[2]["start"]) == ("as_needed", None)
    assert results[3]["kind"] == "unparsed"
    assert results[3]["reason"]


def test_reads_standard_input_when_no_phrase_is_given():
    results = run("--plan-year", "2024", "--json", stdin="май\nдо 15 декабря\n")
    assert [(r["text"], r["start"], r["end"]) for r in results] == [
        ("май", "2024-05-01", "2024-05-31"),
        ("до 15 декабря", "2024-01-01", "2024-12-15"),
    ]


def test_bad_plan_year_is_a_clear_error():
    with pytest.raises(CommandError):
        run("май", "--plan-year", "когда-то")


def test_console_script_runs_outside_django_test_runner():
    """`clusterplan` is Django's manage.py under the project's settings, as installed."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "config.cli",
            "parse_deadline",
            "сентябрь",
            "--plan-year",
            "2023-2024",
            "--json",
        ],
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=True,
    )
    assert json.loads(result.stdout)["start"] == "2023-09-01"
