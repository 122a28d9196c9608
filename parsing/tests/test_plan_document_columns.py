"""Column roles by meaning and rows by shape: header words, cell content, a person's choices."""

from __future__ import annotations

import pytest

from parsing.documents import ACTIVITY, SECTION, ColumnReading, PlanDocument, ReadChoices, read_plan
from parsing.documents.columns import DEADLINE, EXECUTORS, NUMBER, TITLE, header_role

PREAMBLE = "План работы кластера на 2023 – 2024 учебный год\n\n"


def read(*lines: str, choices: ReadChoices | None = None) -> PlanDocument:
    data = (PREAMBLE + "\n".join(lines)).encode()
    return read_plan(data, "plan.txt", choices=choices or ReadChoices())


def rows(plan: PlanDocument) -> list[tuple[str, str, str, str]]:
    return [(a.number, a.title, a.executors, a.deadline_text) for a in plan.activities]


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("№п/п", NUMBER),
        ("п/п", NUMBER),
        ("№ п\\п", NUMBER),
        ("Тема", TITLE),
        ("Задачи и мероприятия", TITLE),
        ("Пошаговые мероприятия", TITLE),
        ("Вид работы", TITLE),
        ("Исполнители и участники", EXECUTORS),
        ("Соисполнители", EXECUTORS),
        ("Дата проведения", DEADLINE),
        ("Дата", DEADLINE),
        ("Период проведения", DEADLINE),
        ("Месяц", DEADLINE),
        ("Сроки исполнения (г., гг.)", DEADLINE),
        ("Сроки.", DEADLINE),
        ("Участники", None),
        ("Категория участников", None),
        ("Результат выполнения мероприятия", None),
        ("Ответственные за проведение", None),  # weak: executors only without «Исполнители»
    ],
)
def test_header_words_met_in_real_plans(header: str, role: str | None) -> None:
    assert header_role(header) == role


def test_content_overrules_a_header_that_swaps_deadline_and_executors() -> None:
    plan = read(
        "№\tМероприятие\tИсполнители\tСрок",
        "1.1\tЯрмарка вакансий.\tапрель 2024 года\tЦентр занятости",
        "1.2\tДень открытых дверей.\tВ течение года\tРуководители ПОО",
        "1.3\tОтчёт совету.\tIV квартал 2023 года\tЦОПП",
    )

    assert rows(plan)[0] == ("1.1", "Ярмарка вакансий.", "Центр занятости", "апрель 2024 года")
    assert plan.columns[2:] == (
        ColumnReading(2, "Исполнители", DEADLINE, "content"),
        ColumnReading(3, "Срок", EXECUTORS, "content"),
    )


def test_a_column_nobody_named_is_the_number_column_by_its_cells() -> None:
    plan = read(
        "\tМероприятия\tСроки\tОтветственные",
        "1.\tВыставка.\tМарт\tЗав. библиотекой",
        "2.\tВстреча.\tАпрель\tЗав. по ВР",
    )

    assert rows(plan)[0] == ("1", "Выставка.", "Зав. библиотекой", "Март")
    assert plan.columns[0] == ColumnReading(0, "", NUMBER, "content")


BELARUSIAN = [
    "№ п/п\tМерапрыемства\tТэрмін\tАдказны",
    "1.\tТрудовая акция «Чистый лес»\t10.04.2023\tКласныя кіраўнікі",
    "2.\tПосадка леса\t12.04.2023\tКласныя кіраўнікі 8-10 класаў",
]


def test_an_unknown_header_is_no_activity_and_the_columns_come_from_their_cells() -> None:
    plan = read(*BELARUSIAN)

    assert rows(plan) == [
        ("1", "Трудовая акция «Чистый лес»", "Класныя кіраўнікі", "10.04.2023"),
        ("2", "Посадка леса", "Класныя кіраўнікі 8-10 класаў", "12.04.2023"),
    ]
    assert [(c.header, c.role, c.how) for c in plan.columns] == [
        ("№ п/п", NUMBER, "position"),
        ("Мерапрыемства", TITLE, "position"),
        ("Тэрмін", DEADLINE, "content"),
        ("Адказны", EXECUTORS, "content"),
    ]
    assert any(w.startswith("Заголовок таблицы не распознан") for w in plan.warnings)


def test_a_persons_column_choices_beat_the_guess() -> None:
    choices = ReadChoices(columns={2: "skip", 3: DEADLINE})
    plan = read(*BELARUSIAN, choices=choices)

    assert rows(plan)[0] == ("1", "Трудовая акция «Чистый лес»", "", "Класныя кіраўнікі")
    assert [(c.index, c.role, c.how) for c in plan.columns][2:] == [
        (2, "skip", "choice"),
        (3, DEADLINE, "choice"),
    ]
    assert "В таблице нет столбца «Исполнители»" in plan.warnings


def test_a_row_with_the_same_text_in_every_cell_is_a_section() -> None:
    plan = read(
        "№\tМероприятие\tИсполнители\tСрок",
        "1. Создание специальных условий\t1. Создание специальных условий\t"
        "1. Создание специальных условий\t1. Создание специальных условий",
        "1.1\tПандусы.\tРуководители ПОО\tдо 1 сентября 2024 года",
    )

    assert [(o.number, o.title) for o in plan.objectives] == [("1", "Создание специальных условий")]
    assert rows(plan) == [("1.1", "Пандусы.", "Руководители ПОО", "до 1 сентября 2024 года")]


@pytest.mark.parametrize(
    ("heading", "number", "title"),
    [
        ("I. Заседания совета", "I", "Заседания совета"),
        ("Раздел 2. Профориентация", "2", "Профориентация"),
        ("2.Профориентация", "2", "Профориентация"),
    ],
)
def test_numbered_headings_spanning_the_table(heading: str, number: str, title: str) -> None:
    plan = read("№\tМероприятие\tИсполнители\tСрок", f"**{heading}**", "1\tЯрмарка.\tЦЗН\tмай")

    assert [(o.number, o.title) for o in plan.objectives] == [(number, title)]


def test_header_rows_and_column_numbers_are_never_activities() -> None:
    plan = read(
        "№ п/п\tНаименование мероприятия\tИсполнители\tСрок исполнения",
        "1\t2\t3\t4",
        "1.1\tЯрмарка.\tЦЗН\tмай",
        "№\tНаименование мероприятия.\tИсполнители:\tСрок исполнения",  # repeated, retyped
        "1.2\tОтчёт.\tЦСТВ\tиюнь",
    )

    assert [a.number for a in plan.activities] == ["1.1", "1.2"]


def test_row_choices_turn_an_activity_into_a_section_and_back() -> None:
    lines = [
        "№\tМероприятие\tИсполнители\tСрок",
        "1\tОрганизационная работа\tКоординационный совет\tВ течение года",
        "1.1\tЗаседание совета.\tПредседатель совета\tежеквартально",
        "Задача 2. Профориентация",
        "2.1\tПрофпробы.\tПОО\tмарт",
    ]
    first = read(*lines)
    group, heading = first.activities[0].row_key, first.objectives[-1].row_key

    plan = read(*lines, choices=ReadChoices(rows={group: SECTION, heading: ACTIVITY}))

    assert [(o.number, o.title) for o in plan.objectives] == [("1", "Организационная работа")]
    assert rows(plan) == [
        ("1.1", "Заседание совета.", "Председатель совета", "ежеквартально"),
        ("", "Задача 2. Профориентация", "", ""),
        ("2.1", "Профпробы.", "ПОО", "март"),
    ]


def test_choices_survive_their_json_form() -> None:
    choices = ReadChoices(columns={2: DEADLINE}, rows={"1 | x": SECTION})

    assert ReadChoices.from_dict(choices.as_dict()) == choices
    assert ReadChoices.from_dict({"columns": {"x": 1, "3": "title"}, "rows": {"a": "bad"}}) == (
        ReadChoices(columns={3: TITLE})
    )
