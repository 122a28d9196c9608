"""The plan as an official document: DOCX, XLSX and PDF in the layout the council signs.

    from plans.documents import export_plan_from_db, plan_to_docx

    data = plan_to_docx(export_plan_from_db(plan))

Pure data in, bytes out: `ExportPlan` (see `model.py`) is all a renderer sees, so the renderers are
tested without the database and every format prints the same words; `export.export_plan_from_db`
is where a stored plan becomes one. The page, styles, tables and footer come from the office
toolkit (`core.office`). What the renderers print is read back by `parsing.documents.read_plan` to
the same plan (plans/tests/test_export_roundtrip.py).
"""

from plans.documents.docx import plan_to_docx
from plans.documents.export import export_plan_from_db
from plans.documents.model import (
    ExportActivity,
    ExportObjective,
    ExportPlan,
    export_plan_from_document,
)
from plans.documents.pdf import plan_to_pdf
from plans.documents.xlsx import plan_to_xlsx

__all__ = [
    "ExportActivity",
    "ExportObjective",
    "ExportPlan",
    "export_plan_from_db",
    "export_plan_from_document",
    "plan_to_docx",
    "plan_to_pdf",
    "plan_to_xlsx",
]
