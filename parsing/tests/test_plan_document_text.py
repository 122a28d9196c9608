"""Table tests of the small readers: cell text, numbers, header cells, dates, the approval block."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parsing.documents.preamble import parse_russian_date, plan_year_from_title, read_preamble
from parsing.documents.table import DEADLINE, EXECUTORS, NUMBER, TITLE, header_role
from parsing.documents.text import collapse, join_lines, normalise_number, strip_markup


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        pytest.param("финансиро-\nвания", "финансирования", id="hyphenation_undone"),
        pytest.param("организа-\r\nции", "организации", id="crlf"),
        pytest.param("Предприятия-\nпартнеры", "Предприятия-партнеры", id="compound_partner"),
        pytest.param("организаций-\nпартнеров", "организаций-партнеров", id="compound_partner_lower"),
        pytest.param("октябрь-\nноябрь 2023 года", "октябрь-ноябрь 2023 года", id="month_range"),
        pytest.param("нормативно-\nправовой", "нормативно-правовой", id="compound_adjective_no"),
        pytest.param("историко-\nкультурный", "историко-культурный", id="compound_adjective_ko"),
        pytest.param("5-\n7-ых классов", "5-7-ых классов", id="digits"),
        pytest.param("ПОО-\nпартнеры", "ПОО-партнеры", id="abbreviation"),
        pytest.param("Северо-\nЗападный", "Северо-Западный", id="next_part_capitalised"),
        pytest.param("Руководители ПОО -\nпредставители", "Руководители ПОО - представители", id="dash"),
        pytest.param("Руководители ПОО\nПредприятия-партнеры", "Руководители ПОО Предприятия-партнеры", id="two_lines"),
        pytest.param("  В\u00a0течение \t года \n\n", "В течение года", id="whitespace"),
        pytest.param("инфор\u00adмирование", "информирование", id="soft_hyphen"),
        pytest.param("5\u20117-ых", "5-7-ых", id="non_breaking_hyphen"),
        pytest.param("", "", id="empty"),
    ],
)  # fmt: skip
def test_join_lines(cell: str, expected: str) -> None:
    assert join_lines(cell) == expected


@given(st.text(alphabet=st.characters(blacklist_characters="\n\r\v\u2028\u2029\u00ad\u2011")))
def test_join_lines_of_one_line_only_collapses_whitespace(text: str) -> None:
    assert join_lines(text) == collapse(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2.8", "2.8"),
        ("1.1.", "1.1"),
        ("1.", "1"),
        (" 12 ", "12"),
        ("3)", "3"),
        ("2,8", "2.8"),
        ("1. 2", "1.2"),
        ("2.10", "2.10"),
        ("Задача 1", None),
        ("—", None),
        ("", None),
        ("1.1 Проведение", None),
    ],
)
def test_normalise_number(text: str, expected: str | None) -> None:
    assert normalise_number(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<b>Задача 1</b>", ("Задача 1", True)),
        ("**План работы  ", ("План работы  ", True)),
        ("***Задача 3***", ("Задача 3", True)),
        ("образовательно-отраслевого**", ("образовательно-отраслевого", False)),
        ("1.1", ("1.1", False)),
    ],
)
def test_strip_markup(text: str, expected: tuple[str, bool]) -> None:
    assert strip_markup(text) == expected


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("№ п/п", NUMBER),
        ("№", NUMBER),
        ("N п/п", NUMBER),
        ("Наименование мероприятия", TITLE),
        ("Мероприятие", TITLE),
        ("Мероприятия", TITLE),
        ("Содержание", TITLE),
        ("Содержание работы", TITLE),
        ("Исполнители", EXECUTORS),
        ("Ответственные исполнители", EXECUTORS),
        ("Исполнитель", EXECUTORS),
        ("Срок исполнения", DEADLINE),
        ("Сроки", DEADLINE),
        ("Срок", DEADLINE),
        ("Сроки проведения", DEADLINE),
        ("Отметка о выполнении", None),
        ("Ответственные", None),
        ("Форма представления результатов", None),
        ("", None),
    ],
)
def test_header_role(header: str, role: str | None) -> None:
    assert header_role(header) == role


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("«02» июня 2023 г.)", date(2023, 6, 2)),
        ("02 июня 2023 года", date(2023, 6, 2)),
        ("2 мая 2024 г.", date(2024, 5, 2)),
        ("«15» декабря 2023", date(2023, 12, 15)),
        ("02.06.2023", date(2023, 6, 2)),
        ("2.6.23", date(2023, 6, 2)),
        ("31.02.2024", None),
        ("«__» ______ 2023 г.", None),
        ("02 юня 2023", None),
    ],
)
def test_parse_russian_date(text: str, expected: date | None) -> None:
    assert parse_russian_date(text) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("План работы кластера на 2023 – 2024 учебный год", "2023-2024"),
        ("План работы кластера на 2023-2024 учебный год", "2023-2024"),
        ("План работы кластера на 2024/25 учебный год", "2024-2025"),
        ("План работы кластера на 2023 г. – 2024 г.", "2023-2024"),
        ("План работы кластера на 2024 год", "2024"),
        ("План работы кластера", None),
        ("План работы на 2023 – 2025 годы", None),
    ],
)
def test_plan_year_from_title(title: str, expected: str | None) -> None:
    assert plan_year_from_title(title) == expected


@pytest.mark.parametrize(
    ("lines", "position", "name"),
    [
        pytest.param(
            ["Утверждаю", "Председатель Координационного совета", "", "Ю.В. Дроздов"],
            "Председатель Координационного совета",
            "Ю.В. Дроздов",
            id="name_after_blank",
        ),
        pytest.param(
            ["УТВЕРЖДАЮ:", "Директор ЦОПП", "__________ Дроздов Ю.В.", "«__» ______ 2023 г."],
            "Директор ЦОПП",
            "Дроздов Ю.В.",
            id="signature_line_surname_first",
        ),
        pytest.param(
            ["Утверждаю Председатель совета Ю. В. Дроздов"],
            "Председатель совета",
            "Ю. В. Дроздов",
            id="one_line",
        ),
        pytest.param(
            ["УТВЕРЖДЕНО", "решением Координационного совета", "(протокол № 3 от 02.06.2023)"],
            "решением Координационного совета (протокол № 3 от 02.06.2023)",
            "",
            id="approved_by_decision",
        ),
    ],
)
def test_approval_block(lines: list[str], position: str, name: str) -> None:
    preamble = read_preamble([*lines, "", "План работы кластера на 2024 год"])

    assert (preamble.approver_position, preamble.approver_name) == (position, name)
    assert preamble.title == "План работы кластера на 2024 год"


def test_preamble_edition_line_variants_and_warnings() -> None:
    assert read_preamble(["План на 2024 год", "в редакции от 02.06.2023"]).edition_date == date(
        2023, 6, 2
    )

    broken = read_preamble(["План на 2024 год", "(в редакции от 31 июня 2023 г.)"])
    assert broken.edition_date is None
    assert broken.warnings == (
        "Не найден гриф утверждения («Утверждаю»)",
        "Не удалось прочитать дату редакции: «(в редакции от 31 июня 2023 г.)»",
    )

    no_year = read_preamble(["Утверждаю", "Ю.В. Дроздов", "План работы кластера"])
    assert no_year.warnings == ("Не удалось определить год плана по названию",)
