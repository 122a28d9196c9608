from django.conf import settings
from django.db import models
from django.db.models import Q

from core.models import EvidenceItem, file_or_link, stored_file_path
from plans.models import Obligation
from reporting.models.periods import ReportingPeriod


class Report(models.Model):
    """An organization's report on one activity it owes (an obligation) for one reporting period.

    The representative writes it as a draft (autosaved), submits it for review, and the coordinator
    accepts it or returns it with a comment. `version` grows with every save: a form carries the
    version it was opened at, and a save made over a newer one is refused (optimistic locking), so
    two people editing at once never silently overwrite each other. Every submission is kept as a
    ReportVersion.
    """

    class State(models.TextChoices):
        DRAFT = "draft", "черновик"
        SUBMITTED = "submitted", "на проверке"
        RETURNED = "returned", "возвращён на доработку"
        ACCEPTED = "accepted", "принят"

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "не начато"
        IN_PROGRESS = "in_progress", "в работе"
        DONE = "done", "выполнено"
        NOT_DONE = "not_done", "не выполнено"
        POSTPONED = "postponed", "перенесено"
        NOTHING = "nothing", "нечего сообщить за период"

    NEEDS_REASON = (Status.NOT_DONE, Status.POSTPONED)
    EDITABLE = (State.DRAFT, State.RETURNED)

    obligation = models.ForeignKey(Obligation, on_delete=models.CASCADE, related_name="reports")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="reports")
    state = models.CharField("состояние", max_length=20, choices=State.choices, default=State.DRAFT)
    status = models.CharField(
        "отметка о выполнении", max_length=20, choices=Status.choices, blank=True
    )
    reason = models.TextField("причина", blank=True)
    text = models.TextField("что сделано", blank=True)
    version = models.PositiveIntegerField("версия", default=1)
    review_comment = models.TextField("замечания координатора", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField("отправлен", null=True, blank=True)
    reviewed_at = models.DateTimeField("проверен", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "отчёт об исполнении"
        verbose_name_plural = "отчёты об исполнении"
        ordering = ["period", "obligation"]
        constraints = [
            models.UniqueConstraint(
                fields=["obligation", "period"], name="report_unique_per_period"
            ),
            models.CheckConstraint(
                condition=Q(state__in=["draft", "returned"])
                | ~Q(status__in=["not_done", "postponed"])
                | ~Q(reason=""),
                name="report_submitted_reason_given",
            ),
            models.CheckConstraint(
                condition=Q(state__in=["draft", "returned"]) | ~Q(status=""),
                name="report_submitted_has_status",
            ),
        ]
        indexes = [models.Index(fields=["period", "state"], name="report_period_state")]

    def __str__(self) -> str:
        return f"{self.obligation} — {self.period}"

    @property
    def is_editable(self) -> bool:
        return self.state in self.EDITABLE


class ReportVersion(models.Model):
    """A report as it was submitted, and what the coordinator decided about that submission.

    One is made on every submission and never changed afterwards except to record the decision, so
    the history of «returned — fixed — accepted» stays readable.
    """

    class Decision(models.TextChoices):
        PENDING = "pending", "ожидает проверки"
        ACCEPTED = "accepted", "принят"
        RETURNED = "returned", "возвращён"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("номер")
    snapshot = models.JSONField("содержание", default=dict)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField("отправлен")
    decision = models.CharField(
        "решение", max_length=20, choices=Decision.choices, default=Decision.PENDING
    )
    comment = models.TextField("комментарий координатора", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField("решение принято", null=True, blank=True)

    class Meta:
        verbose_name = "версия отчёта"
        verbose_name_plural = "версии отчётов"
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "number"], name="report_version_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report} — версия {self.number}"


# Named by migration 0001; files are now named by the evidence core (core.models.StoredFile).
evidence_path = stored_file_path


class Evidence(EvidenceItem):
    """Proof attached to a report: a file (PDF, DOCX, XLSX, JPEG, PNG) or a link to a publication.

    Files are stored under MEDIA_ROOT/evidence/<report>/ (or the S3 bucket) and served only through
    a view that checks access. A removed item is marked, not deleted, because submitted versions of
    the report refer to it.
    """

    UPLOAD_ROOT = "evidence"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="evidence")
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "подтверждение"
        verbose_name_plural = "подтверждения"
        ordering = ["report", "added_at", "pk"]
        constraints = [file_or_link("evidence_file_or_link")]

    def upload_folder(self) -> str:
        return f"{self.UPLOAD_ROOT}/{self.report_id}"
