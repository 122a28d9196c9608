from django.urls import path

from today import views

app_name = "today"

urlpatterns = [
    path("", views.my_tasks_view, name="tasks"),
]
