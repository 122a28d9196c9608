"""The consolidated report («Отчёт о выполнении плана работы … за … период») in three formats.

report = build_consolidated(plan=plan, period=period, year_to_date=True)
data = RENDERERS["docx"](report)
"""

from reporting.consolidated.docx import consolidated_to_docx
from reporting.consolidated.model import ConsolidatedReport, build_consolidated
from reporting.consolidated.pdf import consolidated_to_pdf
from reporting.consolidated.xlsx import consolidated_to_xlsx, note_text

RENDERERS = {
    "docx": consolidated_to_docx,
    "xlsx": consolidated_to_xlsx,
    "pdf": consolidated_to_pdf,
}

__all__ = [
    "RENDERERS",
    "ConsolidatedReport",
    "build_consolidated",
    "consolidated_to_docx",
    "consolidated_to_pdf",
    "consolidated_to_xlsx",
    "note_text",
]
