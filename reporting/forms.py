from django import forms

from core.files import ALLOWED, max_bytes
from reporting.indicators import value_source_choices
from reporting.models import Indicator, NotificationPreference, Report, ReportingPeriod, ReportJob
from reporting.selectors.dashboard import SlotFilters
from reporting.selectors.grid import SLOT_LABELS

DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PeriodGenerateForm(forms.Form):
    kind = forms.ChoiceField(
        label="Разбить год плана на",
        choices=[
            (ReportingPeriod.Kind.QUARTER, "кварталы"),
            (ReportingPeriod.Kind.HALF_YEAR, "полугодия"),
            (ReportingPeriod.Kind.YEAR, "один период — весь год"),
        ],
    )


class PeriodForm(forms.Form):
    title = forms.CharField(label="Название", max_length=200, required=False)
    start = forms.DateField(label="Начало", input_formats=DATE_FORMATS, widget=DateInput())
    end = forms.DateField(label="Конец", input_formats=DATE_FORMATS, widget=DateInput())
    due_date = forms.DateField(
        label="Срок сдачи отчётов",
        required=False,
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        help_text="Пусто — 5-й рабочий день после конца периода по производственному календарю.",
    )


class PeriodEditForm(forms.Form):
    title = forms.CharField(label="Название", max_length=200)
    due_date = forms.DateField(
        label="Срок сдачи отчётов", input_formats=DATE_FORMATS, widget=DateInput()
    )


class ReportForm(forms.Form):
    """The report as the representative writes it; `version` is the one the form was opened at."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    status = forms.ChoiceField(label="Отметка о выполнении", required=False)
    reason = forms.CharField(
        label="Причина",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Обязательно для отметок «не выполнено» и «перенесено».",
    )
    text = forms.CharField(
        label="Что сделано за период",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Кратко и по существу: что проведено, сколько участников, с кем, где опубликовано.",
    )

    def __init__(self, *args, indicators=(), allows_nothing=False, **kwargs):
        super().__init__(*args, **kwargs)
        statuses = [
            (value, label)
            for value, label in Report.Status.choices
            if value != Report.Status.NOTHING or allows_nothing
        ]
        self.fields["status"].choices = [("", "— выберите —"), *statuses]
        self.indicator_fields = []
        for item in indicators:
            if item.automatic:
                continue
            name = f"indicator_{item.indicator.pk}"
            self.fields[name] = forms.DecimalField(
                label=str(item.indicator),
                required=False,
                min_value=0,
                max_digits=14,
                decimal_places=2,
                localize=True,
                initial=item.value,
                widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            )
            self.indicator_fields.append(name)

    def values(self) -> dict:
        return {
            int(name.removeprefix("indicator_")): self.cleaned_data.get(name)
            for name in self.indicator_fields
        }


class EvidenceFileForm(forms.Form):
    file = forms.FileField(
        label="Файл",
        help_text=f"{ALLOWED}, до {max_bytes() // (1024 * 1024)} МБ.",
        error_messages={"required": "Выберите файл.", "empty": "Файл пустой."},
    )


class EvidenceLinkForm(forms.Form):
    url = forms.CharField(label="Адрес публикации", max_length=1000)
    title = forms.CharField(label="Подпись", max_length=300, required=False)


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label="Комментарий для организации",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="При возврате обязателен: что исправить.",
    )


class DeadlineRequestForm(forms.Form):
    deadline_text = forms.CharField(
        label="Новый срок",
        max_length=500,
        help_text="Так, как он будет записан в плане: «I квартал 2024 года», «до 15 марта 2024 г.».",
    )
    reason = forms.CharField(label="Обоснование", widget=forms.Textarea(attrs={"rows": 3}))


class DecisionForm(forms.Form):
    comment = forms.CharField(
        label="Комментарий", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class IndicatorForm(forms.Form):
    name = forms.CharField(label="Показатель", max_length=300)
    unit = forms.CharField(label="Единица измерения", max_length=50, required=False)
    target = forms.DecimalField(
        label="План на год",
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        localize=True,
    )
    aggregation = forms.ChoiceField(
        label="Как считать за год", choices=Indicator.Aggregation.choices
    )
    activity = forms.TypedChoiceField(
        label="Мероприятие", required=False, coerce=int, empty_value=None
    )
    source = forms.ChoiceField(label="Источник значений", required=False)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.activities = {a.pk: a for a in plan.activities.order_by("position")}
        self.fields["activity"].choices = [("", "— план в целом (только автоматически) —")] + [
            (pk, f"{a.number} {a.title[:80]}") for pk, a in self.activities.items()
        ]
        self.fields["source"].choices = value_source_choices()


class ConsolidatedForm(forms.Form):
    period = forms.TypedChoiceField(label="Отчётный период", coerce=int)
    year_to_date = forms.TypedChoiceField(
        label="Что включить",
        choices=[("0", "только выбранный период"), ("1", "с начала года по выбранный период")],
        coerce=lambda value: value == "1",
        initial="0",
    )
    organization = forms.TypedChoiceField(
        label="Организация", required=False, coerce=int, empty_value=None
    )
    format = forms.ChoiceField(label="Формат", choices=ReportJob.Format.choices)

    def __init__(self, *args, periods, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [(p.pk, p.title) for p in periods]
        self.fields["organization"].choices = [
            ("", "все организации"),
            *list(organizations.items()),
        ]


class DashboardForm(forms.Form):
    """Filters of the dashboard and of the report lists; a bad value is ignored, not an error."""

    period = forms.TypedChoiceField(label="Период", required=False, coerce=int, empty_value=None)
    objective = forms.TypedChoiceField(label="Задача", required=False, coerce=int, empty_value=None)
    organization = forms.TypedChoiceField(
        label="Организация", required=False, coerce=int, empty_value=None
    )
    activity = forms.IntegerField(required=False, widget=forms.HiddenInput)
    state = forms.ChoiceField(label="Состояние отчёта", required=False)
    status = forms.ChoiceField(label="Отметка", required=False)
    overdue = forms.BooleanField(label="Только просроченные", required=False)
    due_soon = forms.BooleanField(label="Скоро срок", required=False)

    def __init__(self, data, *, grid):
        super().__init__(data)
        self.fields["period"].choices = [(p.pk, p.title) for p in grid.periods]
        self.fields["objective"].choices = [("", "Все задачи")] + [
            (pk, f"Задача {o.number}" if o.number else o.title[:40])
            for pk, o in grid.objectives.items()
        ]
        self.fields["organization"].choices = [
            ("", "Все организации"),
            *list(grid.organizations.items()),
        ]
        self.fields["state"].choices = [
            ("", "Любое"),
            ("not_submitted", "не сдан (нет, черновик, возвращён)"),
        ] + [(state.value, label) for state, label in SLOT_LABELS.items()]
        self.fields["status"].choices = [("", "Любая"), *list(Report.Status.choices)]

    def filters(self) -> SlotFilters:
        self.is_valid()
        data = self.cleaned_data
        return SlotFilters(
            objective_id=data.get("objective"),
            organization_id=data.get("organization"),
            activity_id=data.get("activity"),
            state=data.get("state") or "",
            status=data.get("status") or "",
            overdue=bool(data.get("overdue")),
            due_soon=bool(data.get("due_soon")),
        )


class NotificationPreferenceForm(forms.ModelForm):
    class Meta:
        model = NotificationPreference
        fields = list(NotificationPreference.FIELDS)
