"""Which column of a plan table holds what: by the header's words, confirmed by the cells.

Real plans name their columns in many ways («Срок исполнения», «Дата проведения», «Период
проведения», «Месяц»; «Исполнители», «Ответственные за проведение», «Исполнители и участники»;
«Мероприятие», «Содержание работы», «Тема», «Вид работы»). `header_role` knows the words met in
the plans of the corpus (parsing/tests/corpus/layouts/) in their singular, plural and other forms.

The header is a guess that the cells confirm or overrule: a column whose cells read as deadlines
is the deadline column, one of organizations and roles («Руководители ПОО», «Зам. директора по ВР»)
is the executors column, one of «1.», «1.1», «2» is the number column. A table without a header
row gets its columns by position (№, мероприятие, исполнители, срок), overruled by content in the
same way. Each column's reading says how it was found: `header`, `content`, `position`, or
`choice` (a person chose the role in the preview; a choice beats everything else).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from parsing.deadlines import DeadlineKind, PlanWindow, parse_deadline
from parsing.documents.grid import GridRow
from parsing.documents.text import collapse, join_lines, normalise_number

NUMBER, TITLE, EXECUTORS, DEADLINE = "number", "title", "executors", "deadline"
EXTRA, SKIP = "extra", "skip"
ROLES = (NUMBER, TITLE, EXECUTORS, DEADLINE)
CHOOSABLE_ROLES = (*ROLES, EXTRA, SKIP)
BY_HEADER, BY_CONTENT, BY_POSITION, BY_CHOICE = "header", "content", "position", "choice"

# Header words, as stems: every header met in the corpus's plans, in all their forms.
_NUMBER_RE = re.compile(r"^(?:№|n[o°]?|#|номер)(?:\s|$|\.|п)|^п\s?[/\\]\s?п\b|^пп$")
_DEADLINE_STEMS = (
    "срок",
    "дата",
    "даты",
    "период",
    "месяц",
    "время проведения",
    "время исполнения",
    "когда",
    "календарные сроки",
    "график",
    "квартал",
    "год проведения",
)
_EXECUTOR_STEMS = ("исполнител", "соисполнител")
# Weaker than «исполнители»: a column «Ответственные» beside «Исполнители» stays an extra column.
_RESPONSIBLE_STEMS = (
    "ответствен",
    "отв.",
    "кто проводит",
    "кто отвечает",
    "организатор",
    "координатор",
)
_TITLE_STEMS = (
    "наименование",
    "мероприяти",
    "содержание",
    "название",
    "тема",
    "темы",
    "вид работ",
    "виды работ",
    "вид деятельности",
    "виды деятельности",
    "направлени",
    "перечень",
    "вопрос",
    "повестка",
    "действия",
    "работа",
    "планируемые мероприятия",
    "задачи и мероприятия",
    "пошаговые мероприятия",
)
# Headers of columns that are no role of ours even when they contain a role's word.
_EXTRA_STEMS = (
    "результат",
    "ожидаем",
    "отметка",
    "форма",
    "примечан",
    "участник",
    "место",
    "показател",
    "источник",
    "объем",
    "объём",
    "затрат",
    "финансир",
    "рейтинг",
    "категори",
    "класс",
    "контрольн",
    "выход",
    "документ",
    "информация о",
)

# Cells that name organizations or people's roles rather than work to do.
_EXECUTOR_RE = re.compile(
    r"\b(?:[А-ЯЁ]{2,}ПОУ|ГБОУ|МБОУ|МАОУ|МКОУ|ГАУ|ГКУ|ОГКУ|ПОО|ЦОПП|ЦЗН|ЦСТВ|ИРО|ВУЗ|"
    r"колледж|техникум|школ|лице|гимнази|университет|институт|училищ|"
    r"директор|руководител|заместител|зам\.|зав\.|заведующ|председател|секретар|член|"
    r"начальник|специалист|методист|педагог|учител|воспитател|куратор|мастер|инспектор|"
    r"психолог|библиотекар|классн|кл\. рук|совет|комисси|отдел|управлени|министерств|"
    r"департамент|комитет|администраци|предприяти|партнер|партнёр|работодател|организаци|"
    r"центр|служб|библиотек|администратор|инженер|главы|глава|студенческ|волонт|"
    r"ответственн|оргкомитет|коллектив|профком|родител|рабоч)",
    re.IGNORECASE,
)
_SAMPLE_WINDOW = PlanWindow.from_label("2023-2024")
_DATE_RE = re.compile(r"^\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})\.?$")
_SAMPLE_ROWS = 60


def _words(text: str) -> str:
    return collapse(text).lower().replace("ё", "е").strip(" .:;*")


def header_role(text: str) -> str | None:
    """The role a header cell names by its words, or None («Ответственные» alone is weak: see
    `responsible_header`)."""
    t = _words(text)
    if not t or len(t) > 80:  # a header names a column; long text is content
        return None
    if _NUMBER_RE.match(t):
        return NUMBER
    if t.startswith(_EXTRA_STEMS):
        return None
    if t.startswith(_DEADLINE_STEMS):
        return DEADLINE
    if any(stem in t for stem in _EXECUTOR_STEMS):
        return EXECUTORS
    if t.startswith(_RESPONSIBLE_STEMS):
        return None
    if t.startswith(_TITLE_STEMS) or "мероприяти" in t:
        return TITLE
    return None


def responsible_header(text: str) -> bool:
    """«Ответственные», «Ответственный за проведение», «Организатор»: executors unless a column
    «Исполнители» is there too."""
    t = _words(text)
    return bool(t) and len(t) <= 80 and t.startswith(_RESPONSIBLE_STEMS)


@dataclass(frozen=True)
class ColumnReading:
    """One column of the plan table: its header as written, its role and how the role was found."""

    index: int
    header: str
    role: str  # number / title / executors / deadline / extra / skip
    how: str  # header / content / position / choice


@dataclass(frozen=True)
class Columns:
    """Which grid column holds what; extra columns by their header text."""

    count: int
    roles: dict[str, int]
    extra: dict[int, str]
    header: tuple[str, ...] = ()  # the header row's texts, to skip it where a page repeats it
    names: dict[int, str] = field(default_factory=dict)  # header text of every column
    how: dict[int, str] = field(default_factory=dict)

    def readings(self) -> tuple[ColumnReading, ...]:
        by_index = {index: role for role, index in self.roles.items()}
        result = []
        for index in range(self.count):
            if index in by_index:
                role = by_index[index]
            elif index in self.extra:
                role = EXTRA
            else:
                role = SKIP
            name = self.names.get(index, "")
            if role == SKIP and not name and index not in self.how:
                continue  # an empty column nobody named
            result.append(ColumnReading(index, name, role, self.how.get(index, BY_HEADER)))
        return tuple(result)


def columns_from_names(names: Sequence[str], count: int, *, positional: bool = False) -> Columns:
    """The column map the header's words give (or, with `positional`, the order of the columns)."""
    roles: dict[str, int] = {}
    extra: dict[int, str] = {}
    how: dict[int, str] = {}
    labels = {index: name for index, name in enumerate(names) if name}
    if positional:
        order = [NUMBER, TITLE, EXECUTORS, DEADLINE] if count >= 4 else [NUMBER, TITLE, DEADLINE]
        for index, positional_role in enumerate(order[:count]):
            roles[positional_role] = index
            how[index] = BY_POSITION
        for index in range(len(order), count):
            extra[index] = labels.get(index) or f"Столбец {index + 1}"
            how[index] = BY_POSITION
        return Columns(count, roles, extra, names=labels, how=how)
    for index, name in enumerate(names):
        parts = [part for part in name.split(": ") if part]
        role: str | None = next((r for part in reversed(parts) if (r := header_role(part))), None)
        if role is not None and role not in roles:
            roles[role] = index
        elif name:
            extra[index] = name
    if EXECUTORS not in roles:
        responsible = next(
            (
                i
                for i, name in extra.items()
                if any(responsible_header(p) for p in name.split(": "))
            ),
            None,
        )
        if responsible is not None:
            roles[EXECUTORS] = responsible
            del extra[responsible]
    for index in range(count):
        how[index] = BY_HEADER
    return Columns(count, roles, extra, names=labels, how=how)


@dataclass
class _Profile:
    """What a column's cells look like, over a sample of body rows."""

    filled: int = 0
    numbers: int = 0
    deadlines: int = 0
    executors: int = 0
    length: int = 0

    def share(self, count: int) -> float:
        return count / self.filled if self.filled else 0.0

    @property
    def average_length(self) -> float:
        return self.length / self.filled if self.filled else 0.0


def reads_as_deadline(text: str) -> bool:
    """Whether a cell reads as a deadline phrase («Сентябрь», «до 15 мая», «В течение года»)."""
    text = collapse(text)
    if not text or len(text) > 80:
        return False
    if normalise_number(text) is not None and not _DATE_RE.match(text):
        return False  # «1.1», «2» are numbers; «10.04.2023» is a date
    return parse_deadline(text, _SAMPLE_WINDOW).kind is not DeadlineKind.UNPARSED


def reads_as_executors(text: str) -> bool:
    text = collapse(text)
    return 0 < len(text) <= 250 and _EXECUTOR_RE.search(text) is not None


def _profiles(rows: Sequence[GridRow], count: int) -> list[_Profile]:
    profiles = [_Profile() for _ in range(count)]
    sampled = 0
    for row in rows:
        distinct = {collapse(c.text) for c in row.cells if collapse(c.text)}
        if len(distinct) < 2:  # a section heading or an empty row says nothing about columns
            continue
        sampled += 1
        if sampled > _SAMPLE_ROWS:
            break
        for index, cell in enumerate(row.cells[:count]):
            text = join_lines(cell.text)
            if not text or cell.spanned:
                continue
            profile = profiles[index]
            profile.filled += 1
            profile.length += len(text)
            if normalise_number(text) is not None and not _DATE_RE.match(text):
                profile.numbers += 1
            elif reads_as_deadline(text):
                profile.deadlines += 1
            elif reads_as_executors(text) and len(text) <= 150:
                profile.executors += 1
    return profiles


def _content_role(profile: _Profile) -> str | None:
    """The role a column's cells plainly show, or None when they show none clearly."""
    if profile.filled < 2:
        return None
    if profile.share(profile.numbers) >= 0.8:
        return NUMBER
    if profile.share(profile.deadlines) >= 0.6:
        return DEADLINE
    if profile.share(profile.executors) >= 0.6 and profile.average_length <= 120:
        return EXECUTORS
    return None


def confirm_by_content(columns: Columns, rows: Sequence[GridRow]) -> Columns:
    """Confirm or overrule the header's (or the position's) guess by what the cells hold."""
    profiles = _profiles(rows, columns.count)
    roles = dict(columns.roles)
    extra = dict(columns.extra)
    how = dict(columns.how)
    shown = {index: role for index, p in enumerate(profiles) if (role := _content_role(p))}

    def label(index: int) -> str:
        return columns.names.get(index) or f"Столбец {index + 1}"

    for role in (NUMBER, DEADLINE, EXECUTORS):
        candidates = [index for index, shown_role in shown.items() if shown_role == role]
        current = roles.get(role)
        if not candidates or current in candidates:
            continue
        target = candidates[0]
        holder = next((r for r, i in roles.items() if i == target), None)
        if holder == TITLE:
            continue  # the title column is never taken away by content
        if current is not None:
            share = {
                NUMBER: profiles[current].numbers,
                DEADLINE: profiles[current].deadlines,
                EXECUTORS: profiles[current].executors,
            }[role]
            if profiles[current].share(share) >= 0.3:
                continue  # the header's column holds such cells too: the header stands
            del roles[role]
            extra[current] = label(current)
        if holder is not None:
            del roles[holder]
        extra.pop(target, None)
        roles[role] = target
        how[target] = BY_CONTENT
        if current is not None:
            how[current] = BY_CONTENT
        # the role the target held (say, «исполнители» that were dates) goes to the column the
        # role left free, when its cells fit it
        if (
            holder is not None
            and holder not in roles
            and current is not None
            and holder in (EXECUTORS, DEADLINE, NUMBER)
            and shown.get(current) in (None, holder)
        ):
            roles[holder] = current
            extra.pop(current, None)
    if TITLE not in roles:
        free = [
            index
            for index in range(columns.count)
            if index not in roles.values() and profiles[index].average_length >= 15
        ]
        if free:
            target = max(free, key=lambda index: profiles[index].average_length)
            roles[TITLE] = target
            extra.pop(target, None)
            how[target] = BY_CONTENT
    return Columns(columns.count, roles, extra, columns.header, columns.names, how)


def apply_choices(columns: Columns, choices: Mapping[int, str]) -> Columns:
    """A person's choice of role per column (index → role, «skip» to leave a column out)."""
    if not choices:
        return columns
    roles = dict(columns.roles)
    extra = dict(columns.extra)
    how = dict(columns.how)
    for index, role in sorted(choices.items()):
        if not 0 <= index < columns.count or role not in CHOOSABLE_ROLES:
            continue
        for held, at in list(roles.items()):
            if at == index:
                del roles[held]
        extra.pop(index, None)
        if role in ROLES:
            previous = roles.get(role)
            if previous is not None and previous != index:
                del roles[role]
                if choices.get(previous) is None:
                    extra[previous] = columns.names.get(previous) or f"Столбец {previous + 1}"
            roles[role] = index
        elif role == EXTRA:
            extra[index] = columns.names.get(index) or f"Столбец {index + 1}"
        how[index] = BY_CHOICE
    return Columns(columns.count, roles, extra, columns.header, columns.names, how)
