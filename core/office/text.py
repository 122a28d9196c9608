"""Text as a document can hold it."""

from __future__ import annotations

import re

# Characters that XML (DOCX, XLSX) cannot hold; a tab or a line break is kept.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str | None) -> str:
    """The text without characters an XML document cannot hold (they come from pasted text)."""
    return CONTROL_RE.sub("", text or "")
