"""Pieces the council's views share."""

from __future__ import annotations

from django.http import FileResponse

from reporting.evidence import KINDS, extension_of


def base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def stored_file_response(file, filename: str, content_type: str) -> FileResponse:
    """A stored file, shown in place when a browser can (PDF, pictures), else downloaded; never run
    as a page of this site (sandboxed, not cached)."""
    kind = KINDS.get(extension_of(filename))
    response = FileResponse(
        file.open("rb"),
        as_attachment=not (kind and kind.inline),
        filename=filename,
        content_type=content_type or "application/octet-stream",
    )
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def document_response(data: bytes, filename: str, content_type: str):
    from django.http import HttpResponse

    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"
