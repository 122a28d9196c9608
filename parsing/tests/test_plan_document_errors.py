"""Files that are not a readable plan: each gets a `PlanReadError` with a Russian message that tells
the user what to do, never a stack trace, and hostile files are refused before they are unpacked."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsing.documents import PlanReadError, ReadLimits, read_plan

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_DOCX = (ROOT / "seed" / "plan-transport-cluster-2023-2024.docx").read_bytes()
SEED_XLSX = (FIXTURES / "plan-transport-cluster-2023-2024.xlsx").read_bytes()
SEED_PDF = (FIXTURES / "plan-transport-cluster-2023-2024.pdf").read_bytes()
SEED_TXT = (ROOT / "seed" / "plan-transport-cluster-2023-2024.txt").read_bytes()

NOT_DOCX = "Файл повреждён или не является документом Word (DOCX)."
NOT_XLSX = "Файл повреждён или не является книгой Excel (XLSX)."
NOT_PDF = "Файл повреждён или не является документом PDF."
NO_TABLE = (
    "В документе не найдена таблица мероприятий: нужна таблица со столбцами «№ п/п», "
    "«Наименование мероприятия», «Исполнители», «Срок исполнения»."
)
ZIP_BOMB = (
    "Файл после распаковки слишком большой (больше 50 МБ) — возможно, это «zip-бомба». "
    "Загрузка отклонена."
)


def zip_with(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def read_error(data: bytes, filename: str, limits: ReadLimits | None = None) -> str:
    with pytest.raises(PlanReadError) as caught:
        if limits is None:
            read_plan(data, filename)
        else:
            read_plan(data, filename, limits=limits)
    return str(caught.value)


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        pytest.param(b"", "plan.docx", "Файл пустой.", id="empty_docx"),
        pytest.param(b"  \n\t", "plan.txt", "Файл пустой.", id="blank_txt"),
        pytest.param("Просто текст".encode(), "plan.docx", NOT_DOCX, id="text_named_docx"),
        pytest.param(SEED_DOCX[: len(SEED_DOCX) // 2], "plan.docx", NOT_DOCX, id="truncated_docx"),
        pytest.param(SEED_XLSX[:-100], "plan.xlsx", NOT_XLSX, id="truncated_xlsx"),
        pytest.param(SEED_PDF[:200], "plan.pdf", NOT_PDF, id="truncated_pdf"),
        pytest.param(b"PK\x03\x04 not really a zip", "plan.docx", NOT_DOCX, id="zip_magic_only"),
        pytest.param(SEED_DOCX, "plan.pdf", NOT_PDF, id="docx_named_pdf"),
        pytest.param(
            SEED_XLSX,
            "plan.docx",
            "Это книга Excel (XLSX), а не документ Word: загрузите файл с расширением .xlsx.",
            id="xlsx_named_docx",
        ),
        pytest.param(
            zip_with({"[Content_Types].xml": b"<Types/>"}), "plan.docx", NOT_DOCX, id="zip_not_docx"
        ),
        pytest.param(
            SEED_DOCX,
            "plan.odt",
            "Формат файла «.odt» не поддерживается. Загрузите план в формате DOCX, XLSX, PDF или TXT.",
            id="unknown_extension",
        ),
        pytest.param(
            SEED_DOCX,
            "plan",
            "Формат файла без расширения не поддерживается. Загрузите план в формате DOCX, XLSX, PDF или TXT.",
            id="no_extension",
        ),
        pytest.param(
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512),
            "plan.doc",
            "Формат Word 97–2003 (.doc) не поддерживается: откройте файл в Word и сохраните как .docx.",
            id="old_doc",
        ),
        pytest.param(
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512),
            "plan.docx",
            "Файл защищён паролем или сохранён в старом формате Word/Excel 97–2003. "
            "Снимите пароль и сохраните файл как DOCX.",
            id="ole_container_named_docx",  # what Word writes for a password-protected DOCX
        ),
        pytest.param(
            (FIXTURES / "docx-no-table.docx").read_bytes(), "plan.docx", NO_TABLE, id="docx_no_table"
        ),
        pytest.param("Утверждаю\nПлан работы\n".encode(), "plan.txt", NO_TABLE, id="txt_no_table"),
        pytest.param(
            "\t".join(["№", "Наименование мероприятия", "Исполнители", "Срок"]).encode(),
            "plan.txt",
            "В таблице не найдено ни одного мероприятия.",
            id="header_only",
        ),
        pytest.param(b"\x00\x01\x02binary", "plan.txt", "Файл не похож на текст: загрузите план в формате DOCX, XLSX, PDF или TXT.", id="binary_txt"),
        pytest.param(
            (FIXTURES / "pdf-no-text.pdf").read_bytes(),
            "scan.pdf",
            "В PDF нет текстового слоя (похоже на скан). Загрузите план в формате DOCX или PDF, "
            "сохранённый из Word.",
            id="pdf_scan_without_text",
        ),
        pytest.param(
            (FIXTURES / "pdf-encrypted.pdf").read_bytes(),
            "plan.pdf",
            "PDF защищён паролем: снимите защиту и загрузите файл снова.",
            id="pdf_with_password",
        ),
    ],
)  # fmt: skip
def test_unreadable_files(data: bytes, filename: str, message: str) -> None:
    assert read_error(data, filename) == message


def test_zip_bomb_over_the_total_size_is_refused_before_unpacking() -> None:
    bomb = zip_with(
        {"[Content_Types].xml": b"<Types/>", "word/document.xml": bytes(51 * 1024 * 1024)}
    )
    assert len(bomb) < 100_000

    assert read_error(bomb, "plan.docx") == ZIP_BOMB


def test_zip_member_with_an_absurd_compression_ratio_is_refused() -> None:
    bomb = zip_with({"xl/workbook.xml": b"<x/>", "xl/worksheets/sheet1.xml": bytes(5 * 2**20)})

    assert read_error(bomb, "plan.xlsx") == ZIP_BOMB


def test_zip_with_too_many_members_is_refused() -> None:
    many = zip_with({f"word/part{i}.xml": b"" for i in range(30)})

    assert read_error(many, "plan.docx", ReadLimits(max_zip_members=20)) == ZIP_BOMB


def test_file_over_the_size_limit_is_refused() -> None:
    data = SEED_TXT + b" " * (1024 * 1024)
    message = read_error(data, "plan.txt", ReadLimits(max_file_bytes=1024 * 1024))

    assert message == "Файл слишком большой: план должен занимать не больше 1 МБ."


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        pytest.param(SEED_TXT, "plan.txt", "В файле больше 20 строк — это не похоже на план.", id="txt"),
        pytest.param(SEED_DOCX, "plan.docx", "В документе больше 20 строк таблицы — это не похоже на план.", id="docx"),
        pytest.param(SEED_XLSX, "plan.xlsx", "На листе больше 20 строк — это не похоже на план.", id="xlsx"),
    ],
)  # fmt: skip
def test_too_many_rows_are_refused(data: bytes, filename: str, message: str) -> None:
    assert read_error(data, filename, ReadLimits(max_rows=20)) == message


def test_too_many_pdf_pages_are_refused() -> None:
    message = read_error(SEED_PDF, "plan.pdf", ReadLimits(max_pdf_pages=1))

    assert message == "В PDF слишком много страниц (больше 1) — это не похоже на план."


def test_default_row_limit_is_twenty_thousand() -> None:
    lines = "\n".join(["№\tНаименование мероприятия\tИсполнители\tСрок"] + ["1\tА\tБ\tВ"] * 20_000)

    assert (
        read_error(lines.encode(), "plan.txt")
        == "В файле больше 20000 строк — это не похоже на план."
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    position=st.integers(min_value=0, max_value=len(SEED_DOCX) - 1),
    value=st.integers(min_value=0, max_value=255),
)
def test_a_damaged_docx_is_read_or_refused_but_never_crashes(position: int, value: int) -> None:
    damaged = bytearray(SEED_DOCX)
    damaged[position] = value
    try:
        read_plan(bytes(damaged), "plan.docx")
    except PlanReadError as error:
        assert str(error)


@settings(max_examples=60, deadline=None)
@given(
    data=st.binary(max_size=300), extension=st.sampled_from(["docx", "xlsx", "pdf", "txt", "md"])
)
def test_random_bytes_are_refused_with_a_plan_read_error(data: bytes, extension: str) -> None:
    try:
        read_plan(data, f"plan.{extension}")
    except PlanReadError as error:
        assert str(error)
