from django.db import models

from plans.models import Activity, Plan
from reporting.models.reports import Report


class Indicator(models.Model):
    """A measure the plan promises («Число школьников на профпробах», чел., 500 за год).

    Declared for the whole plan or for one activity. Values come from reports (manual) or from a
    registered value source (`reporting.indicators.register_value_source`), so a module such as
    events can feed it without reporting knowing that module. `aggregation` says how values of
    several periods and organizations make the year's actual figure.
    """

    class Aggregation(models.TextChoices):
        SUM = "sum", "сумма за все периоды"
        LATEST = "latest", "последнее значение"
        MAX = "max", "наибольшее значение"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="indicators")
    activity = models.ForeignKey(
        Activity,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name="мероприятие",
        help_text="Пусто — показатель плана в целом (заполняется только автоматически).",
    )
    name = models.CharField("показатель", max_length=300)
    unit = models.CharField("единица измерения", max_length=50, blank=True)
    target = models.DecimalField(
        "план на год", max_digits=14, decimal_places=2, null=True, blank=True
    )
    aggregation = models.CharField(
        "как считать за год", max_length=10, choices=Aggregation.choices, default=Aggregation.SUM
    )
    source = models.CharField(
        "источник значений",
        max_length=100,
        blank=True,
        help_text="Пусто — значения вносят организации в отчётах.",
    )
    position = models.PositiveIntegerField("порядок", default=0)

    class Meta:
        verbose_name = "показатель"
        verbose_name_plural = "показатели"
        ordering = ["plan", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "activity", "name"], name="indicator_unique_name"
            ),
            models.CheckConstraint(
                condition=models.Q(activity__isnull=False) | ~models.Q(source=""),
                name="indicator_plan_level_is_automatic",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.unit}" if self.unit else self.name

    @property
    def is_manual(self) -> bool:
        return not self.source


class IndicatorValue(models.Model):
    """A value of an indicator written in one report (an organization, a period)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    value = models.DecimalField("значение", max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = "значение показателя"
        verbose_name_plural = "значения показателей"
        constraints = [
            models.UniqueConstraint(
                fields=["report", "indicator"], name="indicator_value_unique_per_report"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"
