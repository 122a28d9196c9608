"""The profile page: personal API tokens and private calendar links.

A raw key exists only in the answer to the POST that made it: it is shown once and never stored.
It lives in config, the composition root, because it draws on core (tokens) and plans (feeds).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core.models import ApiToken, CalendarToken
from core.services import api_token_create, api_token_revoke, calendar_token_reset
from plans.feeds import calendar_feeds

REVOKED_SHOWN = 10


def render_profile(request, *, status=200, **extra):
    user = request.user
    tokens = list(ApiToken.objects.filter(user=user).order_by("-created_at", "-pk"))
    context = {
        "active_tokens": [token for token in tokens if token.is_active],
        "revoked_tokens": [token for token in tokens if not token.is_active][:REVOKED_SHOWN],
        "calendar_token": CalendarToken.objects.filter(user=user, revoked_at__isnull=True).first(),
        "feeds": calendar_feeds(user),
        "base_url": request.build_absolute_uri("/").rstrip("/"),
        "webcal_base": "webcal://" + request.get_host(),
        **extra,
    }
    return render(request, "core/profile.html", context, status=status)


@login_required
def profile(request):
    return render_profile(request)


@login_required
@require_POST
def api_token_new(request):
    name = request.POST.get("name", "")
    try:
        token, raw_key = api_token_create(user=request.user, name=name)
    except ValidationError as error:
        return render_profile(request, status=400, token_errors=error.messages, token_name=name)
    return render_profile(request, new_token=token, new_key=raw_key)


@login_required
@require_POST
def api_token_revoke_view(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    api_token_revoke(token=token, actor=request.user)
    messages.success(request, f"Ключ «{token.name}» отозван: запросы с ним больше не принимаются.")
    return redirect("profile")


@login_required
@require_POST
def calendar_token_new(request):
    had_token = CalendarToken.objects.filter(user=request.user, revoked_at__isnull=True).exists()
    raw_key = calendar_token_reset(user=request.user)
    return render_profile(request, calendar_key=raw_key, calendar_was_reset=had_token)
