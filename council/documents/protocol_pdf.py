"""The protocol as a PDF, rendered by WeasyPrint from `templates/council/protocol_pdf.html`.

The same layout as the Word file (`protocol_docx.py`), in Liberation Serif (metrically Times New
Roman, on every Debian with fonts-liberation), «стр. N из M» at the bottom. Nothing is fetched: the
template has no external URL and `core.office.html_to_pdf` refuses every one, so the document
renders on a closed network and text typed into a protocol cannot make the server load anything.
"""

from __future__ import annotations

from django.template.loader import render_to_string

from core.office import html_to_pdf
from council.documents.protocol import SIGNATURE_BLANK, Protocol

TEMPLATE = "council/protocol_pdf.html"


def protocol_to_html(protocol: Protocol) -> str:
    return render_to_string(TEMPLATE, {"protocol": protocol, "blank": SIGNATURE_BLANK})


def protocol_to_pdf(protocol: Protocol) -> bytes:
    return html_to_pdf(protocol_to_html(protocol))
