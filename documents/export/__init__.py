"""The plan as official documents: DOCX, XLSX and PDF in the layout the council signs.

    from documents.export import export_plan_from_db, plan_to_docx

    data = plan_to_docx(export_plan_from_db(plan))

Pure data in, bytes out: `ExportPlan` (see `model.py`) is all a renderer sees, so the renderers are
tested without the database and every format prints the same words. What they print is read back
by `parsing.documents.read_plan` to the same plan (tests/test_export_roundtrip.py).
"""

from documents.export.docx import plan_to_docx
from documents.export.model import (
    ExportActivity,
    ExportObjective,
    ExportPlan,
    export_plan_from_db,
    export_plan_from_document,
)
from documents.export.pdf import plan_to_pdf
from documents.export.xlsx import plan_to_xlsx

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
