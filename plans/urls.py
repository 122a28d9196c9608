from django.urls import path

from plans import views

urlpatterns = [
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/timeline/", views.plan_timeline, name="plan_timeline"),
    path("activities/<int:pk>/", views.activity_detail, name="activity_detail"),
    path(
        "clusters/<slug:slug>/organizations/<int:pk>/",
        views.organization_obligations,
        name="organization_detail",
    ),
]
