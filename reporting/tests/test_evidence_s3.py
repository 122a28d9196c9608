"""Evidence on S3-compatible storage (django-storages), against moto's S3 server on a random port:
upload, download through the access-checked view, remove; and the settings that switch it on."""

import json
import os
import subprocess
import sys

import boto3
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from moto.server import ThreadedMotoServer

from reporting.models import Evidence

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
BUCKET = "clusterplan-evidence"
KEYS = {"aws_access_key_id": "test", "aws_secret_access_key": "test", "region_name": "us-east-1"}


@pytest.fixture
def bucket(settings):
    """An S3 server of our own on 127.0.0.1 and a free port, its bucket the default storage."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    client = boto3.client("s3", endpoint_url=endpoint, **KEYS)
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": endpoint,
                "access_key": "test",
                "secret_key": "test",
                "region_name": "us-east-1",
                "default_acl": "private",
                "file_overwrite": False,
            },
        },
    }
    yield client
    server.stop()


def keys(client) -> list[str]:
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_evidence_is_stored_served_and_removed_on_s3(
    bucket, client, world, django_capture_on_commit_callbacks
):
    client.force_login(world["rep_ttvts"])
    upload = reverse(
        "reporting:evidence_upload", args=[world["ob_quarter_ttvts"].pk, world["q1"].pk]
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(upload, {"file": SimpleUploadedFile("приказ.pdf", PDF)})
    evidence = Evidence.objects.get()
    assert keys(bucket) == [evidence.file.name]  # moved out of staging/ on commit
    assert evidence.file.name.startswith(f"evidence/{evidence.report_id}/")
    assert not os.path.exists(settings.MEDIA_ROOT)  # nothing on the local disk

    download = client.get(reverse("reporting:evidence_download", args=[evidence.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Security-Policy"] == "sandbox"
    client.force_login(world["rep_tkgt"])  # another college: the file is not theirs
    assert client.get(reverse("reporting:evidence_download", args=[evidence.pk])).status_code == 404

    client.force_login(world["rep_ttvts"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reporting:evidence_remove", args=[evidence.pk]))
    assert not Evidence.objects.exists()
    assert keys(bucket) == []


def test_the_cleanup_works_on_s3_too(bucket, world):
    """A staged object whose row never committed, aged past the hour, is removed from the bucket."""
    from datetime import timedelta

    from core.files import files_cleanup

    bucket.put_object(Bucket=BUCKET, Key="staging/evidence/1/left.pdf", Body=PDF)
    bucket.put_object(Bucket=BUCKET, Key="evidence/1/stray.pdf", Body=PDF)
    found = files_cleanup(delete=True, older_than=timedelta(0))
    assert found.stale == ["staging/evidence/1/left.pdf"]
    assert found.unreferenced == ["evidence/1/stray.pdf"]
    assert keys(bucket) == []


def test_the_bucket_and_its_keys_come_from_the_environment():
    env = {
        **os.environ,
        "AWS_STORAGE_BUCKET_NAME": "plan-files",
        "AWS_S3_ENDPOINT_URL": "https://storage.example.ru",
        "AWS_ACCESS_KEY_ID": "key-id",
        "AWS_SECRET_ACCESS_KEY": "secret",
        "AWS_S3_REGION_NAME": "ru-central1",
    }
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.STORAGES['default']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    default = json.loads(result.stdout)
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    assert (
        default["OPTIONS"]
        | {
            "bucket_name": "plan-files",
            "endpoint_url": "https://storage.example.ru",
            "access_key": "key-id",
            "secret_key": "secret",
            "region_name": "ru-central1",
            "default_acl": "private",
        }
        == default["OPTIONS"]
    )
