from django.conf import settings
from django.db import models

from orgs.models import Organization
from plans.models import Obligation, Plan, PlanEdition
from reporting.models.periods import ReportingPeriod


class DeadlineChangeRequest(models.Model):
    """An executor asks to move an activity's deadline, with a reason; the coordinator decides.

    An approval rewrites the activity's deadline phrase through plans' services, which makes a new
    plan edition; the edition is linked here so the decision and the plan change stay together.
    """

    class State(models.TextChoices):
        PENDING = "pending", "на рассмотрении"
        APPROVED = "approved", "одобрен"
        REFUSED = "refused", "отклонён"

    obligation = models.ForeignKey(
        Obligation, on_delete=models.CASCADE, related_name="deadline_requests"
    )
    current_deadline_text = models.CharField("срок сейчас", max_length=500)
    proposed_deadline_text = models.CharField("новый срок", max_length=500)
    reason = models.TextField("обоснование")
    state = models.CharField(max_length=20, choices=State.choices, default=State.PENDING)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_comment = models.TextField("комментарий координатора", blank=True)
    edition = models.ForeignKey(
        PlanEdition, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "запрос на перенос срока"
        verbose_name_plural = "запросы на перенос срока"
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["obligation"],
                condition=models.Q(state="pending"),
                name="deadline_request_one_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.obligation}: «{self.proposed_deadline_text}»"


class SentReminder(models.Model):
    """A reminder or digest e-mail that went out; the unique key makes every run safe to repeat.

    `key` names what the e-mail was about: «period:12:org:5» for a period reminder, «week:2024-01-15»
    for a weekly digest.
    """

    class Kind(models.TextChoices):
        BEFORE = "before", "скоро срок отчёта"
        DUE = "due", "срок отчёта сегодня"
        HEAD = "head", "отчёт просрочен — руководителю"
        COORDINATOR = "coordinator", "отчёт просрочен — координатору"
        DIGEST = "digest", "еженедельная сводка"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    key = models.CharField(max_length=100)
    recipient = models.EmailField()
    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "отправленное напоминание"
        verbose_name_plural = "отправленные напоминания"
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "key", "recipient"], name="sent_reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient}"


class NotificationPreference(models.Model):
    """What a user wants by e-mail. A user without a row gets every kind (the defaults)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    report_reminders = models.BooleanField(
        "напоминания о сроках отчётов моей организации", default=True
    )
    overdue_escalations = models.BooleanField(
        "сообщения о просроченных отчётах (для координатора)", default=True
    )
    review_results = models.BooleanField("решения по моим отчётам", default=True)
    weekly_digest = models.BooleanField("еженедельная сводка (для координатора)", default=True)

    FIELDS = ("report_reminders", "overdue_escalations", "review_results", "weekly_digest")

    class Meta:
        verbose_name = "настройки уведомлений"
        verbose_name_plural = "настройки уведомлений"

    def __str__(self) -> str:
        return f"Уведомления: {self.user}"


class ReportJob(models.Model):
    """A consolidated report being generated in the background; the page polls its progress."""

    class State(models.TextChoices):
        QUEUED = "queued", "в очереди"
        RUNNING = "running", "формируется"
        DONE = "done", "готов"
        FAILED = "failed", "ошибка"

    class Format(models.TextChoices):
        DOCX = "docx", "Word (DOCX)"
        XLSX = "xlsx", "Excel (XLSX)"
        PDF = "pdf", "PDF"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="report_jobs")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="+")
    year_to_date = models.BooleanField("с начала года", default=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    format = models.CharField(max_length=10, choices=Format.choices, default=Format.DOCX)
    base_url = models.CharField(max_length=300, blank=True)
    state = models.CharField(max_length=20, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.TextField(blank=True)
    file = models.FileField(upload_to="consolidated/", blank=True, max_length=300)
    filename = models.CharField(max_length=255, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "формирование сводного отчёта"
        verbose_name_plural = "формирование сводных отчётов"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="report_job_progress_percent"
            )
        ]

    def __str__(self) -> str:
        return f"Сводный отчёт {self.plan} за {self.period} ({self.get_state_display()})"
