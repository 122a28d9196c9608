from django.urls import path

from orgs import views

app_name = "orgs"

urlpatterns = [
    path("clusters/", views.home, name="home"),
    path("clusters/<slug:slug>/", views.cluster_detail, name="cluster_detail"),
]
