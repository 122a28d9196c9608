"""Russian deadline phrases («IV квартал 2023 года», «до 15 декабря») read against a plan window.

`parse_deadline(text, window)` never raises. The `Deadline` it returns keeps the original text and
is an interval (work within start..end, due at end), a recurring obligation over the window (due at
the end of every week / month / quarter / half-year / year), as needed (never overdue) or unparsed
(with a Russian reason for a human). A wrong date is worse than no date: anything unclear is
unparsed.

Forms read (any case; «ё», extra and non-breaking spaces, newlines, «Срок:», quotes, brackets,
trailing dots, a trailing «включительно», a time of day after a day («19.00», «10.00 ч.») and Latin
look-alike letters inside Russian words are ignored; «г.», «года», «гг.», «г.г.», «годы» after a
year are optional, also after a comma: «декабрь, 2023»):

- the whole window: «в течение года», «в течении учебного года», «весь период», «постоянно»,
  «сентябрь, в течение года»;
- as needed: «по мере необходимости», «по мере поступления …», «по запросу …», «по согласованию …»,
  «по отдельному графику», «при необходимости»;
- recurring: «ежемесячно», «еженедельно», «ежеквартально», «ежегодно», «1 раз в полугодие»,
  «раз в месяц», «ежемесячно до 5 числа» (the day is ignored), «каждый понедельник», «по средам»,
  «май ежегодно» (due at the end of each May in the window);
- days: «25.10.2023», «09.05.24», «15.12.07 г.», «15 октября 2023 года», «10.2023» (a month), a
  day with its weekday («16.11.2022 г. среда», «Понедельник 12.05.25»; a weekday that disagrees is
  unparsed; «1 (суббота)» only in a plan for one month), days sharing a month («9, 10 ноября»),
  ranges «01.09-31.12.2023г», «с 04.11. по 06.11.2023», «с 1 по 15 октября 2023 г.», «15-16 ноября»
  («с 12 по 5 мая» ends before it starts: unparsed);
- before a day: «до 15 декабря 2023 г.», «не позднее 01.10.2023», «в срок до 20.12.2023»,
  «по 10 мая», «до конца марта», «к 1 декабря», «к концу учебного года» → window start .. that day;
- months: «сентябрь», «в сентябре 2023 г.», ranges «октябрь-ноябрь 2023 года», «с сентября по
  декабрь 2023 г.», lists «октябрь, апрель» / «март, июнь, сентябрь, декабрь» (see `_month_list`);
- quarters «IV квартал 2023 года», «II кв. 2024 г.», «в 1 квартале», «I-II квартал 2024 года»;
- half-years «I полугодие 2024 года», «второе полугодие 2023-2024 учебного года»;
- years «2024 год», «на 2023-2025 годы», «2016-2017 гг.», «2023-2024 учебный год», «постоянно
  (2013-2015 г.г.)»; seasons «летний период», «весна 2024».

A month, quarter, half-year or season without a year is placed where it overlaps the window most;
a range without a year is placed by its end. The rules and decisions are in docs/deadlines.md.
"""

from __future__ import annotations

import calendar
import enum
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

Span = tuple[date, date]


class DeadlineKind(enum.StrEnum):
    INTERVAL = "interval"
    RECURRING = "recurring"
    AS_NEEDED = "as_needed"
    UNPARSED = "unparsed"


class Every(enum.StrEnum):
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    YEAR = "year"


@dataclass(frozen=True)
class PlanWindow:
    """The period a plan covers: an academic year (1 Sep – 31 Aug) or a calendar year."""

    start: date
    end: date

    @classmethod
    def from_label(cls, label: str) -> PlanWindow:
        """«2023-2024» (also «2023 – 2024», «2023/2024», «2023-24») → 2023-09-01..2024-08-31;
        «2024» → 2024-01-01..2024-12-31. Raises ValueError for anything else."""
        m = re.fullmatch(r"(\d{4})(?:-(\d{4}))?(?: учгод| гг)?", _normalise(label[:100]))
        if m:
            first = int(m[1])
            if m[2] is None and first >= 1:
                return cls(date(first, 1, 1), date(first, 12, 31))
            if m[2] is not None and first >= 1 and int(m[2]) == first + 1 <= 9999:
                return cls(date(first, 9, 1), date(first + 1, 8, 31))
        raise ValueError(
            f"Не удалось прочитать период плана «{label[:100]}»: ожидается «2023-2024» или «2024»."
        )

    @property
    def label(self) -> str:
        """«2023-2024» for an academic year, «2024» for a calendar year, else «start..end»."""
        if self.is_academic_year:
            return f"{self.start.year}-{self.end.year}"
        if self.is_calendar_year:
            return str(self.start.year)
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    @property
    def is_academic_year(self) -> bool:
        first, last = self.start, self.end
        return (first.month, first.day, last.month, last.day) == (9, 1, 8, 31) and (
            last.year == first.year + 1
        )

    @property
    def is_calendar_year(self) -> bool:
        first, last = self.start, self.end
        return (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and (
            last.year == first.year
        )


@dataclass(frozen=True)
class Deadline:
    """A deadline phrase and what it says; `text` is the original phrase, unchanged."""

    text: str
    kind: DeadlineKind
    start: date | None = None
    end: date | None = None
    every: Every | None = None
    reason: str | None = None

    @property
    def due(self) -> date | None:
        """When it is due: `end` of an interval, the last occurrence of a recurring obligation."""
        if self.kind is DeadlineKind.INTERVAL:
            return self.end
        occurrences = self.occurrences()
        return occurrences[-1] if self.kind is DeadlineKind.RECURRING and occurrences else None

    def occurrences(self) -> tuple[date, ...]:
        """Due dates: `(end,)` for an interval, every period end within start..end for recurring."""
        if self.kind is DeadlineKind.INTERVAL and self.end is not None:
            return (self.end,)
        if self.kind is DeadlineKind.RECURRING and self.start and self.end and self.every:
            return tuple(_period_ends(self.every, self.start, self.end))
        return ()

    def as_dict(self) -> dict[str, str | None]:
        """The JSON shape of `clusterplan parse_deadline --json`."""
        return {
            "text": self.text,
            "kind": self.kind.value,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "every": self.every.value if self.every else None,
            "reason": self.reason,
        }


def parse_deadline(text: str, window: PlanWindow) -> Deadline:
    """Read a deadline phrase against the plan window. Never raises."""
    try:
        reading = _read(_normalise(text), window) if len(text) <= _MAX_CHARS else _TOO_LONG
    except (ValueError, OverflowError):  # a year at the edge of what `date` can hold
        reading = _BAD_DATE
    if reading is DeadlineKind.AS_NEEDED:
        return Deadline(text, DeadlineKind.AS_NEEDED)
    if isinstance(reading, _YearlyBy):
        return Deadline(text, DeadlineKind.RECURRING, window.start, reading.end, every=Every.YEAR)
    if isinstance(reading, Every):
        if any(_period_ends(reading, window.start, window.end)):
            return Deadline(text, DeadlineKind.RECURRING, window.start, window.end, every=reading)
        reading = "Период плана короче, чем период повторения"
    if isinstance(reading, tuple):
        reading = _check_span(reading, window) or reading
        if isinstance(reading, tuple):
            return Deadline(text, DeadlineKind.INTERVAL, reading[0], reading[1])
    if reading is None:
        reading = f"Не удалось распознать срок: «{_shorten(text)}»"
    return Deadline(text, DeadlineKind.UNPARSED, reason=str(reading))


# --- Reasons -------------------------------------------------------------------------------------

_MAX_CHARS = 300
_TOO_LONG = f"Слишком длинный текст для срока (больше {_MAX_CHARS} знаков)"
_BAD_DATE = "Такой даты нет в календаре"
_BACKWARDS = "Конец срока раньше начала"
_HOLIDAYS = "Сроки каникул задаёт региональный календарь — укажите даты"
_NOT_IN_WINDOW = "Срок без года не попадает в период плана — укажите год"
_TWICE_IN_WINDOW = "Срок без года встречается в периоде плана дважды — укажите год"
_VAGUE_UNTIL = (
    "«до» без числа неоднозначно (до начала или до конца?) — укажите дату или «до конца …»"
)
_VAGUE_HALF = "Полугодие без года в учебном плане неоднозначно — укажите год или «учебного года»"
_VAGUE_YEARS = "«2023-2024» неоднозначно — допишите «учебный год» или «гг.»"
_VAGUE_WINTER = "Зима с одним годом неоднозначна — укажите месяцы"
_VAGUE_END_OF_YEAR = "Неясно, конец какого года имеется в виду — укажите дату"
_MONTHS_YEAR = "Неясно, к какому году относится каждый месяц — укажите год у каждого"
_DAYS_ORDER = "Дни перечислены не по порядку — укажите срок одним интервалом"

# --- Normalisation -------------------------------------------------------------------------------


def _normalise(text: str) -> str:
    """Lower case, one kind of space and dash, «учгод» for «учебный год», years without «г.»."""
    # «і» is a Ukrainian/Belarusian letter typed for a Roman «I».
    s = _spaces(text).lower().replace("ё", "е").replace("і", "i")
    s = re.sub(r"[а-я]*[a-z][а-яa-z]*", _cyrillic_lookalikes, s)
    s = re.sub(r"[\u2010-\u2015\u2212]", "-", s)
    s = re.sub(r"[«»\"“”„'()]", " ", s)
    s = re.sub(r"(?<=[\dа-я])\*+", "", s)  # a footnote mark: «10 ноября 2020* года»
    s = re.sub(r"(\d{4})(?=[а-я])", r"\1 ", s)  # «2023года», «2023г.»
    s = re.sub(r"(?<=[а-я])(\d{4})\b", r" \1", s)  # «01 мая2023 г.»
    s = re.sub(r"\s*-\s*", "-", s)
    s = re.sub(r"\bтеч-е\b", "течение", s)  # «в теч-е года»
    s = re.sub(r"\b(\d{1,2})\.-(?=\d)", r"\1-", s)  # «01.- 08.05.15г.»: a day's own dot
    s = re.sub(r"\b(\d{1,2}) ?\. ?(\d{1,2}) ?\. ?(\d{4})", r"\1.\2.\3", s)  # «3 .05. 2015»
    s = re.sub(r"\s*([,;])\s*", r"\1 ", s)
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"^срок[^:]{0,30}:\s*", "", s)
    s = re.sub(r"(\d{4})/(\d{4})", r"\1-\2", s)
    s = re.sub(r"(\d{4})-(\d{2})(?![\d.])", _expand_short_year, s)  # «2023-24»
    s = re.sub(r"\bуч(?:ебн[а-я]*)?\.? ?(?:год[а-я]*|г\b\.?)", "учгод", s)
    s = re.sub(r"(\d{4}) ?(?:гг|г\. ?г|годы|годов|годах)\b\.?", r"\1 гг", s)
    s = re.sub(r"(\d{4}) ?(?:г|год|года|году|годом)\b\.?", r"\1", s)
    s = re.sub(r"(\b\d{1,2}\.\d{1,2}\.\d{2}) ?(?:г|года)\b\.?", r"\1", s)  # «15.12.07 г.»
    s = re.sub(_MONTH + r", (\d{4})\b", r"\1 \2", s)  # «декабрь, 2023»
    s = re.sub(r"[ ,]*\bвключительно$", "", s.strip(" .,;:"))
    s = re.sub(r"\bпо-(?=\d)", "по ", s)  # «с 28.01. по-31.01.»
    return s.strip(" .,;:")


# Latin letters that look like Cyrillic ones, typed inside a Russian word («aпреля» with a Latin «a»).
_LOOKALIKES = str.maketrans("aceopxykmtb", "асеорхукмтв")


def _cyrillic_lookalikes(m: re.Match[str]) -> str:
    """A word mixing Cyrillic and Latin letters in Cyrillic; Latin-only words («IV») stay."""
    word = m[0]
    if re.search(r"[а-я]", word) and re.fullmatch(r"[а-яaceopxykmtb]+", word):
        return word.translate(_LOOKALIKES)
    return word


def _expand_short_year(m: re.Match[str]) -> str:
    first, second = int(m[1]), int(m[2])
    return f"{first}-{first + 1}" if (first + 1) % 100 == second else m[0]


def _spaces(text: str) -> str:
    """Control characters, newlines and every kind of space as a plain space."""
    return "".join(" " if unicodedata.category(c)[0] in "CZ" else c for c in text)


def _shorten(text: str) -> str:
    s = " ".join(_spaces(text).split())
    return s if len(s) <= 80 else s[:79] + "…"


# --- Dates and periods ---------------------------------------------------------------------------


def _int(digits: str | None) -> int | None:
    return int(digits) if digits else None


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _months(year: int, first: int, count: int) -> Span:
    """`count` months from month `first` of `year` (may run into the next year)."""
    last_year, last = divmod(year * 12 + first - 1 + count - 1, 12)
    return date(year, first, 1), _month_end(last_year, last + 1)


def _month_in(month: int) -> Callable[[int], Span]:
    return lambda year: _months(year, month, 1)


def _overlap(span: Span, window: PlanWindow) -> int:
    return max(0, (min(span[1], window.end) - max(span[0], window.start)).days + 1)


def _place(window: PlanWindow, span_in: Callable[[int], Span]) -> Span | str:
    """The year's span that overlaps the window most; a reason if none or two tie."""
    spans = [span_in(year) for year in range(window.start.year - 1, window.end.year + 2)]
    scored = sorted(((_overlap(span, window), span) for span in spans), reverse=True)
    if scored[0][0] == 0:
        return _NOT_IN_WINDOW
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return _TWICE_IN_WINDOW
    return scored[0][1]


_MONTHS_PER = {Every.MONTH: 1, Every.QUARTER: 3, Every.HALF_YEAR: 6, Every.YEAR: 12}


def _period_ends(every: Every, start: date, end: date) -> Iterator[date]:
    """Last days of the calendar weeks (Sundays), months, quarters, … that fall in start..end."""
    if every is Every.WEEK:
        for offset in range(6 - start.weekday(), (end - start).days + 1, 7):
            yield start + timedelta(days=offset)
        return
    if every is Every.YEAR:
        # Once a year, by the end of each plan year: an academic plan's annual report is due
        # on 31 Aug, not mid-plan on 31 Dec.
        for years_back in reversed(range(end.year - start.year + 1)):
            due = _years_before(end, years_back)
            if due >= start:
                yield due
        return
    step = _MONTHS_PER[every]
    for index in range(start.year * 12 + start.month - 1, end.year * 12 + end.month):
        year, month = divmod(index, 12)
        last = _month_end(year, month + 1)
        if (month + 1) % step == 0 and start <= last <= end:
            yield last


def _years_before(day: date, years: int) -> date:
    """The same day `years` earlier (28 Feb for a 29 Feb that the earlier year lacks)."""
    year = day.year - years
    return date(year, day.month, min(day.day, _month_end(year, day.month).day))


def _check_span(span: Span, window: PlanWindow) -> str | None:
    if span[0] > span[1]:
        return _BACKWARDS
    for year in (span[0].year, span[1].year):
        if not window.start.year - 20 <= year <= window.end.year + 20:
            return f"Год {year} слишком далёк от периода плана — проверьте срок"
    return None


# --- Vocabulary ----------------------------------------------------------------------------------

_MONTH_STEMS = ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр",
                "октябр", "ноябр", "декабр")  # fmt: skip
_MONTH = r"((?:январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-я]*)"
_YEAR = r"(\d{4})"
_MONTH_YEAR = _MONTH + r"(?: (\d{4}))?"
# A day: «25.10.2023», «09.05.24», «04.11.», «15 октября 2023», or «1» (only as a range start).
_DAY_PATTERN = r"(\d{1,2})(?:\.(\d{1,2})(?:\.(\d{4}|\d{2}))?\.?| " + _MONTH_YEAR + r")?"
_ORDINAL = r"(iv|i{1,3}|[1-4](?:-?[а-я]{1,2})?|(?:перв|втор|трет|четверт)[а-я]*)"
_RANGE = r"(?:-| по | до )"


def _month_no(word: str) -> int:
    return next(n for n, stem in enumerate(_MONTH_STEMS, 1) if word.startswith(stem))


def _ordinal(token: str) -> int:
    roman = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
    if token in roman:
        return roman[token]
    if token[0].isdigit():
        return int(token[0])
    return next(
        n for n, stem in enumerate(("перв", "втор", "трет", "четв"), 1) if token.startswith(stem)
    )


_AS_NEEDED = re.compile(
    r"(?:по мере (?:необходимости|поступлени[яе]|потребности|возникновения)|при необходимости"
    r"|по (?:необходимости|запросу|запросам|согласованию|требованию"
    r"|(?:отдельному |особому )?(?:графику|плану)))"
    r"(?:[ ,][а-я ,-]*)?"
)
_WHOLE_WINDOW = re.compile(
    r"(?:(?:в течени[еи]|на протяжении) (?:всего )?|весь )(?:года|год|учгод|периода|период)"
    r"|учгод|постоянно|круглогодично"
)
# «каждый понедельник», «по средам»: weekly, due by the end of each week like «еженедельно».
_WEEKDAYS = tuple(
    f"{every} {day}"
    for every, days in (
        ("каждый", ("понедельник", "вторник", "четверг")),
        ("каждую", ("среду", "пятницу", "субботу")),
        ("по", ("понедельникам", "вторникам", "средам", "четвергам", "пятницам", "субботам")),
    )
    for day in days
)
_EVERY = {
    Every.WEEK: ("еженедельно", "раз в неделю", "каждую неделю", *_WEEKDAYS),
    Every.MONTH: ("ежемесячно", "раз в месяц", "каждый месяц"),
    Every.QUARTER: ("ежеквартально", "раз в квартал", "каждый квартал"),
    Every.HALF_YEAR: ("раз в полугодие", "раз в полгода", "каждое полугодие"),
    Every.YEAR: ("ежегодно", "раз в год", "каждый год"),
}
_EVERY_BY_WORDS = {words: every for every, phrases in _EVERY.items() for words in phrases}
_RECURRING = re.compile(
    r"(?:(?:1|один|одн[а-я]*) )?(" + "|".join(_EVERY_BY_WORDS) + r")"
    r"(?:,? (?:до|не позднее|не позже) \d{1,2}(?:-?го)? числа[а-я ,-]*)?"
    r"(?: в течени[еи] (?:года|учгод))?"
)
# «на 2023-2025 годы», «на 2024 год»: «на» before a year says the same as the year alone.
_PREFIX = re.compile(r"^(?:в течени[еи] (?:всего )?|в период |во? |(?:на|постоянно) (?=\d{4}))")
# «к 1 сентября», «к концу 2023 года» are read like «до 1 сентября», «до конца 2023 года».
# «по 10 мая» (an exhibition runs through that day) reads like «до 10 мая», only before a day.
_THROUGH = re.compile(r"по (.+)")
_UNTIL = re.compile(r"(?:срок )?(?:до|не позднее|не позже|к)(?: чем)? (конц[аеу] )?(.+)")
_WHOLE_WINDOW_AFTER = re.compile(r"(.+), (" + _WHOLE_WINDOW.pattern + ")")
_MONTH_LIST = re.compile(_MONTH_YEAR + r"(?:(?:,|;|, и)? (?:и )?" + _MONTH_YEAR + r")+")


# --- Readers -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _YearlyBy:
    """A reading: once a year, due by `end` and its anniversaries within the window."""

    end: date


# What a reader found: a span (interval), a period (recurring over the window), a yearly due
# month, AS_NEEDED, a reason, or nothing.
_Reading = Span | Every | DeadlineKind | str | None | _YearlyBy


def _read(s: str, window: PlanWindow) -> _Reading:
    if not s:
        return "Срок не указан"
    if "каникул" in s:
        return _HOLIDAYS
    if _AS_NEEDED.fullmatch(s):
        return DeadlineKind.AS_NEEDED
    if _WHOLE_WINDOW.fullmatch(s):
        return window.start, window.end
    if m := _RECURRING.fullmatch(s):
        return _EVERY_BY_WORDS[m[1]]
    if m := _WHOLE_WINDOW_AFTER.fullmatch(s):
        return _and_whole_window(_read(m[1], window), window)
    if m := _MONTHS_YEARLY.fullmatch(s):
        return _months_yearly(m, window)
    s = _PREFIX.sub("", s, count=1)
    if m := _UNTIL.fullmatch(s):
        return _until(m, window)
    if (m := _THROUGH.fullmatch(s)) and (day := _DAY.fullmatch(m[1])):
        through = _day(day, window)
        return (
            (min(window.start, through[1]), through[1]) if isinstance(through, tuple) else through
        )
    if _MONTH_LIST.fullmatch(s):
        return _month_list(s, window)
    if _DAY_LIST.fullmatch(s):
        return _day_list(s, window)
    if m := _DAYS_OF_MONTH.fullmatch(s):
        return _days_of_month(m, window)
    if m := _WITH_WEEKDAY.fullmatch(s):
        return _with_weekday(m[1], m[2], window)
    if m := _WEEKDAY_FIRST.fullmatch(s):
        return _with_weekday(m[2], m[1], window)
    return _span(s, window)


# «9, 10 ноября», «12, 13 января 2021»: days that share one month name.
_DAYS_OF_MONTH = re.compile(r"(\d{1,2}(?:(?:, | и )\d{1,2})+) " + _MONTH + r"(?: (\d{4}))?")


def _days_of_month(m: re.Match[str], window: PlanWindow) -> Span | str | None:
    """Like a list of days that each name their month: first..last, refused when out of order."""
    days = [int(day) for day in re.findall(r"\d{1,2}", m[1])]
    if days != sorted(set(days)):
        return _DAYS_ORDER
    first = _span(f"{days[0]} {m[2]}" + (f" {m[3]}" if m[3] else ""), window)
    last = _span(f"{days[-1]} {m[2]}" + (f" {m[3]}" if m[3] else ""), window)
    if not isinstance(first, tuple) or not isinstance(last, tuple):
        return first if isinstance(first, str) else last
    return first[0], last[1]


_WEEKDAY_NAMES = ("понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье")
# «16.11.2022 г. среда», «01.10 воскрес», «1 (суббота)»: a day followed by its weekday.
_WEEKDAY = "(" + "|".join(_WEEKDAY_NAMES) + r"|воскрес|воскр\.?)"
_WITH_WEEKDAY = re.compile(r"(.+?),? " + _WEEKDAY)
_WEEKDAY_FIRST = re.compile(_WEEKDAY + r",? (.+)")  # «Понедельник 12.05.25»
_WRONG_WEEKDAY = "День недели не совпадает с датой — проверьте срок"


def _with_weekday(day: str, weekday: str, window: PlanWindow) -> Span | str | None:
    """The day, when the weekday written with it is that day's; a disagreement is unparsed,
    since either the day or the weekday is wrong and the parser cannot tell which."""
    span = _day_of_month_plan(day, window) if day.isdigit() else _span(day, window)
    if not isinstance(span, tuple):
        return span
    if span[0] != span[1]:
        return None
    agrees = _WEEKDAY_NAMES[span[0].weekday()].startswith(weekday.rstrip("."))
    return span if agrees else _WRONG_WEEKDAY


_NO_MONTH = "Число без месяца — укажите месяц"


def _day_of_month_plan(digits: str, window: PlanWindow) -> Span | str:
    """«1 (суббота)» in a plan for one month: that day of the window's month. In a longer plan
    the month is unknown and the day is refused."""
    first, last = window.start, window.end
    if (first.year, first.month) != (last.year, last.month):
        return _NO_MONTH
    when = _date(first.year, first.month, int(digits))
    return (when, when) if when else _BAD_DATE


# «22.02.2020 19.00», «22 июня 10.00 ч.», «01 сентября 08:30 - 12:30»: a time of day after a day.
_TIME = re.compile(
    r",? (?:в )?(\d{1,2})([.:-])(\d{2})(?: ?- ?\d{1,2}[.:]\d{2})?( ?ч(?:ас)?\b\.?)?$"
)


def _without_time(s: str) -> str:
    """The day without its time of day. «10.00» is a time only where it cannot be a day and a
    month (no month 00 or 13+), unless «:» or «ч» says so: «01.09 10.05» stays unread."""
    m = _TIME.search(s)
    if not m or not (_DAY.fullmatch(s[: m.start()]) or _DAY_RANGE.fullmatch(s[: m.start()])):
        return s
    hours, minutes = int(m[1]), int(m[3])
    if m[2] == "-":  # «8-30 ч.» is a time only with its «ч»
        says_time = m[4] is not None
    else:
        says_time = m[2] == ":" or m[4] is not None or not 1 <= minutes <= 12
    return s[: m.start()] if says_time and hours <= 23 and minutes <= 59 else s


# «май ежегодно», «апрель – май ежегодно», «ежегодно в мае»: once a year, due by that month's end.
_MONTHS_YEARLY = re.compile(
    r"(?:(?:в )?" + _MONTH + r"(?:-" + _MONTH + r")? ежегодно|ежегодно,? (?:в )?" + _MONTH + r")"
)


def _months_yearly(m: re.Match[str], window: PlanWindow) -> _Reading:
    """Recurring yearly, due at the end of the (last) month each year: the range ends at that
    month's last occurrence in the window, so the yearly due dates fall on that month's end."""
    last = _month_no(m[2] or m[1] or m[3])
    ends = [_month_end(y, last) for y in range(window.start.year, window.end.year + 1)]
    inside = [end for end in ends if window.start <= end <= window.end]
    if not inside:
        return _NOT_IN_WINDOW
    return _YearlyBy(inside[-1])


def _and_whole_window(first: _Reading, window: PlanWindow) -> _Reading:
    """«сентябрь, в течение года»: a span within the window and the whole window is the window."""
    if isinstance(first, tuple) and window.start <= first[0] <= first[1] <= window.end:
        return window.start, window.end
    return first if isinstance(first, str) else None


def _span(s: str, window: PlanWindow) -> Span | str | None:
    s = _without_time(s)
    for pattern, reader in _SPAN_READERS:
        if m := pattern.fullmatch(s):
            return reader(m, window)
    return None


def _until(m: re.Match[str], window: PlanWindow) -> Span | str | None:
    """«до 15 декабря», «не позднее 01.10.2023», «до конца марта» → window start .. that day."""
    if m[1]:  # «до конца …»
        if m[2] in ("года", "учгод"):
            fits = window.is_calendar_year if m[2] == "года" else window.is_academic_year
            span: Span | str | None = (window.start, window.end) if fits else _VAGUE_END_OF_YEAR
        else:
            span = _span(m[2], window)
    elif day := _DAY.fullmatch(m[2]):
        span = _day(day, window)
    else:
        return _VAGUE_UNTIL
    if not isinstance(span, tuple):
        return span
    return min(window.start, span[1]), span[1]


def _month_list(s: str, window: PlanWindow) -> Span | Every | str:
    """«октябрь, апрель»: an interval from the first to the last month; recurring when the months,
    placed in the window, are exactly the ends of its months / quarters / half-years («март, июнь,
    сентябрь, декабрь»). A year on the last month is the year of every month without one."""
    items = [(_month_no(m[1]), _int(m[2])) for m in re.finditer(_MONTH_YEAR, s)]
    last_year = items[-1][1]
    if last_year is not None:
        spans = [_months(year or last_year, month, 1) for month, year in items]
        return (spans[0][0], spans[-1][1]) if spans == sorted(spans) else _MONTHS_YEAR
    if any(year for _, year in items):
        return _MONTHS_YEAR
    placed = [_place(window, _month_in(month)) for month, _ in items]
    if reasons := [span for span in placed if isinstance(span, str)]:
        return reasons[0]
    spans = sorted(span for span in placed if isinstance(span, tuple))
    for every in (Every.MONTH, Every.QUARTER, Every.HALF_YEAR):
        if sorted({end for _, end in spans}) == list(_period_ends(every, window.start, window.end)):
            return every
    return spans[0][0], spans[-1][1]


def _day_list(s: str, window: PlanWindow) -> Span | str | None:
    """«14.04.2015, 15.04.2015, 16.04.2015»: an interval from the first day to the last, like a
    list of months; days out of order are unparsed rather than sorted into a guess."""
    spans = [_day(m, window) for m in (_DAY.fullmatch(item) for item in s.split(", ")) if m]
    if reasons := [span for span in spans if not isinstance(span, tuple)]:
        return reasons[0]
    days = [span for span in spans if isinstance(span, tuple)]
    if days != sorted(days):
        return _DAYS_ORDER
    return days[0][0], days[-1][1]


def _year(m: re.Match[str], window: PlanWindow) -> Span:
    return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)


def _years(m: re.Match[str], window: PlanWindow) -> Span | str:
    """«2016-2017 гг.» → calendar years; «2023-2024 учебный год» → 1 Sep .. 31 Aug."""
    first, last = int(m[1]), int(m[2])
    if m[3] == "учгод":
        return (date(first, 9, 1), date(last, 8, 31)) if last == first + 1 else _BACKWARDS
    if m[3] is None and last == first + 1:
        return _VAGUE_YEARS
    return date(first, 1, 1), date(last, 12, 31)


def _month(m: re.Match[str], window: PlanWindow) -> Span | str:
    month = _month_no(m[1])
    if m[2]:
        return _months(int(m[2]), month, 1)
    return _place(window, _month_in(month))


def _numeric_month(m: re.Match[str], window: PlanWindow) -> Span | str:
    month = int(m[1])
    return _months(int(m[2]), month, 1) if 1 <= month <= 12 else _BAD_DATE


def _month_range(m: re.Match[str], window: PlanWindow) -> Span | str:
    """«октябрь-ноябрь 2023 года», «с сентября по декабрь 2023 г.», «сентябрь-август»."""
    first, last = _month_no(m[1]), _month_no(m[3])
    years = _range_years((_int(m[2]), _int(m[4])), first > last, last, window)
    if isinstance(years, str):
        return years
    return date(years[0], first, 1), _month_end(years[1], last)


def _quarter(m: re.Match[str], window: PlanWindow) -> Span | str:
    first = _ordinal(m[1])
    last = _ordinal(m[2]) if m[2] else first
    if not 1 <= first <= last <= 4:
        return _BACKWARDS
    if m[3]:
        return _months(int(m[3]), first * 3 - 2, (last - first + 1) * 3)
    return _place(window, lambda y: _months(y, first * 3 - 2, (last - first + 1) * 3))


def _half(m: re.Match[str], window: PlanWindow) -> Span | str:
    """Calendar halves (Jan–Jun, Jul–Dec) with a year; academic halves (Sep–Dec, Jan–Aug) with
    «учебного года»; without either only in a calendar-year plan."""
    half = _ordinal(m[1])
    first, last, academic = _int(m[2]), _int(m[3]), m[4]

    def academic_half(y: int) -> Span:  # `y` is the year the academic year starts
        return _months(y, 9, 4) if half == 1 else _months(y + 1, 1, 8)

    if half not in (1, 2):
        return _BAD_DATE
    if academic and first is not None and last == first + 1:
        return academic_half(first)
    if academic and first is None:
        return _place(window, academic_half)
    if first is not None and last is None and not academic:
        return _months(first, 1 if half == 1 else 7, 6)
    if first is None and not academic and window.is_calendar_year:
        return _months(window.start.year, 1 if half == 1 else 7, 6)
    return _VAGUE_HALF


def _season(m: re.Match[str], window: PlanWindow) -> Span | str:
    first = {"весн": 3, "весен": 3, "лет": 6, "осен": 9, "зим": 12}[m[1]]
    if m[2] is None:
        return _place(window, lambda y: _months(y, first, 3))
    return _VAGUE_WINTER if first == 12 else _months(int(m[2]), first, 3)


def _day_parts(groups: tuple[str | None, ...]) -> tuple[int, int | None, int | None]:
    """(day, month, year) of a DAY match; a two-digit year is in 2000s."""
    day, month, year, month_word, word_year = groups
    if month_word:
        return int(day or 0), _month_no(month_word), int(word_year) if word_year else None
    if year and len(year) == 2:
        year = "20" + year
    return int(day or 0), int(month) if month else None, int(year) if year else None


def _day(m: re.Match[str], window: PlanWindow) -> Span | str | None:
    day, month, year = _day_parts(m.groups())
    if month is None:
        return None
    if year is None:
        if not 1 <= month <= 12:
            return _BAD_DATE
        placed = _place(window, _month_in(month))
        if isinstance(placed, str):
            return placed
        year = placed[0].year
    when = _date(year, month, day)
    return (when, when) if when else _BAD_DATE


def _day_range(m: re.Match[str], window: PlanWindow) -> Span | str | None:
    """«01.09-31.12.2023г», «с 1 по 15 октября 2023 г.», «15-16 ноября»: a missing month or year
    of the start is the end's. A range without years runs over a new year only when its start's
    month is later than its end's («25.12-10.01»); «с 12 по 5 мая» is backwards, not a year long."""
    day, month, year = _day_parts(m.groups()[:5])
    last_day, last_month, last_year = _day_parts(m.groups()[5:])
    if last_month is None:
        return None
    month = month or last_month
    if (month, day) > (last_month, last_day) and month == last_month:
        return _BACKWARDS
    wraps = month > last_month
    years = _range_years((year, last_year), wraps, last_month, window)
    if isinstance(years, str):
        return years
    start, end = _date(years[0], month, day), _date(years[1], last_month, last_day)
    return (start, end) if start and end else _BAD_DATE


def _range_years(
    years: tuple[int | None, int | None], wraps: bool, last_month: int, window: PlanWindow
) -> tuple[int, int] | str:
    """A year written on one end of a range is the other end's too («октябрь-ноябрь 2023»). With
    no year the end's month falls in the window and the start is in the same year, or in the year
    before when the range `wraps` («сентябрь-август»)."""
    first, last = years
    if first is not None:
        return first, first if last is None else last
    if last is not None:
        return last, last
    if not 1 <= last_month <= 12:
        return _BAD_DATE
    placed = _place(window, _month_in(last_month))
    if isinstance(placed, str):
        return placed
    return placed[0].year - wraps, placed[0].year


_DAY = re.compile(_DAY_PATTERN)
_DAY_RANGE = re.compile(r"(?:со? )?" + _DAY_PATTERN + _RANGE + _DAY_PATTERN)
# Days that each name their month: «14.04.2015, 15.04.2015», «6 мая, 9 мая».
_DAY_WITH_MONTH = r"\d{1,2}(?:\.\d{1,2}(?:\.(?:\d{4}|\d{2}))?\.?| " + _MONTH + r"(?: \d{4})?)"
_DAY_LIST = re.compile(_DAY_WITH_MONTH + r"(?:, " + _DAY_WITH_MONTH + ")+")
_QUARTER = re.compile(
    _ORDINAL + r"(?:-" + _ORDINAL + r")? (?:кв|квартал[а-я]*)\.?(?: " + _YEAR + ")?"
)
_HALF = re.compile(_ORDINAL + r" (?:полугоди[а-я]*|пол\.?)(?: (\d{4})(?:-(\d{4}))?)?(?: (учгод))?")
_SEASON = re.compile(r"(весн|весен|лет|осен|зим)[а-я]*(?: период[а-я]*)?(?: " + _YEAR + ")?")
_Reader = Callable[[re.Match[str], PlanWindow], Span | str | None]
_SPAN_READERS: list[tuple[re.Pattern[str], _Reader]] = [
    (re.compile(_YEAR + r"(?: гг)?"), _year),
    (re.compile(_YEAR + "-" + _YEAR + r"(?: (гг|учгод))?"), _years),
    (re.compile(_MONTH_YEAR), _month),
    (re.compile(r"(\d{1,2})\." + _YEAR), _numeric_month),
    (re.compile(r"(?:с )?" + _MONTH_YEAR + _RANGE + _MONTH_YEAR), _month_range),
    (_QUARTER, _quarter),
    (_HALF, _half),
    (_SEASON, _season),
    (_DAY, _day),
    (_DAY_RANGE, _day_range),
]
