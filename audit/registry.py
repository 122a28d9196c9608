"""What the audit trail records: every model of the project's apps, minus secrets and noise.

`register_models()` runs once, from `AuditConfig.ready()`, when every app's models are loaded, so a
new app (or a new model in an existing one) is audited without touching its code: django-auditlog
connects its signal receivers to the model, the model itself is not changed.

Left out of the trail, for every model:
- secrets: passwords, key hashes, anything named like a token or secret;
- file contents (`BinaryField`); a `FileField` keeps only the stored file's name, which is recorded;
- copies and clocks: `auto_now` timestamps (the entry has its own time), derived search text, an
  edition's snapshot and change list (the edition page shows them), the time a key was last used.

Personal data of people outside the staff (named competitors, whose data may be erased on request)
is never copied into the trail: their name fields are left out and the entry is labelled by the
model and id instead of the person's name.
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.db import models

# The apps whose models are audited, when installed; plus the user model (below).
AUDITED_APPS = ["orgs", "plans", "documents", "reporting", "events", "council", "core"]

SECRET_WORDS = ("password", "hash", "secret", "token")
LEFT_OUT = {
    "auth.user": {"last_login"},
    "plans.activity": {"search_text"},
    "plans.planedition": {"snapshot", "changes"},
    "core.apitoken": {"last_used_at"},
}
# Models whose rows name private persons: the trail keeps that something changed, not the name.
PERSONAL = {
    "events.competitor": {"full_name", "organization_name"},
}


def label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def audited_models() -> list[type[models.Model]]:
    """The models the trail covers, in a stable order."""
    found = [apps.get_model(settings.AUTH_USER_MODEL)]
    for app_label in AUDITED_APPS:
        try:
            config = apps.get_app_config(app_label)
        except LookupError:
            continue
        found.extend(
            model
            for model in config.get_models()
            if not model._meta.proxy and not model._meta.auto_created
        )
    return found


def left_out_fields(model: type[models.Model]) -> list[str]:
    """Fields whose values never reach the trail (see the module's docstring)."""
    names = set(LEFT_OUT.get(label(model), ())) | set(PERSONAL.get(label(model), ()))
    for field in model._meta.concrete_fields:
        lowered = field.name.lower()
        if (
            isinstance(field, models.BinaryField)
            or (any(word in lowered for word in SECRET_WORDS) and not field.is_relation)
            or getattr(field, "auto_now", False)
        ):
            names.add(field.name)
    return sorted(names)


def reverse_relation_names(model: type[models.Model]) -> list[str]:
    """Relations declared on other models; django-auditlog would diff them on create and delete."""
    return [f.name for f in model._meta.get_fields() if f.auto_created and not f.concrete]


def m2m_field_names(model: type[models.Model]) -> list[str]:
    return [field.name for field in model._meta.local_many_to_many]


def register_models() -> None:
    from auditlog.registry import auditlog

    for model in audited_models():
        if auditlog.contains(model):
            continue
        auditlog.register(
            model,
            exclude_fields=left_out_fields(model) + reverse_relation_names(model),
            m2m_fields=set(m2m_field_names(model)),
        )


def is_personal(model: type[models.Model] | None) -> bool:
    return model is not None and label(model) in PERSONAL
