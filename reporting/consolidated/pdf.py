"""The consolidated report as a PDF, by WeasyPrint from `templates/reporting/consolidated_pdf.html`.

The same layout as the Word document (landscape A4, the summary first, then the plan table with the
«Отметка о выполнении» column), in Liberation Serif (metrically Times New Roman). Nothing is
fetched (`core.office.html_to_pdf` refuses every URL), so user text cannot make the server load a
resource; evidence links are printed as links, not loaded.
"""

from __future__ import annotations

from django.template.loader import render_to_string

from core.office import html_to_pdf
from reporting.consolidated.model import ConsolidatedReport, Progress

TEMPLATE = "reporting/consolidated_pdf.html"


def consolidated_to_html(report: ConsolidatedReport) -> str:
    total = report.expected_total or 1
    return render_to_string(
        TEMPLATE,
        {
            "report": report,
            "status_rows": [
                (label, count, round(100 * count / total)) for label, count in report.status_counts
            ],
        },
    )


def consolidated_to_pdf(report: ConsolidatedReport, progress: Progress | None = None) -> bytes:
    html = consolidated_to_html(report)
    if progress:
        progress(0.5)
    return html_to_pdf(html)
