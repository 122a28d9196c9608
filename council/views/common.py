"""Pieces the council's views share."""

from __future__ import annotations


def base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")
