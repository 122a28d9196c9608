from django.conf import settings
from django.db import models
from django.utils import timezone

from core.files import random_name
from core.models import StoredFile, stored_file_path
from council.models.council import Council, CouncilMember
from orgs.models import Person
from plans.models import Activity, Objective

SCANS = "council/scans"


def scan_path(instance: "Meeting", filename: str) -> str:
    return random_name(SCANS, filename)


# Named by migration 0001; materials are now named by the evidence core (core.models.StoredFile).
material_path = stored_file_path


class Meeting(models.Model):
    """A meeting of the council (заседание): when, where, how, and its protocol's state.

    planned → held (the secretary confirms it took place with a quorum) → closed (the signed
    protocol's scan is attached). A closed meeting is the record: no service changes it any more.
    Numbers run within a calendar year («Протокол № 3» of 2023).
    """

    UPLOAD_ROOT = SCANS  # the folder of protocol scans, for `manage.py files_cleanup`

    class Format(models.TextChoices):
        IN_PERSON = "in_person", "очное"
        ONLINE = "online", "дистанционное (видеоконференция)"
        CORRESPONDENCE = "correspondence", "заочное (опросным порядком)"

    class Status(models.TextChoices):
        PLANNED = "planned", "запланировано"
        HELD = "held", "состоялось"
        CLOSED = "closed", "протокол подписан"

    HELD_STATUSES = (Status.HELD, Status.CLOSED)

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="meetings")
    number = models.PositiveIntegerField("номер протокола")
    year = models.PositiveSmallIntegerField("год", editable=False)
    starts_at = models.DateTimeField("дата и время")
    duration_minutes = models.PositiveSmallIntegerField("продолжительность, мин", default=120)
    format = models.CharField(
        "форма проведения", max_length=20, choices=Format.choices, default=Format.IN_PERSON
    )
    place = models.CharField("место проведения", max_length=300, blank=True)
    link = models.URLField("ссылка на видеоконференцию", max_length=500, blank=True)
    invited_text = models.TextField(
        "приглашённые", blank=True, help_text="По одному на строку: ФИО, должность, организация."
    )
    chair = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="председательствующий",
    )
    secretary = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="секретарь",
    )
    status = models.CharField(
        "состояние", max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    control_objective = models.ForeignKey(
        Objective,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        help_text="Раздел плана поручений «Протокол № N от …», куда записаны поручения заседания.",
    )
    invitations_sent_at = models.DateTimeField("приглашения разосланы", null=True, blank=True)
    held_at = models.DateTimeField("отмечено как состоявшееся", null=True, blank=True)
    scan = models.FileField(
        "скан подписанного протокола", upload_to=scan_path, blank=True, max_length=300
    )
    scan_name = models.CharField("имя файла скана", max_length=255, blank=True)
    scan_content_type = models.CharField(max_length=100, blank=True)
    closed_at = models.DateTimeField("закрыто", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "заседание совета"
        verbose_name_plural = "заседания совета"
        ordering = ["-starts_at", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "year", "number"], name="meeting_unique_number_per_year"
            )
        ]
        indexes = [models.Index(fields=["council", "starts_at"], name="meeting_council_date")]

    def __str__(self) -> str:
        return f"Заседание № {self.number} от {self.local_date:%d.%m.%Y}"

    @property
    def local_date(self):
        return timezone.localtime(self.starts_at).date()

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    @property
    def is_held(self) -> bool:
        return self.status in self.HELD_STATUSES


class AgendaItem(models.Model):
    """An item of the agenda (вопрос повестки дня), and what the protocol says about it:
    «СЛУШАЛИ» (`heard`), «ВЫСТУПИЛИ» (`spoke`); the decisions («РЕШИЛИ») are Decision rows."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField("номер вопроса")
    title = models.TextField("вопрос")
    speaker = models.CharField(
        "докладчик", max_length=300, blank=True, help_text="ФИО, должность, организация."
    )
    activities = models.ManyToManyField(
        Activity,
        blank=True,
        related_name="council_agenda_items",
        verbose_name="мероприятия плана",
    )
    heard = models.TextField("СЛУШАЛИ", blank=True)
    spoke = models.TextField("ВЫСТУПИЛИ", blank=True)

    class Meta:
        verbose_name = "вопрос повестки"
        verbose_name_plural = "вопросы повестки"
        ordering = ["meeting", "position"]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class AgendaMaterial(StoredFile):
    """A file for an agenda item (a report, a presentation as PDF, a draft). Checked by content and
    size before it is stored under a random name; served only through an access-checked view."""

    UPLOAD_ROOT = "council/materials"

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="materials")

    class Meta:
        verbose_name = "материал к вопросу"
        verbose_name_plural = "материалы к вопросам"
        ordering = ["item", "added_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(file=""), name="agenda_material_has_file")
        ]

    def __str__(self) -> str:
        return self.original_name


class Attendance(models.Model):
    """One member at one meeting: the answer to the invitation and who actually came.

    `response` is what the member said before the meeting (a signed e-mail link or the page);
    `presence` is what the secretary marks at the meeting. A substitute who came counts as present.
    """

    class Response(models.TextChoices):
        UNKNOWN = "unknown", "нет ответа"
        YES = "yes", "будет"
        NO = "no", "не сможет"
        SUBSTITUTE = "substitute", "направит замещающего"

    class Presence(models.TextChoices):
        UNMARKED = "unmarked", "не отмечено"
        PRESENT = "present", "присутствует"
        SUBSTITUTE = "substitute", "присутствует замещающий"
        ABSENT = "absent", "отсутствует"

    COUNTED = (Presence.PRESENT, Presence.SUBSTITUTE)

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    member = models.ForeignKey(CouncilMember, on_delete=models.CASCADE, related_name="attendances")
    response = models.CharField(
        "ответ на приглашение", max_length=20, choices=Response.choices, default=Response.UNKNOWN
    )
    responded_at = models.DateTimeField("ответил", null=True, blank=True)
    invited_at = models.DateTimeField("приглашение отправлено", null=True, blank=True)
    presence = models.CharField(
        "присутствие", max_length=20, choices=Presence.choices, default=Presence.UNMARKED
    )
    substitute = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="замещающий",
    )

    class Meta:
        verbose_name = "участие в заседании"
        verbose_name_plural = "участие в заседаниях"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_unique_member")
        ]

    def __str__(self) -> str:
        return f"{self.member.person} — {self.get_presence_display()}"

    @property
    def is_present(self) -> bool:
        return self.presence in self.COUNTED
