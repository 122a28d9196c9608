"""Sign-in pages of events: the cluster's list, creating and editing an event, its time slots,
its state, and the cluster's kinds of events."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from core.views import action_submit, form_error_text, form_errors, form_submit
from events.access import (
    access_event,
    access_events_cluster,
    can_create_events,
    can_erase_personal_data,
    can_manage_event,
    host_choices,
)
from events.forms import (
    CompetitorForm,
    EventForm,
    EvidenceFileForm,
    EvidenceLinkForm,
    KindForm,
    ManageFilterForm,
    SlotForm,
    SlotFormSet,
)
from events.models import Event, TimeSlot
from events.selectors.events import event_list, event_page
from events.services import (
    event_create,
    event_kind_create,
    event_kinds_ensure,
    event_slot_add,
    event_slot_remove,
    event_slot_update,
    event_status_set,
    event_update,
)
from orgs.access import can_manage_cluster, own_organization_id
from orgs.models import Organization

PER_PAGE = 30


@login_required
def event_list_view(request, slug):
    cluster = access_events_cluster(request.user, slug)
    kinds = event_kinds_ensure(cluster=cluster)
    values = list(
        Event.objects.filter(cluster=cluster).values_list("profession", "municipality").distinct()
    )
    hosts = Organization.objects.filter(hosted_events__cluster=cluster).distinct()
    form = ManageFilterForm(
        request.GET,
        kinds=kinds,
        professions=sorted({p for p, _ in values if p}),
        municipalities=sorted({m for _, m in values if m}),
        hosts=hosts.order_by("short_name"),
    )
    filters = form.filters()
    page = Paginator(event_list(cluster=cluster, filters=filters), PER_PAGE).get_page(
        request.GET.get("page")
    )
    own = own_organization_id(request.user, cluster)
    for event in page.object_list:
        event.manageable = can_manage_event(request.user, cluster, event.host_id)
    return render(
        request,
        "events/event_list.html",
        {
            "cluster": cluster,
            "form": form,
            "filtered": filters.any,
            "page": page,
            "can_create": can_create_events(request.user, cluster),
            "can_manage_cluster": can_manage_cluster(request.user, cluster),
            "own_organization_id": own,
        },
    )


def _slot_formset(request, initial=None):
    return SlotFormSet(request.POST or None, prefix="slots", initial=initial or [{}])


@login_required
@require_http_methods(["GET", "POST"])
def event_create_view(request, slug):
    cluster = access_events_cluster(request.user, slug, for_create=True)
    event_kinds_ensure(cluster=cluster)
    if not host_choices(request.user, cluster).exists():
        raise PermissionDenied(
            "Ваша организация не входит в кластер — добавлять мероприятия нельзя."
        )
    initial = {}
    if request.GET.get("activity", "").isdigit():
        initial["activity"] = int(request.GET["activity"])
    form = EventForm(request.POST or None, user=request.user, cluster=cluster, initial=initial)
    slots = _slot_formset(request)
    if request.method == "POST" and form.is_valid() and slots.is_valid():
        values = form.values()
        if not can_manage_event(request.user, cluster, values["host"].pk):
            raise PermissionDenied("Создавать мероприятия можно только от имени своей организации.")
        try:
            event = event_create(
                cluster=cluster,
                actor=request.user,
                partners=list(form.cleaned_data["partners"]),
                slots=[f.slot() for f in slots.forms if f.cleaned_data],
                **values,
            )
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, "Мероприятие добавлено.")
            return redirect("events:event_detail", pk=event.pk)
    return render(
        request,
        "events/event_form.html",
        {"cluster": cluster, "form": form, "slots": slots, "creating": True},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_edit_view(request, pk):
    event = access_event(request.user, pk, for_change=True)
    form = EventForm(
        request.POST or None,
        user=request.user,
        cluster=event.cluster,
        instance=event,
        initial={"partners": list(event.partners.values_list("pk", flat=True))},
    )
    if done := form_submit(
        request,
        form,
        lambda data: event_update(
            event=event, actor=request.user, partners=list(data["partners"]), **form.values()
        ),
        success="Изменения сохранены.",
        next_url=reverse("events:event_detail", args=[event.pk]),
    ):
        return done
    return render(
        request,
        "events/event_form.html",
        {"cluster": event.cluster, "event": event, "form": form, "creating": False},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def event_detail_view(request, pk):
    event = access_event(request.user, pk)
    cluster = event.cluster
    can_manage = can_manage_event(request.user, cluster, event.host_id)
    context = {
        "cluster": cluster,
        "event": event,
        "can_manage": can_manage,
        "can_erase": can_erase_personal_data(request.user),
        "transitions": _transitions(event),
        **event_page(event),
    }
    if can_manage:
        context.update(
            slot_form=SlotForm(prefix="slot"),
            file_form=EvidenceFileForm(),
            link_form=EvidenceLinkForm(),
            competitor_form=CompetitorForm() if event.kind.named_participants else None,
        )
    return render(request, "events/event_detail.html", context)


TRANSITION_LABELS = {
    Event.Status.OPEN: "Открыть запись",
    Event.Status.PLANNED: "Закрыть запись",
    Event.Status.CANCELLED: "Отменить мероприятие",
}


def _transitions(event: Event) -> list[tuple[str, str]]:
    from events.services.events import TRANSITIONS

    labels = dict(TRANSITION_LABELS)
    if event.status == Event.Status.CANCELLED:
        labels[Event.Status.PLANNED] = "Вернуть в план"
    return [(status, labels[status]) for status in TRANSITIONS.get(event.status, ())]


@login_required
@require_POST
def event_status_view(request, pk):
    event = access_event(request.user, pk, for_change=True)
    return action_submit(
        request,
        lambda: event_status_set(
            event=event, status=request.POST.get("status", ""), actor=request.user
        ),
        success=lambda event: f"Мероприятие: {event.get_status_display()}.",
        next_url=reverse("events:event_detail", args=[pk]),
    )


@login_required
@require_POST
def slot_add_view(request, pk):
    event = access_event(request.user, pk, for_change=True)
    form = SlotForm(request.POST, prefix="slot")
    detail = reverse("events:event_detail", args=[pk])
    if not form.is_valid():
        messages.error(request, "Время не добавлено: " + form_error_text(form))
        return redirect(detail)
    return action_submit(
        request,
        lambda: event_slot_add(event=event, slot=form.slot(), actor=request.user),
        success="Время добавлено.",
        next_url=detail,
    )


def _slot_of(request, slot_pk: int) -> TimeSlot:
    slot = TimeSlot.objects.filter(pk=slot_pk).first()
    if slot is None:
        raise Http404("Время не найдено.")
    access_event(request.user, slot.event_id, for_change=True)
    return slot


@login_required
@require_http_methods(["GET", "POST"])
def slot_edit_view(request, pk):
    slot = _slot_of(request, pk)
    event = slot.event
    form = SlotForm(request.POST or None, prefix="slot", initial=SlotForm.initial_for(slot))
    if done := form_submit(
        request,
        form,
        lambda data: event_slot_update(slot=slot, data=form.slot(), actor=request.user),
        success="Время изменено.",
        next_url=reverse("events:event_detail", args=[event.pk]),
    ):
        return done
    return render(
        request,
        "events/slot_form.html",
        {"cluster": event.cluster, "event": event, "slot": slot, "form": form},
    )


@login_required
@require_POST
def slot_remove_view(request, pk):
    slot = _slot_of(request, pk)
    return action_submit(
        request,
        lambda: event_slot_remove(slot=slot, actor=request.user),
        success="Время удалено.",
        next_url=reverse("events:event_detail", args=[slot.event_id]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_kinds_view(request, slug):
    cluster = access_events_cluster(request.user, slug)
    kinds = event_kinds_ensure(cluster=cluster)
    can_manage = can_manage_cluster(request.user, cluster)
    form = KindForm(request.POST or None)
    if request.method == "POST" and not can_manage:
        raise PermissionDenied("Виды мероприятий добавляет координатор кластера.")
    if done := form_submit(
        request,
        form,
        lambda data: event_kind_create(cluster=cluster, actor=request.user, **data),
        success="Вид мероприятия добавлен.",
        next_url=reverse("events:event_kinds", args=[slug]),
    ):
        return done
    return render(
        request,
        "events/kinds.html",
        {
            "cluster": cluster,
            "kinds": sorted(kinds, key=lambda k: (k.position, k.name)),
            "form": form,
            "can_manage": can_manage,
        },
    )
