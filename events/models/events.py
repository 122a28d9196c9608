from django.conf import settings
from django.db import models
from django.db.models import Q

from core.models import EvidenceItem, file_or_link, stored_file_path
from events.models.kinds import EventKind
from events.text import grade_span
from orgs.models import Cluster, Organization
from plans.models import Activity

MAX_CAPACITY = 10_000


class Event(models.Model):
    """An event with participants: a game program, a professional trial, a road-safety school…

    One shape for every such activity of the plan: the event (kind, host, partners, audience,
    profession, place) → its time slots with places → groups registered by schools → what happened
    (attendance, participants by category, results) → evidence → indicators of the linked plan
    activity. Only an event marked `is_public` and not cancelled shows in the open calendar.
    """

    class Status(models.TextChoices):
        PLANNED = "planned", "запланировано"
        OPEN = "open", "идёт запись"
        HELD = "held", "проведено"
        CANCELLED = "cancelled", "отменено"

    class Audience(models.TextChoices):
        SCHOOLCHILDREN = "schoolchildren", "школьники"
        STUDENTS = "students", "студенты"
        PARENTS = "parents", "родители"
        ADULTS = "adults", "взрослые"

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="events")
    kind = models.ForeignKey(
        EventKind, on_delete=models.PROTECT, related_name="events", verbose_name="вид"
    )
    title = models.CharField("название", max_length=300)
    host = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="hosted_events",
        verbose_name="организатор",
    )
    partners = models.ManyToManyField(
        Organization, blank=True, related_name="partner_events", verbose_name="партнёры"
    )
    activity = models.ForeignKey(
        Activity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name="мероприятие плана",
    )
    professional_class = models.ForeignKey(
        "events.ProfessionalClass",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name="профессиональный класс",
    )
    place = models.CharField("место проведения", max_length=300, blank=True)
    online_url = models.URLField("ссылка для участия онлайн", max_length=500, blank=True)
    audience = models.CharField(
        "аудитория", max_length=20, choices=Audience.choices, default=Audience.SCHOOLCHILDREN
    )
    grade_min = models.PositiveSmallIntegerField("с класса", null=True, blank=True)
    grade_max = models.PositiveSmallIntegerField("по класс", null=True, blank=True)
    profession = models.CharField("профессия или специальность", max_length=200, blank=True)
    municipality = models.CharField("муниципалитет", max_length=200, blank=True)
    description = models.TextField("описание", blank=True)
    status = models.CharField(
        "состояние", max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    is_public = models.BooleanField(
        "в открытом календаре",
        default=True,
        help_text="Показывать мероприятие в календаре для школ (без входа в систему).",
    )
    results = models.TextField("итоги", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "мероприятие для участников"
        verbose_name_plural = "мероприятия для участников"
        ordering = ["cluster", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(grade_min__isnull=True) | Q(grade_min__gte=1, grade_min__lte=11))
                & (Q(grade_max__isnull=True) | Q(grade_max__gte=1, grade_max__lte=11)),
                name="event_grades_1_to_11",
            ),
            models.CheckConstraint(
                condition=Q(grade_min__isnull=True)
                | Q(grade_max__isnull=True)
                | Q(grade_min__lte=models.F("grade_max")),
                name="event_grade_min_le_max",
            ),
        ]
        indexes = [models.Index(fields=["cluster", "status"], name="event_cluster_status")]

    def __str__(self) -> str:
        return self.title

    @property
    def grades(self) -> str:
        return grade_span(self.grade_min, self.grade_max)

    @property
    def audience_label(self) -> str:
        if self.audience == self.Audience.SCHOOLCHILDREN and self.grades:
            return f"школьники, {self.grades}"
        return self.get_audience_display()

    @property
    def accepts_registrations(self) -> bool:
        return self.status == self.Status.OPEN


class TimeSlot(models.Model):
    """One session of an event: when it starts and ends, and how many pupils it takes.

    `capacity` counts people (pupils of all groups together); empty means no limit. Groups beyond
    the capacity wait in a list and move up, in the order they came, when places free up.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField("начало")
    ends_at = models.DateTimeField("окончание")
    capacity = models.PositiveIntegerField("мест", null=True, blank=True)

    class Meta:
        verbose_name = "время проведения"
        verbose_name_plural = "время проведения"
        ordering = ["event", "starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="slot_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1, capacity__lte=MAX_CAPACITY),
                name="slot_capacity_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} — {self.starts_at:%d.%m.%Y %H:%M}"


class ParticipantTally(models.Model):
    """Participants of a held event counted by category, besides the registered school groups
    (whose attendance is marked on the groups): students, parents, teachers, employers…"""

    class Category(models.TextChoices):
        SCHOOLCHILDREN = "schoolchildren", "школьники (без заявки)"
        STUDENTS = "students", "студенты"
        PARENTS = "parents", "родители"
        TEACHERS = "teachers", "педагоги"
        EMPLOYERS = "employers", "представители работодателей"
        OTHER = "other", "другие участники"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="tallies")
    category = models.CharField("категория", max_length=20, choices=Category.choices)
    count = models.PositiveIntegerField("человек")

    class Meta:
        verbose_name = "участники по категории"
        verbose_name_plural = "участники по категориям"
        ordering = ["event", "category"]
        constraints = [
            models.UniqueConstraint(fields=["event", "category"], name="tally_unique_category"),
            models.CheckConstraint(condition=Q(count__lte=MAX_CAPACITY), name="tally_count_range"),
        ]

    def __str__(self) -> str:
        return f"{self.event}: {self.get_category_display()} — {self.count}"


# Named by migration 0001; files are now named by the evidence core (core.models.StoredFile).
event_evidence_path = stored_file_path


class EventEvidence(EvidenceItem):
    """Proof that an event took place: a photo or document (checked by content, served only
    through an access-checked view) or a link to a publication about it. Files live under
    events/<event>/ in the file storage."""

    UPLOAD_ROOT = "events"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="evidence")

    class Meta:
        verbose_name = "подтверждение мероприятия"
        verbose_name_plural = "подтверждения мероприятий"
        ordering = ["event", "added_at", "pk"]
        constraints = [file_or_link("event_evidence_file_or_link")]

    def upload_folder(self) -> str:
        return f"{self.UPLOAD_ROOT}/{self.event_id}"
