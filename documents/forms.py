from pathlib import Path

from django import forms
from django.conf import settings

from orgs.models import Organization

ALLOWED_EXTENSIONS = {".docx", ".xlsx", ".pdf", ".txt"}


class PlanUploadForm(forms.Form):
    file = forms.FileField(
        label="Документ плана",
        help_text="Word (DOCX), Excel (XLSX), PDF с текстовым слоем или текст (TXT), до 10 МБ.",
        error_messages={"required": "Выберите файл плана.", "empty": "Файл пустой."},
    )
    year_label = forms.CharField(
        label="Год плана",
        required=False,
        max_length=20,
        help_text="Если в названии плана год не указан: «2023-2024» или «2024».",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        extension = Path(upload.name).suffix.lower()
        if extension not in ALLOWED_EXTENSIONS:
            raise forms.ValidationError(
                "Этот тип файла не поддерживается. Загрузите DOCX, XLSX, PDF или TXT."
            )
        if upload.size > settings.PLAN_UPLOAD_MAX_BYTES:
            limit = settings.PLAN_UPLOAD_MAX_BYTES // (1024 * 1024)
            raise forms.ValidationError(
                f"Файл больше {limit} МБ. Загрузите документ плана меньшего размера."
            )
        if upload.size == 0:
            raise forms.ValidationError("Файл пустой.")
        return upload


class ExecutorMappingForm(forms.Form):
    """Map one unresolved executor phrase to organizations of the cluster."""

    phrase = forms.CharField(widget=forms.HiddenInput, max_length=300)
    organizations = forms.ModelMultipleChoiceField(
        label="Организации",
        queryset=None,
        error_messages={"required": "Выберите хотя бы одну организацию."},
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, cluster, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizations"].queryset = Organization.objects.filter(
            memberships__cluster=cluster
        ).order_by("kind", "short_name")


class PlanRevisionForm(PlanUploadForm):
    """A revised document of an existing plan: the year is the plan's, the reason is asked."""

    note = forms.CharField(
        label="Основание изменений",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Например: «Решение Координационного совета, протокол № 3 от 15.09.2023».",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["year_label"]
