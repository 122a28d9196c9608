"""Checks on evidence files before anything is stored.

The extension says what the user meant, the first bytes what the file is; both must agree. DOCX and
XLSX are zip files, and their directory is checked before anything is unpacked (total size, ratio,
number of parts, the part every such file has) with the same check plan documents get
(`parsing.documents.reader.check_zip`), so a zip bomb is refused with a message.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError

from parsing.documents.model import PlanReadError, ReadLimits
from parsing.documents.reader import OLE_MAGIC, ZIP_MAGIC, check_zip

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class FileKind:
    label: str
    content_type: str
    inline: bool  # a browser may show it in place (PDF, pictures); others are downloaded


KINDS = {
    ".pdf": FileKind("PDF", "application/pdf", True),
    ".docx": FileKind(
        "Word (DOCX)",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        False,
    ),
    ".xlsx": FileKind(
        "Excel (XLSX)", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", False
    ),
    ".jpg": FileKind("JPEG", "image/jpeg", True),
    ".jpeg": FileKind("JPEG", "image/jpeg", True),
    ".png": FileKind("PNG", "image/png", True),
}
ALLOWED = "PDF, DOCX, XLSX, JPEG или PNG"


def max_bytes() -> int:
    return getattr(settings, "REPORT_EVIDENCE_MAX_BYTES", DEFAULT_MAX_BYTES)


def zip_limits() -> ReadLimits:
    limit = max_bytes()
    return ReadLimits(
        max_file_bytes=limit,
        max_uncompressed_bytes=10 * limit,  # pictures in a DOCX barely compress
        max_compression_ratio=100,
        max_zip_members=2_000,
    )


def extension_of(filename: str) -> str:
    return PurePath(filename.replace("\\", "/")).suffix.lower()


def check_size(size: int) -> None:
    """Refuse an empty or oversized file before reading it."""
    if size == 0:
        raise ValidationError("Файл пустой.")
    limit = max_bytes()
    if size > limit:
        raise ValidationError(
            f"Файл слишком большой: подтверждение должно занимать не больше "
            f"{limit // (1024 * 1024)} МБ. Сожмите его или разделите на части."
        )


def check_evidence_file(filename: str, data: bytes) -> FileKind:
    """The kind of an acceptable file; a ValidationError in Russian for anything else."""
    extension = extension_of(filename)
    kind = KINDS.get(extension)
    if kind is None:
        raise ValidationError(f"Этот тип файла не принимается. Загрузите {ALLOWED}.")
    check_size(len(data))
    mismatch = ValidationError(
        f"Содержимое файла не соответствует расширению {extension}: это не {kind.label}. "
        "Проверьте, что файл не переименован из другого формата."
    )
    if extension == ".pdf":
        if b"%PDF-" not in data[:1024]:
            raise mismatch
    elif extension in (".jpg", ".jpeg"):
        if not data.startswith(b"\xff\xd8\xff"):
            raise mismatch
    elif extension == ".png":
        if not data.startswith(b"\x89PNG\r\n\x1a\n"):
            raise mismatch
    else:  # DOCX, XLSX
        if data.startswith(OLE_MAGIC):
            raise ValidationError(
                "Файл защищён паролем или сохранён в старом формате Word/Excel 97–2003. "
                f"Снимите пароль и сохраните файл как {extension[1:].upper()}."
            )
        if not data.startswith(ZIP_MAGIC):
            raise mismatch
        try:
            check_zip(data, extension, zip_limits())
        except PlanReadError as error:
            raise ValidationError(str(error)) from None
    return kind


def clean_filename(filename: str) -> str:
    """The name as shown to people: no folders, no control characters, at most 255 characters."""
    name = PurePath(filename.replace("\\", "/")).name
    name = "".join(char for char in name if char.isprintable()).strip()
    if len(name) > 255:
        stem, suffix = name[: 255 - 10], extension_of(name)
        name = stem + suffix
    return name or "файл"
