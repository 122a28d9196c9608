"""Council documents: the protocol (DOCX, PDF) and the executive-discipline report (DOCX, XLSX)."""
