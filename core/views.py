"""The glue every app's views share: a service's refusal onto a form, a message, a redirect.

Views stay thin: they check access, bind a form, call one service and answer. The three shapes that
repeat are here once:

    form = ActivityForm(request.POST or None)
    if done := form_submit(
        request,
        form,
        lambda data: activity_update(activity=activity, actor=request.user, **data),
        success="Мероприятие сохранено.",
        next_url=lambda activity: reverse("plans:activity_detail", args=[activity.pk]),
    ):
        return done
    return render(request, "plans/activity_form.html", {"form": form})

    # a POST button without a form (approve, close, remove…)
    return action_submit(
        request,
        lambda: meeting_close(meeting=meeting, actor=request.user),
        success="Заседание закрыто.",
        next_url=reverse("council:council_meeting", args=[meeting.pk]),
    )

A service says no with a `ValidationError` in Russian; these helpers put it where a person reads it
(on the form's fields, or as a message) and change nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

T = TypeVar("T")
Next = str | Callable[[Any], str]
Success = str | Callable[[Any], str] | None


def error_text(error: ValidationError) -> str:
    """Every message of a service's refusal as one sentence for `messages.error` or a JSON body."""
    return " ".join(error.messages)


def form_error_text(form: BaseForm) -> str:
    """A bound form's errors as one sentence, for a form shown on another page (a message)."""
    return " ".join(str(message) for errors in form.errors.values() for message in errors)


def form_errors(form: BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError on the fields it names, the rest on the whole form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            field = name if name in form.fields else None
            for item in errors:
                form.add_error(field, item.messages)
    else:
        form.add_error(None, error.messages)


def _resolve(value: Any, result: Any) -> Any:
    return value(result) if callable(value) else value


def form_submit(
    request: HttpRequest,
    form: BaseForm,
    action: Callable[[dict[str, Any]], T],
    *,
    next_url: Next,
    success: Success = None,
) -> HttpResponse | None:
    """Run a valid POSTed form through `action` (a service call given `form.cleaned_data`).

    Success: the message (a text, or a function of the service's result) and a redirect to
    `next_url`. A GET, an invalid form or the service's refusal: None, with the refusal on the
    form, so the view renders the form again with what the person typed.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = action(form.cleaned_data)
    except ValidationError as error:
        form_errors(form, error)
        return None
    message = _resolve(success, result)
    if message:
        messages.success(request, message)
    return redirect(_resolve(next_url, result))


def action_submit(
    request: HttpRequest,
    action: Callable[[], T],
    *,
    next_url: Next,
    success: Success = None,
    failure_url: str | None = None,
    failure_prefix: str = "",
) -> HttpResponse:
    """Run a POST button's service call; its success or its refusal as a message; then redirect.

    `next_url` may be a function of the service's result; a refusal has no result and goes to
    `failure_url` (by default `next_url`, which must then be a plain address).
    """
    try:
        result = action()
    except ValidationError as error:
        messages.error(request, failure_prefix + error_text(error))
        if failure_url is None and callable(next_url):
            raise TypeError("action_submit needs failure_url when next_url is a function") from None
        return redirect(failure_url or next_url)
    message = _resolve(success, result)
    if message:
        messages.success(request, message)
    return redirect(_resolve(next_url, result))
