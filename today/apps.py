from django.apps import AppConfig


class TodayConfig(AppConfig):
    name = "today"
    verbose_name = "Мои задачи"
