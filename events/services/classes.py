"""The register of professional classes."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import transaction

from events.models import MAX_GROUP, ProfessionalClass
from events.services.registrations import registration_key
from events.text import clean_line
from orgs.models import Cluster, Organization
from plans.models import Activity

YEAR = re.compile(r"^(\d{4})\s*[-–—/]\s*(\d{4})$")
FIELDS = (
    "school_name",
    "municipality",
    "grade",
    "academic_year",
    "college",
    "enterprise",
    "profile",
    "pupils",
    "sessions_planned",
    "activity",
)


def academic_year(text: str) -> str:
    """«2023-2024» (also written «2023–2024», «2023/2024»); the years must follow each other."""
    match = YEAR.match((text or "").strip())
    if not match or int(match[2]) != int(match[1]) + 1:
        raise ValidationError({"academic_year": "Учебный год — в виде 2023-2024."})
    return f"{match[1]}-{match[2]}"


def _apply(item: ProfessionalClass, fields: dict) -> ProfessionalClass:
    for name, value in fields.items():
        setattr(item, name, value)
    cluster: Cluster = item.cluster
    errors = {}
    members = set(
        Organization.objects.filter(memberships__cluster=cluster).values_list("pk", flat=True)
    )
    if item.college_id not in members:
        errors["college"] = "Колледж-партнёр должен входить в кластер."
    if item.enterprise_id is not None and item.enterprise_id not in members:
        errors["enterprise"] = "Предприятие-партнёр должно входить в кластер."
    activity: Activity | None = item.activity
    if activity is not None and activity.plan.cluster_id != cluster.pk:
        errors["activity"] = "Это мероприятие плана относится к другому кластеру."
    if not 1 <= (item.grade or 0) <= 11:
        errors["grade"] = "Класс — от 1 до 11."
    if not 1 <= (item.pupils or 0) <= MAX_GROUP:
        errors["pupils"] = f"Учеников — от 1 до {MAX_GROUP}."
    if not 0 <= (item.sessions_planned or 0) <= 500:
        errors["sessions_planned"] = "Занятий — от 0 до 500."
    if errors:
        raise ValidationError(errors)
    item.school_name = clean_line(item.school_name, 300)
    item.municipality = clean_line(item.municipality, 200)
    item.profile = clean_line(item.profile, 200)
    item.academic_year = academic_year(item.academic_year)
    item.school_key = registration_key(school_name=item.school_name, municipality=item.municipality)
    duplicate = ProfessionalClass.objects.filter(
        cluster=cluster,
        school_key=item.school_key,
        grade=item.grade,
        academic_year=item.academic_year,
        profile=item.profile,
    ).exclude(pk=item.pk)
    if duplicate.exists():
        raise ValidationError("Такой профессиональный класс уже есть в реестре.")
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def professional_class_create(*, cluster: Cluster, actor, **fields) -> ProfessionalClass:
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValidationError(f"Неизвестные поля: {', '.join(sorted(unknown))}.")
    return _apply(ProfessionalClass(cluster=cluster, created_by=actor), fields)


@transaction.atomic
def professional_class_update(*, item: ProfessionalClass, actor, **fields) -> ProfessionalClass:
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValidationError(f"Неизвестные поля: {', '.join(sorted(unknown))}.")
    return _apply(item, fields)
