from django.contrib import admin

from documents.models import PlanUpload


@admin.register(PlanUpload)
class PlanUploadAdmin(admin.ModelAdmin):
    list_display = ["filename", "cluster", "uploaded_by", "created_at"]
    exclude = ["content"]
