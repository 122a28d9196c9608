from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Мероприятия с участниками"

    def ready(self) -> None:
        from events.sources import register_sources

        register_sources()
