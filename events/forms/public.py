"""Forms of the public calendar (filters, a school's registration) and of the lists and reports."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone

from events.forms import guard
from events.models import MAX_GROUP, Event, TimeSlot
from events.selectors.events import EventFilters
from orgs.models import Organization

GRADE_CHOICES = [("", "Любой класс")] + [(n, f"{n} класс") for n in range(1, 12)]
HONEYPOT = "website"
# The coverage report's dates: wide enough for any plan, and far from date.min and date.max, where
# the day bounds of the selector (a day before, a day after, time zones) would overflow.
COVERAGE_YEARS = (2000, 2100)


class PublicFilterForm(forms.Form):
    """The calendar's filters; an unknown value is left out, the others apply."""

    kind = forms.TypedChoiceField(label="Вид", required=False, coerce=int)
    grade = forms.TypedChoiceField(label="Класс", required=False, coerce=int, choices=GRADE_CHOICES)
    profession = forms.ChoiceField(label="Профессия", required=False)
    municipality = forms.ChoiceField(label="Муниципалитет", required=False)
    date_from = forms.DateField(
        label="С даты", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="По дату", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, data, *, kinds, professions, municipalities):
        super().__init__(data)
        self.fields["kind"].choices = [("", "Все виды")] + [(k.pk, k.name) for k in kinds]
        self.fields["profession"].choices = [("", "Все профессии")] + [(p, p) for p in professions]
        self.fields["municipality"].choices = [("", "Все муниципалитеты")] + [
            (m, m) for m in municipalities
        ]

    def filters(self) -> EventFilters:
        self.is_valid()
        data = self.cleaned_data
        return EventFilters(
            kind_id=data.get("kind") or None,
            grade=data.get("grade") or None,
            profession=data.get("profession") or "",
            municipality=data.get("municipality") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )


class ManageFilterForm(PublicFilterForm):
    status = forms.ChoiceField(label="Состояние", required=False)
    host = forms.TypedChoiceField(label="Организатор", required=False, coerce=int)

    def __init__(self, data, *, kinds, professions, municipalities, hosts):
        super().__init__(data, kinds=kinds, professions=professions, municipalities=municipalities)
        self.fields["status"].choices = [("", "Любое"), *Event.Status.choices]
        self.fields["host"].choices = [("", "Все организаторы")] + [
            (org.pk, org.short_name) for org in hosts
        ]

    def filters(self) -> EventFilters:
        filters = super().filters()
        filters.status = self.cleaned_data.get("status") or ""
        filters.host_id = self.cleaned_data.get("host") or None
        return filters


class SlotChoice(forms.ModelChoiceField):
    def label_from_instance(self, slot: TimeSlot) -> str:
        start, end = timezone.localtime(slot.starts_at), timezone.localtime(slot.ends_at)
        label = f"{start:%d.%m.%Y}, {start:%H:%M}–{end:%H:%M}"
        if slot.capacity is not None:
            free = max(slot.capacity - getattr(slot, "taken", 0), 0)
            label += f" — свободно мест: {free}" if free else " — мест нет, лист ожидания"
        return label


class RegistrationForm(forms.Form):
    """A school registers a group: counts and one adult's contact, never pupils' names."""

    slot = SlotChoice(queryset=TimeSlot.objects.none(), label="Время", empty_label=None)
    school_name = forms.CharField(
        label="Школа", max_length=300, help_text="Например: МАОУ СОШ № 5 г. Томска"
    )
    municipality = forms.CharField(label="Муниципалитет (город или район)", max_length=200)
    grade = forms.TypedChoiceField(
        label="Класс", coerce=int, choices=[("", "— выберите —"), *GRADE_CHOICES[1:]]
    )
    pupils = forms.IntegerField(
        label="Сколько учеников придёт",
        min_value=1,
        max_value=MAX_GROUP,
        error_messages={
            "min_value": "Учеников должно быть не меньше 1.",
            "max_value": f"Учеников в одной группе — не больше {MAX_GROUP}. "
            "Большую группу запишите несколькими заявками.",
            "invalid": "Укажите число учеников цифрами.",
        },
    )
    teacher_name = forms.CharField(label="ФИО сопровождающего педагога", max_length=200)
    teacher_email = forms.EmailField(
        label="E-mail педагога",
        help_text="Сюда придут подтверждение, напоминание и ссылка для отмены.",
        error_messages={"invalid": "Проверьте e-mail: в нём есть ошибка."},
    )
    teacher_phone = forms.CharField(label="Телефон педагога", max_length=30, required=False)
    consent = forms.BooleanField(
        label="Я согласен(на) на обработку моих ФИО и контактов организатором для связи "
        "по этой заявке (152-ФЗ). Имена учеников не нужны и не собираются.",
        error_messages={"required": "Без согласия на обработку ваших контактов заявку не принять."},
    )
    website = forms.CharField(label="Не заполняйте это поле", required=False)

    def __init__(self, *args, event: Event, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["slot"].queryset = slots
        free = next(
            (s for s in slots if s.capacity is None or s.capacity > getattr(s, "taken", 0)), None
        )
        if free is not None:
            self.fields["slot"].initial = free.pk
        if event.audience != Event.Audience.SCHOOLCHILDREN:
            self.fields["grade"].required = False
            self.fields["grade"].label = "Класс (если группа школьников)"
        elif event.grade_min and event.grade_max:
            self.fields["grade"].choices = [("", "— выберите —")] + [
                (n, f"{n} класс") for n in range(event.grade_min, event.grade_max + 1)
            ]
            self.fields["grade"].error_messages["invalid_choice"] = (
                f"Мероприятие рассчитано на {event.grades}."
            )
        self.fields[HONEYPOT].widget.attrs.update(autocomplete="off", tabindex="-1")
        self.fields["pupils"].widget.attrs.update(inputmode="numeric")

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get(HONEYPOT))

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop(HONEYPOT, None)
        data["grade"] = data.get("grade") or None
        return data


class PublicRegistrationForm(RegistrationForm):
    """The form on the public calendar: the registration plus the robot checks of events.forms.guard
    (a signed form token with a minimum fill time, a sum after repeated posts from one address)."""

    def __init__(self, *args, event: Event, slots, now: float, challenge: bool, **kwargs):
        super().__init__(*args, event=event, slots=slots, **kwargs)
        self.now = now
        self.challenge = challenge
        self.token = guard.reissue(self.data, event_id=event.pk, now=now, challenge=challenge)

    @property
    def token_value(self) -> str:
        return guard.dumps(self.token)

    def clean(self):
        data = super().clean()
        refusal = guard.check(
            self.data, event_id=self.event.pk, now=self.now, challenge=self.challenge
        )
        if refusal:
            raise forms.ValidationError(refusal, code="guard")
        return data


class ManualRegistrationForm(RegistrationForm):
    """The host enters a group that called or wrote (the teacher's consent is confirmed by them)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teacher_email"].required = False
        self.fields["consent"].label = "Педагог дал согласие на обработку его ФИО и контактов"
        del self.fields[HONEYPOT]


class BulkUploadForm(forms.Form):
    file = forms.FileField(label="Список групп (XLSX)")


class CoverageForm(forms.Form):
    start = forms.DateField(label="С", widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="По", widget=forms.DateInput(attrs={"type": "date"}))
    organization = forms.TypedChoiceField(label="Организатор", required=False, coerce=int)

    def __init__(self, data, *, organizations, default_start: date, default_end: date):
        data = data.copy() if data else {}
        data.setdefault("start", default_start.isoformat())
        data.setdefault("end", default_end.isoformat())
        super().__init__(data)
        self.organizations = {org.pk: org for org in organizations}
        self.fields["organization"].choices = [("", "Все организаторы")] + [
            (org.pk, org.short_name) for org in organizations
        ]

    def clean(self):
        data = super().clean()
        for name in ("start", "end"):
            day = data.get(name)
            if day and not COVERAGE_YEARS[0] <= day.year <= COVERAGE_YEARS[1]:
                self.add_error(
                    name, f"Укажите дату с {COVERAGE_YEARS[0]} по {COVERAGE_YEARS[1]} год."
                )
                data.pop(name, None)
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", "Конец периода раньше начала.")
        return data

    def chosen_organization(self) -> Organization | None:
        return self.organizations.get(self.cleaned_data.get("organization") or 0)
