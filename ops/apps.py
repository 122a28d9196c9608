from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "ops"
    verbose_name = "Эксплуатация"

    def ready(self) -> None:
        from ops import middleware

        middleware.connect()
