"""Plan documents (DOCX, XLSX, PDF, TXT) → `PlanDocument`: objectives, activities, warnings.

    from parsing.documents import PlanReadError, read_plan, plan_document_as_dict

    plan = read_plan(uploaded_bytes, "plan.docx")   # raises PlanReadError (Russian message)

Layers, each pure Python: a format reader (`docx_reader`, `xlsx_reader`, `pdf_reader`,
`text_reader`) turns the file into paragraphs and grids of cells (`grid`); `table` finds the plan table
and reads objectives and activities from it; `preamble` reads the approval block, edition date and
title; `reader.read_plan` checks the file and ties them together.
"""

from parsing.documents.columns import CHOOSABLE_ROLES, ColumnReading
from parsing.documents.model import (
    ACTIVITY,
    DEFAULT_LIMITS,
    NO_CHOICES,
    SECTION,
    ActivityRow,
    ObjectiveRow,
    PlanDocument,
    PlanReadError,
    ReadChoices,
    ReadLimits,
    plan_document_as_dict,
)
from parsing.documents.reader import read_plan

__all__ = [
    "ACTIVITY",
    "CHOOSABLE_ROLES",
    "DEFAULT_LIMITS",
    "NO_CHOICES",
    "SECTION",
    "ActivityRow",
    "ColumnReading",
    "ObjectiveRow",
    "PlanDocument",
    "PlanReadError",
    "ReadChoices",
    "ReadLimits",
    "plan_document_as_dict",
    "read_plan",
]
