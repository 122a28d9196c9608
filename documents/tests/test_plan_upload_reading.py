"""Correcting the reading in the preview: column roles, section rows, the year; remembered."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.demo import demo_load
from documents.models import PlanReadingChoices, PlanUpload
from documents.services import read_upload
from orgs.models import Cluster, UserRole
from plans.models import Plan

pytestmark = pytest.mark.django_db

# A Belarusian school's header (none of its words is known) over the seed's executors.
PLAN = "\n".join(
    [
        "План мероприятий акции «Неделя леса»",
        "",
        "№ п/п\tМерапрыемства\tАдказны\tТэрмін",
        "\tАрганізацыйная праца\t\t",
        "1.1\tТрудовая акция «Чистый лес».\tРуководители ПОО\tСентябрь",
        "1.2\tПосадка леса.\tЦОПП\tОктябрь",
    ]
).encode()


@pytest.fixture
def cluster():
    demo_load()
    Plan.objects.all().delete()
    return Cluster.objects.get(slug="transport")


@pytest.fixture
def coordinator(client, cluster):
    client.force_login(cluster.user_roles.get(kind=UserRole.Kind.COORDINATOR).user)
    return client


def start(client, cluster) -> PlanUpload:
    response = client.post(
        reverse("documents:plan_upload", args=[cluster.slug]),
        {"file": SimpleUploadedFile("les.txt", PLAN)},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return PlanUpload.objects.get()


def reading(client, upload, **data):
    return client.post(
        reverse("documents:plan_upload_reading", args=[upload.pk]), data, HTTP_HX_REQUEST="true"
    )


def test_a_plan_without_a_year_is_previewed_and_asks_for_it(coordinator, cluster):
    upload = start(coordinator, cluster)

    page = coordinator.get(reverse("documents:plan_upload_preview", args=[upload.pk]))

    assert "Укажите год плана" in page.content.decode()
    assert 'disabled title="Сначала укажите год плана"' in page.content.decode()


def test_year_columns_and_rows_are_corrected_and_saved_with_the_plan(coordinator, cluster):
    upload = start(coordinator, cluster)
    response = reading(coordinator, upload, year_label="2024")
    assert response.status_code == 200
    assert "01.09.2024 – 30.09.2024" in response.content.decode()

    document = read_upload(PlanUpload.objects.get())
    group = document.activities[0]
    assert group.title == "Арганізацыйная праца"
    reading(coordinator, upload, row_key=group.row_key, row_kind="section")
    reading(coordinator, upload, **{"col-2": "executors", "was-2": "deadline"})

    document = read_upload(PlanUpload.objects.get())
    assert [(o.number, o.title) for o in document.objectives] == [("", "Арганізацыйная праца")]
    assert [(a.number, a.executors, a.deadline_text) for a in document.activities] == [
        ("1.1", "Руководители ПОО", "Сентябрь"),
        ("1.2", "ЦОПП", "Октябрь"),
    ]

    coordinator.post(reverse("documents:plan_upload_confirm", args=[upload.pk]))
    plan = Plan.objects.get()
    assert plan.year_label == "2024"
    assert list(plan.activities.values_list("number", "executors_text")) == [
        ("1.1", "Руководители ПОО"),
        ("1.2", "ЦОПП"),
    ]
    remembered = PlanReadingChoices.objects.get(plan=plan).choices
    assert remembered["columns"] == {"2": "executors"}

    revision = coordinator.post(
        reverse("documents:plan_revision_upload", args=[plan.pk]),
        {"file": SimpleUploadedFile("les.txt", PLAN)},
    )
    assert revision.status_code == 302
    assert PlanUpload.objects.get().choices == remembered  # the next edition reads the same


def test_a_year_that_cannot_be_read_and_an_unknown_role_are_refused(coordinator, cluster):
    upload = start(coordinator, cluster)

    assert reading(coordinator, upload, year_label="прошлый").status_code == 400
    response = reading(coordinator, upload, **{"col-1": "owner", "was-1": "title"})
    assert response.status_code == 400
    assert "Неизвестная роль столбца" in response.content.decode()
    assert PlanUpload.objects.get().choices == {}


def test_another_clusters_coordinator_cannot_correct_the_reading(client, coordinator, cluster):
    upload = start(coordinator, cluster)
    observer = cluster.user_roles.get(kind=UserRole.Kind.OBSERVER).user
    client.force_login(observer)

    response = reading(client, upload, year_label="2024")

    assert response.status_code in (403, 404)
    assert PlanUpload.objects.get().year_label == ""
