"""Cleaning cell text: markup, hard line breaks, hyphenation, numbers.

Cells arrive with the line breaks of their source: a DOCX cell has paragraphs and manual breaks, a PDF
cell has the lines the renderer wrapped, a text export has `**…**` and `<b>…</b>` around bold text.
These helpers turn them into one line of the words as written. Hyphenation is undone only where it
is plainly a word split by a line break: the hyphen ends a line right after a lowercase letter and the
next line starts lowercase («финансиро-\\nвания»). Compounds keep their hyphen even when broken
there: «нормативно-\\nправовой» (first part ends in -но/-ко), «октябрь-\\nноябрь», «Предприятия-\\n
партнеры» (a known second part), «5-\\n7-ых» (digits).
"""

from __future__ import annotations

import re

# Second halves that make a compound word rather than a split one («организаций-партнеров»).
_COMPOUND_SECOND_PARTS = (
    "партнер",
    "партнёр",
    "участник",
    "член",
    "наставник",
    "эксперт",
    "организатор",
    "психолог",
    "дефектолог",
    "библиотекар",
    "январ",
    "феврал",
    "март",
    "апрел",
    "май",
    "мая",
    "июн",
    "июл",
    "август",
    "сентябр",
    "октябр",
    "ноябр",
    "декабр",
)
# First halves of compound adjectives end like this: «нормативно-», «научно-», «историко-».
_COMPOUND_FIRST_ENDINGS = ("но", "ко")
# A first half that is a whole inflected word («воинов-», «молодых-») is not a syllable cut.
_WORD_ENDINGS = ("ов", "ев", "ых", "их", "ой", "ей")

_MARKUP_RE = re.compile(r"</?(?:b|strong|i|em|u)>|\*{2,3}", re.IGNORECASE)
_BOLD_MARK_RE = re.compile(r"^\s*(?:<(?:b|strong)>|\*{2,3})", re.IGNORECASE)
_SPACES_RE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_NUMBER_RE = re.compile(r"^(\d+(?:[.,]\s?\d+)*)[.)]?$")


def strip_markup(text: str) -> tuple[str, bool]:
    """Remove `**`, `***` and `<b>` style markup; say whether the text was marked bold."""
    bold = bool(_BOLD_MARK_RE.match(text))
    return _MARKUP_RE.sub("", text), bold


def clean_chars(text: str) -> str:
    """Unify the characters Word and PDF put in: soft hyphens go, non-breaking hyphens become «-»."""
    return (
        text.replace("\u00ad", "")
        .replace("\u2011", "-")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\v", "\n")
        .replace("\u2028", "\n")
        .replace("\u2029", "\n")
    )


def collapse(text: str) -> str:
    """Whitespace (tabs, non-breaking spaces) collapsed to single spaces, ends trimmed."""
    return _SPACES_RE.sub(" ", text.replace("\n", " ")).strip()


def _keeps_hyphen(before: str, after: str) -> bool:
    """Whether «before-» at a line end and «after» on the next line form a compound word."""
    left = re.search(r"(\w+)-$", before)
    right = re.match(r"(\w+)", after)
    if left is None or right is None:
        return True
    left_word, right_word = left.group(1), right.group(1)
    if not (left_word[-1].isalpha() and left_word[-1].islower()):
        return True  # «5-\n7-ых», «ПОО-\nпартнеры»
    if not (right_word[0].isalpha() and right_word[0].islower()):
        return True  # «Северо-\nЗапад»
    if left_word.lower().endswith(_COMPOUND_FIRST_ENDINGS) and len(left_word) >= 5:
        return True
    if left_word.lower().endswith(_WORD_ENDINGS) and len(left_word) >= 5:
        return True
    return right_word.lower().startswith(_COMPOUND_SECOND_PARTS)


def join_lines(text: str) -> str:
    """One line of the words of a cell: line breaks become spaces, hyphenation is undone."""
    lines = [collapse(line) for line in clean_chars(text).split("\n")]
    result = ""
    for line in lines:
        if not line:
            continue
        if not result:
            result = line
        elif re.search(r"\w-$", result):
            result = result + line if _keeps_hyphen(result, line) else result[:-1] + line
        else:
            result = f"{result} {line}"
    return result


def normalise_number(text: str) -> str | None:
    """«1.1.» → «1.1», «2,8» → «2.8», «3)» → «3»; None when the text is not an activity number."""
    match = _NUMBER_RE.match(collapse(text))
    if match is None:
        return None
    return re.sub(r"[.,]\s?", ".", match.group(1))


def starts_lowercase(text: str) -> bool:
    """Whether the first letter of the text is lowercase (a sentence going on from above)."""
    for char in text:
        if char.isalpha():
            return char.islower()
        if char.isdigit():
            return False
    return False
