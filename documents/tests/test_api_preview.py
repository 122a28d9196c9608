"""POST /api/v1/plans/preview: the `import_plan --dry-run --json` shape, errors in Russian."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from core.services import api_token_create
from orgs.tests.factories import UserFactory
from plans.models import Plan

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
SEED_TXT = ROOT / "seed" / "plan-transport-cluster-2023-2024.txt"
SEED_DOCX = ROOT / "seed" / "plan-transport-cluster-2023-2024.docx"
URL = "/api/v1/plans/preview"


@pytest.fixture
def headers():
    _, key = api_token_create(user=UserFactory(), name="тест")
    return {"Authorization": f"Bearer {key}"}


def upload(path: Path, name: str | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name or path.name, path.read_bytes())


def preview(client, headers, **data):
    return client.post(URL, data, headers=headers)


def dry_run_json(path: Path, *options: str) -> dict:
    out = StringIO()
    call_command("import_plan", str(path), "--dry-run", "--json", *options, stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.parametrize("path", [SEED_TXT, SEED_DOCX], ids=["txt", "docx"])
def test_preview_is_the_dry_run_json_of_import_plan(client, headers, path):
    response = preview(client, headers, file=upload(path))
    assert response.status_code == 200, response.content
    assert response.json() == dry_run_json(path)
    assert not Plan.objects.exists()


def test_preview_reads_deadlines_against_the_given_year(client, headers, tmp_path):
    text = SEED_TXT.read_text(encoding="utf-8").replace("2023 – 2024 учебный год", "")
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    response = preview(client, headers, file=upload(path), plan_year="2023-2024")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["plan_year"] == "2023-2024"
    assert body == dry_run_json(path, "--plan-year", "2023-2024")
    activities = [a for o in body["objectives"] for a in o["activities"]]
    assert activities[0]["deadline"]["kind"] in {"interval", "recurring", "as_needed"}


def test_preview_without_a_year_reads_the_document_and_says_the_year_is_missing(
    client, headers, tmp_path
):
    text = SEED_TXT.read_text(encoding="utf-8").replace("2023 – 2024 учебный год", "")
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    response = preview(client, headers, file=upload(path))
    assert response.status_code == 200
    body = response.json()
    assert body["plan_year"] is None
    assert any(w.startswith("Год плана не указан") for w in body["warnings"])
    deadlines = {
        a["deadline_text"]: a["deadline"] for o in body["objectives"] for a in o["activities"]
    }
    assert deadlines["IV квартал 2023 года"]["kind"] == "interval"
    assert deadlines["В течение учебного года"]["kind"] == "unparsed"


def test_preview_with_a_year_that_cannot_be_read_is_refused(client, headers, tmp_path):
    response = preview(client, headers, file=upload(SEED_TXT), plan_year="в этом году")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_error"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("plan.doc", b"\xd0\xcf\x11\xe0 old word", "97–2003"),
        ("plan.exe", b"MZ binary", "не поддерживается"),
        ("plan.docx", b"not a zip at all", ""),
        ("plan.txt", b"", "пуст"),
        ("plan.txt", "Просто текст без таблицы плана.".encode(), "таблица мероприятий"),
    ],
)
def test_bad_files_are_a_400_with_a_russian_message(client, headers, name, content, message):
    response = preview(client, headers, file=SimpleUploadedFile(name, content))
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] in {"bad_request", "validation_error"}
    assert message in error["message"]
    assert any("а" <= letter <= "я" for letter in error["message"].lower())


def test_an_oversized_file_is_refused_before_reading(client, headers, settings):
    settings.PLAN_UPLOAD_MAX_BYTES = 100
    response = preview(client, headers, file=SimpleUploadedFile("plan.txt", b"x" * 101))
    assert response.status_code == 400
    assert "Файл больше" in response.json()["error"]["message"]


def test_missing_file_is_a_validation_error(client, headers):
    response = client.post(URL, {"plan_year": "2023-2024"}, headers=headers)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_error"
    assert response.json()["error"]["details"][0]["field"] == "file"


def test_preview_needs_a_caller(client):
    response = client.post(URL, {"file": upload(SEED_TXT)})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"
