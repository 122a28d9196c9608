"""Keys a person uses outside the browser: API tokens and the private calendar link.

Only a SHA-256 hash of a key is stored, with a short visible prefix so its owner can tell keys apart;
the key itself is shown once, when it is made. A leaked database therefore gives no working key.
The calendar key is separate from API tokens: a calendar URL pasted into a phone or a shared
calendar grants nothing but reading the ICS feeds of what its owner may see.
"""

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    """A personal key for the REST API (`Authorization: Bearer <key>`), acting as its owner."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name="владелец",
    )
    name = models.CharField(
        "название", max_length=100, help_text="Для чего ключ: «Отчёты в 1С», «Скрипт выгрузки»."
    )
    prefix = models.CharField("начало ключа", max_length=16, editable=False)
    key_hash = models.CharField("хеш ключа (SHA-256)", max_length=64, editable=False)
    created_at = models.DateTimeField("создан", auto_now_add=True)
    last_used_at = models.DateTimeField("последнее использование", null=True, blank=True)
    revoked_at = models.DateTimeField("отозван", null=True, blank=True)

    class Meta:
        verbose_name = "ключ API"
        verbose_name_plural = "ключи API"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["key_hash"], name="api_token_unique_key_hash"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class CalendarToken(models.Model):
    """The key in a user's private calendar (ICS) links; one active key per user.

    Resetting it revokes the old key, so every link made with it stops working at once.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_tokens",
        verbose_name="владелец",
    )
    prefix = models.CharField("начало ключа", max_length=16, editable=False)
    key_hash = models.CharField("хеш ключа (SHA-256)", max_length=64, editable=False)
    created_at = models.DateTimeField("создан", auto_now_add=True)
    revoked_at = models.DateTimeField("отозван", null=True, blank=True)

    class Meta:
        verbose_name = "ключ календаря"
        verbose_name_plural = "ключи календаря"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["key_hash"], name="calendar_token_unique_key_hash"),
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(revoked_at__isnull=True),
                name="calendar_token_one_active_per_user",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
