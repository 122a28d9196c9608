"""Keys a person uses outside the browser (API tokens, the private calendar link), and the abstract
bases of stored files and evidence that reporting, events and council share.

Only a SHA-256 hash of a key is stored, with a short visible prefix so its owner can tell keys apart;
the key itself is shown once, when it is made. A leaked database therefore gives no working key.
The calendar key is separate from API tokens: a calendar URL pasted into a phone or a shared
calendar grants nothing but reading the ICS feeds of what its owner may see.
"""

from typing import ClassVar

from django.conf import settings
from django.db import models

from core.files import random_name


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


def stored_file_path(instance: "StoredFile", filename: str) -> str:
    """`<the model's folder>/<random>.<ext>`: nothing the user typed becomes part of a path."""
    return random_name(instance.upload_folder(), filename)


class StoredFile(models.Model):
    """A file someone uploaded, kept under a random name, with what they called it and what it is.

    Write it with `core.files.store_on_commit` inside a service wrapped in
    `core.files.atomic_with_files`, serve it with `core.files.stored_file_response`; a concrete
    model names its top folder in `UPLOAD_ROOT` (`manage.py files_cleanup` looks there).
    """

    UPLOAD_ROOT: ClassVar[str] = ""

    file = models.FileField("файл", upload_to=stored_file_path, blank=True, max_length=300)
    original_name = models.CharField("имя файла", max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField("размер, байт", default=0)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def upload_folder(self) -> str:
        """The folder of this row's file, under UPLOAD_ROOT."""
        return self.UPLOAD_ROOT

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class EvidenceItem(StoredFile):
    """Proof of something done: a stored file or a link to a publication (a site, a social network
    post, a media article). A concrete model adds what it proves (a report, an event) and the
    check constraint that a row is one or the other."""

    class Kind(models.TextChoices):
        FILE = "file", "файл"
        LINK = "link", "ссылка на публикацию"

    kind = models.CharField("вид", max_length=10, choices=Kind.choices)
    url = models.URLField("адрес публикации", max_length=1000, blank=True)
    title = models.CharField("подпись", max_length=300, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.kind == self.Kind.FILE:
            return self.title or self.original_name or "файл"
        return self.title or self.url


def file_or_link(name: str) -> models.CheckConstraint:
    """The constraint every evidence table has: a file row names a file, a link row a URL."""
    return models.CheckConstraint(
        condition=(models.Q(kind="file") & ~models.Q(file=""))
        | (models.Q(kind="link") & ~models.Q(url="")),
        name=name,
    )
