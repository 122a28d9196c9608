from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "Журнал изменений"

    def ready(self) -> None:
        """Register every model of the project's apps with the trail (see audit.registry), once
        all apps' models are loaded."""
        from audit import trail
        from audit.registry import register_models

        register_models()
        trail.install()
