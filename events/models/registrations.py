import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from events.models.events import Event, TimeSlot

MAX_GROUP = 300


class GroupRegistration(models.Model):
    """A group of pupils a school brings to one time slot — counted, never named (152-ФЗ).

    The school gives its name, municipality, the grade and how many pupils come; the only person
    named is the accompanying teacher (an adult, with consent), so the host can reach them. There
    is deliberately no free-text field a teacher could fill with pupils' names. `token` is the
    school's own link to see the status and cancel. Pending and confirmed groups hold places;
    a group that does not fit waits in the list and moves up when places free up.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "ждёт подтверждения"
        CONFIRMED = "confirmed", "подтверждена"
        WAITLISTED = "waitlisted", "в листе ожидания"
        DECLINED = "declined", "отклонена"
        CANCELLED = "cancelled", "отменена"

    class Source(models.TextChoices):
        PUBLIC = "public", "заявка из календаря"
        BULK = "bulk", "загрузка списка"
        MANUAL = "manual", "внесена организатором"

    HOLDING = (Status.PENDING, Status.CONFIRMED)
    CLOSED = (Status.DECLINED, Status.CANCELLED)

    slot = models.ForeignKey(TimeSlot, on_delete=models.CASCADE, related_name="registrations")
    school_name = models.CharField("школа", max_length=300)
    school_key = models.CharField(max_length=300, editable=False, db_index=True)
    municipality = models.CharField("муниципалитет", max_length=200)
    grade = models.PositiveSmallIntegerField("класс", null=True, blank=True)
    pupils = models.PositiveSmallIntegerField("учеников в группе")
    teacher_name = models.CharField("сопровождающий педагог", max_length=200, blank=True)
    teacher_email = models.EmailField("e-mail педагога", blank=True)
    teacher_phone = models.CharField("телефон педагога", max_length=30, blank=True)
    consent = models.BooleanField("согласие педагога на обработку его данных", default=False)
    status = models.CharField(
        "состояние", max_length=20, choices=Status.choices, default=Status.PENDING
    )
    source = models.CharField("откуда", max_length=10, choices=Source.choices)
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    attended = models.PositiveSmallIntegerField("пришло", null=True, blank=True)
    decline_reason = models.CharField("причина отказа", max_length=500, blank=True)
    reminder_sent_at = models.DateTimeField("напоминание отправлено", null=True, blank=True)
    contact_erased_at = models.DateTimeField("данные педагога удалены", null=True, blank=True)
    created_at = models.DateTimeField("подана", auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "заявка группы"
        verbose_name_plural = "заявки групп"
        ordering = ["slot", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(pupils__gte=1, pupils__lte=MAX_GROUP), name="registration_pupils_range"
            ),
            models.CheckConstraint(
                condition=Q(grade__isnull=True) | Q(grade__gte=1, grade__lte=11),
                name="registration_grade_1_to_11",
            ),
            models.CheckConstraint(
                condition=Q(attended__isnull=True) | Q(attended__lte=MAX_GROUP),
                name="registration_attended_range",
            ),
            models.CheckConstraint(condition=Q(consent=True), name="registration_has_consent"),
        ]
        indexes = [models.Index(fields=["slot", "status"], name="registration_slot_status")]

    def __str__(self) -> str:
        grade = f", {self.grade} класс" if self.grade else ""
        return f"{self.school_name}{grade} — {self.pupils} уч."

    @property
    def holds_places(self) -> bool:
        return self.status in self.HOLDING


class Competitor(models.Model):
    """A participant recorded by name where a name is truly needed (a championship competitor).

    Only the minimum is kept: the name, the organization and the result, with the person's consent.
    An administrator may erase the person (`competitor_erase`): the name and organization are
    blanked, the row stays, so the event's counts do not change.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="competitors")
    full_name = models.CharField("ФИО участника", max_length=200, blank=True)
    organization_name = models.CharField("организация", max_length=300, blank=True)
    result = models.CharField("результат", max_length=200, blank=True)
    consent = models.BooleanField("согласие на обработку персональных данных", default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    erased_at = models.DateTimeField("данные удалены", null=True, blank=True)

    class Meta:
        verbose_name = "участник (поимённо)"
        verbose_name_plural = "участники (поимённо)"
        ordering = ["event", "added_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(consent=True), name="competitor_has_consent"),
            models.CheckConstraint(
                condition=~Q(full_name="") | Q(erased_at__isnull=False),
                name="competitor_named_unless_erased",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or "участник (данные удалены)"
