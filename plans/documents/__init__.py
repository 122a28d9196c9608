"""Official documents in the council's layout (shared by plans, reports and protocols):
the plan as DOCX, XLSX and PDF in the layout the council signs.

    from core.office import export_plan_from_db, plan_to_docx

    data = plan_to_docx(export_plan_from_db(plan))

Pure data in, bytes out: `ExportPlan` (see `model.py`) is all a renderer sees, so the renderers are
tested without the database and every format prints the same words. What they print is read back
by `parsing.documents.read_plan` to the same plan (tests/test_export_roundtrip.py).
"""

from core.office.docx import plan_to_docx
from core.office.model import (
    ExportActivity,
    ExportObjective,
    ExportPlan,
    export_plan_from_document,
)
from core.office.pdf import plan_to_pdf
from core.office.xlsx import plan_to_xlsx

__all__ = [
    "ExportActivity",
    "ExportObjective",
    "ExportPlan",
    "export_plan_from_document",
    "plan_to_docx",
    "plan_to_pdf",
    "plan_to_xlsx",
]
