from django import forms

from plans.models import Plan
from plans.selectors import STATE_LABELS, ActivityFilters, State, plan_periods


class ActivityFilterForm(forms.Form):
    """The plan page's filters; every field is optional and an unknown value is simply ignored."""

    q = forms.CharField(label="Поиск", required=False, max_length=200)
    organization = forms.TypedChoiceField(label="Организация", required=False, coerce=int)
    objective = forms.TypedChoiceField(label="Задача", required=False, coerce=int)
    period = forms.ChoiceField(label="Период", required=False)
    state = forms.ChoiceField(label="Состояние", required=False)

    def __init__(self, data, *, plan: Plan, organizations):
        super().__init__(data)
        self.plan = plan
        self.organizations = {org.pk: org for org in organizations}
        self.periods = {period.code: period for period in plan_periods(plan)}
        self.fields["organization"].choices = [("", "Все организации")] + [
            (org.pk, org.short_name) for org in organizations
        ]
        self.fields["objective"].choices = [("", "Все задачи")] + [
            (
                objective.pk,
                f"Задача {objective.number}" if objective.number else objective.title[:40],
            )
            for objective in plan.objectives.all()
        ]
        self.fields["period"].choices = [("", "Весь год")] + [
            (code, period.label) for code, period in self.periods.items()
        ]
        self.fields["state"].choices = [("", "Любое")] + [
            (state.value, label) for state, label in STATE_LABELS.items()
        ]

    def show_state_counts(self, counts: dict[State, int]) -> None:
        """«скоро срок (12)»: each state with how many activities the other filters leave in it."""
        self.fields["state"].choices = [("", "Любое")] + [
            (state.value, f"{label} ({counts.get(state, 0)})")
            for state, label in STATE_LABELS.items()
        ]

    def filters(self) -> ActivityFilters:
        self.is_valid()  # a field with a bad value is left out of cleaned_data, the others apply
        data = self.cleaned_data
        return ActivityFilters(
            q=(data.get("q") or "").strip(),
            organization=self.organizations.get(data.get("organization") or 0),
            objective_id=data.get("objective") or None,
            period=self.periods.get(data.get("period") or ""),
            state=State(data["state"]) if data.get("state") else None,
        )

    def describe(self) -> str:
        """The active filters in words, printed under the title of a filtered export."""
        filters = self.filters()
        parts = []
        if filters.organization:
            parts.append(filters.organization.short_name)
        if filters.objective_id:
            label = dict(self.fields["objective"].choices).get(filters.objective_id)
            parts.append(str(label))
        if filters.period:
            parts.append(filters.period.label)
        if filters.state:
            parts.append(f"состояние: {filters.state.label}")
        if filters.q:
            parts.append(f"поиск: «{filters.q}»")
        return ("Отбор: " + "; ".join(parts)) if parts else ""


class ActivityForm(forms.Form):
    """An activity's words as the plan writes them; the system re-reads deadline and executors."""

    number = forms.CharField(label="№ п/п", max_length=20, required=False)
    title = forms.CharField(
        label="Наименование мероприятия", widget=forms.Textarea(attrs={"rows": 3})
    )
    executors_text = forms.CharField(
        label="Исполнители",
        max_length=1000,
        required=False,
        help_text="Как в плане: «ОГБПОУ «ТТВТС», руководители ПОО», «Предприятия-партнеры», «ЦОПП».",
    )
    deadline_text = forms.CharField(
        label="Срок исполнения",
        max_length=500,
        required=False,
        help_text="Как в плане: «IV квартал 2023 года», «В течение учебного года», «до 15 декабря».",
    )
    note = forms.CharField(
        label="Основание изменения",
        required=False,
        max_length=2000,
        help_text="Попадёт в историю редакций плана.",
    )


class ActivityCreateForm(ActivityForm):
    objective = forms.ModelChoiceField(label="Задача", queryset=None, empty_label=None)

    field_order = ["objective", "number", "title", "executors_text", "deadline_text", "note"]

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = plan.objectives.order_by("position")


class NoteForm(forms.Form):
    note = forms.CharField(label="Основание", required=False, max_length=2000)
