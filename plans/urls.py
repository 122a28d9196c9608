from django.urls import path

from plans import views

app_name = "plans"

urlpatterns = [
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/timeline/", views.plan_timeline, name="plan_timeline"),
    path("plans/<int:pk>/editions/", views.plan_editions, name="plan_editions"),
    path(
        "plans/<int:pk>/editions/<int:number>/",
        views.plan_edition_detail,
        name="plan_edition_detail",
    ),
    path("plans/<int:pk>/activities/new/", views.activity_add, name="activity_add"),
    path("plans/<int:pk>/rollover/", views.plan_rollover_view, name="plan_rollover"),
    path("plans/<int:pk>/approve/", views.plan_approve_view, name="plan_approve"),
    path("activities/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/remove/", views.activity_remove_view, name="activity_remove"),
    path(
        "clusters/<slug:slug>/organizations/<int:pk>/",
        views.organization_obligations,
        name="organization_detail",
    ),
]
