"""Import in the browser: upload → preview → map executors → confirm; bad files write nothing."""

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.demo import demo_load
from documents.models import PlanUpload
from orgs.models import Cluster, ExecutorAlias, Organization, UserRole
from orgs.tests.factories import ClusterFactory, user_with_role
from plans.models import Activity, Obligation, Plan

pytestmark = pytest.mark.django_db
SEED_DIR = Path(settings.BASE_DIR) / "seed"


@pytest.fixture
def cluster():
    """The demo cluster with its organizations and users, without its plan."""
    demo_load()
    Plan.objects.all().delete()
    return Cluster.objects.get(slug="transport")


@pytest.fixture
def coordinator_client(client, cluster):
    client.force_login(cluster.user_roles.get(kind=UserRole.Kind.COORDINATOR).user)
    return client


def upload(client, cluster, name, content, **extra):
    return client.post(
        reverse("documents:plan_upload", args=[cluster.slug]),
        {"file": SimpleUploadedFile(name, content), **extra},
    )


@pytest.mark.parametrize(
    "name", ["plan-transport-cluster-2023-2024.txt", "plan-transport-cluster-2023-2024.docx"]
)
def test_seed_upload_preview_confirm(coordinator_client, cluster, name):
    response = upload(coordinator_client, cluster, name, (SEED_DIR / name).read_bytes())
    assert response.status_code == 302
    preview_url = response.url
    assert Plan.objects.count() == 0  # the preview writes no plan

    page = coordinator_client.get(preview_url).content.decode()
    assert "Проверьте план перед сохранением" in page
    assert "мероприятий: 17" in page
    assert "сроков не распознано: <strong>0</strong>" in page
    assert "исполнителей без сопоставления: <strong>0</strong>" in page
    assert "01.10.2023 – 31.10.2023" in page  # 2.1 «октябрь 2023 года»
    assert "02.06.2023" in page

    upload_id = PlanUpload.objects.get().pk
    response = coordinator_client.post(reverse("documents:plan_upload_confirm", args=[upload_id]))
    plan = Plan.objects.get()
    assert response.url == reverse("plans:plan_detail", args=[plan.pk])
    assert plan.activities.count() == 17
    assert not PlanUpload.objects.exists()
    assert Obligation.objects.filter(activity__number="2.8", activity__plan=plan).count() == 5


def test_unresolved_executor_must_be_mapped_and_is_remembered(coordinator_client, cluster):
    text = (SEED_DIR / "plan-transport-cluster-2023-2024.txt").read_text(encoding="utf-8")
    text = text.replace("руководители ЦСТВ ПОО", "отдел кадров ТТВТС")
    response = upload(coordinator_client, cluster, "plan.txt", text.encode())
    preview_url = response.url
    page = coordinator_client.get(preview_url).content.decode()
    assert "Сопоставьте исполнителей" in page
    assert "«отдел кадров ТТВТС»" in page
    upload_id = PlanUpload.objects.get().pk

    response = coordinator_client.post(reverse("documents:plan_upload_confirm", args=[upload_id]))
    assert response.url == preview_url
    assert not Plan.objects.exists()
    page = coordinator_client.get(preview_url).content.decode()
    assert "Не сопоставлены исполнители" in page

    map_url = reverse("documents:plan_upload_map", args=[upload_id])
    response = coordinator_client.post(map_url, {"prefix": "m0", "m0-phrase": "отдел кадров ТТВТС"})
    assert response.status_code == 400
    assert "Выберите хотя бы одну организацию." in response.content.decode()

    ttvts = Organization.objects.get(short_name="ОГБПОУ «ТТВТС»")
    response = coordinator_client.post(
        map_url, {"prefix": "m0", "m0-phrase": "отдел кадров ТТВТС", "m0-organizations": [ttvts.pk]}
    )
    assert response.url == preview_url
    assert ExecutorAlias.objects.get().phrase == "отдел кадров ТТВТС"
    coordinator_client.post(reverse("documents:plan_upload_confirm", args=[upload_id]))
    activity = Activity.objects.get(number="2.6")
    assert list(activity.obligations.values_list("organization__short_name", flat=True)) == [
        "ОГБПОУ «ТТВТС»"
    ]


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (60 * 1024 * 1024))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("plan.docx", b"not a zip at all", "повреждён"),
        ("plan.exe", b"MZ\x90\x00", "Этот тип файла не поддерживается"),
        ("plan.txt", b"", "Файл пустой"),
        ("plan.txt", "Просто текст без таблицы".encode(), "мероприят"),
        ("plan.docx", zip_bomb(), ""),
    ],
    ids=["corrupt_docx", "wrong_type", "empty", "no_table", "zip_bomb"],
)
def test_bad_files_get_a_russian_message_and_write_nothing(
    coordinator_client, cluster, name, content, message
):
    response = upload(coordinator_client, cluster, name, content)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'role="alert"' in page
    assert message in page
    assert not PlanUpload.objects.exists()
    assert not Plan.objects.exists()


def test_oversized_file_is_refused(coordinator_client, cluster, settings):
    settings.PLAN_UPLOAD_MAX_BYTES = 1000
    response = upload(coordinator_client, cluster, "plan.txt", b"x" * 2000)
    assert "Файл больше" in response.content.decode()
    assert not PlanUpload.objects.exists()


def test_representative_and_observer_cannot_import(client, cluster):
    for kind in (UserRole.Kind.REPRESENTATIVE, UserRole.Kind.OBSERVER):
        user = cluster.user_roles.filter(kind=kind).first().user
        client.force_login(user)
        assert client.get(reverse("documents:plan_upload", args=[cluster.slug])).status_code == 403
        response = upload(
            client,
            cluster,
            "plan.txt",
            (SEED_DIR / "plan-transport-cluster-2023-2024.txt").read_bytes(),
        )
        assert response.status_code == 403
    assert not PlanUpload.objects.exists()


def test_upload_of_another_cluster_is_404(coordinator_client, cluster, client):
    upload(
        coordinator_client,
        cluster,
        "plan.txt",
        (SEED_DIR / "plan-transport-cluster-2023-2024.txt").read_bytes(),
    )
    upload_id = PlanUpload.objects.get().pk
    outsider = user_with_role(ClusterFactory(), UserRole.Kind.COORDINATOR)
    client.force_login(outsider)
    assert client.get(reverse("documents:plan_upload_preview", args=[upload_id])).status_code == 404
    assert (
        client.post(reverse("documents:plan_upload_confirm", args=[upload_id])).status_code == 404
    )
    assert not Plan.objects.exists()


def test_discard_removes_the_upload(coordinator_client, cluster):
    upload(
        coordinator_client,
        cluster,
        "plan.txt",
        (SEED_DIR / "plan-transport-cluster-2023-2024.txt").read_bytes(),
    )
    upload_id = PlanUpload.objects.get().pk
    response = coordinator_client.post(reverse("documents:plan_upload_discard", args=[upload_id]))
    assert response.url == reverse("orgs:cluster_detail", args=["transport"])
    assert not PlanUpload.objects.exists()
    assert not Plan.objects.exists()
