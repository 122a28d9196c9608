"""Messy real-world layouts: each case is a small document (built by fixtures/make_fixtures.py, or
written here as text) and what a coordinator should see after the import."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document

from parsing.documents import ActivityRow, PlanDocument, read_plan

FIXTURES = Path(__file__).resolve().parent / "fixtures"
HEADER = "№ п/п\tНаименование мероприятия\tИсполнители\tСрок исполнения"
PREAMBLE = [
    "Утверждаю",
    "Председатель Координационного совета",
    "",
    "Ю.В. Дроздов",
    "",
    "План работы кластера на 2023 – 2024 учебный год",
    "",
]


def read_fixture(name: str) -> PlanDocument:
    return read_plan((FIXTURES / name).read_bytes(), name)


def read_text(*rows: str, header: str = HEADER, filename: str = "plan.txt") -> PlanDocument:
    return read_plan("\n".join([*PREAMBLE, header, *rows]).encode(), filename)


def row(activity: ActivityRow) -> tuple[str, str, str, str]:
    return (activity.number, activity.title, activity.executors, activity.deadline_text)


# --- DOCX ----------------------------------------------------------------------------------------


def test_docx_continuation_rows_in_the_same_table() -> None:
    plan = read_fixture("docx-continuation-row.docx")

    assert [row(a) for a in plan.activities] == [
        ("1.1", "Заключение договоров о целевом обучении.", "Руководители ПОО", "В течение года"),
        # «финансиро-» / «вания…»: the word cut by the page break is whole again
        ("1.2", "Разработка механизмов финансирования целевого обучения.", "ЦОПП", "до 15 декабря 2023 года"),
        # the rest starts with «, but the title above is unfinished and the row has nothing else
        ("1.3", "Участие в федеральном проекте «Профессионалитет».", "Руководители ПОО", "2024 год"),
        # a whole activity that only lacks its number stays an activity, with a warning
        ("", "Проведение ярмарки вакансий.", "Центр занятости", "апрель 2024 года"),
        ("1.4", "Мониторинг трудоустройства выпускников.", "ЦСТВ ПОО", "ежеквартально"),
    ]  # fmt: skip
    assert [a.warnings for a in plan.activities] == [(), (), (), ("Нет номера мероприятия",), ()]
    assert plan.activities[1].source_row == 4
    assert plan.edition_date is None
    assert plan.warnings == ()


def test_docx_merged_cells_two_row_header_and_hard_wraps() -> None:
    plan = read_fixture("docx-merged-cells.docx")

    assert [(o.number, o.title) for o in plan.objectives] == [
        ("1", "Развитие целевого обучения и наставничества"),
        ("2", "Нормативное обеспечение"),
    ]
    assert [row(a) for a in plan.activities] == [
        ("1.1", "Организация финансирования целевого обучения студентов", "Предприятия-партнеры, ЦОПП", "Ежеквартально"),
        ("1.2", "Проведение профориентационных мероприятий для учащихся 5-7-ых классов", "Руководители ПОО", "Ежеквартально"),
        ("1.3", "Мониторинг трудоустройства выпускников", "", "Ежеквартально"),
        ("2.1", "Актуализация нормативно-правовой базы кластера", "Координационный совет", "В течение года"),
        ("2.2", "Участие в отраслевых чемпионатах", "Руководители ПОО", "октябрь-ноябрь 2024 года"),
    ]  # fmt: skip
    # the header «Отметка о выполнении» is merged over «I полугодие» and «II полугодие»
    assert plan.activities[0].extra == {"Отметка о выполнении: I полугодие": "выполнено"}
    assert plan.activities[2].warnings == ("Строка без исполнителей",)
    assert [a.warnings for a in plan.activities if a.number != "1.3"] == [()] * 4


def test_docx_header_block_with_signature_line_and_calendar_year() -> None:
    plan = read_fixture("docx-merged-cells.docx")

    assert plan.title == "ПЛАН РАБОТЫ образовательно-отраслевого кластера транспорта на 2024 год"
    assert plan.plan_year == "2024"
    assert plan.approver_position == "Директор ОГБПОУ «ТТВТС»"
    assert plan.approver_name == "Иванов И.И."
    assert plan.edition_date is not None and plan.edition_date.isoformat() == "2024-01-15"
    assert plan.warnings == ()


def test_docx_reordered_columns_extra_columns_and_repeated_numbers() -> None:
    plan = read_fixture("docx-reordered-columns.docx")

    # objectives as plain text: in the «Содержание» column, then in the «№» column
    assert [(o.number, o.title) for o in plan.objectives] == [
        ("1", "Организационная работа"),
        ("2", "Информационная работа"),
    ]
    assert [row(a) for a in plan.activities] == [
        ("1", "Утверждение плана работы.", "Координационный совет", "сентябрь 2024 года"),
        ("1", "Заседания рабочей группы.", "Руководители ПОО", "ежемесячно"),
        ("1", "Обновление состава кластера.", "Координационный совет", ""),
        ("4", "Публикации о работе кластера.", "Руководители ПОО", "в течение года"),
        ("7", "Отчёт о работе кластера.", "", "декабрь 2024 года"),
    ]
    assert plan.activities[0].extra == {
        "Ответственные": "Дроздов Ю.В.",
        "Форма представления результатов": "Протокол",
        "Отметка о выполнении": "выполнено",
    }
    assert plan.activities[1].extra == {"Форма представления результатов": "Протокол"}
    # row 3 of the plan table (the header, the objective, then the activity)
    assert [a.warnings for a in plan.activities] == [
        (),
        ("Номер «1» уже встречался в строке 3",),
        ("Номер «1» уже встречался в строке 3", "Не указан срок исполнения"),
        (),  # 4 → 7 is a gap, kept as written
        ("Строка без исполнителей",),
    ]


def test_docx_approval_block_in_a_layout_table_next_to_soglasovano() -> None:
    plan = read_fixture("docx-reordered-columns.docx")

    assert plan.approved_by == "Председатель Координационного совета Ю.В. Дроздов"
    assert plan.title == "План работы кластера на 2024/25 учебный год"
    assert plan.plan_year == "2024-2025"
    assert plan.edition_date is None  # «10» сентября 2024 г. is the approval date, not an edition


# --- XLSX and PDF --------------------------------------------------------------------------------


def test_xlsx_merged_ranges_and_numbers_typed_as_numbers() -> None:
    plan = read_fixture("xlsx-merged-cells.xlsx")

    assert [(o.number, o.title) for o in plan.objectives] == [
        ("1", "Кадры"),
        ("2", "Профориентация"),
    ]
    assert [row(a) for a in plan.activities] == [
        ("1.1", "Мониторинг вакансий", "ЦЗН", "ежеквартально"),
        ("1.2", "Ярмарка вакансий", "Руководители ПОО ЦЗН", "ежеквартально"),  # merged D9:D11
        ("1.3", "Отчёт о трудоустройстве", "ЦСТВ", "ежеквартально"),
        ("2.1", "Профпробы для школьников", "ПОО", "март 2024 года"),
        ("2.1", "Дни открытых дверей", "ПОО", "апрель 2024 года"),  # typed 2.10, Excel kept 2.1
    ]
    assert plan.activities[4].warnings == ("Номер «2.1» уже встречался в строке 13",)
    assert plan.activities[4].source_row == 14
    assert plan.warnings == (
        "В таблице есть дробные числа (например, 1.1): если это номера мероприятий, Excel мог "
        "отбросить нули в конце («2.10» → «2.1»). Проверьте номера.",
    )
    assert plan.approved_by == "Председатель совета Сидоров С.С."
    assert plan.plan_year == "2024"


def test_pdf_without_ruling_lines_is_rebuilt_from_text_lines() -> None:
    plan = read_fixture("pdf-borderless.pdf")

    assert [o.number for o in plan.objectives] == ["1", "2"]
    assert plan.objectives[1].title.endswith("учебных планов и методических документов")
    assert [(a.number, a.executors, a.deadline_text) for a in plan.activities] == [
        ("1.1", "председатель Координационного совета", "По мере необходимости"),
        ("2.1", "ОГБПОУ «ТТВТС», руководители ПОО", "октябрь 2023 года"),
        ("2.2", "Представители кластера", "В течение года"),
        ("2.3", "Заместители руководителей ПОО", "IV квартал 2023 года"),
    ]
    assert plan.activities[1].title == (
        "Создание игровых программ со школьниками 5-7-ых классов, организация проф. проб со "
        "школьниками 8-10 классов, создание проф. классов для мотивации и первоначального "
        "обучения школьников."
    )
    assert plan.approver_name == "Ю.В. Дроздов"
    assert plan.warnings == (
        "Таблица в PDF без линий: строки восстановлены по расположению текста, проверьте результат",
    )


# --- Text: rows as they come out of Word's «save as text» ---------------------------------------


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        pytest.param(
            ["Задача 1. Кадры", "1.1.\tА.\tЦЗН\tмай", "1.2.\tБ.\tПОО\tиюнь"],
            [("1.1", "А."), ("1.2", "Б.")],
            id="trailing_dots",
        ),
        pytest.param(
            ["Задача 1. Кадры", "1.\tА.\tЦЗН\tмай", "2.\tБ.\tПОО\tиюнь", "3)\tВ.\tПОО\tиюль"],
            [("1", "А."), ("2", "Б."), ("3", "В.")],
            id="one_level_numbers",
        ),
        pytest.param(
            ["Задача 1. Кадры", "4\tА.\tЦЗН\tмай", "7\tБ.\tПОО\tиюнь"],
            [("4", "А."), ("7", "Б.")],
            id="gap_kept",
        ),
        pytest.param(
            ["Задача 1. Кадры", "2,8\tА.\tЦЗН\tмай"],
            [("2.8", "А.")],
            id="comma_in_number",
        ),
    ],
)
def test_text_numbers_are_normalised(lines: list[str], expected: list[tuple[str, str]]) -> None:
    plan = read_text(*lines)

    assert [(a.number, a.title) for a in plan.activities] == expected
    assert all(a.warnings == () for a in plan.activities)


def test_text_every_row_numbered_one_keeps_the_numbers_and_warns() -> None:
    plan = read_text(
        "Задача 1. Кадры", "1.\tА.\tЦЗН\tмай", "1.\tБ.\tПОО\tиюнь", "1.\tВ.\tПОО\tиюль"
    )

    assert [a.number for a in plan.activities] == ["1", "1", "1"]
    assert [a.warnings for a in plan.activities] == [
        (),
        ("Номер «1» уже встречался в строке 10",),
        ("Номер «1» уже встречался в строке 10",),
    ]


@pytest.mark.parametrize(
    "objective_line",
    [
        pytest.param("<b>Задача 2. Профориентация</b>\t\t\t", id="html_bold_number_column"),
        pytest.param("**Задача 2. Профориентация**", id="markdown_bold"),
        pytest.param("***Задача 2. Профориентация***", id="markdown_bold_italic"),
        pytest.param("Задача 2. Профориентация\t\t\t", id="plain_number_column"),
        pytest.param("\tЗадача 2. Профориентация\t\t", id="plain_title_column"),
        pytest.param("\t<b>Задача 2: Профориентация</b>\t\t", id="colon_title_column"),
        pytest.param("ЗАДАЧА № 2. Профориентация", id="upper_case_with_sign"),
        pytest.param("2\t<b>Профориентация</b>\t\t", id="bold_heading_numbered_in_number_column"),
    ],
)
def test_text_objective_rows(objective_line: str) -> None:
    plan = read_text(objective_line, "2.1\tПрофпробы.\tПОО\tмарт 2024 года")

    assert [(o.number, o.title) for o in plan.objectives] == [("2", "Профориентация")]
    assert [a.number for a in plan.objectives[0].activities] == ["2.1"]
    assert plan.warnings == ()


def test_text_bold_heading_without_number_is_an_objective() -> None:
    plan = read_text("**Организационная работа**", "1\tЗаседания.\tСовет\tежемесячно")

    assert [(o.number, o.title) for o in plan.objectives] == [("", "Организационная работа")]


def test_text_activities_before_the_first_objective_go_to_bez_zadachi() -> None:
    plan = read_text(
        "1\tЗаседания совета.\tСовет\tежемесячно", "Задача 2. Кадры", "2.1\tА.\tЦЗН\tмай"
    )

    assert [(o.number, o.title, len(o.activities)) for o in plan.objectives] == [
        ("", "Без задачи", 1),
        ("2", "Кадры", 1),
    ]
    assert plan.warnings == ("Мероприятия до первой задачи собраны в раздел «Без задачи»",)


def test_text_empty_cells_give_warnings_on_the_row() -> None:
    plan = read_text(
        "Задача 1. Кадры", "1.1\tМониторинг вакансий.\t\t", "1.2\t\tЦЗН\tмай", "\t\t\t"
    )

    assert [a.warnings for a in plan.activities] == [
        ("Строка без исполнителей", "Не указан срок исполнения"),
        ("Не указано наименование мероприятия",),
    ]


def test_text_columns_found_by_header_text_in_any_order() -> None:
    header = "Сроки\tМероприятие\tОтветственные исполнители\t№\tФорма представления результатов"
    plan = read_text("Задача 1. Кадры", "май\tЯрмарка.\tЦЗН\t1.1\tПресс-релиз", header=header)

    assert [row(a) for a in plan.activities] == [("1.1", "Ярмарка.", "ЦЗН", "май")]
    assert plan.activities[0].extra == {"Форма представления результатов": "Пресс-релиз"}


def test_text_row_of_column_numbers_is_skipped() -> None:
    plan = read_text("1\t2\t3\t4", "Задача 1. Кадры", "1.1\tЯрмарка.\tЦЗН\tмай")

    assert [row(a) for a in plan.activities] == [("1.1", "Ярмарка.", "ЦЗН", "май")]
    assert plan.warnings == ()


def test_text_continuation_row_joins_the_row_above() -> None:
    plan = read_text(
        "Задача 1. Кадры",
        "1.1\tОрганизация отраслевого\tРуководители ПОО\tоктябрь 2023 года",
        "",
        "\tчемпионата профессионального мастерства.\t\t",
        "1.2\tЯрмарка.\tЦЗН\tмай",
    )

    assert [row(a) for a in plan.activities] == [
        ("1.1", "Организация отраслевого чемпионата профессионального мастерства.", "Руководители ПОО", "октябрь 2023 года"),
        ("1.2", "Ярмарка.", "ЦЗН", "май"),
    ]  # fmt: skip


def test_text_markdown_pipe_table() -> None:
    plan = read_text(
        "|---|---|---|---|",
        "| **Задача 1. Кадры** | | | |",
        "| 1.1 | Ярмарка вакансий. | ЦЗН | май 2024 года |",
        header="| № п/п | Наименование мероприятия | Исполнители | Срок исполнения |",
        filename="plan.md",
    )

    assert [(o.number, o.title) for o in plan.objectives] == [("1", "Кадры")]
    assert [row(a) for a in plan.activities] == [
        ("1.1", "Ярмарка вакансий.", "ЦЗН", "май 2024 года")
    ]


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda text: b"\xef\xbb\xbf" + text.encode(), id="utf8_bom"),
        pytest.param(lambda text: text.encode("cp1251"), id="cp1251"),
        pytest.param(lambda text: text.encode("utf-16"), id="utf16_bom"),
    ],
)
def test_text_encodings(encode: Callable[[str], bytes]) -> None:
    text = "\n".join([*PREAMBLE, HEADER, "Задача 1. Кадры", "1.1\tЯрмарка.\tЦЗН\tмай"])

    plan = read_plan(encode(text), "plan.txt")

    assert plan.approver_name == "Ю.В. Дроздов"
    assert [row(a) for a in plan.activities] == [("1.1", "Ярмарка.", "ЦЗН", "май")]


def test_text_without_header_row_reads_columns_in_order_and_says_so() -> None:
    plan = read_plan("1.1\tЯрмарка.\tЦЗН\tмай\n".encode(), "plan.txt")

    assert [row(a) for a in plan.activities] == [("1.1", "Ярмарка.", "ЦЗН", "май")]
    assert (
        "Не найдена строка заголовка таблицы; столбцы определены по порядку и содержимому: "
        "№, мероприятие, исполнители, срок. Проверьте и при необходимости выберите роли столбцов"
    ) in plan.warnings
    assert "Мероприятия до первой задачи собраны в раздел «Без задачи»" in plan.warnings
    assert "Не найден гриф утверждения («Утверждаю»)" in plan.warnings
    assert "Не найдено название плана" in plan.warnings


def test_text_header_repeated_after_a_page_break_is_skipped() -> None:
    plan = read_text(
        "Задача 1. Кадры", "1.1\tЯрмарка.\tЦЗН\tмай", HEADER, "1.2\tОтчёт.\tЦСТВ\tиюнь"
    )

    assert [a.number for a in plan.activities] == ["1.1", "1.2"]
    assert plan.warnings == ()


def test_text_row_with_header_words_in_its_cells_is_still_an_activity() -> None:
    plan = read_text(
        "Задача 1. Кадры", "1.1\tСодержание программ обновлено.\tЦЗН\tСроки по графику ЦЗН"
    )

    assert [row(a) for a in plan.activities] == [
        ("1.1", "Содержание программ обновлено.", "ЦЗН", "Сроки по графику ЦЗН")
    ]


def test_text_objective_without_activities_is_reported() -> None:
    plan = read_text("Задача 1. Кадры", "Задача 2. Профориентация", "2.1\tПрофпробы.\tПОО\tмарт")

    assert [o.number for o in plan.objectives] == ["1", "2"]
    assert plan.warnings == ("Задача 1: нет ни одного мероприятия",)


def test_docx_text_between_tables_and_a_foreign_table_are_reported() -> None:
    document = Document()
    document.add_paragraph("План работы кластера на 2024 год")
    plan_table = document.add_table(rows=3, cols=4)
    for index, text in enumerate(["№", "Мероприятие", "Исполнители", "Срок"]):
        plan_table.cell(0, index).text = text
    plan_table.cell(1, 0).text = "Задача 1. Кадры"
    for index, text in enumerate(["1.1", "Ярмарка.", "ЦЗН", "май"]):
        plan_table.cell(2, index).text = text
    document.add_paragraph("Продолжение таблицы")
    document.add_paragraph("Примечание: сроки уточняются.")
    signatures = document.add_table(rows=1, cols=2)
    signatures.cell(0, 0).text = "Секретарь совета"
    buffer = io.BytesIO()
    document.save(buffer)

    plan = read_plan(buffer.getvalue(), "plan.docx")

    assert [row(a) for a in plan.activities] == [("1.1", "Ярмарка.", "ЦЗН", "май")]
    assert plan.warnings[-2:] == (
        "Текст между таблицами не прочитан как часть плана: «Примечание: сроки уточняются.»",
        "Таблица с другим числом столбцов пропущена: «Секретарь совета»",
    )
