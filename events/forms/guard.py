"""What keeps robots off the public registration form, without any outside service.

- A signed, time-stamped form token (django.core.signing, keyed by SECRET_KEY): the page gives one
  with the time it was issued and the event it is for. A post without a valid one, one for another
  event, one older than EVENT_FORM_MAX_AGE hours or one sent again is refused; a form sent sooner
  than EVENT_FORM_MIN_SECONDS after it was issued was not filled by a person.
- A sum to solve once an address has posted EVENT_CHALLENGE_AFTER times within the hour: its
  terms travel in the signed token, so they cannot be changed, and the answer is checked here.
- The honeypot field (events.forms.public.HONEYPOT) and the per-address rate limit are in the
  form and the view.

The token is signed, not encrypted: it holds nothing secret (an event id, a time, a nonce, the
terms of the sum), only nothing in it can be changed.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache

SALT = "events.public-registration-form"
TOKEN_FIELD = "form_token"
ANSWER_FIELD = "answer"

STALE = "Форма устарела или повреждена: обновите страницу и заполните её ещё раз."
TOO_FAST = (
    "Форма отправлена слишком быстро — так заполняют программы, а не люди. Проверьте данные и "
    "нажмите «Отправить заявку» ещё раз."
)
SOLVE = "С этого адреса уже было несколько заявок: решите пример, чтобы отправить ещё одну."
WRONG = "Ответ на пример неверный — решите новый пример."
REUSED = "Эта форма уже была отправлена. Проверьте данные и отправьте её ещё раз."


@dataclass(frozen=True)
class Token:
    event_id: int
    issued: int
    nonce: str
    terms: tuple[int, int] | None

    @property
    def question(self) -> str:
        return f"Сколько будет {self.terms[0]} + {self.terms[1]}?" if self.terms else ""


def new_terms() -> tuple[int, int]:
    return (secrets.randbelow(8) + 2, secrets.randbelow(9) + 1)


def issue(*, event_id: int, issued: float, challenge: bool) -> str:
    """A new token for a form shown at `issued` (a Unix time)."""
    return dumps(
        Token(
            event_id=event_id,
            issued=int(issued),
            nonce=secrets.token_urlsafe(12),
            terms=new_terms() if challenge else None,
        )
    )


def read(value: str, *, event_id: int) -> Token | None:
    """The token's contents if it is ours, for this event and not too old; None otherwise."""
    if not value or len(value) > 500:
        return None
    try:
        payload = signing.loads(value, salt=SALT, max_age=settings.EVENT_FORM_MAX_AGE * 3600)
    except signing.BadSignature:  # also SignatureExpired
        return None
    try:
        terms = payload.get("q")
        token = Token(
            event_id=int(payload["e"]),
            issued=int(payload["t"]),
            nonce=str(payload["n"]),
            terms=(int(terms[0]), int(terms[1])) if terms else None,
        )
    except (KeyError, TypeError, ValueError, IndexError):
        return None
    return token if token.event_id == event_id else None


def check(data, *, event_id: int, now: float, challenge: bool) -> str | None:
    """The Russian reason to refuse this post, or None. Marks the token used when it passes."""
    token = read(str(data.get(TOKEN_FIELD, "")), event_id=event_id)
    if token is None or now - token.issued > settings.EVENT_FORM_MAX_AGE * 3600:
        return STALE
    if now - token.issued < settings.EVENT_FORM_MIN_SECONDS:
        return TOO_FAST
    if challenge:
        if token.terms is None:
            return SOLVE
        answer = str(data.get(ANSWER_FIELD, "")).strip()
        if answer != str(sum(token.terms)):
            return WRONG
    if not cache.add(f"events:form-used:{token.nonce}", 1, settings.EVENT_FORM_MAX_AGE * 3600):
        return REUSED
    return None


def reissue(data, *, event_id: int, now: float, challenge: bool) -> Token:
    """The token to put in the page: a form shown again keeps the time its first token was issued
    (a person correcting one field is not made to wait again), with a new nonce and new terms."""
    previous = read(str(data.get(TOKEN_FIELD, "")), event_id=event_id) if data else None
    fresh = previous is not None and now - previous.issued <= settings.EVENT_FORM_MAX_AGE * 3600
    issued = previous.issued if previous is not None and fresh else int(now)
    return Token(
        event_id=event_id,
        issued=issued,
        nonce=secrets.token_urlsafe(12),
        terms=new_terms() if challenge else None,
    )


def dumps(token: Token) -> str:
    payload: dict = {"e": token.event_id, "t": token.issued, "n": token.nonce}
    if token.terms:
        payload["q"] = list(token.terms)
    return signing.dumps(payload, salt=SALT)
