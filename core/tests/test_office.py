"""The office toolkit's safety rules: a download keeps a Russian file name and is never cached, a PDF
fetches nothing, user text cannot break a document, and the toolkit is the only way in."""

from __future__ import annotations

import ast
import base64
import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import openpyxl
import pdfplumber
import pytest
from django.utils.http import parse_header_parameters
from docx import Document

from core.office import MIME, attachment_header, clean, download, html_to_pdf, word
from core.office import sheet as xl
from core.office.response import ascii_filename

ROOT = Path(__file__).resolve().parents[2]
# A 1×1 red PNG.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def filenames(header: str) -> tuple[str, str]:
    """(what a browser reads, the ASCII fallback) from a Content-Disposition header."""
    disposition, params = parse_header_parameters(header)  # RFC 2231/5987 aware, as Django reads
    assert disposition == "attachment"
    fallback = next(
        part.split("=", 1)[1].strip('"')
        for part in (piece.strip() for piece in header.split(";"))
        if part.startswith("filename=")
    )
    return params["filename"], fallback


# --- download ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "Протокол № 3 от 15.11.2023.docx",
        "План работы кластера «Транспорт» на 2023–2024.xlsx",
        "Отчёт, ёлки-палки; и т. д.pdf",
    ],
)
def test_a_russian_file_name_arrives_intact(name):
    kind = name.rsplit(".", 1)[1]
    response = download(b"data", name, kind)
    shown, fallback = filenames(response["Content-Disposition"])
    assert shown == name
    assert fallback.isascii() and fallback.endswith(f".{kind}") and fallback != f".{kind}"
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    assert response["Content-Type"] == MIME[kind]
    assert response["Cache-Control"] == "private, no-store"
    assert response.content == b"data"


def test_the_ascii_fallback_is_a_transliteration():
    assert ascii_filename("Протокол № 3 от 15.11.2023.docx") == "Protokol No 3 ot 15.11.2023.docx"
    assert ascii_filename("Отчёт «Щука».pdf") == "Otchet Shchuka.pdf"


def test_an_ascii_file_name_is_sent_as_it_always_was():
    assert attachment_header("plan-2023-2024.docx") == 'attachment; filename="plan-2023-2024.docx"'


@pytest.mark.parametrize(
    "name",
    ['../../etc/passwd"\r\nX-Injected: 1.pdf', "a\\b/c\x00.pdf", '".pdf'],
)
def test_a_hostile_file_name_cannot_escape_the_header(name):
    header = download(b"%PDF", name, "pdf")["Content-Disposition"]
    shown, fallback = filenames(header)
    assert "\r" not in header and "\n" not in header and "\x00" not in header
    assert "/" not in shown and "\\" not in shown and '"' not in shown
    assert "/" not in fallback and '"' not in fallback
    assert header.count('"') == 2  # only the quotes around the fallback


def test_a_stored_file_is_streamed():
    response = download(io.BytesIO(b"PK\x03\x04 stored"), "Отчёт.xlsx", "xlsx")
    assert b"".join(response.streaming_content) == b"PK\x03\x04 stored"
    assert filenames(response["Content-Disposition"])[0] == "Отчёт.xlsx"
    assert response["Cache-Control"] == "private, no-store"


# --- html_to_pdf fetches nothing ------------------------------------------------------------


@pytest.fixture
def listener():
    """A web server on localhost that records every path asked of it."""
    asked: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            asked.append(self.path)
            body = PIXEL if self.path.endswith(".png") else b"body { color: red }"
            self.send_response(200)
            self.send_header(
                "Content-Type", "image/png" if self.path.endswith(".png") else "text/css"
            )
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", asked
    server.shutdown()
    server.server_close()


def test_a_pdf_fetches_no_url_of_any_scheme(listener, tmp_path):
    base, asked = listener
    local = tmp_path / "secret.png"
    local.write_bytes(PIXEL)
    data_uri = "data:image/png;base64," + base64.b64encode(PIXEL).decode()
    html = f"""<html><head>
      <link rel="stylesheet" href="{base}/linked.css">
      <style>@import url("{base}/imported.css");
             body {{ background: url("{base}/background.png") }}</style>
    </head><body>
      <p>Текст</p>
      <img src="{base}/remote.png" width="50" height="50">
      <img src="{local.as_uri()}" width="50" height="50">
      <img src="{data_uri}" width="50" height="50">
      <img src="/static/relative.png" width="50" height="50">
    </body></html>"""
    pdf = html_to_pdf(html)
    assert asked == []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        assert "Текст" in page.extract_text()
        assert page.images == []


# --- broken input ---------------------------------------------------------------------------

CONTROL = "Заголовок\x00\x01\x0b\x0c\x1f\ufffe конец"
LONG = "Очень длинная ячейка без пробелов" * 10 + " слово" * 2000


def test_clean_drops_what_xml_cannot_hold_and_keeps_lines_and_tabs():
    assert clean(CONTROL) == "Заголовок конец"
    assert clean("a\tb\nc") == "a\tb\nc"
    assert clean(None) == ""


def test_the_toolkit_writes_hostile_text_into_docx_and_xlsx():
    document = word.new_document(page=word.A4_LANDSCAPE, title=CONTROL)
    word.paragraph(document, CONTROL, bold=True)
    grid = word.table(document, (2, 10), header=(CONTROL, LONG))
    cells = word.add_row(grid).cells
    word.cell_text(cells[0], CONTROL)
    word.cell_text(cells[1], LONG, lines_as_paragraphs=True)
    word.merged_row(grid, CONTROL, fill=word.SECTION_FILL)
    word.footer_page_numbers(document)
    read = Document(io.BytesIO(word.save(document)))
    assert read.core_properties.title == "Заголовок конец"
    assert read.tables[0].rows[0].cells[0].text == "Заголовок конец"

    workbook = xl.new_workbook(title=CONTROL)
    sheet = workbook.worksheets[0]
    sheet.title = xl.sheet_title(CONTROL + "[]:*?/\\" + LONG)
    xl.put(sheet, 1, 1, CONTROL)
    xl.put(sheet, 2, 1, '=HYPERLINK("http://x")')
    xl.put(sheet, 3, 1, 42)
    xl.fit_height(sheet, 1, [(LONG, 40)])
    xl.print_setup(sheet, header_row=1)
    read_sheet = openpyxl.load_workbook(io.BytesIO(xl.save(workbook))).worksheets[0]
    assert read_sheet["A1"].value == "Заголовок конец"
    assert read_sheet["A2"].data_type == "s"
    assert read_sheet["A3"].value == 42
    assert len(read_sheet.title) <= 31


# --- the toolkit is the only way in -------------------------------------------------------


def project_modules():
    packages = {path.parent.name for path in ROOT.glob("*/__init__.py")}
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if parts[0] in packages and ".venv" not in parts:
            yield path, packages


def private_imports(source: str, packages: set[str]) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.split(".")[0] not in packages:
                continue  # python-docx's _Cell and the like are that library's business
            found += [
                f"{node.module}.{alias.name}"
                for alias in node.names
                if alias.name.startswith("_") and not alias.name.startswith("__")
            ]
    return found


def test_no_module_imports_a_private_name_of_another():
    wrong = [
        f"{path.relative_to(ROOT)}: {name}"
        for path, packages in project_modules()
        for name in private_imports(path.read_text(encoding="utf-8"), packages)
    ]
    assert wrong == []


def test_the_private_import_check_can_fail():
    source = "from core.office.word import _field\nfrom docx.table import _Cell\n"
    assert private_imports(source, {"core"}) == ["core.office.word._field"]


def test_document_content_types_are_written_down_once():
    literals = [f".{suffix}" for suffix in ("wordprocessingml.document", "spreadsheetml.sheet")]
    holders = sorted(
        str(path.relative_to(ROOT))
        for path, _ in project_modules()
        if "tests" not in path.parts and any(text in path.read_text() for text in literals)
    )
    assert holders == ["core/office/response.py"]


def test_the_html_to_pdf_call_is_the_only_weasyprint_call():
    holders = sorted(
        str(path.relative_to(ROOT))
        for path, _ in project_modules()
        if "tests" not in path.parts and "from weasyprint" in path.read_text()
    )
    assert holders == ["core/office/weasy.py"]


def test_core_office_knows_nothing_of_the_apps_above_it():
    above = {"plans", "reporting", "council", "events", "documents", "orgs"}
    for path in (ROOT / "core" / "office").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert node.module.split(".")[0] not in above, f"{path.name}: {node.module}"
