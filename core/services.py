"""Writes on API tokens and calendar keys, and the checks that turn a presented key into a user.

A key is `<kind>_<43 url-safe characters>` (256 random bits), so a plain SHA-256 of it is enough to
store: nothing about the key can be guessed from the hash, and a lookup by hash takes one indexed
query. The raw key leaves these functions only as the return value of `api_token_create` and
`calendar_token_reset`, to be shown once.
"""

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core.models import ApiToken, CalendarToken

API_KEY_KIND = "cpa"
CALENDAR_KEY_KIND = "cpc"
PREFIX_LENGTH = 10  # «cpa_» and six characters: enough to tell one's keys apart, useless to guess
MAX_KEY_LENGTH = 200  # anything longer is not one of our keys; refused before hashing
# `last_used_at` is written at most this often, so a busy script does not write on every request.
LAST_USED_PRECISION = timedelta(minutes=1)
MAX_ACTIVE_API_TOKENS = 20


def key_hash(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode()).hexdigest()


def new_key(kind: str) -> str:
    return f"{kind}_{secrets.token_urlsafe(32)}"


@transaction.atomic
def api_token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """A new API token for `user`; returns it and the raw key, which is not stored anywhere."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError(
            {"name": "Укажите, для чего нужен ключ: например, «Скрипт выгрузки»."}
        )
    active = ApiToken.objects.filter(user=user, revoked_at__isnull=True).count()
    if active >= MAX_ACTIVE_API_TOKENS:
        raise ValidationError(
            f"У вас уже {active} действующих ключей. Отзовите ненужные, прежде чем создавать новый."
        )
    raw_key = new_key(API_KEY_KIND)
    token = ApiToken(
        user=user, name=name, prefix=raw_key[:PREFIX_LENGTH], key_hash=key_hash(raw_key)
    )
    token.full_clean()
    token.save()
    return token, raw_key


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor) -> ApiToken:
    """Revoke a token: its owner or an administrator may; revoking twice changes nothing."""
    if actor.pk != token.user_id and not actor.is_superuser:
        raise PermissionDenied("Отозвать ключ может только его владелец или администратор.")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_check(*, raw_key: str):
    """The active user an API key belongs to, or None; notes when the key was last used."""
    if not raw_key or len(raw_key) > MAX_KEY_LENGTH or not raw_key.startswith(f"{API_KEY_KIND}_"):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=key_hash(raw_key), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


@transaction.atomic
def calendar_token_reset(*, user) -> str:
    """Revoke the user's calendar key (if any) and make a new one; returns the new raw key."""
    CalendarToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    raw_key = new_key(CALENDAR_KEY_KIND)
    token = CalendarToken(user=user, prefix=raw_key[:PREFIX_LENGTH], key_hash=key_hash(raw_key))
    token.full_clean()
    token.save()
    return raw_key


def calendar_token_check(*, raw_key: str):
    """The active user a calendar key belongs to, or None (an API key is never accepted here)."""
    if (
        not raw_key
        or len(raw_key) > MAX_KEY_LENGTH
        or not raw_key.startswith(f"{CALENDAR_KEY_KIND}_")
    ):
        return None
    token = (
        CalendarToken.objects.select_related("user")
        .filter(key_hash=key_hash(raw_key), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    return token.user
