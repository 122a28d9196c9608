"""The plan as a PDF, rendered by WeasyPrint from `templates/plans/plan_pdf.html`.

The same layout as the Word document (see `docx.py`): portrait A4, the «УТВЕРЖДАЮ» block top right,
the title centred in bold, the four-column table with its header repeated on every page, objective
rows across the table in bold, no row split across pages, «стр. N из M» in the bottom margin. The
font is Liberation Serif (metrically Times New Roman, on every Debian with fonts-liberation), then
DejaVu Serif. Nothing is fetched: the template has no external URL and `core.office.html_to_pdf`
refuses any, so the export works on a closed network and user text cannot make the server load a
resource.
"""

from __future__ import annotations

from django.template.loader import render_to_string

from core.office.weasy import html_to_pdf
from plans.documents.model import (
    COLUMNS,
    ExportPlan,
    approval_lines,
    objective_heading,
    title_lines,
)

TEMPLATE = "plans/plan_pdf.html"


def plan_to_pdf(plan: ExportPlan) -> bytes:
    """The plan as a PDF file (nothing is fetched: `core.office.weasy`)."""
    return html_to_pdf(plan_to_html(plan))


def plan_to_html(plan: ExportPlan) -> str:
    """The HTML the PDF is rendered from (for tests and a print preview)."""
    return render_to_string(TEMPLATE, _context(plan))


def _context(plan: ExportPlan) -> dict[str, object]:
    lines = approval_lines(plan)
    return {
        "plan": plan,
        "approval_word": lines[0] if lines else "",
        "approval_lines": lines[1:],
        "title_lines": title_lines(plan.title),
        "columns": ("№\nп/п", *COLUMNS[1:]),  # «№» over «п/п» in the narrow column
        "objectives": [
            {"heading": objective_heading(objective), "activities": objective.activities}
            for objective in plan.objectives
        ],
    }
