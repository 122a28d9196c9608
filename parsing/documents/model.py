"""What a plan document reads into: frozen dataclasses, the read error and the read limits.

Every reader (DOCX, XLSX, PDF, text) ends in these shapes, so the Django importer sees one model
whatever the file was. Nothing here knows about files.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from parsing.documents.columns import ColumnReading


class PlanReadError(Exception):
    """The file cannot be read as a plan; the message is Russian and is shown to the user as is."""


@dataclass(frozen=True)
class ReadLimits:
    """Bounds that keep a hostile or broken file from eating the server."""

    max_file_bytes: int = 50 * 1024 * 1024
    max_uncompressed_bytes: int = 50 * 1024 * 1024  # a DOCX/XLSX unpacked, all parts together
    max_compression_ratio: int = 200  # one zip member: uncompressed / compressed
    max_zip_members: int = 5_000
    max_rows: int = 20_000  # table rows (or text lines) of the whole document
    max_pdf_pages: int = 500


DEFAULT_LIMITS = ReadLimits()

SECTION, ACTIVITY = "section", "activity"


@dataclass(frozen=True)
class ReadChoices:
    """What a person corrected in the preview: a role per column (index → number / title /
    executors / deadline / extra / skip) and a kind per row (row key → section / activity)."""

    columns: Mapping[int, str] = field(default_factory=dict)
    rows: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> ReadChoices:
        """From the JSON kept with an upload or a plan; unknown or broken entries are dropped."""
        data = data or {}
        columns: dict[int, str] = {}
        for index, role in dict(data.get("columns") or {}).items():
            if str(index).isdigit() and isinstance(role, str):
                columns[int(index)] = role
        rows = {
            str(key): kind
            for key, kind in dict(data.get("rows") or {}).items()
            if kind in (SECTION, ACTIVITY)
        }
        return cls(columns, rows)

    def as_dict(self) -> dict[str, dict[str, str]]:
        return {
            "columns": {str(index): role for index, role in sorted(self.columns.items())},
            "rows": dict(self.rows),
        }


NO_CHOICES = ReadChoices()


@dataclass(frozen=True)
class ActivityRow:
    """One numbered activity («2.8») with its cells as written in the document."""

    number: str
    title: str
    executors: str
    deadline_text: str
    extra: dict[str, str] = field(default_factory=dict, hash=False, compare=True)
    warnings: tuple[str, ...] = ()
    source_row: int | None = None
    row_key: str = ""  # the row's text, to remember a person's «это раздел» for this row


@dataclass(frozen=True)
class ObjectiveRow:
    """An objective («Задача 2. …») and the activities listed under it."""

    number: str
    title: str
    activities: tuple[ActivityRow, ...]
    row_key: str = ""  # empty for the «Без задачи» section the reader makes up


@dataclass(frozen=True)
class PlanDocument:
    """A whole plan: the approval block, the title and the objectives with their activities."""

    title: str
    approved_by: str
    edition_date: date | None
    plan_year: str | None
    objectives: tuple[ObjectiveRow, ...]
    warnings: tuple[str, ...] = ()
    approver_position: str = ""
    approver_name: str = ""
    columns: tuple[ColumnReading, ...] = ()  # how each column of the plan table was read

    @property
    def activities(self) -> tuple[ActivityRow, ...]:
        """All activities in document order, across objectives."""
        return tuple(a for o in self.objectives for a in o.activities)


def plan_document_as_dict(doc: PlanDocument) -> dict[str, Any]:
    """A JSON-ready view of the plan (dates as ISO strings), for previews and the API."""
    return {
        "title": doc.title,
        "approved_by": doc.approved_by,
        "approver_position": doc.approver_position,
        "approver_name": doc.approver_name,
        "edition_date": doc.edition_date.isoformat() if doc.edition_date else None,
        "plan_year": doc.plan_year,
        "columns": [
            {"index": c.index, "header": c.header, "role": c.role, "how": c.how}
            for c in doc.columns
        ],
        "objectives": [
            {
                "number": objective.number,
                "title": objective.title,
                "row_key": objective.row_key,
                "activities": [
                    {
                        "number": activity.number,
                        "title": activity.title,
                        "executors": activity.executors,
                        "deadline_text": activity.deadline_text,
                        "extra": dict(activity.extra),
                        "warnings": list(activity.warnings),
                        "source_row": activity.source_row,
                        "row_key": activity.row_key,
                    }
                    for activity in objective.activities
                ],
            }
            for objective in doc.objectives
        ],
        "warnings": list(doc.warnings),
    }
