"""Uploaded plan documents waiting for a coordinator's confirmation.

The file itself is kept (not its parsed form) so the preview, the executor mapping and the final save
all read the very same bytes; a confirmed or abandoned upload is deleted.
"""

from django.conf import settings
from django.db import models

from orgs.models import Cluster


class PlanUpload(models.Model):
    """A plan document uploaded for import, previewed before anything is saved."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="plan_uploads")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plan_uploads"
    )
    plan = models.ForeignKey(
        "plans.Plan",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="uploads",
        help_text="Заполнено, если загружена новая редакция существующего плана.",
    )
    note = models.TextField("основание изменений", blank=True)
    filename = models.CharField("файл", max_length=255)
    content = models.BinaryField()
    year_label = models.CharField("год плана", max_length=20, blank=True)
    choices = models.JSONField(
        "выбор при проверке",
        default=dict,
        blank=True,
        help_text="Роли столбцов и «это раздел / мероприятие» по строкам, выбранные при проверке.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "загруженный документ плана"
        verbose_name_plural = "загруженные документы планов"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename


class PlanReadingChoices(models.Model):
    """How a person corrected the reading of a plan's document (column roles, section rows), kept
    so the next edition of the same plan is read the same way without asking again."""

    plan = models.OneToOneField(
        "plans.Plan", on_delete=models.CASCADE, related_name="reading_choices"
    )
    choices = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "выбор при чтении документа плана"
        verbose_name_plural = "выбор при чтении документов планов"

    def __str__(self) -> str:
        return f"Чтение документа: {self.plan}"
