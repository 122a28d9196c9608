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
