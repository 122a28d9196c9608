"""Forms of the sign-in pages: an event and its time slots, status, kinds, outcome, evidence,
named competitors, attendance, professional classes."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.utils import timezone

from events.access import host_choices
from events.models import (
    MAX_CAPACITY,
    MAX_GROUP,
    Event,
    EventKind,
    GroupRegistration,
    ParticipantTally,
    ProfessionalClass,
)
from events.services import SlotData
from orgs.models import Cluster, Organization
from plans.models import Activity

GRADES = [("", "—")] + [(n, str(n)) for n in range(1, 12)]


class ActivityChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Activity) -> str:
        title = obj.title if len(obj.title) <= 90 else obj.title[:88] + "…"
        return f"{obj.number} {title} (план {obj.plan.year_label})"


def cluster_activities(cluster: Cluster):
    return (
        Activity.objects.filter(plan__cluster=cluster)
        .select_related("plan")
        .order_by("-plan__window_start", "position")
    )


def members(cluster: Cluster):
    return Organization.objects.filter(memberships__cluster=cluster).order_by("short_name")


class EventForm(forms.ModelForm):
    """What an event is; on creation also its host and first state."""

    activity = ActivityChoice(
        queryset=Activity.objects.none(), required=False, label="Мероприятие плана"
    )
    online_url = forms.URLField(
        label="Ссылка для участия онлайн", required=False, max_length=500, assume_scheme="https"
    )
    grade_min = forms.TypedChoiceField(
        choices=GRADES, coerce=int, empty_value=None, required=False, label="С класса"
    )
    grade_max = forms.TypedChoiceField(
        choices=GRADES, coerce=int, empty_value=None, required=False, label="По класс"
    )

    class Meta:
        model = Event
        fields = [
            "kind",
            "title",
            "host",
            "partners",
            "activity",
            "professional_class",
            "audience",
            "grade_min",
            "grade_max",
            "profession",
            "municipality",
            "place",
            "online_url",
            "description",
            "status",
            "is_public",
        ]
        widgets = {
            "partners": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user, cluster: Cluster, **kwargs):
        super().__init__(*args, **kwargs)
        self.cluster = cluster
        creating = self.instance.pk is None
        self.fields["kind"].queryset = EventKind.objects.filter(cluster=cluster)
        self.fields["kind"].empty_label = None
        self.fields["partners"].queryset = members(cluster)
        self.fields["partners"].required = False
        self.fields["activity"].queryset = cluster_activities(cluster)
        self.fields["professional_class"].queryset = ProfessionalClass.objects.filter(
            cluster=cluster
        ).order_by("-academic_year", "school_name")
        if creating:
            hosts = host_choices(user, cluster)
            self.fields["host"].queryset = hosts
            self.fields["host"].empty_label = None if hosts.count() == 1 else "— выберите —"
            self.fields["host"].error_messages["invalid_choice"] = (
                "Эту организацию нельзя указать организатором: вы создаёте мероприятия "
                "только от имени своей организации."
            )
            self.fields["status"].choices = [
                (Event.Status.PLANNED, "запланировано (запись ещё не открыта)"),
                (Event.Status.OPEN, "сразу открыть запись"),
            ]
        else:
            del self.fields["host"]
            del self.fields["status"]
        self.fields["title"].widget.attrs["placeholder"] = "Профпроба «Помощник машиниста»"
        self.fields["municipality"].help_text = "Город или район, где проходит мероприятие."

    def clean(self):
        data = super().clean()
        low, high = data.get("grade_min"), data.get("grade_max")
        if low and high and low > high:
            self.add_error("grade_max", "«По класс» не может быть меньше «с класса».")
        if not data.get("place") and not data.get("online_url"):
            self.add_error("place", "Укажите место проведения или ссылку для участия онлайн.")
        return data

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("partners", None)
        return data


class SlotForm(forms.Form):
    day = forms.DateField(label="Дата", widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label="Начало", widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label="Окончание", widget=forms.TimeInput(attrs={"type": "time"}))
    capacity = forms.IntegerField(
        label="Мест (учеников)",
        required=False,
        min_value=1,
        max_value=MAX_CAPACITY,
        help_text="Пусто — без ограничения.",
        error_messages={
            "min_value": f"Мест — от 1 до {MAX_CAPACITY} (пусто — без ограничения).",
            "max_value": f"Мест — от 1 до {MAX_CAPACITY} (пусто — без ограничения).",
            "invalid": "Число мест — целое число.",
        },
    )

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", "Время окончания должно быть позже начала.")
        return data

    def slot(self) -> SlotData:
        data = self.cleaned_data
        zone = timezone.get_current_timezone()
        return SlotData(
            starts_at=datetime.combine(data["day"], data["start"], tzinfo=zone),
            ends_at=datetime.combine(data["day"], data["end"], tzinfo=zone),
            capacity=data.get("capacity"),
        )

    @classmethod
    def initial_for(cls, slot) -> dict:
        start, end = timezone.localtime(slot.starts_at), timezone.localtime(slot.ends_at)
        return {
            "day": start.date(),
            "start": start.time(),
            "end": end.time(),
            "capacity": slot.capacity,
        }


class BaseSlotFormSet(forms.BaseFormSet):
    default_error_messages = {
        **forms.BaseFormSet.default_error_messages,
        "too_few_forms": "Укажите хотя бы одно время проведения.",
        "too_many_forms": "Не больше 20 времён за раз; остальные добавьте на странице мероприятия.",
    }


SlotFormSet = forms.formset_factory(
    SlotForm, formset=BaseSlotFormSet, extra=2, min_num=1, validate_min=True, max_num=20
)


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Event.Status.choices)


class KindForm(forms.ModelForm):
    class Meta:
        model = EventKind
        fields = ["name", "is_trial", "named_participants"]


class OutcomeForm(forms.Form):
    """Results and participants by category beyond the registered groups."""

    results = forms.CharField(
        label="Итоги",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Что получилось: победители, что узнали участники, что решили сделать дальше.",
    )

    def __init__(self, *args, tallies=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = {t.category: t.count for t in tallies or ()}
        for value, label in ParticipantTally.Category.choices:
            self.fields[f"tally_{value}"] = forms.IntegerField(
                label=label.capitalize(),
                required=False,
                min_value=0,
                max_value=MAX_CAPACITY,
                initial=current.get(value),
                error_messages={
                    "min_value": f"Число участников — от 0 до {MAX_CAPACITY}.",
                    "max_value": f"Число участников — от 0 до {MAX_CAPACITY}.",
                    "invalid": "Укажите число участников цифрами.",
                },
            )

    def tallies(self) -> dict[str, int | None]:
        return {
            value: self.cleaned_data.get(f"tally_{value}")
            for value in ParticipantTally.Category.values
        }


class EvidenceFileForm(forms.Form):
    file = forms.FileField(label="Фотография или документ (JPEG, PNG, PDF, DOCX, XLSX)")
    title = forms.CharField(label="Подпись", required=False, max_length=300)


class EvidenceLinkForm(forms.Form):
    url = forms.CharField(label="Адрес публикации", max_length=1000)
    title = forms.CharField(label="Подпись", required=False, max_length=300)


class CompetitorForm(forms.Form):
    full_name = forms.CharField(label="ФИО участника", max_length=200)
    organization_name = forms.CharField(label="Организация", max_length=300, required=False)
    result = forms.CharField(label="Результат", max_length=200, required=False)
    consent = forms.BooleanField(
        label="Участник (или его законный представитель) дал согласие на обработку ФИО",
        required=True,
        error_messages={"required": "Без согласия участника его нельзя записать по имени."},
    )


class AttendanceForm(forms.Form):
    """One «сколько пришло» field per group holding places (or once waiting)."""

    def __init__(self, *args, registrations: list[GroupRegistration], **kwargs):
        super().__init__(*args, **kwargs)
        self.registrations = [r for r in registrations if r.status not in GroupRegistration.CLOSED]
        for registration in self.registrations:
            self.fields[f"attended_{registration.pk}"] = forms.IntegerField(
                label=str(registration),
                required=False,
                min_value=0,
                max_value=MAX_GROUP,
                initial=registration.attended,
                error_messages={
                    "min_value": f"Пришло — число от 0 до {MAX_GROUP}.",
                    "max_value": f"Пришло — число от 0 до {MAX_GROUP}.",
                    "invalid": "Укажите число цифрами.",
                },
            )

    def rows(self):
        for registration in self.registrations:
            yield registration, self[f"attended_{registration.pk}"]

    def counts(self) -> dict[int, int | None]:
        return {
            registration.pk: self.cleaned_data.get(f"attended_{registration.pk}")
            for registration in self.registrations
        }


class ProfessionalClassForm(forms.ModelForm):
    activity = ActivityChoice(
        queryset=Activity.objects.none(), required=False, label="Мероприятие плана"
    )
    grade = forms.TypedChoiceField(choices=GRADES[1:], coerce=int, label="Класс")
    pupils = forms.IntegerField(
        label="Учеников",
        min_value=1,
        max_value=MAX_GROUP,
        error_messages={
            "min_value": f"Учеников — от 1 до {MAX_GROUP}.",
            "max_value": f"Учеников — от 1 до {MAX_GROUP}.",
            "invalid": "Укажите число учеников цифрами.",
        },
    )
    sessions_planned = forms.IntegerField(
        label="Совместных занятий запланировано",
        min_value=0,
        max_value=500,
        initial=0,
        error_messages={
            "min_value": "Занятий — от 0 до 500.",
            "max_value": "Занятий — от 0 до 500.",
            "invalid": "Укажите число занятий цифрами.",
        },
    )

    class Meta:
        model = ProfessionalClass
        fields = [
            "school_name",
            "municipality",
            "grade",
            "academic_year",
            "college",
            "enterprise",
            "profile",
            "pupils",
            "sessions_planned",
            "activity",
        ]

    def __init__(self, *args, user, cluster: Cluster, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["college"].queryset = host_choices(user, cluster).filter(
            kind=Organization.Kind.COLLEGE
        )
        self.fields["college"].error_messages["invalid_choice"] = (
            "Этот колледж нельзя указать: вы ведёте классы только своей организации."
        )
        self.fields["enterprise"].queryset = members(cluster).exclude(
            kind=Organization.Kind.COLLEGE
        )
        self.fields["activity"].queryset = cluster_activities(cluster)

    def _post_clean(self):
        """The service validates and saves; the model form only collects values."""

    def values(self) -> dict:
        return dict(self.cleaned_data)
