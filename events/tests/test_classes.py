"""The register of professional classes and their joint sessions."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from events.models import ProfessionalClass
from events.services import attendance_mark, professional_class_create, professional_class_update
from events.tests.factories import make_event, register, world

pytestmark = pytest.mark.django_db


def data(w, **changes):
    values = {
        "school_name": "МАОУ СОШ № 5",
        "municipality": "г. Томск",
        "grade": 9,
        "academic_year": "2023–2024",
        "college": w["college"],
        "enterprise": w["enterprise"],
        "profile": "Железнодорожный транспорт",
        "pupils": 25,
        "sessions_planned": 8,
    }
    values.update(changes)
    return values


def test_a_class_counts_its_held_sessions(client):
    w = world()
    item = professional_class_create(cluster=w["cluster"], actor=None, **data(w))
    assert item.academic_year == "2023-2024"
    held = make_event(
        cluster=w["cluster"], host=w["college"], kind_code="prof_class", professional_class=item
    )
    make_event(
        cluster=w["cluster"], host=w["college"], kind_code="prof_class", professional_class=item
    )
    registration = register(held.slots.get())
    attendance_mark(
        event=held, counts={registration.pk: 9}, actor=None, now=held.slots.get().ends_at
    )
    client.force_login(w["observer"])
    page = client.get(reverse("events:professional_classes", args=[w["cluster"].slug]))
    assert page.context["classes"][0].sessions_held == 1
    assert "8 / 1" in page.content.decode()
    detail = client.get(reverse("events:professional_class_detail", args=[item.pk]))
    assert "запланировано 8, проведено 1" in detail.content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"academic_year": "2023"}, "academic_year", "Учебный год — в виде 2023-2024."),
        ({"academic_year": "2023-2025"}, "academic_year", "Учебный год — в виде 2023-2024."),
        ({"grade": 12}, "grade", "Класс — от 1 до 11."),
        ({"pupils": 0}, "pupils", "Учеников — от 1 до 300."),
        ({"pupils": 5000}, "pupils", "Учеников — от 1 до 300."),
        ({"sessions_planned": 9999}, "sessions_planned", "Занятий — от 0 до 500."),
    ],
)
def test_bad_classes_are_refused(changes, field, message):
    w = world()
    with pytest.raises(ValidationError) as error:
        professional_class_create(cluster=w["cluster"], actor=None, **data(w, **changes))
    assert error.value.message_dict[field] == [message]
    assert not ProfessionalClass.objects.exists()


def test_the_same_class_twice_and_a_stranger_college_are_refused():
    w = world()
    professional_class_create(cluster=w["cluster"], actor=None, **data(w))
    with pytest.raises(ValidationError, match="уже есть в реестре"):
        professional_class_create(
            cluster=w["cluster"], actor=None, **data(w, school_name="маоу «СОШ №5»")
        )
    with pytest.raises(ValidationError) as error:
        professional_class_create(
            cluster=w["cluster"], actor=None, **data(w, college=world()["college"])
        )
    assert "должен входить в кластер" in error.value.message_dict["college"][0]
    item = ProfessionalClass.objects.get()
    professional_class_update(item=item, actor=None, pupils=27)
    item.refresh_from_db()
    assert item.pupils == 27


def test_pages_let_a_college_keep_its_own_classes_only(client):
    w = world()
    slug = w["cluster"].slug
    form = {
        "school_name": "МАОУ СОШ № 5",
        "municipality": "г. Томск",
        "grade": 9,
        "academic_year": "2023-2024",
        "college": w["college"].pk,
        "enterprise": w["enterprise"].pk,
        "profile": "Транспорт",
        "pupils": 25,
        "sessions_planned": 8,
    }
    client.force_login(w["observer"])
    assert client.get(reverse("events:professional_class_create", args=[slug])).status_code == 403
    client.force_login(w["other_representative"])
    response = client.post(reverse("events:professional_class_create", args=[slug]), form)
    assert response.status_code == 400
    assert "вы ведёте классы только своей организации" in response.content.decode()
    client.force_login(w["representative"])
    response = client.post(
        reverse("events:professional_class_create", args=[slug]), {**form, "pupils": -1}
    )
    assert response.status_code == 400 and "Учеников — от 1 до 300." in response.content.decode()
    response = client.post(reverse("events:professional_class_create", args=[slug]), form)
    item = ProfessionalClass.objects.get()
    assert response["Location"] == reverse("events:professional_class_detail", args=[item.pk])
    client.force_login(w["other_representative"])
    assert client.get(reverse("events:professional_class_edit", args=[item.pk])).status_code == 403
