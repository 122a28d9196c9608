"""Evidence uploads: checked by size, by content and for zip bombs; stored files behind access."""

import io
import zipfile

import docx
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reporting.models import Evidence, Report

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def real_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Приказ о проведении профессиональных проб")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def upload(client, world, name, data, user="rep_ttvts"):
    client.force_login(world[user])
    url = reverse("reporting:evidence_upload", args=[world["ob_quarter_ttvts"].pk, world["q1"].pk])
    return client.post(url, {"file": SimpleUploadedFile(name, data)}, follow=True)


def stored_files() -> list:
    root = settings.MEDIA_ROOT
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def assert_refused(response, *phrases):
    page = response.content.decode()
    for phrase in phrases:
        assert phrase in page
    assert not Evidence.objects.exists()
    assert not Report.objects.exists()  # not even an empty draft is left behind
    assert stored_files() == []


@pytest.mark.parametrize(
    ("name", "data"),
    [("приказ.pdf", PDF), ("фото.png", PNG), ("фото.JPG", JPEG), ("приказ.docx", None)],
    ids=["pdf", "png", "jpeg", "docx"],
)
def test_good_files_are_stored_and_served_only_through_the_access_check(client, world, name, data):
    data = data or real_docx()
    response = upload(client, world, name, data)
    assert f"Файл «{name}» прикреплён к отчёту." in response.content.decode()
    evidence = Evidence.objects.get()
    assert (evidence.original_name, evidence.size) == (name, len(data))
    assert stored_files()[0].read_bytes() == data
    assert name not in str(stored_files()[0])  # the user's name is never a path

    download = client.get(reverse("reporting:evidence_download", args=[evidence.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == data
    assert download["Content-Security-Policy"] == "sandbox"
    client.force_login(world["rep_tkgt"])  # another organization: the draft does not exist
    assert client.get(reverse("reporting:evidence_download", args=[evidence.pk])).status_code == 404
    client.force_login(world["observer"])
    assert client.get(reverse("reporting:evidence_download", args=[evidence.pk])).status_code == 404


def test_media_has_no_public_url():
    assert not getattr(settings, "MEDIA_URL", "").strip("/")  # nothing serves MEDIA_ROOT directly


def test_a_file_over_the_limit_is_refused(client, world, settings):
    settings.REPORT_EVIDENCE_MAX_BYTES = 1024
    response = upload(client, world, "скан.pdf", PDF + b"0" * 2048)
    assert_refused(response, "Файл «скан.pdf» не принят.", "Файл слишком большой")


def test_a_file_whose_content_does_not_match_its_extension_is_refused(client, world):
    response = upload(client, world, "отчёт.pdf", b"MZ\x90\x00 this is an executable")
    assert_refused(response, "Содержимое файла не соответствует расширению .pdf")
    response = upload(client, world, "фото.png", JPEG)
    assert_refused(response, "Содержимое файла не соответствует расширению .png")
    response = upload(client, world, "таблица.xlsx", real_docx())
    assert_refused(response, "Это документ Word (DOCX), а не книга Excel")


def test_a_zip_bomb_in_a_docx_is_refused(client, world):
    bomb = zip_of(
        {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\x00" * (30 * 1024 * 1024)}
    )
    assert len(bomb) < 100 * 1024
    response = upload(client, world, "бомба.docx", bomb)
    assert_refused(response, "zip-бомба")


def test_a_docx_too_big_once_unpacked_is_refused(client, world, settings):
    settings.REPORT_EVIDENCE_MAX_BYTES = 200 * 1024  # unpacked at most 2 MB
    parts = {f"word/media/part{n}.bin": b"\x00" * (900 * 1024) for n in range(4)}
    bomb = zip_of({"word/document.xml": b"<w:document/>", **parts})
    response = upload(client, world, "много.docx", bomb)
    assert_refused(response, "слишком большой", "zip-бомба")


def test_unsupported_types_and_empty_files(client, world):
    assert_refused(
        upload(client, world, "macro.docm", b"PK\x03\x04"), "Этот тип файла не принимается"
    )
    assert_refused(upload(client, world, "пусто.pdf", b""), "Файл пустой")


def test_links_must_be_http_addresses(client, world):
    client.force_login(world["rep_ttvts"])
    url = reverse(
        "reporting:evidence_link_add", args=[world["ob_quarter_ttvts"].pk, world["q1"].pk]
    )
    page = client.post(url, {"url": "javascript:alert(1)"}, follow=True).content.decode()
    assert "начиная с http:// или https://" in page
    assert not Evidence.objects.exists()
    client.post(url, {"url": "https://ttvts.ru/news/1", "title": "Новость на сайте"})
    assert Evidence.objects.get().label == "Новость на сайте"


def test_removing_evidence_from_a_draft_deletes_the_file(
    client, world, django_capture_on_commit_callbacks
):
    upload(client, world, "приказ.pdf", PDF)
    evidence = Evidence.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reporting:evidence_remove", args=[evidence.pk]))
    assert not Evidence.objects.exists()
    assert stored_files() == []


def test_other_organizations_cannot_upload(client, world):
    response = upload(client, world, "приказ.pdf", PDF, user="rep_tkgt")
    assert response.status_code == 403
    response = upload(client, world, "приказ.pdf", PDF, user="observer")
    assert response.status_code == 403
    assert stored_files() == []
