"""Plan import benchmark: `.venv/bin/python bench/import_bench.py` (also run by `make bench`).

The importer reading a 1,000-activity DOCX (open, walk the XML, find the columns by header and
content, read every row into objectives and activities) against python-docx reading the same file
in the same run: open it and take the text of every cell of every table, which is the least any
reader of the file must do. Same style as bench/run.py: median wall time over seven runs of each, interleaved, peak
Python memory of one more run (tracemalloc; lxml's own memory is not traced), the ratio to the
baseline. The target is a ratio under 2×.

No database is needed: the importer's reading is pure Python (parsing/documents).
"""

import io
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import docx

from bench.common import measure, row
from parsing.documents import read_plan

ACTIVITIES, OBJECTIVES = 1_000, 20
EXECUTORS = [
    "ОГБПОУ «ТТВТС», руководители ПОО",
    "Представители кластера",
    "Заместители руководителей ПОО",
    "Руководители ПОО\nПредприятия-партнеры",
    "Руководители ПОО, ЦОПП",
    "Зав. по ВР и СВ, классные руководители",
]
DEADLINES = [
    "октябрь 2023 года",
    "В течение года",
    "IV квартал 2023 года",
    "октябрь-ноябрь 2023 года",
    "до 15 декабря 2023 г.",
    "ежемесячно",
    "По мере необходимости",
    "25.10.2023",
]


def plan_docx(activities: int) -> bytes:
    """A plan shaped like real ones: a two-word header the reader must recognise («Дата
    проведения», «Ответственные за проведение»), an extra column, objectives merged across."""
    document = docx.Document()
    document.add_paragraph("Утверждаю")
    document.add_paragraph("Председатель Координационного совета")
    document.add_paragraph("План работы кластера на 2023 – 2024 учебный год")
    table = document.add_table(rows=1, cols=5)
    header = ["№ п/п", "Содержание работы", "Дата проведения", "Ответственные за проведение",
              "Отметка о выполнении"]  # fmt: skip
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    per_objective = activities // OBJECTIVES
    for n in range(activities):
        objective, number = divmod(n, per_objective)
        if number == 0:
            merged = table.add_row().cells
            merged[0].merge(merged[4]).text = f"{objective + 1}. Направление работы {objective + 1}"
        cells = table.add_row().cells
        cells[0].text = f"{objective + 1}.{number + 1}."
        cells[1].text = (
            f"Организация и проведение мероприятия {objective + 1}.{number + 1} "
            "с участием предприятий-партнёров и центра опережающей профессиональной подготовки"
        )
        cells[2].text = DEADLINES[n % len(DEADLINES)]
        cells[3].text = EXECUTORS[n % len(EXECUTORS)]
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def python_docx_cells(data: bytes) -> int:
    """The baseline: open with python-docx and read the text of every cell of every table."""
    document = docx.Document(io.BytesIO(data))
    return sum(len(cell.text) for table in document.tables for r in table.rows for cell in r.cells)


def main() -> None:
    data = plan_docx(ACTIVITIES)
    plan = read_plan(data, "plan-1000.docx")
    assert len(plan.activities) == ACTIVITIES, len(plan.activities)
    assert len(plan.objectives) == OBJECTIVES
    assert {c.role for c in plan.columns} >= {"number", "title", "executors", "deadline", "extra"}
    print(f"{'plan import: 1,000-activity DOCX (' + str(len(data) // 1024) + ' KiB)':58}")
    # Interleaved, so that a neighbour's load on the shared machine hits both sides alike.
    baseline_times, importer_times = [], []
    for _ in range(7):
        for times, function in (
            (baseline_times, lambda: python_docx_cells(data)),
            (importer_times, lambda: read_plan(data, "plan-1000.docx")),
        ):
            started = time.perf_counter()
            function()
            times.append(time.perf_counter() - started)
    baseline, seconds = statistics.median(baseline_times), statistics.median(importer_times)
    _, baseline_peak = measure(lambda: python_docx_cells(data), 1)
    _, peak = measure(lambda: read_plan(data, "plan-1000.docx"), 1)
    row("baseline: python-docx opens it and reads every cell", baseline, baseline_peak)
    row("importer: read_plan (columns, rows, objectives)", seconds, peak, baseline,
        "ratio: vs python-docx; target < 2×")  # fmt: skip
    ratio = seconds / baseline
    print(f"{'ratio importer / python-docx':58} {ratio:9.2f}×   {'OK' if ratio < 2 else 'OVER 2×'}")
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{'process peak memory (RSS)':58} {peak_kib / 1024:9.1f} MiB")


if __name__ == "__main__":
    main()
