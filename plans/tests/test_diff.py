"""Comparing two editions of a plan (`plans.diff`): the seed plan and a revision of it, tables of
matching rules, then properties over any pair of editions. No database: the module is pure."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plans.diff import ChangeKind, DiffRow, FieldChange, RowChange, diff_rows, title_similarity

ADDED, REMOVED = ChangeKind.ADDED, ChangeKind.REMOVED
CHANGED, UNCHANGED = ChangeKind.CHANGED, ChangeKind.UNCHANGED

# The seed plan «План работы образовательно-отраслевого кластера транспорта на 2023 – 2024 учебный
# год» (seed/plan-transport-cluster-2023-2024.txt), keyed by activity pk 1..17.
SEED = [
    ("1.1", "Проведение заседаний Координационного совета.",
     "председатель Координационного совета", "По мере необходимости", "1"),
    ("2.1", "Создание игровых программ со школьниками 5-7-ых классов, организация проф. проб со "
     "школьниками 8-10 классов, создание проф. классов для мотивации и первоначального обучения "
     "школьников.", "ОГБПОУ «ТТВТС», руководители ПОО", "октябрь 2023 года", "2"),
    ("2.2", "Информирование законных представителей о перспективах целевого обучения, "
     "индивидуальный подход к привлечению абитуриентов для целевого обучения.",
     "Представители кластера", "В течение года", "2"),
    ("2.3", "Разработка модели учебного процесса при одновременном получении образования и "
     "осуществлении профессиональной деятельности по получаемой специальности (составление "
     "индивидуального учебного плана и графика промежуточной аттестации).",
     "Заместители руководителей ПОО", "IV квартал 2023 года", "2"),
    ("2.4", "Вовлечение промышленных партнеров в реализацию региональной модели наставничества.",
     "Представители кластера", "В течение года", "2"),
    ("2.5", "Формирование заказа под запросы ключевых промышленных партнеров отрасли для "
     "адаптации программ профессиональных модулей специальностей ПОО.",
     "Представители кластера", "В течение года", "2"),
    ("2.6", "Привлечение информационных ресурсов платформы «Работа в России» для формирования "
     "потребности в кадрах и перечня вакансий.", "руководители ЦСТВ ПОО", "В течение года", "2"),
    ("2.7", "Расширение экспертного сообщества за счет вовлечения работодателей в Чемпионатное "
     "движение.", "Заместители руководителей ПОО", "В течение года", "2"),
    ("2.8", "Повышение уровня информированности работодателей и работников о чемпионатном "
     "движении через организацию и проведение отраслевого чемпионата профессионального "
     "мастерства с участием ведущих отраслевых предприятий – партнеров.",
     "Руководители ПОО Предприятия-партнеры", "октябрь-ноябрь 2023 года", "2"),
    ("2.9", "Организация взаимодействия с ЦОПП по расширению линейки коротких программ и охвата "
     "граждан.", "Руководители ПОО ЦОПП", "В течение учебного года", "2"),
    ("2.10", "Организация работы по расширению экспертного сообщества из числа работодателей для "
     "проведения демонстрационного экзамена, чемпионатов «Молодые профессионалы России».",
     "Руководители ПОО, представители кластера", "В течение учебного года", "2"),
    ("2.11", "Взаимодействие с центрами занятости населения по реализации направления «Содействие "
     "занятости» ФП «Демография» и коротких программ профессиональной подготовки, "
     "востребованных на рынке труда и конкретными работодателями.", "Руководители ПОО",
     "В течение учебного года", "2"),
    ("2.12", "Участие в реализации Плана мероприятий («дорожной карты») по созданию "
     "профилактических мероприятий и социальной рекламы по безопасности дорожного движения в "
     "системе профессионального образования Томской области.",
     "ОГБПОУ «ТКГТ» Руководители ПОО", "В течение 2023 года", "2"),
    ("2.13", "Внедрение методик преподавания общеобразовательных дисциплин с учетом "
     "профессиональной направленности программ среднего профессионального образования, "
     "реализуемых на базе основного общего образования, в рамках регионального проекта "
     "«Современная школа».", "ОГБПОУ «ТКГТ» Руководители ПОО", "В течение 2023 года", "2"),
    ("3.1", "Организация и проведение школ безопасности дорожного движения.",
     "Руководители ПОО", "Сентябрь 2023 года", "3"),
    ("3.2", "Организация и проведение работы по ранней профориентации с обучающимися "
     "общеобразовательных организаций с усилением практической направленности посредством "
     "привлечения ресурсов ПОО и организаций-партнеров через реализацию проекта «Билет в "
     "будущее», проведения профессиональных проб и других профориентационных мероприятий.",
     "Координационный совет Руководители ПОО", "В течение учебного года", "3"),
    ("3.3", "Информационное сопровождение деятельности Кластера: размещение материалов на сайтах "
     "организаций – участников кластера, в социальных сетях и СМИ.",
     "Руководители ПОО, представители кластера", "В течение учебного года", "3"),
]  # fmt: skip
OLD = [DiffRow(pk, *fields) for pk, fields in enumerate(SEED, start=1)]
BY_NUMBER = {row.number: row for row in OLD}

REWORDED_2_3 = (
    "Разработка и внедрение модели учебного процесса при одновременном получении образования и "
    "профессиональной деятельности по получаемой специальности (индивидуальный учебный план и "
    "график промежуточной аттестации)."
)
ADDED_3_4 = "Проведение дня открытых дверей для выпускников школ и их родителей."


def as_new(rows: list[DiffRow]) -> list[DiffRow]:
    """The rows of an uploaded revision: keyed by row index, not by pk."""
    return [replace(row, key=f"row{index}") for index, row in enumerate(rows)]


def revision() -> list[DiffRow]:
    """2.3 reworded, 2.4 and 2.5 swapped, 2.13 removed, 3.1 a month later, 3.4 added."""
    rows = []
    for row in OLD:
        if row.number == "2.3":
            rows.append(replace(row, title=REWORDED_2_3))
        elif row.number == "2.4":
            rows.append(replace(BY_NUMBER["2.5"], number="2.4"))
        elif row.number == "2.5":
            rows.append(replace(BY_NUMBER["2.4"], number="2.5"))
        elif row.number == "3.1":
            rows.append(replace(row, deadline_text="Октябрь 2023 года"))
        elif row.number != "2.13":
            rows.append(row)
    rows.append(DiffRow(0, "3.4", ADDED_3_4, "Руководители ПОО", "апрель 2024 года", "3"))
    return as_new(rows)


def keys(changes: list[RowChange]) -> list[tuple[str, int | str | None, int | str | None]]:
    return [
        (c.kind.value, c.old.key if c.old else None, c.new.key if c.new else None) for c in changes
    ]


Summary = tuple[ChangeKind, str | None, str | None, tuple[str, ...]]


def summary(changes: list[RowChange]) -> list[Summary]:
    """(kind, old number, new number, changed fields) of every change, in order."""
    return [
        (
            change.kind,
            change.old.number if change.old else None,
            change.new.number if change.new else None,
            tuple(field.field for field in change.fields),
        )
        for change in changes
    ]


def test_a_revision_of_the_seed_plan_shows_exactly_what_was_edited() -> None:
    changes = diff_rows(OLD, revision())

    assert summary(changes) == [
        (UNCHANGED, "1.1", "1.1", ()),
        (UNCHANGED, "2.1", "2.1", ()),
        (UNCHANGED, "2.2", "2.2", ()),
        (CHANGED, "2.3", "2.3", ("title",)),
        (CHANGED, "2.5", "2.4", ("number",)),
        (CHANGED, "2.4", "2.5", ("number",)),
        (UNCHANGED, "2.6", "2.6", ()),
        (UNCHANGED, "2.7", "2.7", ()),
        (UNCHANGED, "2.8", "2.8", ()),
        (UNCHANGED, "2.9", "2.9", ()),
        (UNCHANGED, "2.10", "2.10", ()),
        (UNCHANGED, "2.11", "2.11", ()),
        (UNCHANGED, "2.12", "2.12", ()),
        (REMOVED, "2.13", None, ()),
        (CHANGED, "3.1", "3.1", ("deadline_text",)),
        (UNCHANGED, "3.2", "3.2", ()),
        (UNCHANGED, "3.3", "3.3", ()),
        (ADDED, None, "3.4", ()),
    ]
    by_old_number = {change.old.number: change for change in changes if change.old}
    assert by_old_number["2.3"].fields == (
        FieldChange("title", BY_NUMBER["2.3"].title, REWORDED_2_3),
    )
    assert by_old_number["3.1"].fields == (
        FieldChange("deadline_text", "Сентябрь 2023 года", "Октябрь 2023 года"),
    )
    assert by_old_number["2.4"].fields == (FieldChange("number", "2.4", "2.5"),)
    assert [change.renumbered for change in changes].count(True) == 2
    assert not any(change.moved for change in changes)
    # The caller's keys come back: pks of the old edition, row indexes of the new one.
    assert (by_old_number["2.4"].old, by_old_number["2.4"].new) == (
        BY_NUMBER["2.4"],
        replace(BY_NUMBER["2.4"], key="row5", number="2.5"),
    )


def test_an_activity_moved_to_another_objective_is_changed_and_moved() -> None:
    moved = replace(BY_NUMBER["2.12"], number="3.4", objective="3")
    new = as_new([row for row in OLD if row.number != "2.12"] + [moved])

    changes = diff_rows(OLD, new)

    (change,) = [change for change in changes if change.kind is not UNCHANGED]
    assert change.kind is CHANGED and change.old == BY_NUMBER["2.12"]
    assert change.fields == (
        FieldChange("number", "2.12", "3.4"),
        FieldChange("objective", "2", "3"),
    )
    assert change.moved and change.renumbered
    assert changes[-1] is change  # in the new order: at the end of objective 3


def test_identical_editions_are_all_unchanged() -> None:
    changes = diff_rows(OLD, as_new(OLD))

    assert [change.kind for change in changes] == [UNCHANGED] * len(OLD)
    assert [change.old for change in changes] == OLD


def test_an_empty_old_edition_is_all_added() -> None:
    assert diff_rows([], OLD) == [RowChange(ADDED, None, row, ()) for row in OLD]


def test_an_empty_new_edition_is_all_removed() -> None:
    assert diff_rows(OLD, []) == [RowChange(REMOVED, row, None, ()) for row in OLD]


def test_two_empty_editions_have_no_changes() -> None:
    assert diff_rows([], []) == []


# --- Matching rules ------------------------------------------------------------------------------

SCHOOLS = "Организация и проведение школ безопасности дорожного движения."
MENTORS = "Вовлечение промышленных партнеров в реализацию региональной модели наставничества."


def one(number: str, title: str, key: int | str = 1, objective: str = "3") -> DiffRow:
    return DiffRow(key, number, title, "Руководители ПОО", "В течение года", objective)


EXPERTS = "Расширение экспертного сообщества за счёт вовлечения работодателей."
SHIFTS = "Проведение профильных смен по безопасности дорожного движения."  # 0.74 like SCHOOLS
SUMMER_SCHOOLS = "Организация и проведение летних школ безопасности дорожного движения."
ROAD_SCHOOLS = "Организация школ безопасности на дорогах."
OPEN_DAY = "Проведение дня открытых дверей для выпускников школ."
MENTORS_REWORDED = "Вовлечение предприятий-партнеров в региональную модель наставничества."


@pytest.mark.parametrize(
    ("old_title", "new_number", "new_title", "expected"),
    [
        pytest.param(
            SCHOOLS,
            "3.1",
            " Организация и  проведение школ\nбезопасности дорожного движения. ",
            [(UNCHANGED, "3.1", "3.1", ())],
            id="spacing_and_line_breaks_are_no_change",
        ),
        pytest.param(
            SCHOOLS,
            "3.1",
            "ОРГАНИЗАЦИЯ И ПРОВЕДЕНИЕ ШКОЛ БЕЗОПАСНОСТИ ДОРОЖНОГО ДВИЖЕНИЯ",
            [(CHANGED, "3.1", "3.1", ("title",))],
            id="case_and_dot_match_but_show",
        ),
        pytest.param(
            EXPERTS,
            "7.7",
            "Расширение экспертного сообщества, за счет вовлечения работодателей",
            [(CHANGED, "3.1", "7.7", ("number", "title"))],
            id="same_normalised_title_under_any_number",
        ),
        pytest.param(
            SCHOOLS, "3.1", SHIFTS, [(CHANGED, "3.1", "3.1", ("title",))], id="same_number_similar"
        ),
        pytest.param(
            SCHOOLS,
            "3.1.",
            ROAD_SCHOOLS,
            [(CHANGED, "3.1", "3.1.", ("title",))],
            id="same_number_with_a_trailing_dot",
        ),
        pytest.param(
            SCHOOLS,
            "3.1",
            OPEN_DAY,
            [(REMOVED, "3.1", None, ()), (ADDED, None, "3.1", ())],
            id="same_number_other_activity",
        ),
        pytest.param(
            SCHOOLS,
            "3.5",
            SUMMER_SCHOOLS,
            [(CHANGED, "3.1", "3.5", ("number", "title"))],
            id="renumbered_and_reworded",
        ),
        pytest.param(
            SCHOOLS,
            "3.5",
            SHIFTS,
            [(REMOVED, "3.1", None, ()), (ADDED, None, "3.5", ())],
            id="renumbered_and_too_different",
        ),
        pytest.param(
            MENTORS,
            "2.9",
            MENTORS_REWORDED,
            [(CHANGED, "3.1", "2.9", ("number", "title"))],
            id="renumbered_and_reworded_more",
        ),
    ],
)
def test_one_activity_edited(
    old_title: str, new_number: str, new_title: str, expected: list[Summary]
) -> None:
    old, new = one("3.1", old_title), one(new_number, new_title, key="row0")

    assert summary(diff_rows([old], [new])) == expected


def test_similarities_in_the_table_are_on_the_intended_side_of_the_thresholds() -> None:
    assert 0.6 <= title_similarity(SCHOOLS, SHIFTS) < 0.75
    assert 0.6 <= title_similarity(SCHOOLS, ROAD_SCHOOLS) < 0.75
    assert title_similarity(SCHOOLS, OPEN_DAY) < 0.6
    assert title_similarity(SCHOOLS, SUMMER_SCHOOLS) >= 0.75
    assert title_similarity(MENTORS, MENTORS_REWORDED) >= 0.75


def test_reworded_rows_pair_with_their_most_similar_originals() -> None:
    old = [one("1", SCHOOLS, key=1), one("2", MENTORS, key=2)]
    # Both renumbered past the end and reworded; listed in the other order.
    new = [
        one("8", MENTORS_REWORDED, "b"),
        one("9", SUMMER_SCHOOLS, "a"),
    ]

    changes = diff_rows(old, new)

    assert keys(changes) == [("changed", 2, "b"), ("changed", 1, "a")]


def test_of_two_rows_with_the_same_title_the_one_with_the_same_number_is_matched() -> None:
    old = [one("1.1", SCHOOLS, key=1), one("1.2", SCHOOLS, key=2)]
    new = [one("1.2", SCHOOLS, key="b")]

    assert keys(diff_rows(old, new)) == [("removed", 1, None), ("unchanged", 2, "b")]


def test_of_two_rows_with_the_same_title_and_other_numbers_the_first_is_matched() -> None:
    old = [one("1.1", SCHOOLS, key=1), one("1.2", MENTORS, key=2), one("1.3", SCHOOLS, key=3)]
    new = [one("1.1", MENTORS, key="a"), one("1.2", SCHOOLS, key="b")]

    assert keys(diff_rows(old, new)) == [
        ("changed", 2, "a"),
        ("removed", 3, None),  # after 1.2, which preceded it in the old edition
        ("changed", 1, "b"),
    ]


# --- Order of the result -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("removed", "expected_old_keys"),
    [
        pytest.param({1}, [1, 2, 3, 4, 5], id="first_row_removed_goes_to_the_top"),
        pytest.param({3}, [1, 2, 3, 4, 5], id="middle_row_after_its_predecessor"),
        pytest.param({5}, [1, 2, 3, 4, 5], id="last_row_at_the_end"),
        pytest.param({2, 3}, [1, 2, 3, 4, 5], id="two_removed_in_the_old_order"),
        pytest.param({1, 2, 3, 4, 5}, [1, 2, 3, 4, 5], id="all_removed"),
    ],
)
def test_a_removed_row_stays_where_it_was(removed: set[int], expected_old_keys: list[int]) -> None:
    old = OLD[:5]
    new = as_new([row for row in old if row.key not in removed])

    changes = diff_rows(old, new)

    assert [c.old.key for c in changes if c.old] == expected_old_keys
    assert {c.old.key for c in changes if c.kind is REMOVED and c.old} == removed


def test_a_removed_row_follows_its_predecessor_when_that_one_moved() -> None:
    old = OLD[:4]  # 1.1, 2.1, 2.2, 2.3; 2.2 is removed, 2.1 moves to the end
    new = as_new([OLD[0], OLD[3], OLD[1]])

    assert keys(diff_rows(old, new)) == [
        ("unchanged", 1, "row0"),
        ("unchanged", 4, "row1"),
        ("unchanged", 2, "row2"),
        ("removed", 3, None),
    ]


# --- Purity --------------------------------------------------------------------------------------


def test_the_module_does_not_load_django() -> None:
    root = Path(__file__).resolve().parents[2]
    code = "import sys, plans.diff; print('django' in sys.modules)"
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=60,
        env={"PATH": "/usr/bin:/bin"},
    )  # fmt: skip

    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "False"


# --- Properties ----------------------------------------------------------------------------------

# conftest.py has an autouse (function-scoped) settings fixture; these tests do not use it.
bounded = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

TITLES = [row.title for row in OLD] + [
    REWORDED_2_3,
    ADDED_3_4,
    SCHOOLS.upper(),
    SHIFTS,
    SUMMER_SCHOOLS,
    MENTORS_REWORDED,
    "",
]
rows = st.builds(
    DiffRow,
    key=st.just(0),
    number=st.sampled_from(["1.1", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", ""]),
    title=st.sampled_from(TITLES),
    executors=st.sampled_from(["Руководители ПОО", "Представители кластера"]),
    deadline_text=st.sampled_from(["В течение года", "октябрь 2023 года"]),
    objective=st.sampled_from(["1", "2", "3"]),
)
editions = st.lists(rows, max_size=12)


def keyed(rows: list[DiffRow], prefix: str) -> list[DiffRow]:
    return [replace(row, key=f"{prefix}{index}") for index, row in enumerate(rows)]


@bounded
@given(old=editions, new=editions)
def test_every_row_of_both_editions_appears_exactly_once(
    old: list[DiffRow], new: list[DiffRow]
) -> None:
    old, new = keyed(old, "old"), keyed(new, "new")

    changes = diff_rows(old, new)

    assert sorted(str(c.old.key) for c in changes if c.old) == sorted(str(r.key) for r in old)
    assert [c.new for c in changes if c.new] == new  # in the new edition's order
    for change in changes:
        assert (change.old is None) == (change.kind is ADDED)
        assert (change.new is None) == (change.kind is REMOVED)
        assert bool(change.fields) == (change.kind is CHANGED)


@bounded
@given(edition=editions)
def test_an_edition_compared_with_itself_is_unchanged(edition: list[DiffRow]) -> None:
    edition = keyed(edition, "row")

    changes = diff_rows(edition, edition)

    assert all(c.kind is UNCHANGED for c in changes)
    assert [c.new for c in changes] == edition


similar_titles = st.text(alphabet="абвгде ,.", min_size=1, max_size=60).flatmap(
    lambda title: st.tuples(
        st.just(title),
        st.lists(
            st.tuples(st.integers(0, 60), st.sampled_from(["", "а", "ж", "з "])), max_size=12
        ).map(lambda edits: edit(title, edits)),
    )
)


def edit(title: str, edits: list[tuple[int, str]]) -> str:
    """`title` with the character at each position replaced (or deleted, for "")."""
    chars = list(title)
    for position, replacement in edits:
        if chars:
            chars[position % len(chars)] = replacement
    return "".join(chars)


@bounded
@given(titles=similar_titles)
def test_a_renumbered_row_is_matched_exactly_when_its_title_is_similar_enough(
    titles: tuple[str, str],
) -> None:
    old_title, new_title = titles

    changes = diff_rows([one("1.1", old_title)], [one("9.9", new_title, key="row0")])

    similar = title_similarity(old_title, new_title) >= 0.75
    assert [c.kind for c in changes] == ([CHANGED] if similar else [REMOVED, ADDED])
