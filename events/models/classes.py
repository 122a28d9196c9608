from django.conf import settings
from django.db import models
from django.db.models import Q

from events.models.registrations import MAX_GROUP
from orgs.models import Cluster, Organization
from plans.models import Activity


class ProfessionalClass(models.Model):
    """A professional class (профкласс) at a school, run with a partner college and enterprise.

    The register keeps the school, grade, academic year, profile and number of pupils (never their
    names) and how many joint sessions are planned; the sessions themselves are events linked to
    the class, so «held» is counted from what really took place.
    """

    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="professional_classes"
    )
    school_name = models.CharField("школа", max_length=300)
    school_key = models.CharField(max_length=300, editable=False)
    municipality = models.CharField("муниципалитет", max_length=200)
    grade = models.PositiveSmallIntegerField("класс")
    academic_year = models.CharField("учебный год", max_length=9, help_text="Например, 2023-2024.")
    college = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="professional_classes",
        verbose_name="колледж-партнёр",
    )
    enterprise = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sponsored_classes",
        verbose_name="предприятие-партнёр",
    )
    profile = models.CharField("профиль (профессия)", max_length=200)
    pupils = models.PositiveSmallIntegerField("учеников")
    sessions_planned = models.PositiveSmallIntegerField(
        "совместных занятий запланировано", default=0
    )
    activity = models.ForeignKey(
        Activity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="professional_classes",
        verbose_name="мероприятие плана",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "профессиональный класс"
        verbose_name_plural = "профессиональные классы"
        ordering = ["cluster", "-academic_year", "municipality", "school_name", "grade"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "school_key", "grade", "academic_year", "profile"],
                name="professional_class_unique",
            ),
            models.CheckConstraint(
                condition=Q(grade__gte=1, grade__lte=11), name="professional_class_grade"
            ),
            models.CheckConstraint(
                condition=Q(pupils__gte=1, pupils__lte=MAX_GROUP),
                name="professional_class_pupils_range",
            ),
            models.CheckConstraint(
                condition=Q(sessions_planned__lte=500), name="professional_class_sessions_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school_name}, {self.grade} класс, {self.profile} ({self.academic_year})"
