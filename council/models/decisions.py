from django.conf import settings
from django.db import models
from django.db.models import Q

from council.models.meetings import AgendaItem, Meeting
from orgs.models import Organization
from plans.models import Activity


class Decision(models.Model):
    """A decision on an agenda item («РЕШИЛИ: 2.1. …»).

    Information only («принять к сведению»), put to a vote (adopted when «за» is more than half of
    those present), or giving assignments (поручения, with or without a recorded vote). Nothing is
    recorded without a quorum.
    """

    class Kind(models.TextChoices):
        INFO = "info", "принять к сведению"
        VOTE = "vote", "решение голосованием"
        ASSIGNMENTS = "assignments", "поручения"

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="decisions")
    position = models.PositiveSmallIntegerField("номер решения в вопросе")
    kind = models.CharField("вид", max_length=20, choices=Kind.choices)
    text = models.TextField("решение")
    votes_for = models.PositiveSmallIntegerField("за", null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField("против", null=True, blank=True)
    votes_abstained = models.PositiveSmallIntegerField("воздержались", null=True, blank=True)
    adopted = models.BooleanField("принято", default=True)
    present_count = models.PositiveSmallIntegerField(
        "присутствовало при принятии", default=0, editable=False
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "решение"
        verbose_name_plural = "решения"
        ordering = ["item", "position"]
        constraints = [
            models.UniqueConstraint(fields=["item", "position"], name="decision_unique_position"),
            models.CheckConstraint(
                condition=(
                    Q(votes_for__isnull=True)
                    & Q(votes_against__isnull=True)
                    & Q(votes_abstained__isnull=True)
                )
                | (
                    Q(votes_for__isnull=False)
                    & Q(votes_against__isnull=False)
                    & Q(votes_abstained__isnull=False)
                ),
                name="decision_votes_all_or_none",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:80]}"

    @property
    def number(self) -> str:
        """«2.1»: the item's number and the decision's within it."""
        return f"{self.item.position}.{self.position}"

    @property
    def has_votes(self) -> bool:
        return self.votes_for is not None


class Assignment(models.Model):
    """An assignment (поручение) given by a decision, kept under control as a plan activity.

    `activity` is the activity the organizations report on: an activity of the cluster's plan of
    assignments («Поручения Координационного совета на 2023-2024», one section per protocol) or,
    when the council added it to the plan, a new activity of the work plan. Either way obligations,
    reports, review, reminders and to-do lists treat it like any plan activity. Taking it off
    control removes that activity in a new plan edition (its reports stay) and records who, when
    and why here.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="assignments")
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="assignments")
    number = models.PositiveSmallIntegerField("номер поручения в протоколе")
    text = models.TextField("поручение")
    lead = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name="ответственный"
    )
    co_executors = models.ManyToManyField(
        Organization, blank=True, related_name="+", verbose_name="соисполнители"
    )
    deadline_text = models.CharField("срок (как в протоколе)", max_length=300)
    due_date = models.DateField("срок — дата", null=True, blank=True)
    activity = models.OneToOneField(
        Activity,
        on_delete=models.PROTECT,
        related_name="council_assignment",
        verbose_name="мероприятие на контроле",
    )
    in_work_plan = models.BooleanField("включено в план работы", default=False)
    linked_activity = models.ForeignKey(
        Activity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="council_links",
        verbose_name="связано с мероприятием плана",
    )
    removed_at = models.DateTimeField("снято с контроля", null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    removal_note = models.TextField("основание снятия с контроля", blank=True)

    class Meta:
        verbose_name = "поручение"
        verbose_name_plural = "поручения"
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="assignment_unique_number")
        ]

    def __str__(self) -> str:
        return f"Поручение {self.meeting.number}.{self.number}: {self.text[:80]}"

    @property
    def on_control(self) -> bool:
        return self.removed_at is None
