"""Plans nobody here wrote: every layout of the corpus (parsing/tests/corpus/layouts/, transcribed
from public plans of councils, colleges, schools) reads to exactly the expected objectives and
activities, in every format it was written in."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from parsing.documents import PlanDocument, read_plan

CORPUS = Path(__file__).resolve().parent / "corpus" / "layouts"
EXPECTED = sorted(CORPUS.glob("*.json"))
CASES = [
    pytest.param(path, fmt, id=f"{path.stem}.{fmt}")
    for path in EXPECTED
    for fmt in json.loads(path.read_text(encoding="utf-8"))["formats"]
]


def reading(plan: PlanDocument) -> list[dict[str, Any]]:
    return [
        {
            "number": objective.number,
            "title": objective.title,
            "activities": [
                {
                    "number": a.number,
                    "title": a.title,
                    "executors": a.executors,
                    "deadline_text": a.deadline_text,
                }
                for a in objective.activities
            ],
        }
        for objective in plan.objectives
    ]


def test_the_corpus_has_twenty_layouts_with_their_sources() -> None:
    layouts = [json.loads(path.read_text(encoding="utf-8")) for path in EXPECTED]
    assert len(layouts) >= 20
    assert all(layout["source"].startswith(("http://", "https://")) for layout in layouts)
    assert len({layout["source"] for layout in layouts}) == len(layouts)


@pytest.mark.parametrize(("path", "fmt"), CASES)
def test_layout_reads_as_expected(path: Path, fmt: str) -> None:
    expected = json.loads(path.read_text(encoding="utf-8"))
    document = CORPUS / f"{path.stem}.{fmt}"

    plan = read_plan(document.read_bytes(), document.name)

    assert reading(plan) == expected["objectives"]
