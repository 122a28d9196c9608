"""Forms of the council pages. Choices are always limited to the cluster's own organizations,
people, activities and objectives, so a forged id is refused by the form with a Russian message
before any service runs (and the services check again)."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.utils import timezone

from council.models import Attendance, Council, CouncilMember, Decision, Meeting
from council.selectors.assignments import STANDING_LABELS
from orgs.models import Organization, Person
from plans.models import Activity, Objective, Plan

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
TEXT_AREA = {"rows": 3}


def cluster_organizations(cluster):
    return Organization.objects.filter(memberships__cluster=cluster).order_by("short_name")


def cluster_people(cluster):
    return (
        Person.objects.filter(organization__memberships__cluster=cluster)
        .select_related("organization")
        .order_by("full_name")
    )


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person):
        return f"{person.full_name} — {person.organization.short_name}"


class ActivityChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, activity):
        prefix = "Поручение" if activity.plan.kind == Plan.Kind.ASSIGNMENTS else "План"
        return f"{prefix} {activity.plan.year_label}: {activity.number} {activity.title[:90]}"


class SingleActivityField(forms.ModelChoiceField):
    def label_from_instance(self, activity):
        return f"{activity.plan.year_label}: {activity.number} {activity.title[:90]}"


def current_activities(cluster):
    return (
        Activity.objects.filter(plan__cluster=cluster)
        .select_related("plan")
        .order_by("-plan__window_start", "plan__kind", "position")
    )


class CouncilSettingsForm(forms.Form):
    name_genitive = forms.CharField(
        label="Название совета в протоколе",
        max_length=500,
        help_text=Council._meta.get_field("name_genitive").help_text,
    )
    city = forms.CharField(label="Город", max_length=100, required=False)
    quorum_percent = forms.IntegerField(label="Кворум, % членов совета", min_value=1, max_value=100)
    quorum_strict = forms.BooleanField(
        label="Строго больше этой доли",
        required=False,
        help_text="По умолчанию кворум — больше половины членов совета (50 %, строго больше).",
    )
    meetings_activity = SingleActivityField(
        label="Мероприятие плана, которое исполняют заседания",
        queryset=Activity.objects.none(),
        required=False,
        empty_label="найти по названию «Проведение заседаний Координационного совета»",
    )

    def __init__(self, *args, cluster, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meetings_activity"].queryset = current_activities(cluster).filter(
            plan__kind=Plan.Kind.WORK_PLAN
        )


class MemberForm(forms.Form):
    """A member: an existing person of a cluster organization, or a new one typed in."""

    person = PersonChoiceField(
        label="Кто",
        queryset=Person.objects.none(),
        required=False,
        empty_label="— новый человек (заполните ниже) —",
    )
    new_full_name = forms.CharField(label="ФИО нового члена", max_length=200, required=False)
    new_position = forms.CharField(label="Должность", max_length=300, required=False)
    new_email = forms.EmailField(
        label="E-mail для приглашений", required=False, widget=forms.EmailInput
    )
    organization = forms.ModelChoiceField(
        label="Организация",
        queryset=Organization.objects.none(),
        required=False,
        help_text="Для нового человека обязательно; для выбранного — по умолчанию его организация.",
    )
    role = forms.ChoiceField(label="Роль в совете", choices=CouncilMember.Role.choices)
    term_start = forms.DateField(label="В совете с", widget=DATE)
    term_end = forms.DateField(label="по (пусто — бессрочно)", widget=DATE, required=False)
    substitute = PersonChoiceField(
        label="Замещающий", queryset=Person.objects.none(), required=False, empty_label="нет"
    )

    def __init__(self, *args, cluster, member: CouncilMember | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        people = cluster_people(cluster)
        self.fields["person"].queryset = people
        self.fields["substitute"].queryset = people
        self.fields["organization"].queryset = cluster_organizations(cluster)
        if member is not None:
            for name in ("person", "new_full_name", "new_position", "new_email"):
                del self.fields[name]

    def clean(self):
        data = super().clean()
        if "person" in self.fields and not data.get("person"):
            if not (data.get("new_full_name") or "").strip():
                self.add_error("person", "Выберите человека или впишите ФИО нового члена совета.")
            if not data.get("organization"):
                self.add_error("organization", "Укажите организацию нового члена совета.")
        return data


class MeetingForm(forms.Form):
    number = forms.IntegerField(
        label="Номер протокола",
        min_value=1,
        required=False,
        help_text="Пусто — следующий номер в году.",
    )
    day = forms.DateField(label="Дата", widget=DATE)
    time = forms.TimeField(label="Время начала", widget=TIME)
    duration_minutes = forms.IntegerField(
        label="Продолжительность, мин", min_value=15, max_value=720, initial=120
    )
    format = forms.ChoiceField(label="Форма проведения", choices=Meeting.Format.choices)
    place = forms.CharField(label="Место проведения", max_length=300, required=False)
    link = forms.URLField(
        label="Ссылка на видеоконференцию",
        max_length=500,
        required=False,
        assume_scheme="https",
    )
    invited_text = forms.CharField(
        label="Приглашённые",
        required=False,
        widget=forms.Textarea(attrs=TEXT_AREA),
        help_text="По одному на строку: ФИО, должность, организация.",
    )
    chair = PersonChoiceField(
        label="Председательствует",
        queryset=Person.objects.none(),
        required=False,
        empty_label="председатель совета",
    )
    secretary = PersonChoiceField(
        label="Секретарь",
        queryset=Person.objects.none(),
        required=False,
        empty_label="секретарь совета",
    )

    def __init__(self, *args, council: Council, **kwargs):
        super().__init__(*args, **kwargs)
        people = Person.objects.filter(council_memberships__council=council).distinct()
        self.fields["chair"].queryset = people.select_related("organization").order_by("full_name")
        self.fields["secretary"].queryset = self.fields["chair"].queryset

    def starts_at(self) -> datetime:
        data = self.cleaned_data
        return timezone.make_aware(datetime.combine(data["day"], data["time"]))

    @staticmethod
    def initial_for(meeting: Meeting) -> dict:
        local = timezone.localtime(meeting.starts_at)
        return {
            "number": meeting.number,
            "day": local.date(),
            "time": local.time(),
            "duration_minutes": meeting.duration_minutes,
            "format": meeting.format,
            "place": meeting.place,
            "link": meeting.link,
            "invited_text": meeting.invited_text,
            "chair": meeting.chair_id,
            "secretary": meeting.secretary_id,
        }


class AgendaItemForm(forms.Form):
    title = forms.CharField(label="Вопрос", widget=forms.Textarea(attrs=TEXT_AREA))
    speaker = forms.CharField(
        label="Докладчик",
        max_length=300,
        required=False,
        help_text="ФИО, должность, организация.",
    )
    activities = ActivityChoiceField(
        label="Мероприятия плана и поручения, к которым относится вопрос",
        queryset=Activity.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args, cluster, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activities"].queryset = current_activities(cluster)


class ItemRecordForm(AgendaItemForm):
    """The item as recorded at the meeting: also what was heard and said."""

    heard = forms.CharField(
        label="СЛУШАЛИ",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Кого и о чём: «о ходе выполнения плана…».",
    )
    spoke = forms.CharField(
        label="ВЫСТУПИЛИ", required=False, widget=forms.Textarea(attrs=TEXT_AREA)
    )


class FileForm(forms.Form):
    file = forms.FileField(label="Файл")


class AttendanceForm(forms.Form):
    """One presence choice per member on the council on the meeting date."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            choices = [
                (value, label)
                for value, label in Attendance.Presence.choices
                if value != Attendance.Presence.SUBSTITUTE or row.member.substitute_id
            ]
            self.fields[f"member_{row.member.pk}"] = forms.ChoiceField(
                label=str(row.member.person),
                choices=choices,
                initial=row.presence,
                widget=forms.RadioSelect,
            )

    def marks(self) -> dict[int, str]:
        return {
            int(name.removeprefix("member_")): value for name, value in self.cleaned_data.items()
        }

    def bound_rows(self):
        return [(row, self[f"member_{row.member.pk}"]) for row in self.rows]


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(
        label="Вид решения", choices=Decision.Kind.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(label="Текст решения", widget=forms.Textarea(attrs=TEXT_AREA))
    votes_for = forms.IntegerField(label="«За»", min_value=0, max_value=999, required=False)
    votes_against = forms.IntegerField(label="«Против»", min_value=0, max_value=999, required=False)
    votes_abstained = forms.IntegerField(
        label="«Воздержались»", min_value=0, max_value=999, required=False
    )


class AssignmentForm(forms.Form):
    text = forms.CharField(label="Поручение", widget=forms.Textarea(attrs=TEXT_AREA))
    lead = forms.ModelChoiceField(
        label="Ответственная организация", queryset=Organization.objects.none()
    )
    co_executors = forms.ModelMultipleChoiceField(
        label="Соисполнители",
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    due_date = forms.DateField(label="Срок — дата", widget=DATE, required=False)
    deadline_text = forms.CharField(
        label="или срок словами",
        max_length=300,
        required=False,
        help_text="Как в протоколе: «до 15 декабря 2023 года», «IV квартал 2023 года», "
        "«ежеквартально».",
    )
    linked_activity = SingleActivityField(
        label="Связано с мероприятием плана",
        queryset=Activity.objects.none(),
        required=False,
        empty_label="нет",
    )
    plan_objective = forms.ModelChoiceField(
        label="Включить в план работы как новое мероприятие",
        queryset=Objective.objects.none(),
        required=False,
        empty_label="нет — поручение на контроле в плане поручений совета",
        help_text="Мероприятие добавится в конец выбранной задачи; план получит новую редакцию.",
    )

    def __init__(self, *args, cluster, work_plan: Plan | None, **kwargs):
        super().__init__(*args, **kwargs)
        organizations = cluster_organizations(cluster)
        self.fields["lead"].queryset = organizations
        self.fields["co_executors"].queryset = organizations
        self.fields["linked_activity"].queryset = current_activities(cluster).filter(
            plan__kind=Plan.Kind.WORK_PLAN
        )
        if work_plan is None:
            del self.fields["plan_objective"]
        else:
            self.fields["plan_objective"].queryset = Objective.objects.filter(
                plan=work_plan
            ).order_by("position")
            self.fields["plan_objective"].label_from_instance = lambda o: (
                f"Задача {o.number}. {o.title[:80]}" if o.number else o.title[:90]
            )


class NoteForm(forms.Form):
    note = forms.CharField(
        label="Основание", widget=forms.Textarea(attrs=TEXT_AREA), max_length=2000
    )


class AssignmentFilterForm(forms.Form):
    organization = forms.TypedChoiceField(label="Организация", required=False, coerce=int)
    standing = forms.ChoiceField(label="Состояние", required=False)
    removed = forms.BooleanField(label="Показать снятые с контроля", required=False)

    def __init__(self, data, *, cluster):
        super().__init__(data)
        self.fields["organization"].choices = [("", "Все организации")] + [
            (o.pk, o.short_name) for o in cluster_organizations(cluster)
        ]
        self.fields["standing"].choices = [("", "Любое")] + [
            (standing.value, label) for standing, label in STANDING_LABELS.items()
        ]
