"""What we export, the plan reader reads back to the same plan: the seed and generated plans.

A plan exported to DOCX or XLSX and uploaded again must give the very objectives and activities it
was made from, word for word, so an exported plan can be edited in Word or Excel and re-imported.
"""

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from parsing.documents import PlanDocument, read_plan
from plans.documents import (
    ExportActivity,
    ExportObjective,
    ExportPlan,
    export_plan_from_document,
    plan_to_docx,
    plan_to_xlsx,
)

SEED_DIR = Path(settings.BASE_DIR) / "seed"
SEEDS = ["plan-transport-cluster-2023-2024.txt", "plan-transport-cluster-2023-2024.docx"]
RENDERERS = {"docx": plan_to_docx, "xlsx": plan_to_xlsx}


def as_tuples(doc: PlanDocument) -> list:
    """Everything a plan says, in order, without the reader's bookkeeping (rows, warnings)."""
    return [
        (
            objective.number,
            objective.title,
            [(a.number, a.title, a.executors, a.deadline_text) for a in objective.activities],
        )
        for objective in doc.objectives
    ]


@pytest.mark.parametrize("fmt", RENDERERS)
@pytest.mark.parametrize("seed_name", SEEDS)
def test_seed_survives_export_and_reading(seed_name, fmt):
    original = read_plan((SEED_DIR / seed_name).read_bytes(), seed_name)
    exported = RENDERERS[fmt](export_plan_from_document(original))
    back = read_plan(exported, f"plan.{fmt}")
    assert back.title == original.title
    assert back.approver_position == original.approver_position
    assert back.approver_name == original.approver_name == "Ю.В. Дроздов"
    assert back.edition_date == original.edition_date == date(2023, 6, 2)
    assert back.plan_year == original.plan_year == "2023-2024"
    assert as_tuples(back) == as_tuples(original)
    assert len(back.activities) == 17
    assert back.warnings == ()
    assert all(a.warnings == () for a in back.activities)


# ---------------------------------------------------------------------------- generated plans

WORDS = (
    "организация",
    "проведение",
    "мониторинг",
    "трудоустройства",
    "выпускников",
    "профессиональных",
    "проб",
    "для",
    "школьников",
    "8-10",
    "классов",
    "5-7-ых",
    "чемпионата",
    "«Профессионалы»",
    "«Билет",
    "в",
    "будущее»",
    "нормативно-правовой",
    "базы,",
    "предприятий-партнеров,",
    "ЦОПП",
    "2023",
    "года",
    "№ 5",
    "(дорожной",
    "карты)",
    "Томской",
    "области",
    "ёлочных",
    "им.",
    "А.С. Попова",
    "–",
    "50%",
)
EXECUTORS = (
    "Руководители ПОО",
    "ОГБПОУ «ТТВТС»",
    "ОГБПОУ «ТКГТ»",
    "Предприятия-партнеры",
    "ЦОПП",
    "центры занятости населения",
    "Координационный совет",
    "представители кластера",
)
DEADLINES = (
    "В течение учебного года",
    "По мере необходимости",
    "IV квартал 2023 года",
    "октябрь-ноябрь 2023 года",
    "до 15 декабря 2023 года",
    "ежеквартально",
    "Сентябрь 2024 года",
    "2024",
    "1 раз в полугодие",
)
POSITIONS = (
    "Председатель Координационного совета образовательно-отраслевого кластера транспорта",
    "Директор ОГБПОУ «ТТВТС»",
    "Заместитель начальника Департамента профессионального образования Томской области",
)
NAMES = ("Ю.В. Дроздов", "А.Б. Петрова", "С.С. Иванов-Петров", "Е.Ё. Ёлкина")
SUBTITLES = ("", "Отбор: ОГБПОУ «ТТВТС»; IV квартал 2023", "Отбор: просроченные, 3 из 17")


def sentence(min_words: int, max_words: int) -> st.SearchStrategy[str]:
    """Realistic plan words: quotes, hyphens, numbers, commas; the first letter capitalised."""
    return st.lists(st.sampled_from(WORDS), min_size=min_words, max_size=max_words).map(
        lambda words: " ".join(words)[0].upper() + " ".join(words)[1:]
    )


executors = st.lists(st.sampled_from(EXECUTORS), min_size=1, max_size=3, unique=True).map(", ".join)


@st.composite
def plans(draw) -> ExportPlan:
    objectives = []
    for objective_number in range(1, draw(st.integers(1, 4)) + 1):
        activities = tuple(
            ExportActivity(
                number=f"{objective_number}.{activity_number}",
                title=draw(sentence(1, 30)) + draw(st.sampled_from(("", "."))),
                executors=draw(executors),
                deadline_text=draw(st.sampled_from(DEADLINES)),
            )
            for activity_number in range(1, draw(st.integers(1, 8)) + 1)
        )
        objectives.append(ExportObjective(str(objective_number), draw(sentence(1, 20)), activities))
    first_year = draw(st.integers(2020, 2030))
    title = draw(
        st.sampled_from(
            (
                f"План работы образовательно-отраслевого кластера транспорта на {first_year} – "
                f"{first_year + 1} учебный год",
                f"План работы кластера на {first_year} год",
            )
        )
    )
    return ExportPlan(
        title=title,
        approver_position=draw(st.sampled_from(POSITIONS)),
        approver_name=draw(st.sampled_from(NAMES)),
        edition_date=draw(st.none() | st.dates(date(2020, 1, 1), date(2030, 12, 31))),
        objectives=tuple(objectives),
        subtitle=draw(st.sampled_from(SUBTITLES)),
    )


@pytest.mark.parametrize("fmt", RENDERERS)
@hypothesis_settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(plan=plans())
def test_generated_plan_survives_export_and_reading(fmt, plan):
    back = read_plan(RENDERERS[fmt](plan), f"plan.{fmt}")
    assert export_plan_from_document(back, subtitle=plan.subtitle) == plan
    assert back.approver_position == plan.approver_position
    assert back.edition_date == plan.edition_date
    assert back.plan_year is not None and back.plan_year in plan.title.replace(" – ", "-")
    assert back.warnings == ()
