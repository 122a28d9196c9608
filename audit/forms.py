from auditlog.registry import auditlog
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType

from audit.selectors import SearchFilters


class AuditSearchForm(forms.Form):
    """The administrators' search of the trail; every field is optional."""

    actor = forms.ModelChoiceField(
        label="Кто", queryset=None, required=False, empty_label="Все пользователи"
    )
    model = forms.TypedChoiceField(label="Что", required=False, coerce=int, empty_value=None)
    date_from = forms.DateField(
        label="С даты", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="По дату", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    q = forms.CharField(label="Текст", required=False, max_length=200)

    def __init__(self, data):
        super().__init__(data)
        self.fields["actor"].queryset = get_user_model().objects.order_by("username")
        models = sorted(auditlog.get_models(), key=lambda model: str(model._meta.verbose_name))
        types = ContentType.objects.get_for_models(*models)
        self.fields["model"].choices = [("", "Все записи")] + [
            (
                types[model].pk,
                f"{str(model._meta.verbose_name).capitalize()} ({model._meta.app_label})",
            )
            for model in models
        ]

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "Дата «по» раньше даты «с».")
        return data

    def filters(self) -> SearchFilters:
        if not self.is_valid():
            return SearchFilters()
        data = self.cleaned_data
        return SearchFilters(
            actor_id=data["actor"].pk if data.get("actor") else None,
            content_type_id=data.get("model"),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            text=(data.get("q") or "").strip(),
        )
