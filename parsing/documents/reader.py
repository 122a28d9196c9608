"""`read_plan`: pick the reader by the file's extension, check that the bytes agree, guard limits.

The extension says what the user meant; the first bytes say what the file is. Both must agree, so a
text file renamed to .docx or a truncated download gets a clear Russian message instead of a stack
trace. DOCX and XLSX are zip files: their directory is checked before anything is unpacked, so a
zip bomb (a few kilobytes that unpack to gigabytes) is refused. A password-protected DOCX/XLSX is
an OLE container, like the old .doc/.xls, and is refused with advice to save it unprotected.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

from parsing.documents.docx_reader import read_docx
from parsing.documents.grid import RawDocument
from parsing.documents.model import (
    DEFAULT_LIMITS,
    NO_CHOICES,
    PlanDocument,
    PlanReadError,
    ReadChoices,
    ReadLimits,
)
from parsing.documents.pdf_reader import read_pdf
from parsing.documents.preamble import read_preamble
from parsing.documents.table import build_plan
from parsing.documents.text_reader import read_text
from parsing.documents.xlsx_reader import read_xlsx

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"

Reader = Callable[[bytes, ReadLimits], RawDocument]
READERS: dict[str, Reader] = {
    ".docx": read_docx,
    ".xlsx": read_xlsx,
    ".pdf": read_pdf,
    ".txt": read_text,
    ".md": read_text,
}
BROKEN = {
    ".docx": "Файл повреждён или не является документом Word (DOCX).",
    ".xlsx": "Файл повреждён или не является книгой Excel (XLSX).",
    ".pdf": "Файл повреждён или не является документом PDF.",
}
# The part every file of the kind has.
MAIN_PART = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}
OLD_FORMATS = {
    ".doc": "Формат Word 97–2003 (.doc) не поддерживается: откройте файл в Word и сохраните как .docx.",
    ".xls": "Формат Excel 97–2003 (.xls) не поддерживается: откройте файл в Excel и сохраните как .xlsx.",
}


def _extension(filename: str) -> str:
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    return "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""


def read_plan(
    data: bytes,
    filename: str,
    *,
    limits: ReadLimits = DEFAULT_LIMITS,
    choices: ReadChoices = NO_CHOICES,
) -> PlanDocument:
    """Read a plan document (DOCX, XLSX, PDF with a text layer, TXT/MD) into a `PlanDocument`.

    `choices` are a person's corrections from the preview (a role per column, a kind per row).
    Raises `PlanReadError` with a Russian message when the file cannot be read as a plan.
    """
    extension = _extension(filename)
    if extension in OLD_FORMATS:
        raise PlanReadError(OLD_FORMATS[extension])
    reader = READERS.get(extension)
    if reader is None:
        shown = f"«{extension}»" if extension else "без расширения"
        raise PlanReadError(
            f"Формат файла {shown} не поддерживается. Загрузите план в формате DOCX, XLSX, PDF или TXT."
        )
    if not data.strip():
        raise PlanReadError("Файл пустой.")
    if len(data) > limits.max_file_bytes:
        megabytes = limits.max_file_bytes // (1024 * 1024)
        raise PlanReadError(f"Файл слишком большой: план должен занимать не больше {megabytes} МБ.")
    _check_content(data, extension, limits)

    raw = reader(data, limits)
    body = build_plan(raw, max_rows=limits.max_rows, choices=choices)
    preamble = read_preamble(body.preamble)
    approved_by = " ".join(p for p in (preamble.approver_position, preamble.approver_name) if p)
    return PlanDocument(
        title=preamble.title,
        approved_by=approved_by,
        edition_date=preamble.edition_date,
        plan_year=preamble.plan_year,
        objectives=body.objectives,
        warnings=preamble.warnings + body.warnings,
        approver_position=preamble.approver_position,
        approver_name=preamble.approver_name,
        columns=body.columns,
    )


def _check_content(data: bytes, extension: str, limits: ReadLimits) -> None:
    """Refuse bytes that are not what the extension promises, before any parser sees them."""
    if extension in MAIN_PART:
        if data.startswith(OLE_MAGIC):
            raise PlanReadError(
                "Файл защищён паролем или сохранён в старом формате Word/Excel 97–2003. "
                f"Снимите пароль и сохраните файл как {extension[1:].upper()}."
            )
        if not data.startswith(ZIP_MAGIC):
            raise PlanReadError(BROKEN[extension])
        check_zip(data, extension, limits)
    elif extension == ".pdf" and b"%PDF-" not in data[:1024]:
        raise PlanReadError(BROKEN[extension])


def check_zip(data: bytes, extension: str, limits: ReadLimits) -> None:
    """Check the zip directory: readable, the right main part, sizes within the limits."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as exc:
        # NotImplementedError: a zip «version» newer than Python's zipfile (a damaged header)
        raise PlanReadError(BROKEN[extension]) from exc
    megabytes = limits.max_uncompressed_bytes // (1024 * 1024)
    bomb = (
        f"Файл после распаковки слишком большой (больше {megabytes} МБ) — возможно, это "
        "«zip-бомба». Загрузка отклонена."
    )
    if len(members) > limits.max_zip_members:
        raise PlanReadError(bomb)
    if sum(m.file_size for m in members) > limits.max_uncompressed_bytes:
        raise PlanReadError(bomb)
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > 1024 * 1024 and ratio > limits.max_compression_ratio:
            raise PlanReadError(bomb)
    names = {m.filename for m in members}
    if MAIN_PART[extension] not in names:
        if extension == ".docx" and MAIN_PART[".xlsx"] in names:
            raise PlanReadError(
                "Это книга Excel (XLSX), а не документ Word: загрузите файл с расширением .xlsx."
            )
        if extension == ".xlsx" and MAIN_PART[".docx"] in names:
            raise PlanReadError(
                "Это документ Word (DOCX), а не книга Excel: загрузите файл с расширением .docx."
            )
        raise PlanReadError(BROKEN[extension])
