"""The office toolkit: what every official document of ClusterPlan is built with.

Every document — the plan (`plans.documents`), the consolidated report
(`reporting.consolidated`), the protocol and the discipline report (`council.documents`), the events
coverage report (`events.exports`) — is a pure renderer: frozen data in, bytes out, built from
these pieces, so they all share one page, one set of styles and one set of safety rules:

- `word`: DOCX — `new_document` (A4 portrait or landscape, ГОСТ margins, Times New Roman, Russian
  proofing), `paragraph`, `write`, `table` (fixed widths, borders, a header row repeated on every
  page, rows that do not split), `merged_row`, `cell_text`, `shade`, `hyperlink`,
  `footer_page_numbers` («стр. N из M»), `save`;
- `sheet`: XLSX — `put` (text stays text, never a formula), `fit_height`, `print_setup` (A4, header
  repeated, «стр. N из M»), fonts, borders and fills;
- `weasy`: `html_to_pdf` / `template_to_pdf`, WeasyPrint with a URL fetcher that refuses every URL;
- `text.clean`: what XML cannot hold taken out of user text;
- `response`: `MIME` (the one table of document content types) and `download`, the one response
  that sends a document (Russian file names included, never cached).

Nothing here knows of plans, reports or meetings; see docs/architecture.md, «Adding a document».
"""

from core.office.response import MIME, attachment_header, download
from core.office.text import clean
from core.office.weasy import html_to_pdf, template_to_pdf

__all__ = ["MIME", "attachment_header", "clean", "download", "html_to_pdf", "template_to_pdf"]
