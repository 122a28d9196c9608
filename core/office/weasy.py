"""HTML to PDF with WeasyPrint, fetching nothing: the one place the no-fetch rule lives.

The URL fetcher refuses every URL, whatever its scheme (http:, https:, file:, data: alike), so a
document renders on a closed network and text a user typed into it (an evidence link, a title with
`<img src=…>` that escaping somehow missed) can never make the server load a resource, read a local
file or call an internal address. Fonts come from the system (fontconfig), not through the fetcher:
the templates name Liberation Serif (metrically Times New Roman, from fonts-liberation), then DejaVu
Serif. Templates carry their CSS inline and link to nothing.
"""

from __future__ import annotations

from django.template.loader import render_to_string

from core.office.text import clean


def refusing_fetcher():
    """A WeasyPrint URL fetcher that allows no protocol at all."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=())


def html_to_pdf(html: str) -> bytes:
    """The HTML page as a PDF file; nothing it links to is fetched, and control characters pasted
    into user text (which no font can draw) are dropped."""
    # Half a second to import, so only when a PDF is asked for.
    from weasyprint import HTML

    page = HTML(string=clean(html), base_url=None, url_fetcher=refusing_fetcher())
    return page.write_pdf()


def template_to_pdf(template: str, context: dict[str, object]) -> bytes:
    """A Django template rendered (auto-escaped, as every template is) and printed to PDF."""
    return html_to_pdf(render_to_string(template, context))
