"""Sign-in pages for an event's groups: enter one by hand, confirm, decline, cancel, mark
attendance, register a list from XLSX (preview → confirm), download the list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from core.office import download
from core.views import action_submit, error_text, form_submit
from events.access import access_event, access_registration, can_erase_personal_data
from events.exports import bulk_template_xlsx, registrations_xlsx
from events.forms import AttendanceForm, BulkUploadForm, ManualRegistrationForm
from events.models import GroupRegistration
from events.selectors.events import slots_with_places
from events.services import (
    attendance_mark,
    registration_cancel,
    registration_confirm,
    registration_contact_erase,
    registration_create,
    registration_decline,
    registrations_bulk_import,
    registrations_bulk_preview,
)

BULK_SALT = "events.bulk-registration"
BULK_MAX_AGE = 3600


@login_required
@require_http_methods(["GET", "POST"])
def registration_add_view(request, pk):
    event = access_event(request.user, pk, for_change=True)
    form = ManualRegistrationForm(
        request.POST or None, event=event, slots=slots_with_places().filter(event=event)
    )
    if done := form_submit(
        request,
        form,
        lambda data: registration_create(
            **form.values(), source=GroupRegistration.Source.MANUAL, actor=request.user
        ),
        success=lambda registration: f"Группа записана: {registration.get_status_display()}.",
        next_url=reverse("events:event_detail", args=[pk]),
    ):
        return done
    return render(
        request,
        "events/registration_form.html",
        {"cluster": event.cluster, "event": event, "form": form},
        status=400 if request.method == "POST" else 200,
    )


ACTIONS = {
    "confirm": (registration_confirm, "Заявка подтверждена — педагогу ушло письмо."),
    "decline": (registration_decline, "Заявка отклонена."),
    "cancel": (registration_cancel, "Заявка отменена."),
}


@login_required
@require_POST
def registration_action_view(request, pk, action):
    registration = access_registration(request.user, pk, for_change=True)
    if action not in ACTIONS:
        raise Http404("Нет такого действия.")
    service, done = ACTIONS[action]
    kwargs = {"registration": registration, "actor": request.user}
    if action == "decline":
        kwargs["reason"] = request.POST.get("reason", "")
    return action_submit(
        request,
        lambda: service(**kwargs),
        success=done,
        next_url=reverse("events:event_detail", args=[registration.slot.event_id]),
    )


@login_required
@require_POST
def registration_erase_view(request, pk):
    registration = access_registration(request.user, pk, for_change=True)
    if not can_erase_personal_data(request.user):
        raise PermissionDenied("Удалить персональные данные педагога может администратор.")
    registration_contact_erase(registration=registration, actor=request.user)
    messages.success(request, "Данные педагога удалены; число учеников и посещаемость сохранены.")
    return redirect("events:event_detail", pk=registration.slot.event_id)


@login_required
@require_http_methods(["GET", "POST"])
def attendance_view(request, pk):
    event = access_event(request.user, pk, for_change=True)
    registrations = list(
        GroupRegistration.objects.filter(slot__event=event)
        .select_related("slot")
        .order_by("slot__starts_at", "created_at", "pk")
    )
    form = AttendanceForm(request.POST or None, registrations=registrations)
    if done := form_submit(
        request,
        form,
        lambda data: attendance_mark(event=event, counts=form.counts(), actor=request.user),
        success="Посещаемость сохранена, мероприятие отмечено проведённым.",
        next_url=reverse("events:event_detail", args=[pk]),
    ):
        return done
    return render(
        request,
        "events/attendance.html",
        {"cluster": event.cluster, "event": event, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def bulk_upload_view(request, pk):
    """Upload → preview with errors per row; nothing is written here."""
    event = access_event(request.user, pk, for_change=True)
    form = BulkUploadForm(request.POST or None, request.FILES or None)
    preview = payload = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        preview = registrations_bulk_preview(event=event, filename=upload.name, data=upload.read())
        if preview.ok:
            payload = signing.dumps(
                {"event": event.pk, "user": request.user.pk, "rows": preview.payload()},
                salt=BULK_SALT,
                compress=True,
            )
    return render(
        request,
        "events/bulk.html",
        {
            "cluster": event.cluster,
            "event": event,
            "form": form,
            "preview": preview,
            "payload": payload,
        },
        status=400 if preview is not None and not preview.ok else 200,
    )


@login_required
@require_POST
def bulk_confirm_view(request, pk):
    """Write the previewed list, all rows or none."""
    event = access_event(request.user, pk, for_change=True)
    try:
        data = signing.loads(request.POST.get("payload", ""), salt=BULK_SALT, max_age=BULK_MAX_AGE)
    except signing.BadSignature:
        messages.error(request, "Проверка списка устарела или повреждена — загрузите файл снова.")
        return redirect("events:event_bulk", pk=pk)
    if data.get("event") != event.pk or data.get("user") != request.user.pk:
        messages.error(
            request, "Этот список проверялся для другого мероприятия — загрузите его снова."
        )
        return redirect("events:event_bulk", pk=pk)
    try:
        created = registrations_bulk_import(event=event, rows=data["rows"], actor=request.user)
    except ValidationError as error:
        messages.error(request, "Ничего не записано. " + error_text(error))
        return redirect("events:event_bulk", pk=pk)
    waiting = sum(1 for r in created if r.status == GroupRegistration.Status.WAITLISTED)
    note = f", из них в листе ожидания: {waiting}" if waiting else ""
    messages.success(request, f"Записано групп: {len(created)}{note}.")
    return redirect("events:event_detail", pk=pk)


@login_required
def bulk_template_view(request, pk):
    event = access_event(request.user, pk, for_change=True)
    return download(bulk_template_xlsx(event), f"Шаблон списка групп — {event.title}.xlsx", "xlsx")


@login_required
def registrations_export_view(request, pk):
    event = access_event(request.user, pk, for_change=True)
    registrations = list(
        GroupRegistration.objects.filter(slot__event=event)
        .select_related("slot")
        .order_by("slot__starts_at", "created_at", "pk")
    )
    return download(
        registrations_xlsx(event, registrations), f"Группы — {event.title}.xlsx", "xlsx"
    )
