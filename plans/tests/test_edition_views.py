"""Editions in the browser: revised upload with a diff, edits, history pages, exports."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.demo import demo_load
from documents.models import PlanUpload
from orgs.models import UserRole
from orgs.tests.factories import ClusterFactory, user_with_role
from parsing.documents import read_plan
from plans.models import Activity, Plan
from plans.tests.test_editions import revised_seed_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    demo_load()
    return Plan.objects.get()


def login(client, plan, kind):
    client.force_login(plan.cluster.user_roles.filter(kind=kind).first().user)
    return client


def test_revised_document_preview_shows_diff_then_saves_edition(client, plan):
    login(client, plan, UserRole.Kind.COORDINATOR)
    response = client.post(
        reverse("documents:plan_revision_upload", args=[plan.pk]),
        {
            "file": SimpleUploadedFile("plan-v2.txt", revised_seed_text().encode()),
            "note": "Протокол № 3",
        },
    )
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Проверьте новую редакцию перед сохранением" in page
    assert "Добавлено: 1, исключено: 1, изменено: 4, без изменений: 12." in page
    assert "<del>Сентябрь 2023 года</del> <ins>Ноябрь 2023 года</ins>" in page
    assert "перенумеровано" in page
    assert plan.editions.count() == 1

    upload = PlanUpload.objects.get()
    response = client.post(reverse("documents:plan_upload_confirm", args=[upload.pk]))
    assert response.url == reverse("plans:plan_edition_detail", args=[plan.pk, 2])
    page = client.get(response.url).content.decode()
    assert "Редакция № 2 от 15.09.2023" in page
    assert "Протокол № 3" in page
    assert "Ноябрь 2023 года" in page
    history = client.get(reverse("plans:plan_editions", args=[plan.pk])).content.decode()
    assert "№ 2" in history and "действующая" in history
    first = client.get(reverse("plans:plan_edition_detail", args=[plan.pk, 1])).content.decode()
    assert "Сентябрь 2023 года" in first  # the first edition as it was


def test_representative_cannot_revise_or_edit(client, plan):
    login(client, plan, UserRole.Kind.REPRESENTATIVE)
    activity = plan.activities.first()
    assert client.get(reverse("documents:plan_revision_upload", args=[plan.pk])).status_code == 403
    assert client.get(reverse("plans:activity_edit", args=[activity.pk])).status_code == 403
    assert client.post(reverse("plans:activity_remove", args=[activity.pk])).status_code == 403
    assert client.get(reverse("plans:activity_add", args=[plan.pk])).status_code == 403
    page = client.get(reverse("plans:activity_detail", args=[activity.pk])).content.decode()
    assert "Изменить" not in page
    assert plan.editions.count() == 1


def test_edit_activity_in_browser_makes_an_edition(client, plan):
    login(client, plan, UserRole.Kind.COORDINATOR)
    activity = plan.activities.get(number="3.1")
    url = reverse("plans:activity_edit", args=[activity.pk])
    form = {
        "number": "3.1",
        "title": activity.title,
        "executors_text": activity.executors_text,
        "deadline_text": "октябрь 2023 года",
        "note": "Перенос по просьбе колледжей",
    }
    response = client.post(url, form)
    assert response.url == reverse("plans:activity_detail", args=[activity.pk])
    activity.refresh_from_db()
    assert activity.deadline_text == "октябрь 2023 года"
    edition = plan.editions.order_by("-number").first()
    assert (edition.number, edition.note) == (2, "Перенос по просьбе колледжей")

    response = client.post(url, {**form, "executors_text": "министерство"})
    assert response.status_code == 200
    assert "Не удалось сопоставить" in response.content.decode()
    assert plan.editions.count() == 2


def test_add_and_remove_activity_in_browser(client, plan):
    login(client, plan, UserRole.Kind.COORDINATOR)
    objective = plan.objectives.get(number="2")
    response = client.post(
        reverse("plans:activity_add", args=[plan.pk]),
        {
            "objective": objective.pk,
            "number": "2.14",
            "title": "Экскурсии на предприятия",
            "executors_text": "Предприятия-партнеры",
            "deadline_text": "весна 2024",
        },
    )
    activity = Activity.objects.get(number="2.14")
    assert response.url == reverse("plans:activity_detail", args=[activity.pk])
    assert activity.obligations.count() == 2
    response = client.post(reverse("plans:activity_remove", args=[activity.pk]), {"note": "Дубль"})
    assert response.url == reverse("plans:plan_detail", args=[plan.pk])
    assert not Activity.objects.filter(pk=activity.pk).exists()
    assert plan.editions.count() == 3


@pytest.mark.parametrize(
    ("fmt", "content_type", "magic"),
    [
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
        ("pdf", "application/pdf", b"%PDF"),
    ],
)
def test_export_downloads(client, plan, fmt, content_type, magic):
    login(client, plan, UserRole.Kind.OBSERVER)
    response = client.get(reverse("documents:plan_export", args=[plan.pk, fmt]))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response.content.startswith(magic)
    assert response["Content-Disposition"] == f'attachment; filename="plan-2023-2024.{fmt}"'
    assert response["Cache-Control"] == "private, no-store"  # core.office.download


def test_filtered_export_holds_only_the_filtered_rows(client, plan):
    login(client, plan, UserRole.Kind.OBSERVER)
    response = client.get(
        reverse("documents:plan_export", args=[plan.pk, "docx"]), {"period": "2023-Q4"}
    )
    document = read_plan(response.content, "export.docx")
    numbers = [a.number for a in document.activities]
    # Activities whose dates meet October–December 2023.
    assert numbers == [
        "2.1",
        "2.2",
        "2.3",
        "2.4",
        "2.5",
        "2.6",
        "2.7",
        "2.8",
        "2.9",
        "2.10",
        "2.11",
        "2.12",
        "2.13",
        "3.2",
        "3.3",
    ]
    import docx

    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "Отбор: IV квартал 2023" in text


def test_export_of_another_cluster_is_404_and_unknown_format_too(client, plan):
    client.force_login(user_with_role(ClusterFactory(), UserRole.Kind.COORDINATOR))
    assert client.get(reverse("documents:plan_export", args=[plan.pk, "docx"])).status_code == 404
    login(client, plan, UserRole.Kind.OBSERVER)
    assert client.get(f"/plans/{plan.pk}/export.exe").status_code == 404
