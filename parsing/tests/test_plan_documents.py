"""The seed plan read from each format gives the same plan, activity by activity.

The seed (seed/plan-transport-cluster-2023-2024.*) is the transport cluster's real 2023–2024 plan;
the .txt is the text Word exported, the .docx is built to look like the original Word file (row 2.8
cut by a page break, its rest opening a second table), the .xlsx and .pdf come from the same data
(fixtures/make_fixtures.py). In the DOCX some executors cells have two lines («Руководители ПОО» /
«Предприятия-партнеры»); the reader joins a cell's lines with a space, as the text export did, so
all four readings give «Руководители ПОО Предприятия-партнеры».
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from parsing.documents import PlanDocument, plan_document_as_dict, read_plan

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_NAME = "plan-transport-cluster-2023-2024"
SEED_FILES = {
    "txt": ROOT / "seed" / f"{SEED_NAME}.txt",
    "docx": ROOT / "seed" / f"{SEED_NAME}.docx",
    "xlsx": FIXTURES / f"{SEED_NAME}.xlsx",
    "pdf": FIXTURES / f"{SEED_NAME}.pdf",
}
FORMATS = list(SEED_FILES)

# (number, executors, deadline) of every activity, as the seed writes them.
SEED_ACTIVITIES = [
    ("1.1", "председатель Координационного совета", "По мере необходимости"),
    ("2.1", "ОГБПОУ «ТТВТС», руководители ПОО", "октябрь 2023 года"),
    ("2.2", "Представители кластера", "В течение года"),
    ("2.3", "Заместители руководителей ПОО", "IV квартал 2023 года"),
    ("2.4", "Представители кластера", "В течение года"),
    ("2.5", "Представители кластера", "В течение года"),
    ("2.6", "руководители ЦСТВ ПОО", "В течение года"),
    ("2.7", "Заместители руководителей ПОО", "В течение года"),
    ("2.8", "Руководители ПОО Предприятия-партнеры", "октябрь-ноябрь 2023 года"),
    ("2.9", "Руководители ПОО ЦОПП", "В течение учебного года"),
    ("2.10", "Руководители ПОО, представители кластера", "В течение учебного года"),
    ("2.11", "Руководители ПОО", "В течение учебного года"),
    ("2.12", "ОГБПОУ «ТКГТ» Руководители ПОО", "В течение 2023 года"),
    ("2.13", "ОГБПОУ «ТКГТ» Руководители ПОО", "В течение 2023 года"),
    ("3.1", "Руководители ПОО", "Сентябрь 2023 года"),
    ("3.2", "Координационный совет Руководители ПОО", "В течение учебного года"),
    ("3.3", "Руководители ПОО, представители кластера", "В течение учебного года"),
]
TITLE_2_8 = (
    "Повышение уровня информированности работодателей и работников о чемпионатном движении "
    "через организацию и проведение отраслевого чемпионата профессионального мастерства с "
    "участием ведущих отраслевых предприятий – партнеров."
)


@cache
def read_seed(fmt: str) -> PlanDocument:
    path = SEED_FILES[fmt]
    return read_plan(path.read_bytes(), path.name)


@pytest.mark.parametrize("fmt", FORMATS)
def test_seed_header(fmt: str) -> None:
    plan = read_seed(fmt)

    assert plan.title == (
        "План работы образовательно-отраслевого кластера транспорта на 2023 – 2024 учебный год"
    )
    assert plan.approved_by == (
        "Председатель Координационного совета образовательно-отраслевого кластера транспорта "
        "Ю.В. Дроздов"
    )
    assert plan.approver_position == (
        "Председатель Координационного совета образовательно-отраслевого кластера транспорта"
    )
    assert plan.approver_name == "Ю.В. Дроздов"
    assert plan.edition_date == date(2023, 6, 2)
    assert plan.plan_year == "2023-2024"
    assert plan.warnings == ()


@pytest.mark.parametrize("fmt", FORMATS)
def test_seed_objectives_and_activities(fmt: str) -> None:
    plan = read_seed(fmt)

    assert [(o.number, len(o.activities)) for o in plan.objectives] == [
        ("1", 1),
        ("2", 13),
        ("3", 3),
    ]
    assert plan.objectives[0].title == "Создание нормативно-правовой базы деятельности Кластера"
    assert plan.objectives[2].title.startswith("Повышение привлекательности областных")
    assert [(a.number, a.executors, a.deadline_text) for a in plan.activities] == SEED_ACTIVITIES
    assert all(a.warnings == () and a.extra == {} for a in plan.activities)


@pytest.mark.parametrize("fmt", FORMATS)
def test_seed_row_cut_by_the_page_break_is_one_activity(fmt: str) -> None:
    plan = read_seed(fmt)
    by_number = {a.number: a for a in plan.activities}

    assert by_number["2.8"].title == TITLE_2_8
    assert by_number["2.9"].title == (
        "Организация взаимодействия с ЦОПП по расширению линейки коротких программ и охвата граждан."
    )
    assert by_number["2.1"].title.startswith(
        "Создание игровых программ со школьниками 5-7-ых классов"
    )


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "txt"])
def test_seed_reads_the_same_in_every_format(fmt: str) -> None:
    text, other = read_seed("txt"), read_seed(fmt)

    assert len(other.activities) == len(text.activities) == 17
    for expected, got in zip(text.activities, other.activities, strict=True):
        assert (got.number, got.title, got.executors, got.deadline_text, got.warnings) == (
            expected.number,
            expected.title,
            expected.executors,
            expected.deadline_text,
            expected.warnings,
        ), expected.number
    assert [(o.number, o.title) for o in other.objectives] == [
        (o.number, o.title) for o in text.objectives
    ]


def test_source_rows_point_at_the_text_lines() -> None:
    plan = read_seed("txt")
    lines = SEED_FILES["txt"].read_text(encoding="utf-8").splitlines()

    for activity in plan.activities:
        assert activity.source_row is not None
        assert lines[activity.source_row - 1].startswith(activity.number + "\t")


def test_source_rows_point_at_the_sheet_rows() -> None:
    import openpyxl  # type: ignore[import-untyped, unused-ignore]

    sheet = openpyxl.load_workbook(SEED_FILES["xlsx"]).worksheets[0]
    for activity in read_seed("xlsx").activities:
        assert activity.source_row is not None
        assert sheet.cell(activity.source_row, 1).value == activity.number


def test_source_rows_count_on_through_the_table_cut_by_the_page_break() -> None:
    rows = {a.number: a.source_row for a in read_seed("docx").activities}

    # table 1: header, objective 1, 1.1, objective 2, 2.1 … 2.8; table 2: the rest of 2.8, 2.9
    assert (rows["1.1"], rows["2.8"], rows["2.9"], rows["3.3"]) == (3, 12, 14, 22)


def test_plan_document_as_dict_is_json_ready() -> None:
    data = plan_document_as_dict(read_seed("docx"))

    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert data["edition_date"] == "2023-06-02"
    assert data["plan_year"] == "2023-2024"
    assert data["warnings"] == []
    activity = data["objectives"][1]["activities"][7]
    assert {k: activity[k] for k in ("number", "title", "executors", "deadline_text")} == {
        "number": "2.8",
        "title": TITLE_2_8,
        "executors": "Руководители ПОО Предприятия-партнеры",
        "deadline_text": "октябрь-ноябрь 2023 года",
    }
    assert activity["extra"] == {} and activity["warnings"] == []


def test_plan_is_frozen_and_hashable() -> None:
    plan = read_seed("txt")

    with pytest.raises(AttributeError):
        plan.title = "другой"  # type: ignore[misc]
    assert hash(plan.objectives[0]) == hash(read_seed("txt").objectives[0])


def test_seed_copy_is_the_shared_seed() -> None:
    """The project's copy is byte for byte the plan we were given (its SHA-256, taken from
    shared/seed/plan-transport-cluster-2023-2024.txt when it was copied)."""
    digest = hashlib.sha256(SEED_FILES["txt"].read_bytes()).hexdigest()
    assert digest == "4ad0d1055e877c172ce554a73d93de1fa65c788110fc89f471b6a6b45aad4f3e"
