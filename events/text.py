"""Small pure helpers on the words people type: school names, grades, audiences.

Kept free of Django so they are tested as tables and reused by forms, services and the XLSX reader.
"""

from __future__ import annotations

import re

QUOTES = "«»\"'“”„`"
NUMBER_SIGN = re.compile(r"№\s*")
SPACES = re.compile(r"\s+")


def clean_line(text: str, limit: int) -> str:
    """One line of text as stored: no control characters, single spaces, at most `limit` long."""
    text = "".join(char if char.isprintable() else " " for char in str(text or ""))
    return SPACES.sub(" ", text).strip()[:limit]


def school_key(name: str) -> str:
    """A key under which «МБОУ "СОШ № 5"» and «мбоу сош №5» are one school (for counting).

    Case, ё, quotes, spaces and the space after «№» are ignored; nothing else is guessed, so two
    schools whose names differ in a word stay two schools.
    """
    text = name.casefold().replace("ё", "е")
    text = "".join(" " if char in QUOTES else char for char in text)
    text = NUMBER_SIGN.sub("№", text)
    return SPACES.sub(" ", text).strip()


def grade_span(grade_min: int | None, grade_max: int | None) -> str:
    """«5–7 классы», «8 класс», «1–11 классы»; empty when no grades are set."""
    if grade_min is None and grade_max is None:
        return ""
    low = grade_min or grade_max
    high = grade_max or grade_min
    if low == high:
        return f"{low} класс"
    return f"{low}–{high} классы"


def plural(number: int, one: str, few: str, many: str) -> str:
    """The Russian plural form for a number: 1 школа, 2 школы, 5 школ."""
    number = abs(number)
    if number % 10 == 1 and number % 100 != 11:
        return one
    if 2 <= number % 10 <= 4 and not 12 <= number % 100 <= 14:
        return few
    return many
