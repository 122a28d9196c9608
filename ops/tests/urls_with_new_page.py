"""The project's URLconf plus one page nobody has put in the permission matrix (a test of the test)."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as project_patterns

urlpatterns = [
    *project_patterns,
    path("brand-new/<int:pk>/", lambda request, pk: HttpResponse("hi"), name="brand_new_page"),
]
