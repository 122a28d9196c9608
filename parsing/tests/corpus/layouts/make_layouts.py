"""Write every layout of `layouts.py` as DOCX, XLSX and PDF, with the expected reading as JSON.

    .venv/bin/python parsing/tests/corpus/layouts/make_layouts.py

DOCX through python-docx (sections merged with gridSpan or written into every cell, cells merged
down with vMerge), XLSX through openpyxl (merged ranges), PDF through WeasyPrint (a ruled HTML
table with colspan/rowspan). The JSON is built from the layout tables, not by reading the files.
The tests never run this script; the files it writes are checked in.
"""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path
from typing import Any

import openpyxl  # type: ignore[import-untyped, unused-ignore]
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Pt
from openpyxl.styles import Font  # type: ignore[import-untyped, unused-ignore]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped, unused-ignore]

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[3]))

from parsing.tests.corpus.layouts.layouts import (  # noqa: E402
    DEADLINE,
    EXECUTORS,
    LAYOUTS,
    NUMBER,
    SAME,
    TITLE,
    Layout,
    RepeatHeader,
    Row,
    Section,
)


def grid(layout: Layout) -> list[tuple[str, list[str]]]:
    """The table as (kind, cells) rows: header, numbers, section, activity; SAME resolved later."""
    width = len(layout.roles)
    rows: list[tuple[str, list[str]]] = [("header", list(r)) for r in layout.header]
    if layout.column_numbers:
        rows.append(("numbers", [str(i + 1) for i in range(width)]))
    for item in layout.rows:
        if isinstance(item, RepeatHeader):
            rows.extend(("header", list(r)) for r in layout.header)
        elif isinstance(item, Section):
            if item.style == "cells":
                rows.append(("cells", list(item.cells)))
            else:
                rows.append((item.style, [item.text] * width))
        else:
            assert len(item.cells) == width, (layout.slug, item.cells)
            rows.append(("activity", list(item.cells)))
    return rows


def expected(layout: Layout) -> dict[str, Any]:
    index = {role: i for i, role in enumerate(layout.roles) if role}
    objectives: list[dict[str, Any]] = []
    above: list[str] = [""] * len(layout.roles)
    for item in layout.rows:
        if isinstance(item, RepeatHeader):
            continue
        if isinstance(item, Section):
            objectives.append({"number": item.number, "title": item.title, "activities": []})
            continue
        assert isinstance(item, Row)
        cells = [above[i] if c == SAME else c for i, c in enumerate(item.cells)]
        above = cells
        if not objectives:
            objectives.append({"number": "", "title": "Без задачи", "activities": []})

        def cell(role: str, cells: list[str] = cells) -> str:
            return cells[index[role]] if role in index else ""

        objectives[-1]["activities"].append(
            {
                "number": re.sub(r"[.)]$", "", cell(NUMBER)),
                "title": cell(TITLE),
                "executors": cell(EXECUTORS),
                "deadline_text": cell(DEADLINE),
            }
        )
    return {
        "slug": layout.slug,
        "source": layout.source,
        "kind": layout.kind,
        "notes": layout.notes,
        "formats": list(layout.formats),
        "objectives": objectives,
    }


def build_docx(layout: Layout, path: Path) -> None:
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    style = document.styles["Normal"]
    style.font.size = Pt(10)
    for line in layout.title:
        paragraph = document.add_paragraph()
        paragraph.add_run(line).bold = line.isupper()
    rows = grid(layout)
    width = len(layout.roles)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, (kind, cells) in enumerate(rows):
        row = table.rows[r]
        if kind == "span":
            merged = row.cells[0].merge(row.cells[width - 1])
            merged.text = ""
            merged.paragraphs[0].add_run(cells[0]).bold = True
            continue
        for c, text in enumerate(cells):
            if text == SAME:
                continue
            run = row.cells[c].paragraphs[0].add_run(text)
            run.bold = kind in ("header", "same", "cells")
    for c in range(width):  # vertical merges, bottom up so each run joins its top cell
        r = len(rows) - 1
        while r > 0:
            if rows[r][1][c] == SAME:
                top = r
                while rows[top][1][c] == SAME:
                    top -= 1
                table.cell(top, c).merge(table.cell(r, c))
                r = top
            r -= 1
    for column, cm in zip(table.columns, _widths(layout), strict=True):
        for cell in column.cells:
            cell.width = Cm(cm)
    document.save(str(path))


def _widths(layout: Layout) -> list[float]:
    sizes = {NUMBER: 1.5, TITLE: 10.0, EXECUTORS: 5.0, DEADLINE: 3.5, None: 3.5}
    return [sizes[role] for role in layout.roles]


def build_xlsx(layout: Layout, path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "План"
    for line in layout.title:
        sheet.append([line])
    rows = grid(layout)
    first = sheet.max_row + 1
    width = len(layout.roles)
    for r, (kind, cells) in enumerate(rows):
        excel_row = first + r
        for c, text in enumerate(cells):
            if text == SAME or (kind == "span" and c > 0):
                continue
            cell = sheet.cell(row=excel_row, column=c + 1, value=text)
            cell.number_format = "@"
            if kind in ("header", "span", "same", "cells"):
                cell.font = Font(bold=True)
        if kind == "span":
            sheet.merge_cells(
                start_row=excel_row, start_column=1, end_row=excel_row, end_column=width
            )
    for c in range(width):
        r = len(rows) - 1
        while r > 0:
            if rows[r][1][c] == SAME:
                top = r
                while rows[top][1][c] == SAME:
                    top -= 1
                sheet.merge_cells(
                    start_row=first + top, start_column=c + 1, end_row=first + r, end_column=c + 1
                )
                r = top
            r -= 1
    for c, cm in enumerate(_widths(layout)):
        sheet.column_dimensions[get_column_letter(c + 1)].width = cm * 5
    workbook.save(path)


def build_pdf(layout: Layout, path: Path) -> None:
    from weasyprint import HTML  # only the PDFs need it

    rows = grid(layout)
    width = len(layout.roles)
    spans = [[1] * width for _ in rows]
    for c in range(width):
        for r in range(len(rows)):
            if rows[r][1][c] == SAME:
                top = r
                while rows[top][1][c] == SAME:
                    top -= 1
                spans[top][c] += 1
    body = []
    for r, (kind, cells) in enumerate(rows):
        tag = "th" if kind == "header" else "td"
        if kind == "span":
            body.append(f'<tr><td colspan="{width}"><b>{html.escape(cells[0])}</b></td></tr>')
            continue
        parts = []
        for c, text in enumerate(cells):
            if text == SAME:
                continue
            rowspan = f' rowspan="{spans[r][c]}"' if spans[r][c] > 1 else ""
            content = html.escape(text)
            if kind in ("same", "cells"):
                content = f"<b>{content}</b>"
            parts.append(f"<{tag}{rowspan}>{content}</{tag}>")
        body.append("<tr>" + "".join(parts) + "</tr>")
    cols = "".join(f'<col style="width:{cm}cm">' for cm in _widths(layout))
    title = "".join(f"<p>{html.escape(line) or '&nbsp;'}</p>" for line in layout.title)
    document = f"""<html><head><meta charset="utf-8"><style>
      @page {{ size: A4 landscape; margin: 1.5cm }}
      body {{ font-family: "DejaVu Sans", sans-serif; font-size: 9pt }}
      p {{ margin: 0 }}
      table {{ border-collapse: collapse; margin-top: 8pt }}
      th, td {{ border: 0.8pt solid black; padding: 2pt 4pt; vertical-align: top; text-align: left }}
    </style></head><body>{title}<table>{cols}{"".join(body)}</table></body></html>"""
    HTML(string=document).write_pdf(path)


def main() -> None:
    for layout in LAYOUTS:
        builders = {"docx": build_docx, "xlsx": build_xlsx, "pdf": build_pdf}
        for fmt in layout.formats:
            builders[fmt](layout, HERE / f"{layout.slug}.{fmt}")
        (HERE / f"{layout.slug}.json").write_text(
            json.dumps(expected(layout), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        print(layout.slug)


if __name__ == "__main__":
    main()
