from django.urls import path

from audit import views

app_name = "audit"

urlpatterns = [
    path("audit/", views.trail_search, name="audit_search"),
    path(
        "audit/<str:app_label>/<str:model_name>/<str:pk>/",
        views.object_history,
        name="audit_history",
    ),
]
