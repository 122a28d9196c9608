"""Sending a document: the one MIME table and the one download response every document uses.

    return download(protocol_to_docx(protocol), "Протокол № 3 от 15.11.2023.docx", "docx")
    return download(job.file.open("rb"), job.filename, job.format)  # a stored file, streamed

The file name may be Russian: the header carries it as RFC 5987 `filename*=UTF-8''…` (what every
current browser reads) and, for older clients, an ASCII `filename="…"` transliterated from it
(RFC 6266, section 4.3). A plain ASCII name is sent as `filename="…"` alone. The response is
`Cache-Control: private, no-store`: a document holds a cluster's data and is made for the person
who asked, so no proxy or browser cache keeps it.
"""

from __future__ import annotations

import re
import unicodedata
from typing import BinaryIO
from urllib.parse import quote

from django.http import FileResponse, HttpResponse

MIME = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
CACHE_CONTROL = "private, no-store"
# Russian letters as the passport transliteration (ГОСТ Р 52535.1-2006) writes them.
TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch ie y  e iu ia".split(" "),
        strict=True,
    )
)
# What a file name must not carry: control characters, path separators, quotes, a backslash.
_UNSAFE_RE = re.compile(r'[\x00-\x1f\x7f/\\"]+')
_NOT_ASCII_SAFE_RE = re.compile(r"[^A-Za-z0-9 ._()\-№]+")


def safe_filename(filename: str) -> str:
    """The name without path separators, quotes or control characters (never empty)."""
    name = _UNSAFE_RE.sub(" ", filename)
    name = " ".join(name.split()).strip(" .")
    return name or "document"


def ascii_filename(filename: str) -> str:
    """«Протокол № 3.docx» → «Protokol No 3.docx»: the name for a client that reads no RFC 5987."""
    letters = []
    for char in unicodedata.normalize("NFC", safe_filename(filename)):
        lower = char.lower()
        if lower in TRANSLIT:
            latin = TRANSLIT[lower]
            letters.append(latin.capitalize() if char != lower else latin)
        elif char == "№":
            letters.append("No")
        else:
            letters.append(char)
    name = unicodedata.normalize("NFKD", "".join(letters)).encode("ascii", "ignore").decode()
    name = _NOT_ASCII_SAFE_RE.sub("_", name)
    return " ".join(name.split()).strip(" .") or "document"


def attachment_header(filename: str) -> str:
    """The Content-Disposition of a download named `filename`."""
    name = safe_filename(filename)
    fallback = ascii_filename(name)
    if fallback == name:
        return f'attachment; filename="{name}"'
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def download(data: bytes | BinaryIO, filename: str, kind: str) -> HttpResponse | FileResponse:
    """A document as an attachment of its kind («docx», «xlsx», «pdf»): bytes as they are, an open
    binary file (a stored report) streamed."""
    response: HttpResponse | FileResponse
    if isinstance(data, bytes | bytearray):
        response = HttpResponse(bytes(data), content_type=MIME[kind])
    else:
        response = FileResponse(data, content_type=MIME[kind])
    response["Content-Disposition"] = attachment_header(filename)
    response["Cache-Control"] = CACHE_CONTROL
    response["X-Content-Type-Options"] = "nosniff"
    return response
