from django.contrib import admin, messages

from events.models import (
    Competitor,
    Event,
    EventEvidence,
    EventKind,
    GroupRegistration,
    ParticipantTally,
    ProfessionalClass,
    TimeSlot,
)
from events.services import competitor_erase, registration_contact_erase


@admin.register(EventKind)
class EventKindAdmin(admin.ModelAdmin):
    list_display = ("name", "cluster", "is_trial", "named_participants", "position")
    list_filter = ("cluster", "is_trial")


class TimeSlotInline(admin.TabularInline):
    model = TimeSlot
    extra = 0


class TallyInline(admin.TabularInline):
    model = ParticipantTally
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "host", "status", "is_public", "cluster")
    list_filter = ("cluster", "status", "kind")
    search_fields = ("title", "profession", "municipality")
    raw_id_fields = ("activity", "professional_class")
    filter_horizontal = ("partners",)
    inlines = [TimeSlotInline, TallyInline]


@admin.action(description="Удалить данные сопровождающего педагога (счёт групп сохранится)")
def erase_teacher(modeladmin, request, queryset):
    for registration in queryset:
        registration_contact_erase(registration=registration, actor=request.user)
    messages.success(request, f"Данные педагогов удалены в заявках: {queryset.count()}.")


@admin.register(GroupRegistration)
class GroupRegistrationAdmin(admin.ModelAdmin):
    list_display = ("school_name", "municipality", "grade", "pupils", "status", "attended", "slot")
    list_filter = ("status", "source")
    search_fields = ("school_name", "municipality")
    readonly_fields = ("school_key", "token", "reminder_sent_at", "contact_erased_at")
    raw_id_fields = ("slot",)
    actions = [erase_teacher]


@admin.action(description="Удалить персональные данные участника (счёт сохранится)")
def erase_competitor(modeladmin, request, queryset):
    for competitor in queryset:
        competitor_erase(competitor=competitor, actor=request.user)
    messages.success(request, f"Данные участников удалены: {queryset.count()}.")


@admin.register(Competitor)
class CompetitorAdmin(admin.ModelAdmin):
    list_display = ("__str__", "organization_name", "result", "event", "erased_at")
    search_fields = ("full_name", "organization_name")
    raw_id_fields = ("event",)
    actions = [erase_competitor]


@admin.register(EventEvidence)
class EventEvidenceAdmin(admin.ModelAdmin):
    list_display = ("__str__", "kind", "event", "added_at")
    raw_id_fields = ("event",)


@admin.register(ProfessionalClass)
class ProfessionalClassAdmin(admin.ModelAdmin):
    list_display = ("school_name", "grade", "academic_year", "profile", "college", "pupils")
    list_filter = ("cluster", "academic_year")
    search_fields = ("school_name", "profile")
