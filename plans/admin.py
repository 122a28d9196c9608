from django.contrib import admin

from plans.models import Activity, Objective, Obligation, Plan, PlanEdition


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["title", "cluster", "year_label"]
    list_filter = ["cluster"]
    search_fields = ["title"]


@admin.register(PlanEdition)
class PlanEditionAdmin(admin.ModelAdmin):
    list_display = ["plan", "number", "edition_date", "created_by", "created_at"]
    readonly_fields = ["created_at"]


@admin.register(Objective)
class ObjectiveAdmin(admin.ModelAdmin):
    list_display = ["plan", "number", "title"]
    list_filter = ["plan"]


class ObligationInline(admin.TabularInline):
    model = Obligation
    extra = 0


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "plan", "deadline_text", "deadline_kind", "deadline_end"]
    list_filter = ["plan", "deadline_kind"]
    search_fields = ["number", "title", "executors_text"]
    inlines = [ObligationInline]
