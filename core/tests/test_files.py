"""The checks every upload gets (core.files): size before reading, content by the `filetype` library
(and the two cases it misses), zip members inflated through a capped stream, safe names."""

import io
import struct
import zipfile

import docx
import filetype
import pytest
from django.core.exceptions import ValidationError

from core import files

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def real_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Приказ о проведении профессиональных проб")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def reordered(data: bytes, first: list[str]) -> bytes:
    """The same archive with some members moved to the front (as some editors write them)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = first + [n for n in source.namelist() if n not in first]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            target.writestr(name, source.read(name))
    return buffer.getvalue()


def lying_zip(real_size: int, declared: int = 1000) -> bytes:
    """A DOCX whose word/document.xml declares `declared` bytes but inflates to `real_size`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", b" " * real_size)
    data = bytearray(buffer.getvalue())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
    struct.pack_into("<I", data, info.header_offset + 22, declared)  # local header
    central = data.rfind(b"PK\x01\x02")  # the last central entry is word/document.xml
    struct.pack_into("<I", data, central + 24, declared)
    return bytes(data)


def test_filetype_misses_a_pdf_whose_header_is_not_at_the_start_and_we_take_it():
    late = b"\r\n" + PDF
    assert filetype.guess(late) is None
    assert files.check_file("скан.pdf", late).content_type == files.PDF


def test_filetype_misses_a_docx_whose_main_part_comes_late_and_we_take_it():
    data = reordered(
        real_docx(),
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/core.xml",
            "docProps/app.xml",
            "customXml/item1.xml",
            "customXml/itemProps1.xml",
        ],
    )
    assert filetype.guess(data) is None or filetype.guess(data).mime != files.DOCX
    assert files.check_file("приказ.docx", data).content_type == files.DOCX


@pytest.mark.parametrize(
    ("name", "data", "phrase"),
    [
        pytest.param("отчёт.pdf", b"MZ\x90\x00 an executable", "не соответствует", id="exe_as_pdf"),
        pytest.param(
            "фото.png", b"\xff\xd8\xff\xe0" + b"\0" * 64, "не соответствует", id="jpeg_png"
        ),
        pytest.param("x.exe", PDF, "не принимается", id="extension"),
        pytest.param("пусто.pdf", b"", "пустой", id="empty"),
        pytest.param("старый.docx", files.OLE_MAGIC + b"\0" * 64, "97–2003", id="ole_as_docx"),
    ],
)
def test_a_refused_file_gets_a_russian_reason(name, data, phrase):
    with pytest.raises(ValidationError, match=phrase):
        files.check_file(name, data)


def test_a_zip_that_lies_about_its_sizes_is_refused_after_the_cap():
    """1 000 bytes declared, 30 MB real: the declared sizes pass any limit, so the member is read;
    the stream gives no more than the cap (and zipfile stops at the declared size, where the CRC
    fails), so the file is refused without inflating 30 MB."""
    bomb = lying_zip(30 * 1024 * 1024)
    assert sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(bomb)).infolist()) < 2000
    with pytest.raises(ValidationError, match=r"zip-бомба|повреждён"):
        files.check_office_zip(bomb, ".docx", limit=1024 * 1024)


def test_the_cap_counts_real_bytes(monkeypatch):
    """Without lies: a 3 MB member of spaces inflates past a 2 MB cap and past 100:1."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", b" " * (3 * 1024 * 1024))
    with pytest.raises(ValidationError, match="zip-бомба"):
        files.check_office_zip(buffer.getvalue(), ".docx", limit=2 * 1024 * 1024)
    files.check_office_zip(real_docx(), ".docx", limit=2 * 1024 * 1024)


class Upload(io.BytesIO):
    """An upload whose size is said up front, as Django's are; reading it is recorded."""

    def __init__(self, data: bytes, size: int):
        super().__init__(data)
        self.size, self.reads = size, 0

    def read(self, *args):
        self.reads += 1
        return super().read(*args)


def test_the_size_is_checked_before_a_byte_is_read(settings):
    settings.REPORT_EVIDENCE_MAX_BYTES = 1000
    big = Upload(b"x" * 2000, size=2000)
    with pytest.raises(ValidationError, match="слишком большой"):
        files.read_upload(big)
    assert big.reads == 0
    liar = Upload(b"x" * 5000, size=10)  # claims to be small: no more than the limit is read
    with pytest.raises(ValidationError, match="слишком большой"):
        files.read_upload(liar)
    assert liar.tell() == 1001


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        pytest.param("../../etc/passwd.pdf", "passwd.pdf", id="traversal"),
        pytest.param("C:\\Users\\Анна\\приказ.pdf", "приказ.pdf", id="windows_path"),
        pytest.param("при\x00каз\n.pdf", "приказ.pdf", id="control_characters"),
        pytest.param("", "файл", id="empty"),
        pytest.param("я" * 300 + ".pdf", "я" * 245 + ".pdf", id="long"),
    ],
)
def test_names_are_safe_to_show_and_never_part_of_a_path(typed, shown):
    assert files.clean_filename(typed) == shown
    stored = files.random_name("evidence/1", typed)
    assert stored.startswith("evidence/1/") and ".." not in stored and "Анна" not in stored
