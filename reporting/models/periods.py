from django.db import models

from plans.models import Plan


class ReportingPeriod(models.Model):
    """A span of the plan year that organizations report on («IV квартал 2023 года»).

    Periods of a plan never overlap, so «from the start of the year to this period» is simply every
    period that ends by this one's end. `due_date` is when reports are due: by default the 5th
    working day after the period ends, by the Russian production calendar (see reporting.calendar).
    """

    class Kind(models.TextChoices):
        QUARTER = "quarter", "квартал"
        HALF_YEAR = "half_year", "полугодие"
        YEAR = "year", "год"
        CUSTOM = "custom", "особый период"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reporting_periods")
    kind = models.CharField("вид", max_length=20, choices=Kind.choices, default=Kind.CUSTOM)
    title = models.CharField("название", max_length=200)
    start = models.DateField("начало")
    end = models.DateField("конец")
    due_date = models.DateField("срок сдачи отчётов")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "отчётный период"
        verbose_name_plural = "отчётные периоды"
        ordering = ["plan", "start"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "start"], name="period_unique_start"),
            models.CheckConstraint(
                condition=models.Q(start__lte=models.F("end")), name="period_start_before_end"
            ),
            models.CheckConstraint(
                condition=models.Q(due_date__gte=models.F("end")), name="period_due_after_end"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def span(self) -> str:
        return f"{self.start:%d.%m.%Y} – {self.end:%d.%m.%Y}"

    @property
    def title_with_dates(self) -> str:
        """The title with its dates, once: generated titles already say them («III квартал 2023
        года (с 01.09 по 30.09.2023)»), a title a coordinator typed may not."""
        if f"{self.end:%d.%m.%Y}" in self.title:
            return self.title
        return f"{self.title} ({self.span})"

    @property
    def phrase(self) -> str:
        """The period as it follows «за» in a title: «за IV квартал 2023 года»."""
        if self.kind == self.Kind.CUSTOM:
            return f"за период «{self.title}» ({self.span})"
        return f"за {self.title}"
