from django.contrib import admin

from council.models import (
    AgendaItem,
    AgendaMaterial,
    Assignment,
    Attendance,
    Council,
    CouncilMember,
    Decision,
    Meeting,
)


class CouncilMemberInline(admin.TabularInline):
    model = CouncilMember
    extra = 0
    autocomplete_fields = ["person", "substitute"]
    fields = ["person", "organization", "role", "term_start", "term_end", "substitute"]


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ["cluster", "quorum_percent", "quorum_strict", "city"]
    inlines = [CouncilMemberInline]
    raw_id_fields = ["meetings_activity"]


class AgendaItemInline(admin.StackedInline):
    model = AgendaItem
    extra = 0
    fields = ["position", "title", "speaker", "heard", "spoke"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "council", "format", "status"]
    list_filter = ["status", "format", "council"]
    date_hierarchy = "starts_at"
    inlines = [AgendaItemInline]
    raw_id_fields = ["chair", "secretary", "closed_by", "created_by"]
    readonly_fields = ["year", "held_at", "closed_at", "invitations_sent_at"]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "adopted"]
    list_filter = ["kind", "adopted"]
    raw_id_fields = ["item", "recorded_by"]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "lead", "deadline_text", "removed_at"]
    list_filter = ["removed_at"]
    raw_id_fields = ["meeting", "decision", "activity", "linked_activity", "lead", "removed_by"]
    filter_horizontal = ["co_executors"]


admin.site.register(AgendaMaterial, raw_id_fields=["item", "added_by"])
admin.site.register(
    Attendance,
    list_display=["__str__", "meeting", "response"],
    raw_id_fields=["meeting", "member", "substitute"],
)
