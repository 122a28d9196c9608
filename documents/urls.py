from django.urls import path, re_path

from documents import views

app_name = "documents"

urlpatterns = [
    path("clusters/<slug:slug>/import/", views.plan_upload, name="plan_upload"),
    path("imports/<int:pk>/", views.plan_upload_preview, name="plan_upload_preview"),
    path("imports/<int:pk>/map/", views.plan_upload_map, name="plan_upload_map"),
    path("imports/<int:pk>/reading/", views.plan_upload_reading, name="plan_upload_reading"),
    path("imports/<int:pk>/confirm/", views.plan_upload_confirm_view, name="plan_upload_confirm"),
    path("imports/<int:pk>/discard/", views.plan_upload_discard, name="plan_upload_discard"),
    path("plans/<int:pk>/revise/", views.plan_revision_upload, name="plan_revision_upload"),
    re_path(
        r"^plans/(?P<pk>[0-9]+)/export\.(?P<fmt>docx|xlsx|pdf)$",
        views.plan_export,
        name="plan_export",
    ),
]
