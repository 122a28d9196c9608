"""What an export prints: a plan as frozen data, and the wording every format shares.

The renderers (`docx`, `xlsx`, `pdf`) take an `ExportPlan` and return bytes, so they are tested
without the database. `export.export_plan_from_db` builds one from the stored plan (two queries
whatever the plan's size), `export_plan_from_document` from a read document (for round-trip tests and for
re-issuing an uploaded plan in the official layout).

The wording follows the plans the councils sign: «УТВЕРЖДАЮ», the approver's position, a signature
line with the name, «(в редакции от «02» июня 2023 г.)», the title, and the table «№ п/п |
Наименование мероприятия | Исполнители | Срок исполнения» with «Задача 1. …» rows across it. What is
printed is exactly what `parsing.documents.read_plan` reads back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from core.office.text import clean

if TYPE_CHECKING:
    from parsing.documents import PlanDocument

COLUMNS = ("№ п/п", "Наименование мероприятия", "Исполнители", "Срок исполнения")
APPROVAL_WORD = "УТВЕРЖДАЮ"
TITLE_LINE_CHARS = 60  # a line of the 14 pt title across portrait A4
SIGNATURE_BLANK = "_____________"
MONTHS_GENITIVE = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
_TITLE_HEAD_RE = re.compile(r"^(План работы)\s+(\S.*)$", re.IGNORECASE | re.DOTALL)
_TITLE_PERIOD_RE = re.compile(r"\bна\s+\d{4}\b(?!.*\bна\s+\d{4}\b)", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class ExportActivity:
    number: str
    title: str
    executors: str
    deadline_text: str


@dataclass(frozen=True)
class ExportObjective:
    number: str
    title: str
    activities: tuple[ExportActivity, ...]


@dataclass(frozen=True)
class ExportPlan:
    title: str
    approver_position: str
    approver_name: str
    edition_date: date | None
    objectives: tuple[ExportObjective, ...]
    subtitle: str = ""  # a filtered export: «Отбор: ОГБПОУ «ТТВТС»; IV квартал 2023»

    @property
    def activities(self) -> tuple[ExportActivity, ...]:
        return tuple(a for o in self.objectives for a in o.activities)


def edition_line(edition_date: date) -> str:
    """date(2023, 6, 2) → «(в редакции от «02» июня 2023 г.)»."""
    month = MONTHS_GENITIVE[edition_date.month - 1]
    return f"(в редакции от «{edition_date.day:02d}» {month} {edition_date.year} г.)"


def signature_line(name: str) -> str:
    return f"{SIGNATURE_BLANK} {name}" if name else SIGNATURE_BLANK


def approval_lines(plan: ExportPlan) -> list[str]:
    """The «УТВЕРЖДАЮ» block line by line; empty when the plan names no approver."""
    if not plan.approver_position and not plan.approver_name:
        return []
    lines = [APPROVAL_WORD]
    if plan.approver_position:
        lines.append(clean(plan.approver_position))
    lines.append(signature_line(clean(plan.approver_name)))
    if plan.edition_date:
        lines.append(edition_line(plan.edition_date))
    return lines


def title_lines(title: str) -> list[str]:
    """The title set as plans set it: «План работы» / whose plan / «на 2023 – 2024 учебный год»."""
    title = clean(title).strip()
    match = _TITLE_HEAD_RE.match(title)
    if match is None or len(title) <= TITLE_LINE_CHARS:
        return [title]
    head, rest = match.groups()
    period = _TITLE_PERIOD_RE.search(rest)
    if period is None or period.start() == 0 or len(rest) <= TITLE_LINE_CHARS:
        return [head, rest]
    return [head, rest[: period.start()].rstrip(), rest[period.start() :]]


def objective_heading(objective: ExportObjective) -> str:
    """«Задача 2. Повышение качества …»; the title alone when the objective has no number."""
    title = clean(objective.title)
    if not objective.number:
        return title
    return f"Задача {objective.number}. {title}".rstrip()


def export_plan_from_document(doc: PlanDocument, *, subtitle: str = "") -> ExportPlan:
    """A read document (`parsing.documents.read_plan`) as an export."""
    return ExportPlan(
        title=doc.title,
        approver_position=doc.approver_position,
        approver_name=doc.approver_name,
        edition_date=doc.edition_date,
        objectives=tuple(
            ExportObjective(
                number=objective.number,
                title=objective.title,
                activities=tuple(
                    ExportActivity(a.number, a.title, a.executors, a.deadline_text)
                    for a in objective.activities
                ),
            )
            for objective in doc.objectives
            if objective.activities
        ),
        subtitle=subtitle,
    )
