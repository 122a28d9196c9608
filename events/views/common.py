"""What every sign-in page of events shares: a refusal explained in Russian, with a way back."""

from __future__ import annotations

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

DEFAULT_REFUSAL = "У вас нет прав на это действие."


def refusals_in_russian(view):
    """Answer PermissionDenied with a page saying why (the access layer's Russian message)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as refusal:
            return render(
                request,
                "events/forbidden.html",
                {"message": str(refusal) or DEFAULT_REFUSAL, "slug": kwargs.get("slug")},
                status=403,
            )

    return wrapper
