"""Plan export benchmark: `.venv/bin/python bench/export_bench.py` (part of `make bench`).

The plan of 1,000 activities (20 objectives of 50; the titles, executors and deadlines are the seed
plan's real rows, cycled and renumbered) written by ClusterPlan's renderers (`plans.documents`) as
DOCX, XLSX and PDF, each beside a floor measured in the same run on the same rows:

    DOCX   python-docx writing the same table bare: one add_table, the objective rows merged,
           cell.text for every cell, no styles, no page set-up, no footer
    XLSX   openpyxl writing the same rows bare: sheet.append of every row, no styles
    PDF    WeasyPrint rendering the same rows as a bare HTML table: no CSS, no fonts named

Each line prints the median wall time over several runs, the peak Python memory of one more run
(tracemalloc: C libraries such as lxml and WeasyPrint's are not traced, so the process peak is
printed at the end) and the ratio of ClusterPlan's time to its floor's. Every figure is measured
by this run; nothing is quoted from elsewhere.
"""

import html
import io
import itertools
import resource
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import ROOT, measure, row, setup_django

WORKDIR = setup_django("clusterplan-export-bench-")

import docx  # noqa: E402
import openpyxl  # noqa: E402
import pdfplumber  # noqa: E402

from parsing.documents import read_plan  # noqa: E402
from plans.documents import (  # noqa: E402
    ExportActivity,
    ExportObjective,
    ExportPlan,
    export_plan_from_document,
    plan_to_docx,
    plan_to_pdf,
    plan_to_xlsx,
)
from plans.documents.model import COLUMNS, objective_heading  # noqa: E402

SEED = ROOT / "seed" / "plan-transport-cluster-2023-2024.txt"
OBJECTIVES, PER_OBJECTIVE = 20, 50
REPEAT = {"docx": 3, "xlsx": 3, "pdf": 1}  # the PDF takes seconds; one more run is traced


def thousand_activities() -> ExportPlan:
    """The seed plan's header and rows, grown to 20 × 50 activities."""
    seed = export_plan_from_document(read_plan(SEED.read_bytes(), SEED.name))
    rows = itertools.cycle(seed.activities)
    headings = itertools.cycle(seed.objectives)
    objectives = []
    for o in range(1, OBJECTIVES + 1):
        activities = []
        for a in range(1, PER_OBJECTIVE + 1):
            source = next(rows)
            activities.append(
                ExportActivity(f"{o}.{a}", source.title, source.executors, source.deadline_text)
            )
        objectives.append(ExportObjective(str(o), next(headings).title, tuple(activities)))
    return ExportPlan(
        title=seed.title,
        approver_position=seed.approver_position,
        approver_name=seed.approver_name,
        edition_date=seed.edition_date,
        objectives=tuple(objectives),
    )


def table_rows(plan: ExportPlan):
    """(objective heading, None) or (None, the four cells), in print order."""
    for objective in plan.objectives:
        yield objective_heading(objective), None
        for a in objective.activities:
            yield None, (a.number, a.title, a.executors, a.deadline_text)


def bare_docx(plan: ExportPlan) -> bytes:
    document = docx.Document()
    table = document.add_table(rows=1, cols=len(COLUMNS))
    for cell, text in zip(table.rows[0].cells, COLUMNS, strict=True):
        cell.text = text
    for heading, values in table_rows(plan):
        cells = table.add_row().cells
        if heading is not None:
            cells[0].merge(cells[-1]).text = heading
        else:
            for cell, text in zip(cells, values, strict=True):
                cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def bare_xlsx(plan: ExportPlan) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(COLUMNS)
    for heading, values in table_rows(plan):
        sheet.append([heading] if heading is not None else list(values))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def bare_html(plan: ExportPlan) -> str:
    lines = ["<html><body><table>"]
    lines.append("<tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in COLUMNS) + "</tr>")
    for heading, values in table_rows(plan):
        if heading is not None:
            lines.append(f'<tr><td colspan="4">{html.escape(heading)}</td></tr>')
        else:
            lines.append("<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in values) + "</tr>")
    lines.append("</table></body></html>")
    return "\n".join(lines)


def bare_pdf(plan: ExportPlan) -> bytes:
    from weasyprint import HTML

    return HTML(string=bare_html(plan)).write_pdf()


def pages(data: bytes) -> int:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)


def main():
    plan = thousand_activities()
    assert len(plan.activities) == OBJECTIVES * PER_OBJECTIVE
    print(
        f"Plan export — {len(plan.activities):,} activities in {len(plan.objectives)} objectives, "
        f"Python {sys.version.split()[0]}"
    )
    print(f"{'measurement':58} {'median':>12} {'peak mem':>12} {'ratio':>8}")
    for kind, ours, floor, floor_name in (
        ("docx", plan_to_docx, bare_docx, "python-docx writing the same table bare"),
        ("xlsx", plan_to_xlsx, bare_xlsx, "openpyxl writing the same rows bare"),
        ("pdf", plan_to_pdf, bare_pdf, "WeasyPrint rendering the same bare HTML table"),
    ):
        floor_seconds, floor_peak = measure(lambda floor=floor: floor(plan), REPEAT[kind])
        row(f"floor: {floor_name}", floor_seconds, floor_peak)
        seconds, peak = measure(lambda ours=ours: ours(plan), REPEAT[kind])
        data, bare = ours(plan), floor(plan)
        note = f"{len(data) // 1024} KiB vs {len(bare) // 1024} KiB"
        if kind == "pdf":
            note += f", {pages(data)} pages vs {pages(bare)}"
        row(f"ClusterPlan: the plan as {kind.upper()}", seconds, peak, floor_seconds, note)
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak memory (C libraries included): {peak_rss:.0f} MiB")


if __name__ == "__main__":
    main()
