from django.contrib import admin

from reporting.models import (
    DeadlineChangeRequest,
    Evidence,
    Indicator,
    IndicatorValue,
    NotificationPreference,
    Report,
    ReportingPeriod,
    ReportJob,
    ReportVersion,
    SentReminder,
)


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(admin.ModelAdmin):
    list_display = ["title", "plan", "start", "end", "due_date"]
    list_filter = ["plan__cluster", "kind"]


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    fields = ["kind", "original_name", "url", "title", "size", "added_at", "removed_at"]
    readonly_fields = fields


class VersionInline(admin.TabularInline):
    model = ReportVersion
    extra = 0
    fields = ["number", "submitted_at", "submitted_by", "decision", "comment", "decided_by"]
    readonly_fields = fields


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["obligation", "period", "state", "status", "updated_at"]
    list_filter = ["state", "status", "period__plan__cluster"]
    search_fields = ["obligation__organization__short_name", "obligation__activity__number"]
    raw_id_fields = ["obligation", "period", "updated_by", "reviewed_by"]
    inlines = [EvidenceInline, VersionInline]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "target", "aggregation", "source", "plan"]
    list_filter = ["plan__cluster", "aggregation"]
    raw_id_fields = ["activity"]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    list_display = ["indicator", "report", "value"]
    raw_id_fields = ["indicator", "report"]


@admin.register(DeadlineChangeRequest)
class DeadlineChangeRequestAdmin(admin.ModelAdmin):
    list_display = ["obligation", "proposed_deadline_text", "state", "requested_at"]
    list_filter = ["state"]
    raw_id_fields = ["obligation", "edition"]


@admin.register(SentReminder)
class SentReminderAdmin(admin.ModelAdmin):
    list_display = ["kind", "recipient", "key", "sent_at"]
    list_filter = ["kind"]
    search_fields = ["recipient", "key"]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", *NotificationPreference.FIELDS]


@admin.register(ReportJob)
class ReportJobAdmin(admin.ModelAdmin):
    list_display = ["plan", "period", "format", "state", "progress", "requested_by", "created_at"]
    list_filter = ["state", "format"]
