"""Pure helpers, as tables."""

import pytest

from events.text import clean_line, grade_span, plural, school_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("МАОУ СОШ № 5", "маоу сош №5", id="case_and_number_sign"),
        pytest.param("МАОУ «СОШ № 5»", 'МАОУ "СОШ №5"', id="quotes"),
        pytest.param("  Лицей   № 1 ", "лицей №1", id="spaces"),
        pytest.param("Школа «Ёлочка»", "школа елочка", id="yo"),
    ],
)
def test_one_school_in_any_spelling(a, b):
    assert school_key(a) == school_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("МАОУ СОШ № 5", "МАОУ СОШ № 50", id="another_number"),
        pytest.param("МАОУ СОШ № 5", "МБОУ СОШ № 5", id="another_form"),
    ],
)
def test_different_schools_stay_different(a, b):
    assert school_key(a) != school_key(b)


@pytest.mark.parametrize(
    ("low", "high", "words"),
    [(5, 7, "5–7 классы"), (8, 8, "8 класс"), (None, None, ""), (9, None, "9 класс")],
)
def test_grade_span(low, high, words):
    assert grade_span(low, high) == words


@pytest.mark.parametrize(
    ("number", "word"),
    [
        (1, "школа"),
        (2, "школы"),
        (5, "школ"),
        (11, "школ"),
        (21, "школа"),
        (104, "школы"),
        (112, "школ"),
    ],
)
def test_plural(number, word):
    assert plural(number, "школа", "школы", "школ") == word


def test_clean_line_drops_control_characters_and_cuts():
    assert clean_line("  СОШ\t№\n5\x00 ", 100) == "СОШ № 5"
    assert clean_line("a" * 20, 5) == "aaaaa"
