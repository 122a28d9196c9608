"""Pieces the council's views share."""

from __future__ import annotations


def base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def document_response(data: bytes, filename: str, content_type: str):
    from django.http import HttpResponse

    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"
