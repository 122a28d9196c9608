import math

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from audit.access import access_object_history, access_trail_search
from audit.forms import AuditSearchForm
from audit.selectors import entry_rows, entry_search, object_entries

ENTRIES_PER_PAGE = 50


def entries_page(request, entries):
    page = Paginator(entries, ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = entry_rows(page.object_list)
    return page


@login_required
def object_history(request, app_label, model_name, pk):
    """«История изменений» of one object: who changed what, when, from which address."""
    model, obj = access_object_history(request.user, app_label, model_name, pk)
    page = entries_page(request, object_entries(model, pk))
    return render(
        request,
        "audit/history.html",
        {
            "model_name": model._meta.verbose_name,
            "object": obj,
            "object_label": str(obj) if obj is not None else f"№ {pk} (удалён)",
            "page": page,
            "can_search": request.user.is_superuser,
        },
    )


@login_required
def trail_search(request):
    access_trail_search(request.user)
    form = AuditSearchForm(request.GET)
    page = entries_page(request, entry_search(form.filters()))
    return render(request, "audit/search.html", {"form": form, "page": page})


def lockout(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out sign-in (AXES_LOCKOUT_CALLABLE): a Russian page, 429."""
    cooloff = settings.AXES_COOLOFF_TIME
    minutes = math.ceil(cooloff.total_seconds() / 60) if cooloff else None
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return render(
        request,
        "audit/lockout.html",
        {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes, "username": username},
        status=429,
    )
