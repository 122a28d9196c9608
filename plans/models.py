"""Work plans: a plan has editions, objectives («Задача 2. …») and numbered activities («2.8»).

Every activity keeps the words of the document (executors cell, deadline phrase) next to what was
understood from them: the parsed deadline and one Obligation per responsible organization.
"""

from django.conf import settings
from django.db import models

from orgs.models import Cluster, Organization


class Plan(models.Model):
    """The cluster's work plan for one academic or calendar year, approved by the council."""

    class Status(models.TextChoices):
        DRAFT = "draft", "проект"
        APPROVED = "approved", "утверждён"

    class Kind(models.TextChoices):
        WORK_PLAN = "work_plan", "план работы"
        # The council's assignments under control, kept as a plan of their own so they are
        # reported on, reviewed, reminded and shown exactly like plan activities.
        ASSIGNMENTS = "assignments", "поручения Координационного совета"

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="plans")
    title = models.CharField("название", max_length=500)
    year_label = models.CharField(
        "год плана", max_length=20, help_text="«2023-2024» — учебный год, «2024» — календарный."
    )
    window_start = models.DateField("начало периода плана")
    window_end = models.DateField("конец периода плана")
    approver_position = models.CharField("должность утвердившего", max_length=300, blank=True)
    approver_name = models.CharField("утвердил", max_length=200, blank=True)
    status = models.CharField(
        "статус", max_length=20, choices=Status.choices, default=Status.APPROVED
    )
    kind = models.CharField("вид", max_length=20, choices=Kind.choices, default=Kind.WORK_PLAN)
    rolled_over_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rolled_over_to",
        verbose_name="перенесён из плана",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "план работы"
        verbose_name_plural = "планы работы"
        ordering = ["-window_start", "title"]

    def __str__(self) -> str:
        return self.title


class PlanEdition(models.Model):
    """A dated revision of a plan («в редакции от 02 июня 2023 г.»), with who made it and why.

    `changes` keeps what this edition changed against the previous one, field by field, as shown
    when it was applied. `snapshot` keeps the whole plan (objectives, activities with their ids and
    words) only for editions that replace the whole document (import, revision, rollover); an edit
    of one activity stores just its changes, and `plans.services.history.edition_snapshot` rebuilds
    any edition's plan from the nearest snapshot. Lists never load either (`change_count`).
    """

    class Kind(models.TextChoices):
        IMPORT = "import", "загрузка документа"
        REVISION = "revision", "новая редакция документа"
        EDIT = "edit", "правка в системе"
        ROLLOVER = "rollover", "перенос на следующий год"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="editions")
    number = models.PositiveIntegerField("номер редакции")
    kind = models.CharField("как создана", max_length=20, choices=Kind.choices, default=Kind.IMPORT)
    edition_date = models.DateField("дата редакции", null=True, blank=True)
    note = models.TextField("основание", blank=True)
    source_filename = models.CharField("исходный файл", max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    snapshot = models.JSONField("план в этой редакции", default=dict, editable=False)
    changes = models.JSONField("изменения к предыдущей редакции", default=list, editable=False)
    change_count = models.PositiveIntegerField("изменений", default=0, editable=False)

    class Meta:
        verbose_name = "редакция плана"
        verbose_name_plural = "редакции плана"
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_edition_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.plan} — редакция {self.number}"


class Objective(models.Model):
    """A task of the plan («Задача 2. Повышение качества обучения…»)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="objectives")
    number = models.CharField("номер", max_length=20, blank=True)
    title = models.TextField("формулировка")
    position = models.PositiveIntegerField("порядок")

    class Meta:
        verbose_name = "задача"
        verbose_name_plural = "задачи"
        ordering = ["plan", "position"]

    def __str__(self) -> str:
        return f"Задача {self.number}. {self.title}" if self.number else self.title


class Execution(models.TextChoices):
    """What the accepted reports say about an obligation or an activity (dates aside).

    Kept on Obligation and Activity by `plans.services.execution`, which the reporting services call
    whenever a report is submitted, accepted or returned, so that states filter and count in SQL and
    `plans` never reads reports.
    """

    NONE = "", "нет отчёта"
    SUBMITTED = "submitted", "на проверке"
    IN_PROGRESS = "in_progress", "в работе"
    NOT_DONE = "not_done", "не выполнено"
    POSTPONED = "postponed", "перенесено"
    PARTIAL = "partial", "выполнено частично"
    DONE = "done", "выполнено"


class CurrentManager(models.Manager):
    """Only what is in the plan's current edition; `all_objects` also has what editions removed."""

    def get_queryset(self):
        return super().get_queryset().filter(removed_in__isnull=True)


class Activity(models.Model):
    """A numbered activity of the plan, with its executors and deadline as written and as understood.

    An edition that drops an activity marks it `removed_in` instead of deleting it, so what was
    reported on it is never lost; `Activity.objects` shows only the current plan.
    """

    class DeadlineKind(models.TextChoices):
        INTERVAL = "interval", "срок"
        RECURRING = "recurring", "регулярно"
        AS_NEEDED = "as_needed", "по мере необходимости"
        UNPARSED = "unparsed", "не распознан"

    class Every(models.TextChoices):
        WEEK = "week", "еженедельно"
        MONTH = "month", "ежемесячно"
        QUARTER = "quarter", "ежеквартально"
        HALF_YEAR = "half_year", "раз в полугодие"
        YEAR = "year", "ежегодно"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="activities")
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="activities")
    number = models.CharField("номер", max_length=20, blank=True)
    title = models.TextField("наименование мероприятия")
    executors_text = models.TextField("исполнители (как в документе)", blank=True)
    deadline_text = models.CharField(
        "срок исполнения (как в документе)", max_length=500, blank=True
    )
    deadline_kind = models.CharField(max_length=20, choices=DeadlineKind.choices)
    deadline_start = models.DateField(null=True, blank=True)
    deadline_end = models.DateField(null=True, blank=True)
    deadline_every = models.CharField(max_length=20, choices=Every.choices, blank=True)
    deadline_reason = models.CharField(max_length=500, blank=True)
    extra = models.JSONField("дополнительные графы", default=dict, blank=True)
    warnings = models.JSONField("предупреждения импорта", default=list, blank=True)
    position = models.PositiveIntegerField("порядок")
    search_text = models.TextField(editable=False, default="")
    number_sort = models.CharField(
        "номер для сортировки", max_length=200, editable=False, default=""
    )
    execution = models.CharField(
        "исполнение по отчётам",
        max_length=20,
        choices=Execution.choices,
        blank=True,
        default=Execution.NONE,
        editable=False,
    )
    deadline_moved = models.BooleanField(
        "срок перенесён", default=False, editable=False, help_text="по одобренному запросу"
    )
    removed_in = models.ForeignKey(
        PlanEdition,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="removed_activities",
        verbose_name="исключено в редакции",
    )

    objects = CurrentManager()
    all_objects = models.Manager()  # noqa: DJ012 (a manager, not a field)

    class Meta:
        verbose_name = "мероприятие"
        base_manager_name = "all_objects"
        verbose_name_plural = "мероприятия"
        ordering = ["plan", "position"]
        indexes = [
            models.Index(fields=["plan", "deadline_end"], name="activity_plan_due"),
            models.Index(fields=["plan", "execution"], name="activity_plan_execution"),
            models.Index(fields=["plan", "number_sort"], name="activity_plan_number"),
            models.Index(fields=["plan", "position"], name="activity_plan_position"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()


class Obligation(models.Model):
    """One responsible organization of an activity: the unit that reports on it.

    Like activities, obligations dropped by a later edition are marked `removed_in`, not deleted.
    """

    class Role(models.TextChoices):
        LEAD = "lead", "ответственный"
        CO_EXECUTOR = "co_executor", "соисполнитель"

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="obligations")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="obligations"
    )
    role = models.CharField("роль", max_length=20, choices=Role.choices)
    source_phrase = models.CharField("из слов плана", max_length=300, blank=True)
    execution = models.CharField(
        "исполнение по отчётам",
        max_length=20,
        choices=Execution.choices,
        blank=True,
        default=Execution.NONE,
        editable=False,
    )
    removed_in = models.ForeignKey(
        PlanEdition,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="removed_obligations",
        verbose_name="исключено в редакции",
    )

    objects = CurrentManager()
    all_objects = models.Manager()  # noqa: DJ012 (a manager, not a field)

    class Meta:
        verbose_name = "обязательство"
        base_manager_name = "all_objects"
        verbose_name_plural = "обязательства"
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "organization"], name="obligation_unique_per_activity"
            )
        ]

    def __str__(self) -> str:
        return f"{self.activity.number} — {self.organization}"
