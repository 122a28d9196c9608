"""The public calendar: no sign-in. Lists upcoming public events, takes schools' group registrations
and shows a school its registration by the secret link it was given.

The registration form is CSRF-protected and guarded against robots without outside services
(events.forms.guard): a signed, time-stamped form token with a minimum fill time, a honeypot field,
a sum to solve after repeated posts from one address, and a per-address rate limit counted in the
shared cache on the client address the audit trail uses (core.ratelimit)."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from core import ratelimit
from core.views import action_submit, form_errors
from events.access import public_cluster, public_event
from events.forms import PublicFilterForm, PublicRegistrationForm
from events.models import GroupRegistration
from events.selectors.events import public_choices, public_event_list, slots_with_places
from events.services import registration_cancel, registration_create

PER_PAGE = 20
RATE_SCOPE = "events:register"
RATE_WINDOW = 3600
TOO_MANY = "Слишком много заявок с этого адреса. Подождите час или позвоните организатору."


def events_public(request, slug):
    cluster = public_cluster(slug)
    now = timezone.now()
    choices = public_choices(cluster=cluster, now=now)
    form = PublicFilterForm(request.GET, **choices)
    filters = form.filters()
    events = public_event_list(cluster=cluster, filters=filters, now=now)
    page = Paginator(events, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "events/public_list.html",
        {
            "public_cluster": cluster,
            "form": form,
            "filtered": filters.any,
            "page": page,
        },
    )


@require_http_methods(["GET", "POST"])
def event_public(request, slug, pk):
    cluster = public_cluster(slug)
    event = public_event(cluster, pk)
    now = timezone.now()
    slots = slots_with_places().filter(event=event)
    open_slots = slots.filter(starts_at__gt=now)
    count = None
    if request.method == "POST":
        count = ratelimit.hit(
            RATE_SCOPE, request, limit=settings.EVENT_REGISTRATION_RATE, window=RATE_WINDOW
        )
        seen = count.hits - 1  # posts before this one, this hour
    else:
        seen = ratelimit.peek(RATE_SCOPE, request, window=RATE_WINDOW)
    form = PublicRegistrationForm(
        request.POST or None,
        event=event,
        slots=open_slots,
        prefix=None,
        now=time.time(),
        challenge=seen >= settings.EVENT_CHALLENGE_AFTER,
    )
    status = 200
    if count is not None:
        if count.exceeded:
            form.add_error(None, TOO_MANY)
            status = 429
        elif form.is_bot:
            # A robot filled the hidden field: answer as if accepted, write nothing.
            messages.success(request, "Заявка принята.")
            return redirect("events:event_public", slug=slug, pk=pk)
        elif form.is_valid():
            try:
                registration = registration_create(
                    **form.values(), source=GroupRegistration.Source.PUBLIC
                )
            except ValidationError as error:
                form_errors(form, error)
            else:
                return redirect("events:event_registration_status", token=registration.token)
        if status == 200:
            status = 400
    return render(
        request,
        "events/public_detail.html",
        {
            "public_cluster": cluster,
            "event": event,
            "slots": list(slots),
            "partners": list(event.partners.order_by("short_name")),
            "form": form,
            "can_register": event.accepts_registrations and open_slots.exists(),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def registration_status(request, token):
    """A school's own registration, reached by the link it was given; it may cancel here."""
    registration = get_object_or_404(
        GroupRegistration.objects.select_related("slot__event__cluster", "slot__event__kind"),
        token=token,
    )
    event = registration.slot.event
    if request.method == "POST":
        return action_submit(
            request,
            lambda: registration_cancel(registration=registration, actor=None),
            success="Заявка отменена. Спасибо, что предупредили!",
            next_url=reverse("events:event_registration_status", args=[token]),
        )
    waiting_before = 0
    if registration.status == GroupRegistration.Status.WAITLISTED:
        waiting_before = GroupRegistration.objects.filter(
            slot=registration.slot,
            status=GroupRegistration.Status.WAITLISTED,
            created_at__lt=registration.created_at,
        ).count()
    response = render(
        request,
        "events/public_registration.html",
        {
            "public_cluster": event.cluster,
            "registration": registration,
            "event": event,
            "waiting_before": waiting_before,
            "can_cancel": registration.status not in GroupRegistration.CLOSED
            and event.status != event.Status.HELD,
        },
    )
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response
