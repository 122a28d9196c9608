from django.apps import AppConfig


class CouncilConfig(AppConfig):
    name = "council"
    verbose_name = "Координационный совет"

    def ready(self) -> None:
        from council.sources import register_sources

        register_sources()
