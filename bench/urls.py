"""The project's URLs and, under /bench/floor/, the floors the pages are measured against."""

from django.urls import include, path

from bench import floors

urlpatterns = [
    path("bench/floor/plan/<int:pk>/", floors.plan),
    path("bench/floor/organization/<int:pk>/", floors.organization),
    path("bench/floor/dashboard/<int:pk>/", floors.dashboard),
    path("bench/floor/api/<int:pk>/", floors.api),
    path("bench/floor/edit/<int:pk>/", floors.edit),
    path("", include("config.urls")),
]
